"""kerja kinerja: daily activity logs (e-Kinerja) and their validation by supervisors."""

from __future__ import annotations

import typer

from .base import OPT_JSON, OPT_OLEH, App, actor, date_arg, fail, month_arg, nip_arg, now, open_db

app = App(help="e-Kinerja: catat kegiatan harian, daftar, dan validasi oleh atasan.")


def _time(text: str, name: str):
    from ..domain.values import parse_time

    try:
        return parse_time(text)
    except ValueError as e:
        raise fail(f"{name}: {e}") from None


@app.command()
def catat(
    nip: str = typer.Argument(..., help="NIP/NIK pegawai yang mengerjakan."),
    tanggal: str = typer.Option(..., "--tanggal", help="Tanggal kegiatan YYYY-MM-DD."),
    mulai: str = typer.Option(..., "--mulai", help="Jam mulai HH:MM (atau HH.MM)."),
    selesai: str = typer.Option(..., "--selesai", help="Jam selesai HH:MM, sesudah jam mulai."),
    uraian: str = typer.Option(..., "--uraian", help="Apa yang dikerjakan."),
    output: str | None = typer.Option(None, "--output", help="Hasil kerja, mis. '1 dokumen'."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Catat satu kegiatan harian; menit dihitung dari jam mulai sampai selesai.

    Kegiatan yang tumpang tindih dengan kegiatan lain pegawai itu pada hari yang sama ditolak,
    begitu juga kegiatan di bulan yang sudah dikunci.

    Contoh: [bold]kerja kinerja catat 197508172000031002 --tanggal 2021-02-01 --mulai 08:00
    --selesai 10:30 --uraian "Menyusun laporan bulanan" --output "1 laporan"[/bold]
    """
    from ..services import kinerja

    d = date_arg(tanggal, "--tanggal")
    row = kinerja.record(
        open_db(),
        nip_arg(nip),
        tanggal=d,
        mulai=_time(mulai, "--mulai"),
        selesai=_time(selesai, "--selesai"),
        uraian=uraian,
        output=output,
        oleh=actor(oleh),
        now=now(),
    )
    print(
        f"Kegiatan #{row['id']} dicatat: {row['nip']} {row['tanggal']} {row['mulai']}-"
        f"{row['selesai']} ({row['menit']} menit), menunggu validasi atasan."
    )


JSON_KEYS = (
    "id",
    "nip",
    "tanggal",
    "mulai",
    "selesai",
    "menit",
    "uraian",
    "output",
    "status",
    "divalidasi_oleh",
    "divalidasi_pada",
    "alasan",
)


@app.command()
def daftar(
    nip: str | None = typer.Option(None, "--nip", help="Hanya kegiatan pegawai ini."),
    atasan: str | None = typer.Option(
        None, "--atasan", help="Kegiatan bawahan langsung atasan ini (lihat --semua-bawahan)."
    ),
    semua_bawahan: bool = typer.Option(
        False,
        "--semua-bawahan",
        help="Dengan --atasan: semua jenjang di bawahnya, bukan hanya bawahan langsung.",
    ),
    menunggu: bool = typer.Option(False, "--menunggu", help="Hanya yang belum divalidasi."),
    bulan: str | None = typer.Option(None, "--bulan", help="Bulan YYYY-MM."),
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar kegiatan e-Kinerja; `--atasan NIP --menunggu` adalah antrean validasi atasan itu.

    `--atasan` memuat bawahan langsung saja; tambahkan `--semua-bawahan` untuk seluruh jenjang di
    bawahnya (atasan di atasnya juga berhak memvalidasi).

    Contoh: [bold]kerja kinerja daftar --atasan 196801011990031001 --menunggu --bulan 2021-02[/bold]
    """
    from ..services import kinerja
    from . import render

    rows = kinerja.listing(
        open_db(),
        nip=nip_arg(nip) if nip else None,
        atasan=nip_arg(atasan) if atasan else None,
        semua_bawahan=semua_bawahan,
        menunggu=menunggu,
        bulan=month_arg(bulan),
    )
    if as_json:
        render.emit_json([{k: r[k] for k in JSON_KEYS} for r in rows])
        return
    total = sum(r["menit"] for r in rows)

    def what(r: dict) -> str:
        text = r["uraian"] + (f"; hasil: {r['output']}" if r["output"] else "")
        if r["divalidasi_oleh"]:
            text += f" ({r['status']} oleh {r['divalidasi_oleh']}"
            text += f": {r['alasan']})" if r["alasan"] else ")"
        return text

    # Narrow columns first, the free text last: on a narrow terminal only it wraps.
    render.table(
        f"{len(rows)} kegiatan, {total} menit",
        ["#", "Tanggal", "Jam", "Menit", "Status", "NIP", "Uraian; hasil (validasi)"],
        (
            [
                r["id"],
                r["tanggal"],
                f"{r['mulai']}-{r['selesai']}",
                r["menit"],
                r["status"],
                r["nip"],
                what(r),
            ]
            for r in rows
        ),
        justify_right=(0, 3),
    )


@app.command()
def validasi(
    ids: list[int] = typer.Argument(..., help="Nomor kegiatan (#) yang divalidasi, boleh banyak."),
    oleh: str = typer.Option(..., "--oleh", help="NIP atasan yang memvalidasi."),
    tolak: bool = typer.Option(False, "--tolak", help="Tolak kegiatan (wajib --alasan)."),
    alasan: str | None = typer.Option(None, "--alasan", help="Alasan penolakan atau catatan."),
) -> None:
    """Setujui (atau tolak) kegiatan bawahan sekaligus; tercatat di log audit.

    Hanya atasan langsung atau atasan di atasnya yang boleh memvalidasi, tidak pernah kegiatan
    sendiri. Satu kegiatan yang tidak boleh divalidasi = tidak ada yang divalidasi.

    Contoh: [bold]kerja kinerja validasi 12 13 14 --oleh 196801011990031001[/bold]
    """
    from ..services import kinerja
    from . import render

    who = nip_arg(oleh)
    r = kinerja.validate(open_db(), ids, oleh=actor(who), tolak=tolak, alasan=alasan, now=now())
    verb = "ditolak" if tolak else "disetujui"
    print(
        f"{len(r.diubah)} kegiatan {verb} oleh {who}"
        + (f"; {len(r.tetap)} sudah {verb} sebelumnya." if r.tetap else ".")
    )
    if r.terlambat:
        render.note(
            "Peringatan: kegiatan #" + ", #".join(map(str, r.terlambat)) + " divalidasi sesudah "
            "batas_validasi_hari; menitnya tidak dihitung di rekap TPP."
        )


@app.command()
def ubah(
    activity_id: int = typer.Argument(..., help="Id kegiatan (lihat `kerja kinerja daftar`)."),
    tanggal: str | None = typer.Option(None, "--tanggal", help="Tanggal baru YYYY-MM-DD."),
    mulai: str | None = typer.Option(None, "--mulai", help="Jam mulai baru HH:MM."),
    selesai: str | None = typer.Option(None, "--selesai", help="Jam selesai baru HH:MM."),
    uraian: str | None = typer.Option(None, "--uraian", help="Uraian baru."),
    output: str | None = typer.Option(None, "--output", help="Hasil kerja baru ('' untuk mengosongkan)."),
    alasan: str | None = typer.Option(None, "--alasan", help="Keterangan (dicatat di log audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Perbaiki kegiatan yang masih menunggu validasi (yang sudah disetujui/ditolak tidak bisa).

    Contoh: [bold]kerja kinerja ubah 17 --selesai 11:30 --alasan "jam selesai salah ketik"[/bold]
    """
    from ..services import kinerja

    row = kinerja.edit(
        open_db(),
        activity_id,
        tanggal=date_arg(tanggal, "--tanggal") if tanggal else None,
        mulai=_time(mulai, "--mulai") if mulai else None,
        selesai=_time(selesai, "--selesai") if selesai else None,
        uraian=uraian,
        output=output,
        alasan=alasan,
        oleh=actor(oleh),
        now=now(),
    )
    print(
        f"Kegiatan #{activity_id} diubah: {row['nip']} {row['tanggal']} {row['mulai']}-{row['selesai']} "
        f"({row['menit']} menit), menunggu validasi atasan."
    )


@app.command()
def tarik(
    activity_id: int = typer.Argument(..., help="Id kegiatan (lihat `kerja kinerja daftar`)."),
    alasan: str | None = typer.Option(None, "--alasan", help="Keterangan (dicatat di log audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Tarik kegiatan yang masih menunggu validasi (isinya tetap ada di log audit).

    Contoh: [bold]kerja kinerja tarik 17 --alasan "tercatat dua kali"[/bold]
    """
    from ..services import kinerja

    row = kinerja.withdraw(open_db(), activity_id, alasan=alasan, oleh=actor(oleh))
    print(f"Kegiatan #{activity_id} ({row['nip']} {row['tanggal']} {row['mulai']}-{row['selesai']}) ditarik.")
