"""kerja presensi: check-in/out, machine files, declared statuses, the day's presence."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import typer

from . import params
from .base import EXIT_RULES_UNMET, OPT_JSON, OPT_LEBAR, OPT_OLEH, App, actor, now, open_db

app = App(
    help="Presensi: masuk/pulang, impor mesin absensi, status hari (sakit, cuti, DL), "
    "rekap harian dan yang belum hadir."
)

OPT_WAKTU = params.option(
    None,
    "--waktu",
    type=params.DATETIME,
    help="Waktu lokal unit 'YYYY-MM-DD HH:MM' (dicatat mundur; perlu --oleh).",
)
OPT_TANGGAL = params.date_option("--tanggal", "Tanggal YYYY-MM-DD (bawaan: hari ini).")
OPT_UNIT = typer.Option(None, "--unit", help="Unit/OPD (nama atau jalur) beserta sub-unitnya.")
OPT_MODE = params.option(None, "--mode", type=params.MODE, help="Bawaan: jadwal hari itu, lalu WFO.")


def _emit_rows(rows: list[dict]) -> None:
    """A JSON list, one row a line: still one document, and the C encoder stays on (an indented
    dump goes through the pure-Python one, a visible share of a cron run over a big OPD)."""
    import sys

    from ..io.json_rows import write_rows

    write_rows(rows, sys.stdout)


def _record(nip: str, jenis: str, waktu: datetime | None, mode: str | None, oleh: str | None) -> None:
    from ..services.punch import record  # the punch alone, not the whole presence service

    conn = open_db()
    r = record(
        conn,
        nip,
        jenis,
        oleh=oleh,
        pengguna=actor(None),
        now=now(),
        waktu=waktu,
        mode=mode.upper() if mode else None,
    )
    kata = "Masuk" if jenis == "masuk" else "Pulang"
    if r.ulang:
        print(
            f"{kata} {r.nama} ({r.nip}) {r.tanggal} {r.waktu[11:16]} {r.zona}, {r.mode} sudah tercatat "
            f"(id {r.id}) kurang dari semenit yang lalu; tidak dicatat dua kali."
        )
        return
    print(f"{kata} {r.nama} ({r.nip}) {r.tanggal} {r.waktu[11:16]} {r.zona}, {r.mode}.")
    _feedback(conn, r, jenis)


def _feedback(conn: Any, r: Any, jenis: str) -> None:
    """After a punch: lateness (or leaving early) against the day's hours, the roster's place
    for the day, and a warning when the punch does not fit the roster or a declared status."""
    from ..services.punch import KODE_NAMA, punch_feedback
    from . import render

    fb = punch_feedback(conn, r.nip, jenis, r.waktu, r.mode)
    words: list[str] = []
    if not fb["hari_kerja"]:
        pass  # no hours to be late against
    elif jenis == "masuk":
        if fb["telat_menit"]:
            tier = f", TL{fb['tingkat']}" if fb["tingkat"] else ""
            words.append(
                f"Terlambat {fb['telat_menit']} menit dari jam masuk {fb['jam_masuk']} {r.zona}{tier}."
            )
        else:
            words.append(f"Tepat waktu (jam masuk {fb['jam_masuk']} {r.zona}).")
    elif fb["cepat_menit"]:
        tier = f", PSW{fb['tingkat']}" if fb["tingkat"] else ""
        words.append(
            f"Pulang {fb['cepat_menit']} menit sebelum jam pulang {fb['jam_pulang']} {r.zona}{tier}."
        )
    if fb["jadwal"]:
        words.append(f"Jadwal {r.tanggal}: {fb['jadwal']}.")
    elif fb["hari_kerja"]:
        words.append(f"Belum ada jadwal WFO/WFH untuk {r.tanggal}.")
    if words:
        print(" ".join(words))
    if fb.get("libur"):
        render.note(f"Peringatan: {r.tanggal} hari libur ({fb['libur']}), bukan hari kerja.")
    elif not fb["hari_kerja"]:
        render.note(f"Peringatan: {r.tanggal} bukan hari kerja menurut aturan jam kerja.")
    if fb["status"]:
        render.note(
            f"Peringatan: {r.nip} berstatus {fb['status']} ({KODE_NAMA.get(fb['status'], fb['status'])}) "
            f"pada {r.tanggal}; status itu yang berlaku untuk hari itu, bukan presensi ini."
        )
    if fb["tidak_sesuai_jadwal"]:
        render.note(
            f"Peringatan: tidak sesuai jadwal: {r.tanggal} dijadwalkan {fb['jadwal']}, "
            f"presensi dicatat {r.mode}. Bila jadwalnya berubah: "
            f"`kerja jadwal ubah {r.nip} {r.tanggal} {r.mode} --alasan ...`."
        )


@app.command()
def masuk(
    nip: str = params.nip_argument(),
    waktu: datetime | None = OPT_WAKTU,
    mode: str | None = OPT_MODE,
    oleh: str | None = OPT_OLEH,
) -> None:
    """Catat presensi masuk sekarang (zona unit pegawai), atau mundur dengan --waktu.

    Contoh: [bold]kerja presensi masuk 197508172000031002 --mode wfh[/bold]
    """
    _record(nip, "masuk", waktu, mode, oleh)


@app.command()
def pulang(
    nip: str = params.nip_argument(),
    waktu: datetime | None = OPT_WAKTU,
    mode: str | None = OPT_MODE,
    oleh: str | None = OPT_OLEH,
) -> None:
    """Catat presensi pulang sekarang (zona unit pegawai), atau mundur dengan --waktu.

    Contoh: [bold]kerja presensi pulang 197508172000031002 --waktu "2021-02-01 16:05" --oleh 196801011990031001[/bold]
    """  # noqa: E501
    _record(nip, "pulang", waktu, mode, oleh)


@app.command()
def impor(
    berkas: Path = typer.Argument(..., help="Berkas attlog mesin (mis. 1_attlog.dat) atau CSV."),
    format: str | None = params.format_option(
        params.presensi_formats,
        "auto (bawaan: dikenali dari isi berkas) atau salah satu format untuk memaksanya.",
        None,
    ),
    mesin: str | None = typer.Option(
        None,
        "--mesin",
        help="ID mesin asal berkas (terdaftar di `kerja mesin`), bila berkasnya tidak menyebut.",
    ),
    urutan_tanggal: str | None = params.option(
        None,
        "--urutan-tanggal",
        type=params.DATE_ORDER,
        help="hbt (hari/bulan/tahun) atau bht (bulan/hari/tahun) bila berkas tidak bisa memastikannya.",
    ),
    sejak: date | None = params.date_option(
        "--sejak", "Hanya presensi bertanggal ini (YYYY-MM-DD) dan sesudahnya."
    ),
    oleh: str | None = OPT_OLEH,
    as_json: bool = OPT_JSON,
) -> None:
    """Impor presensi dari mesin absensi (attlog ZKTeco/Solution) atau ekspor aplikasi (CSV).

    Satu baris rusak, atau presensi bertanggal sesudah sekarang (lebih dari 5 menit), = tidak ada
    yang disimpan. PIN yang tidak dikenal dilewati dan dilaporkan. Impor ulang berkas yang sama
    tidak menambah apa pun. Di bulan yang sudah dikunci, presensi yang sudah tersimpan dilewati
    diam-diam; presensi baru tidak disimpan, didaftar, dan kode keluarnya 3 (sisanya tetap
    disimpan). Berkas besar disimpan per bagian: bila terhenti, jalankan lagi untuk melengkapinya.

    Contoh: [bold]kerja presensi impor 1_attlog.dat --format attlog[/bold]
    """
    from ..services.presensi import import_file
    from . import render

    fmt = format
    size = berkas.stat().st_size if berkas.is_file() else None
    with render.progress(f"Impor {berkas.name}", size) as bar:
        s = import_file(
            open_db(),
            berkas,
            oleh=actor(oleh),
            now=now(),
            fmt=fmt,
            mesin=mesin,
            urutan_tanggal=urutan_tanggal,
            sejak=sejak,
            progress=bar,
        )
    if as_json:
        render.emit_json(s.__dict__)
        if s.terkunci:
            raise typer.Exit(EXIT_RULES_UNMET)
        return
    if s.pin_tak_dikenal:
        contoh = ", ".join(s.contoh_pin)
        lagi = " ..." if s.jumlah_pin_tak_dikenal > len(s.contoh_pin) else ""
        render.note(
            f"Peringatan: {s.pin_tak_dikenal} presensi dari {s.jumlah_pin_tak_dikenal} PIN "
            f"yang tidak dikenal dilewati: {contoh}{lagi}. Isi PIN mesin pegawai dengan "
            "`kerja pegawai ubah NIP --pin-mesin PIN`, lalu impor ulang."
        )
    print(
        f"{s.berkas}: {s.dibaca} presensi terbaca; {s.ditambah} ditambah, {s.sudah_ada} sudah "
        f"ada, {s.pin_tak_dikenal} dengan PIN tak dikenal"
        + (f", {s.sebelum_sejak} sebelum --sejak dilewati" if s.sebelum_sejak else "")
        + (f", {s.terkunci} di bulan terkunci TIDAK disimpan" if s.terkunci else "")
        + "."
    )
    if s.terkunci:
        lagi = (
            f"\n  ... dan {s.terkunci - len(s.contoh_terkunci)} lagi"
            if s.terkunci > len(s.contoh_terkunci)
            else ""
        )
        print(
            f"Bulan {', '.join(s.bulan_terkunci)} sudah dikunci; {s.terkunci} presensi baru di bulan itu "
            "tidak disimpan (buka dulu dengan `kerja rekap buka`, lalu impor ulang):\n"
            + "\n".join(f"  {x}" for x in s.contoh_terkunci)
            + lagi
        )
        raise typer.Exit(EXIT_RULES_UNMET)


@app.command()
def status(
    nip: str = params.nip_argument(),
    kode: str = params.option(..., "--kode", type=params.STATUS_CODE, help="Kode status hari."),
    mulai: date = params.date_option("--mulai", "Tanggal mulai YYYY-MM-DD.", ...),
    sampai: date | None = params.date_option("--sampai", "Tanggal akhir (bawaan: = --mulai)."),
    keterangan: str = typer.Option(..., "--keterangan", help="Alasan atau nomor surat."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Catat status sehari penuh (sakit, izin, cuti, dinas luar, ...) untuk hari kerja di rentang itu.

    Contoh: [bold]kerja presensi status 197508172000031002 --kode CT --mulai 2021-02-08 --sampai 2021-02-10 --keterangan "Surat cuti 12/2021"[/bold]
    """  # noqa: E501
    from ..services.presensi import KODE_NAMA, declare_status

    row = declare_status(open_db(), nip, kode, mulai, sampai, keterangan, oleh=actor(oleh), now=now())
    print(
        f"Status {row['kode']} ({KODE_NAMA[row['kode']]}) dicatat untuk {row['nip']} "
        f"{row['mulai']} s.d. {row['sampai']}: {row['hari_kerja']} hari kerja "
        f"(id {row['id']})."
    )


