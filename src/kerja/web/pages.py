"""The pages: server-side templates (Jinja2, every value escaped), plain HTML forms that work
without JavaScript, each POST carrying the session's form token; static/kerja.js only adds the
browser's location to the check-in form and a "select all" box. Each form posts, the handler calls
the same service as the API, and answers with a redirect to the page and a one-time message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..domain.errors import KerjaError, NotAllowed, NotLoggedIn, TooManyAttempts
from ..domain.values import parse_iso_date, parse_month, parse_time
from ..services import akun, mandiri, permohonan
from .core import COOKIE, PRE_COOKIE, SESSION_SECONDS, Ctx, Service, new_pre_token, route

HERE = Path(__file__).parent
_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_service: Service | None = None

KODE_NAMA = {
    "S": "Sakit",
    "I": "Izin",
    "CT": "Cuti tahunan",
    "CB": "Cuti besar",
    "CS": "Cuti sakit",
    "CM": "Cuti melahirkan",
    "CAP": "Cuti alasan penting",
    "CLTN": "Cuti di luar tanggungan negara",
    "DL": "Dinas luar",
    "TB": "Tugas belajar",
    "IH": "Izin setengah hari",
    "SS": "Sakit tanpa surat dokter",
}


def render(ctx: Ctx | None, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    s = ctx.session if ctx is not None else None
    base: dict[str, Any] = {"me": s, "csrf": s.csrf if s else "", "path": ctx.request.url.path if ctx else ""}
    if ctx is not None:
        base["instansi"] = mandiri.institution_name(ctx.conn)
        if s is not None and not s.ganti_sandi:
            base["atasan"] = mandiri.supervises(ctx.conn, s.nip)
        if _service is not None:
            base["pesan"] = _service.heard(s)
    return HTMLResponse(_env.get_template(name).render(**base, **values), status_code=status)


def error_page(ctx: Ctx | None, message: str, status: int) -> Response:
    return render(ctx, "galat.html", status, galat=message)


def _go(path: str) -> Response:
    return RedirectResponse(path, status_code=303)


def _ok(ctx: Ctx, message: str, path: str) -> Response:
    assert _service is not None
    _service.say(ctx.session, "ok", message)
    return _go(path)


# Logging in and out ----------------------------------------------------------------------------


def masuk_form(ctx: Ctx, galat: str | None = None, status: int = 200) -> Response:
    if ctx.session is not None and galat is None:
        return _go("/")
    token = new_pre_token()
    ctx.cookies_out.append((PRE_COOKIE, token, 3600))
    response = render(ctx, "masuk.html", status, pra=token, galat=galat, nip=ctx.field("nip") or "")
    return response


def masuk(ctx: Ctx) -> Response:
    import hmac

    sent, kept = ctx.field("pra") or "", ctx.request.cookies.get(PRE_COOKIE, "")
    if not sent or not hmac.compare_digest(sent.encode(), kept.encode()):
        return masuk_form(ctx, "Formulir kedaluwarsa; silakan coba lagi.", 403)
    try:
        got = akun.login(
            ctx.conn, ctx.field("nip") or "", ctx.field("sandi") or "", klien=ctx.client, now=ctx.now
        )
    except (NotLoggedIn, TooManyAttempts, NotAllowed) as e:
        code = 401 if isinstance(e, NotLoggedIn) else 429 if isinstance(e, TooManyAttempts) else 403
        return masuk_form(ctx, str(e), code)
    response = _go("/sandi" if got.session.ganti_sandi else "/hari-ini")
    ctx.cookies_out.append((COOKIE, got.token, SESSION_SECONDS))
    ctx.cookies_out.append((PRE_COOKIE, "", 0))
    return response


def keluar(ctx: Ctx) -> Response:
    akun.logout(ctx.conn, ctx.me)
    ctx.cookies_out.append((COOKIE, "", 0))
    return _go("/masuk")


def sandi_form(ctx: Ctx) -> Response:
    return render(ctx, "sandi.html")


def sandi(ctx: Ctx) -> Response:
    baru = ctx.field("baru") or ""
    if baru != (ctx.field("ulang") or ""):
        raise KerjaError("Sandi baru dan ulangannya tidak sama.")
    akun.change_password(ctx.conn, ctx.me, ctx.field("lama") or "", baru, now=ctx.now)
    return _ok(ctx, "Sandi diganti.", "/hari-ini")


def root(ctx: Ctx) -> Response:
    return _go("/hari-ini" if ctx.session else "/masuk")


# The employee's day ----------------------------------------------------------------------------


def hari_ini(ctx: Ctx) -> Response:
    day = mandiri.today(ctx.conn, ctx.me.nip, now=ctx.now)
    me = mandiri.me(ctx.conn, ctx.me.nip, ctx.me.peran, now=ctx.now)
    return render(ctx, "hari_ini.html", day=day, saya=me)


def _float(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise KerjaError(f"lokasi {text!r} bukan angka.") from None


def presensi(ctx: Ctx) -> Response:
    lat, lon = _float(ctx.field("lat")), _float(ctx.field("lon"))
    lokasi = (lat, lon, _float(ctx.field("akurasi"))) if lat is not None and lon is not None else None
    out = mandiri.check_in(
        ctx.conn,
        ctx.me.nip,
        ctx.field("jenis") or "",
        mode=ctx.field("mode") or None,
        lokasi=lokasi,
        now=ctx.now,
    )
    jam = out["waktu"][11:16]
    text = f"{'Masuk' if out['jenis'] == 'masuk' else 'Pulang'} tercatat pukul {jam} ({out['mode']})"
    if out["telat_menit"]:
        text += f", terlambat {out['telat_menit']} menit"
    if out["cepat_menit"]:
        text += f", pulang cepat {out['cepat_menit']} menit"
    if out["catatan"]:
        text += f"; {out['catatan']}"
    return _ok(ctx, text + ".", "/hari-ini")


def _month(ctx: Ctx) -> str:
    text = ctx.request.query_params.get("bulan")
    if text:
        try:
            return parse_month(text)
        except ValueError as e:
            raise KerjaError(f"bulan: {e}") from None
    return mandiri.today_date(ctx.conn, ctx.me.nip, ctx.now).isoformat()[:7]


def kinerja(ctx: Ctx) -> Response:
    bulan = _month(ctx)
    rows = mandiri.my_activities(ctx.conn, ctx.me.nip, bulan)
    today = mandiri.today_date(ctx.conn, ctx.me.nip, ctx.now).isoformat()
    return render(ctx, "kinerja.html", bulan=bulan, kegiatan=rows, hari_ini=today)


def _parsed(fn: Any, name: str, ctx: Ctx) -> Any:
    text = (ctx.field(name) or "").strip()
    if not text:
        raise KerjaError(f"{name} wajib diisi.")
    try:
        return fn(text)
    except ValueError as e:
        raise KerjaError(f"{name}: {e}") from None


def kinerja_catat(ctx: Ctx) -> Response:
    row = mandiri.add_activity(
        ctx.conn,
        ctx.me.nip,
        tanggal=_parsed(parse_iso_date, "tanggal", ctx),
        mulai=_parsed(parse_time, "mulai", ctx),
        selesai=_parsed(parse_time, "selesai", ctx),
        uraian=ctx.field("uraian") or "",
        output=ctx.field("output") or None,
        now=ctx.now,
    )
    return _ok(
        ctx, f"Kegiatan #{row['id']} dicatat ({row['menit']} menit), menunggu validasi atasan.", "/kinerja"
    )


# Supervisors -----------------------------------------------------------------------------------


def validasi(ctx: Ctx) -> Response:
    rows = mandiri.to_validate(ctx.conn, ctx.me.nip)
    mine = permohonan.listing(ctx.conn, pemutus=ctx.me.nip, menunggu=True)
    return render(ctx, "validasi.html", kegiatan=rows, permohonan=mine, kode_nama=KODE_NAMA)


def validasi_kirim(ctx: Ctx) -> Response:
    try:
        ids = [int(i) for i in ctx.fields.get("id", [])]
    except ValueError:
        raise KerjaError("Nomor kegiatan tidak sah.") from None
    tolak = ctx.field("aksi") == "tolak"
    out = mandiri.validate(ctx.conn, ctx.me.nip, ids, tolak=tolak, alasan=ctx.field("alasan"), now=ctx.now)
    text = f"{out['ditolak']} kegiatan ditolak." if tolak else f"{out['disetujui']} kegiatan disetujui."
    return _ok(ctx, text, "/validasi")


def putusan(ctx: Ctx) -> Response:
    raw = ctx.request.path_params.get("id", "")
    if not str(raw).isdigit():
        raise KerjaError("Nomor permohonan tidak sah.")
    setuju = ctx.field("setuju") == "ya"
    out = permohonan.decide(
        ctx.conn, int(raw), oleh=ctx.me.nip, setuju=setuju, alasan=ctx.field("alasan"), now=ctx.now
    )
    return _ok(ctx, f"Permohonan #{out['id']} {out['status']}.", "/validasi")


# Requests, the month, the institution's day ----------------------------------------------------


def permohonan_page(ctx: Ctx) -> Response:
    rows = permohonan.listing(ctx.conn, nip=ctx.me.nip)
    today = mandiri.today_date(ctx.conn, ctx.me.nip, ctx.now).isoformat()
    return render(ctx, "permohonan.html", permohonan=rows, kode_nama=KODE_NAMA, hari_ini=today)


def permohonan_kirim(ctx: Ctx) -> Response:
    fields = {
        k: ctx.field(k) for k in ("jenis", "tanggal", "sampai", "kode", "masuk", "pulang", "mode", "alasan")
    }
    out = permohonan.submit(ctx.conn, ctx.me.nip, fields, lampiran=ctx.files.get("lampiran"), now=ctx.now)
    return _ok(ctx, f"Permohonan #{out['id']} dikirim ke atasan.", "/permohonan")


def bulan(ctx: Ctx) -> Response:
    b = _month(ctx)
    return render(ctx, "bulan.html", bulan=b, d=mandiri.detail(ctx.conn, ctx.me.nip, b))


def petugas(ctx: Ctx) -> Response:
    q = ctx.request.query_params
    tanggal = mandiri.today_date(ctx.conn, ctx.me.nip, ctx.now)
    if q.get("tanggal"):
        try:
            tanggal = parse_iso_date(q["tanggal"])
        except ValueError as e:
            raise KerjaError(f"tanggal: {e}") from None
    view = mandiri.day_view(ctx.conn, ctx.me.peran, tanggal, q.get("unit") or None)
    return render(ctx, "petugas.html", v=view, unit=q.get("unit") or "")


def routes(service: Service) -> list[Route]:
    global _service
    _service = service

    def page(path: str, handler: Any, method: str = "GET", **kw: Any) -> Route:
        csrf = method == "POST" and path != "/masuk"
        return Route(path, route(service, handler, kind="page", csrf=csrf, **kw), methods=[method])

    return [
        page("/", root, auth=False),
        page("/masuk", masuk_form, auth=False),
        page("/masuk", masuk, "POST", auth=False),
        page("/keluar", keluar, "POST", during_password_change=True),
        page("/sandi", sandi_form, during_password_change=True),
        page("/sandi", sandi, "POST", during_password_change=True),
        page("/hari-ini", hari_ini),
        page("/hari-ini", presensi, "POST"),
        page("/kinerja", kinerja),
        page("/kinerja", kinerja_catat, "POST"),
        page("/validasi", validasi),
        page("/validasi", validasi_kirim, "POST"),
        page("/validasi/permohonan/{id}", putusan, "POST"),
        page("/permohonan", permohonan_page),
        page("/permohonan", permohonan_kirim, "POST"),
        page("/bulan", bulan),
        page("/petugas", petugas),
    ]
