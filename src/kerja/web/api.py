"""The JSON API of SPEC §13: parse, call a service, answer. The pages use the same services."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ..domain.errors import KerjaError, NotAllowed, NotFound
from ..domain.values import parse_iso_date, parse_month, parse_time
from ..services import akun, mandiri, permohonan
from .core import COOKIE, SESSION_SECONDS, Ctx, Service, route


def _text(data: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    v = data.get(key)
    if v is None or v == "":
        if required:
            raise KerjaError(f"{key} wajib diisi.")
        return None
    if not isinstance(v, str):
        raise KerjaError(f"{key} harus berupa teks.")
    return v


def _parse(fn: Any, text: str | None, name: str) -> Any:
    if text is None:
        return None
    try:
        return fn(text)
    except ValueError as e:
        raise KerjaError(f"{name}: {e}") from None


def session_json(s: akun.Session) -> dict[str, Any]:
    return {"nip": s.nip, "nama": s.nama, "peran": s.peran, "csrf": s.csrf, "ganti_sandi": s.ganti_sandi}


def masuk(ctx: Ctx) -> Response:
    data = ctx.json()
    nip, sandi = data.get("nip"), data.get("sandi")
    if not isinstance(nip, str) or not isinstance(sandi, str):
        raise KerjaError('Kirim {"nip": "...", "sandi": "..."}.')
    if len(sandi) > 200 or len(nip) > 60:
        raise akun.NotLoggedIn(akun.BAD_LOGIN)
    got = akun.login(ctx.conn, nip, sandi, klien=ctx.client, now=ctx.now)
    ctx.cookies_out.append((COOKIE, got.token, SESSION_SECONDS))
    return JSONResponse(session_json(got.session))


def sandi(ctx: Ctx) -> Response:
    data = ctx.json()
    akun.change_password(ctx.conn, ctx.me, _text(data, "lama") or "", _text(data, "baru") or "", now=ctx.now)
    return JSONResponse({})


def keluar(ctx: Ctx) -> Response:
    akun.logout(ctx.conn, ctx.me)
    ctx.cookies_out.append((COOKIE, "", 0))
    return JSONResponse({})


def saya(ctx: Ctx) -> Response:
    return JSONResponse(mandiri.me(ctx.conn, ctx.me.nip, ctx.me.peran, now=ctx.now))


def _lokasi(value: Any) -> tuple[float, float, float | None] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise KerjaError('lokasi harus {"lat": ..., "lon": ..., "akurasi": ...}.')
    try:
        lat, lon = float(value["lat"]), float(value["lon"])
        akurasi = None if value.get("akurasi") is None else float(value["akurasi"])
    except (KeyError, TypeError, ValueError):
        raise KerjaError("lokasi: lat dan lon wajib berupa angka.") from None
    if isinstance(value["lat"], bool) or isinstance(value["lon"], bool):
        raise KerjaError("lokasi: lat dan lon wajib berupa angka.")
    return lat, lon, akurasi


def presensi(ctx: Ctx) -> Response:
    data = ctx.json()
    unknown = set(data) - {"jenis", "mode", "lokasi"}
    if unknown:
        # e.g. "waktu" or "nip": the server's clock and the logged-in person decide those.
        raise KerjaError(
            f"Kolom {', '.join(sorted(unknown))} tidak diterima; waktu dan NIP diambil dari server."
        )
    out = mandiri.check_in(
        ctx.conn,
        ctx.me.nip,
        _text(data, "jenis") or "",
        mode=_text(data, "mode", required=False),
        lokasi=_lokasi(data.get("lokasi")),
        now=ctx.now,
    )
    return JSONResponse(out, status_code=201)


def kinerja_daftar(ctx: Ctx) -> Response:
    bulan = _parse(parse_month, ctx.request.query_params.get("bulan"), "bulan")
    return JSONResponse(mandiri.my_activities(ctx.conn, ctx.me.nip, bulan))


def kinerja_catat(ctx: Ctx) -> Response:
    data = ctx.json()
    row = mandiri.add_activity(
        ctx.conn,
        ctx.me.nip,
        tanggal=_parse(parse_iso_date, _text(data, "tanggal"), "tanggal"),
        mulai=_parse(parse_time, _text(data, "mulai"), "mulai"),
        selesai=_parse(parse_time, _text(data, "selesai"), "selesai"),
        uraian=_text(data, "uraian") or "",
        output=_text(data, "output", required=False),
        now=ctx.now,
    )
    listed = [
        r for r in mandiri.my_activities(ctx.conn, ctx.me.nip, row["tanggal"][:7]) if r["id"] == row["id"]
    ]
    return JSONResponse(listed[0] if listed else row, status_code=201)


def validasi_daftar(ctx: Ctx) -> Response:
    return JSONResponse(mandiri.to_validate(ctx.conn, ctx.me.nip))


def _ids(value: Any) -> list[int]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        raise KerjaError('id harus daftar nomor kegiatan, mis. {"id": [12, 13]}.')
    return value


def validasi(ctx: Ctx) -> Response:
    data = ctx.json()
    tolak = data.get("tolak", False)
    if not isinstance(tolak, bool):
        raise KerjaError("tolak harus true atau false.")
    out = mandiri.validate(
        ctx.conn,
        ctx.me.nip,
        _ids(data.get("id")),
        tolak=tolak,
        alasan=_text(data, "alasan", required=False),
        now=ctx.now,
    )
    return JSONResponse(out)


def rincian(ctx: Ctx) -> Response:
    bulan = _parse(parse_month, ctx.request.query_params.get("bulan"), "bulan")
    if bulan is None:
        bulan = mandiri.today_date(ctx.conn, ctx.me.nip, ctx.now).isoformat()[:7]
    d = mandiri.detail(ctx.conn, ctx.me.nip, bulan)
    return JSONResponse({k: d[k] for k in ("nip", "bulan", "hari", "rekap")})


def hari_ini(ctx: Ctx) -> Response:
    q = ctx.request.query_params
    tanggal = _parse(parse_iso_date, q.get("tanggal"), "tanggal") or mandiri.today_date(
        ctx.conn, ctx.me.nip, ctx.now
    )
    return JSONResponse(mandiri.day_view(ctx.conn, ctx.me.peran, tanggal, q.get("unit") or None))


def permohonan_ajukan(ctx: Ctx) -> Response:
    data = ctx.json()
    lampiran = None
    if data.get("lampiran"):
        if not isinstance(data["lampiran"], str):
            raise KerjaError("lampiran harus isi berkas dalam base64.")
        try:
            lampiran = base64.b64decode(data["lampiran"], validate=True)
        except (binascii.Error, ValueError):
            raise KerjaError("lampiran bukan base64 yang sah.") from None
    fields = {
        k: data.get(k) for k in ("jenis", "tanggal", "sampai", "kode", "masuk", "pulang", "mode", "alasan")
    }
    out = permohonan.submit(ctx.conn, ctx.me.nip, fields, lampiran=lampiran, now=ctx.now)
    return JSONResponse(out, status_code=201)


def permohonan_daftar(ctx: Ctx) -> Response:
    menunggu = ctx.request.query_params.get("menunggu") in ("1", "true", "ya")
    rows = permohonan.listing(ctx.conn, nip=ctx.me.nip, pemutus=ctx.me.nip, menunggu=menunggu)
    return JSONResponse(rows)


def _request_id(ctx: Ctx) -> int:
    raw = ctx.request.path_params.get("id", "")
    if not str(raw).isdigit() or len(str(raw)) > 12:
        raise NotFound(f"Permohonan {raw!r} tidak ada.")
    return int(raw)


def putusan(ctx: Ctx) -> Response:
    data = ctx.json()
    setuju = data.get("setuju")
    if not isinstance(setuju, bool):
        raise KerjaError("setuju harus true atau false.")
    out = permohonan.decide(
        ctx.conn,
        _request_id(ctx),
        oleh=ctx.me.nip,
        setuju=setuju,
        alasan=_text(data, "alasan", required=False),
        now=ctx.now,
    )
    return JSONResponse(out)


def lampiran(ctx: Ctx) -> Response:
    path, ctype = permohonan.attachment(ctx.conn, _request_id(ctx), viewer=ctx.me.nip)
    if not path.is_file():
        raise NotFound("Berkas lampiran tidak ditemukan di folder lampiran.")
    return FileResponse(path, media_type=ctype, filename=path.name, content_disposition_type="attachment")


def not_allowed(_ctx: Ctx) -> Response:
    raise NotAllowed("Tidak diizinkan.")


def routes(service: Service) -> list[Route]:
    def api(path: str, handler: Any, method: str = "GET", **kw: Any) -> Route:
        csrf = method == "POST" and path != "/api/masuk"
        return Route(path, route(service, handler, kind="api", csrf=csrf, **kw), methods=[method])

    return [
        api("/api/masuk", masuk, "POST", auth=False),
        api("/api/sandi", sandi, "POST", during_password_change=True),
        api("/api/keluar", keluar, "POST", during_password_change=True),
        api("/api/saya", saya, during_password_change=True),
        api("/api/presensi", presensi, "POST"),
        api("/api/kinerja", kinerja_daftar),
        api("/api/kinerja", kinerja_catat, "POST"),
        api("/api/validasi", validasi_daftar),
        api("/api/validasi", validasi, "POST"),
        api("/api/rincian", rincian),
        api("/api/hari-ini", hari_ini),
        api("/api/permohonan", permohonan_daftar),
        api("/api/permohonan", permohonan_ajukan, "POST"),
        api("/api/permohonan/{id}/putusan", putusan, "POST"),
        Route("/permohonan/{id}/lampiran", route(service, lampiran, kind="page"), methods=["GET"]),
    ]