@app.command()
def cabut(
    status_id: int = typer.Argument(..., help="Id status (lihat `kerja presensi status-daftar`)."),
    alasan: str = typer.Option(..., "--alasan", help="Mengapa status dicabut."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Cabut status hari yang salah dicatat (tetap tercatat di log audit).

    Contoh: [bold]kerja presensi cabut 12 --alasan "cuti dibatalkan"[/bold]
    """
    from ..services.presensi import withdraw_status

    row = withdraw_status(open_db(), status_id, alasan, oleh=actor(oleh), now=now())
    print(f"Status {row['kode']} {row['nip']} {row['mulai']} s.d. {row['sampai']} (id {status_id}) dicabut.")


@app.command("ubah-status")
def ubah_status(
    status_id: int = typer.Argument(..., help="Id status (lihat `kerja presensi status-daftar`)."),
    mulai: date | None = params.date_option("--mulai", "Tanggal mulai yang baru YYYY-MM-DD."),
    sampai: date | None = params.date_option("--sampai", "Tanggal akhir yang baru YYYY-MM-DD."),
    alasan: str = typer.Option(..., "--alasan", help="Mengapa diubah (dicatat di log audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Perpanjang atau perpendek status hari (cuti diperpanjang, sakit sembuh lebih cepat). Hari
    yang bertambah atau berkurang tidak boleh jatuh di bulan yang dikunci.

    Contoh: [bold]kerja presensi ubah-status 12 --sampai 2021-02-12 --alasan "cuti diperpanjang"[/bold]
    """
    from ..services.koreksi import change_status

    row = change_status(
        open_db(),
        status_id,
        mulai=mulai,
        sampai=sampai,
        alasan=alasan,
        oleh=actor(oleh),
    )
    print(
        f"Status {row['kode']} {row['nip']} (id {status_id}) kini {row['mulai']} s.d. {row['sampai']}: "
        f"{row['hari_kerja']} hari kerja."
    )


@app.command()
def daftar(
    nip: str = params.nip_argument(),
    tanggal: date | None = params.date_option("--tanggal", "Hanya tanggal ini YYYY-MM-DD."),
    as_json: bool = OPT_JSON,
) -> None:
    """Presensi tersimpan seseorang beserta id-nya (yang dibatalkan juga, bertanda), untuk
    `kerja presensi hapus ID`.

    Contoh: [bold]kerja presensi daftar 197508172000031002 --tanggal 2021-02-01[/bold]
    """
    from ..domain.zones import with_zone_name
    from ..services.koreksi import list_events
    from . import render

    rows = list_events(open_db(), nip, tanggal)
    if as_json:
        _emit_rows(
            [{k: r[k] for k in ("id", "waktu", "jenis", "mode", "sumber", "mesin", "batal")} for r in rows]
        )
        return
    render.table(
        f"{len(rows)} presensi {nip}" + (f" pada {tanggal}" if tanggal else ""),
        ["Id", "Waktu", "Jenis", "Mode", "Sumber", "Mesin", "Batal"],
        (
            [
                r["id"],
                with_zone_name(r["waktu"], seconds=True),
                r["jenis"] or "-",
                r["mode"] or "-",
                r["sumber"],
                r["mesin"] or "",
                f"ya ({r['batal_alasan']})" if r["batal"] else "",
            ]
            for r in rows
        ),
    )


@app.command()
def hapus(
    event_id: int = typer.Argument(..., help="Id presensi (lihat `kerja presensi daftar NIP`)."),
    alasan: str = typer.Option(..., "--alasan", help="Mengapa dibatalkan (dicatat di log audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Batalkan presensi yang salah: tetap tersimpan dan bertanda batal, tidak dihitung di mana pun.
    Ditolak bila bulannya sudah dikunci.

    Contoh: [bold]kerja presensi hapus 1234 --alasan "salah orang, tercatat untuk rekan"[/bold]
    """
    from ..domain.zones import with_zone_name
    from ..services.koreksi import void_event

    e = void_event(open_db(), event_id, alasan, oleh=actor(oleh), now=now())
    print(f"Presensi id {event_id} ({e['nip']}, {with_zone_name(e['waktu'])}, {e['sumber']}) dibatalkan.")


@app.command("status-daftar")
def status_daftar(
    nip: str | None = params.nip_option("--nip", "Hanya pegawai ini."),
    bulan: str | None = params.month_option("Hanya yang mengenai bulan YYYY-MM."),
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar status hari yang dicatat (termasuk yang sudah dicabut), dengan id-nya.

    Contoh: [bold]kerja presensi status-daftar --bulan 2021-02[/bold]
    """
    from ..services.presensi import statuses
    from . import render

    rows = statuses(open_db(), nip=nip, bulan=bulan)
    if as_json:
        render.emit_json(rows)
        return
    render.table(
        f"{len(rows)} status hari",
        ["Id", "NIP", "Kode", "Mulai", "Sampai", "Keterangan", "Oleh", "Dicabut"],
        (
            [
                r["id"],
                r["nip"],
                r["kode"],
                r["mulai"],
                r["sampai"],
                r["keterangan"],
                r["oleh"],
                f"{r['dicabut_pada'][:10]} ({r['dicabut_alasan']})" if r["dicabut_pada"] else "",
            ]
            for r in rows
        ),
    )


def _jadwal_mark(r: dict) -> str:
    """The roster's location for a screen line, with '!' when the presence does not match it
    (a WFO punch on a WFH day or the reverse)."""
    return (r["jadwal"] or "-") + ("!" if r.get("catatan") == "tidak sesuai jadwal" else "")


@app.command()
def harian(
    tanggal: date | None = OPT_TANGGAL,
    unit: str | None = OPT_UNIT,
    lebar: bool = OPT_LEBAR,
    as_json: bool = OPT_JSON,
) -> None:
    """Status hari tiap pegawai, satu baris seorang, per unit: jadwal, kode (H/TK/status), jam
    masuk/pulang, menit telat dan pulang cepat, potongan hari itu.

    Contoh: [bold]kerja presensi harian --tanggal 2021-02-01 --unit "Dinas Kesehatan"[/bold]
    """
    from ..services.local_time import today
    from ..services.presensi import daily
    from . import render
    from .render import Col

    conn = open_db()
    d = tanggal or today(conn, now())
    rows = daily(conn, d, unit)
    if as_json:
        _emit_rows(rows)
        return
    if not rows:
        render.note(f"{d}: bukan hari kerja, belum ada presensi/jadwal, atau tidak ada pegawai.")
        return
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["kode"]] = counts.get(r["kode"], 0) + 1
    beda = sum(r["catatan"] == "tidak sesuai jadwal" for r in rows)
    render.listing(
        f"Presensi {d}" + (f" — {unit}" if unit else "") + f": {render.angka(len(rows))} pegawai",
        [
            Col("NIP"),
            Col("Nama", cut=True, min=12),
            Col("Jdw"),
            Col("Kode"),
            Col("Masuk"),
            Col("Plg", gap=1),
            Col("Tlt", right=True),
            Col("Cpt", right=True, gap=1),
            Col("Pot", right=True),
        ],
        (
            (
                heading,
                (
                    [
                        r["nip"],
                        r["nama"],
                        _jadwal_mark(r),
                        r["kode"],
                        r["masuk"] or "",
                        r["pulang"] or "",
                        r["telat_menit"] or "",
                        r["cepat_menit"] or "",
                        render.persen(r["potongan_persen"]) if r["potongan_persen"] else "",
                    ]
                    for r in group
                ),
            )
            for heading, group in render.by_unit(rows)
        ),
        caption="Jumlah: "
        + ", ".join(f"{k} {render.angka(v)}" for k, v in sorted(counts.items()))
        + (f"; tidak sesuai jadwal {render.angka(beda)}" if beda else "")
        + ".\nJdw = jadwal (! = presensi tidak sesuai jadwal: WFO di hari WFH atau sebaliknya), "
        "Plg = pulang, Tlt/Cpt = menit terlambat/pulang cepat, Pot = potongan TPP hari itu.",
        wide=lebar,
    )


@app.command()
def belum(
    tanggal: date | None = OPT_TANGGAL,
    unit: str | None = OPT_UNIT,
    lebar: bool = OPT_LEBAR,
    as_json: bool = OPT_JSON,
) -> None:
    """Pegawai yang terjadwal hari itu tetapi belum presensi masuk (untuk cron); keluar 0, atau 3
    bila hari itu tidak berjadwal (hari libur, atau `jadwal buat` belum dijalankan).

    Contoh: [bold]kerja presensi belum --unit "Dinas Kesehatan" --json[/bold]
    """
    from ..services.local_time import today
    from ..services.presensi import no_roster, not_yet
    from . import render
    from .render import Col

    conn = open_db()
    d = tanggal or today(conn, now())
    why = no_roster(conn, d)
    if why:
        render.note(why)
        raise typer.Exit(EXIT_RULES_UNMET)
    rows = not_yet(conn, d, unit)
    if as_json:
        _emit_rows(rows)
        return
    if not rows:
        print(f"Semua pegawai yang terjadwal {d} sudah presensi masuk.")
        return
    render.listing(
        f"Belum presensi masuk {d}" + (f" — {unit}" if unit else "") + f": {render.angka(len(rows))} pegawai",
        [Col("NIP"), Col("Nama", cut=True, min=12), Col("Jadwal")],
        (
            (heading, ([r["nip"], r["nama"], r["jadwal"]] for r in group))
            for heading, group in render.by_unit(rows)
        ),
        wide=lebar,
    )
