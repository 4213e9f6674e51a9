"""kerja kinerja: daily activity logs (e-Kinerja) and their validation by supervisors."""

from __future__ import annotations

from datetime import date, time

import typer

from . import params
from .base import OPT_JSON, OPT_LEBAR, OPT_OLEH, App, actor, month_arg, nip_arg, now, open_db

app = App(help="e-Kinerja: catat kegiatan harian, daftar, dan validasi oleh atasan.")


@app.command()
def catat(
    nip: str = params.nip_argument("NIP/NIK pegawai yang mengerjakan."),
    tanggal: date = params.date_option("--tanggal", "Tanggal kegiatan YYYY-MM-DD.", ...),
    mulai: time = params.time_option("--mulai", "Jam mulai HH:MM (atau HH.MM).", ...),
    selesai: time = params.time_option("--selesai", "Jam selesai HH:MM, sesudah jam mulai.", ...),
    uraian: str = typer.Option(..., "--uraian", help="Apa yang dikerjakan."),
    output: str | None = typer.Option(None, "--output", help="Hasil kerja, mis. '1 dokumen'."),
    volume: int | None = typer.Option(None, "--volume", help="Jumlah hasil (skema volume)."),
    kegiatan: str | None = typer.Option(None, "--kegiatan", help="Kode kegiatan di katalog (skema volume)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Catat satu kegiatan harian; menit dihitung dari jam mulai sampai selesai (pada skema
    volume: volume x norma kode --kegiatan di katalog).

    Kegiatan yang tumpang tindih dengan kegiatan lain pegawai itu pada hari yang sama ditolak,
    begitu juga kegiatan di bulan yang sudah dikunci.

    Contoh: [bold]kerja kinerja catat 197508172000031002 --tanggal 2021-02-01 --mulai 08:00
    --selesai 10:30 --uraian "Menyusun laporan bulanan" --output "1 laporan"[/bold]
    """
    from ..services import kinerja

    row = kinerja.record(
        open_db(),
        nip,
        tanggal=tanggal,
        mulai=mulai,
        selesai=selesai,
        uraian=uraian,
        output=output,
        oleh=actor(oleh),
        now=now(),
        volume=volume,
        kegiatan=kegiatan.strip() if kegiatan else None,
    )
    print(
        f"Kegiatan #{row['id']} dicatat: {row['nip']} {row['tanggal']} {row['mulai']}-"
        f"{row['selesai']} ({row['menit']} menit), menunggu validasi atasan."
    )
    _warn(row["peringatan"])


def _warn(lines: list[str], limit: int = 20) -> None:
    from . import render

    for line in lines[:limit]:
        render.note(f"Peringatan: {line}")
    if len(lines) > limit:
        more = render.angka(len(lines) - limit)
        render.note(f"Peringatan: ... dan {more} kegiatan lain pada hari seperti itu.")


@app.command()
def impor(
    berkas: str = typer.Argument(
        ...,
        help="CSV/XLSX ekspor e-Kinerja: NIP, Tanggal, Jam Mulai, Jam Selesai, Uraian Kegiatan, "
        "Output, Volume (boleh tidak ada).",
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="Nama sheet XLSX (bawaan: sheet pertama)."),
    as_json: bool = OPT_JSON,
    oleh: str | None = OPT_OLEH,
) -> None:
    """Impor banyak kegiatan harian sekaligus dari ekspor aplikasi e-Kinerja atau lembar kerja.

    Satu baris satu kegiatan, dengan pemeriksaan yang sama seperti `kerja kinerja catat` (pegawai
    ada dan aktif, tanggal sudah lewat, jam selesai sesudah jam mulai, tidak tumpang tindih dengan
    baris lain atau kegiatan yang sudah tercatat, bulan belum dikunci). Satu baris salah = tidak
    ada yang disimpan; setiap baris salah disebut dengan kolom dan nilainya. Kegiatan pada akhir
    pekan, hari libur atau hari berstatus (sakit, cuti, ...) tetap dicatat dengan peringatan;
    dihitung atau tidaknya diatur kunci kinerja.hitung_hari_libur dan kinerja.hitung_hari_status.

    Contoh: [bold]kerja kinerja impor kinerja-februari.xlsx[/bold]
    """
    from ..services import kinerja
    from . import render

    r = kinerja.import_file(open_db(), berkas, oleh=actor(oleh), now=now(), sheet=sheet)
    if as_json:
        render.emit_json(r)
        return
    ids = r["id"]
    span = f" (#{ids[0]}-#{ids[-1]})" if ids else ""
    print(
        f"{render.angka(r['kegiatan'])} kegiatan{span} dari {render.angka(r['pegawai'])} pegawai diimpor, "
        f"{render.angka(r['menit'])} menit, menunggu validasi atasan."
    )
    _warn(r["peringatan"])


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
    nip: str | None = params.nip_option("--nip", "Hanya kegiatan pegawai ini."),
    atasan: str | None = params.nip_option(
        "--atasan", "Kegiatan bawahan langsung atasan ini (lihat --semua-bawahan)."
    ),
    semua_bawahan: bool = typer.Option(
        False,
        "--semua-bawahan",
        help="Dengan --atasan: semua jenjang di bawahnya, bukan hanya bawahan langsung.",
    ),
    menunggu: bool = typer.Option(False, "--menunggu", help="Hanya yang belum divalidasi."),
    bulan: str | None = params.month_option(),
    lebar: bool = OPT_LEBAR,
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar kegiatan e-Kinerja; `--atasan NIP --menunggu` adalah antrean validasi atasan itu.

    `--atasan` memuat bawahan langsung saja; tambahkan `--semua-bawahan` untuk seluruh jenjang di
    bawahnya (atasan di atasnya juga berhak memvalidasi).

    Contoh: [bold]kerja kinerja daftar --atasan 196801011990031001 --menunggu --bulan 2021-02[/bold]
    """
    from ..services import kinerja
    from . import render

    conn = open_db()
    rows = kinerja.listing(
        conn,
        nip=nip,
        atasan=atasan,
        semua_bawahan=semua_bawahan,
        menunggu=menunggu,
        bulan=bulan,
    )
    if as_json:
        render.emit_json([{k: r[k] for k in JSON_KEYS} for r in rows])
        return
    total = sum(r["menit"] for r in rows)
    from ..services.pegawai import names
    from .render import Col

    who = names(conn, sorted({r["nip"] for r in rows}))

    def what(r: dict) -> str:
        text = r["uraian"] + (f"; {r['output']}" if r["output"] else "")
        if r["alasan"]:
            text += f" (ditolak: {r['alasan']})"
        return text

    by_person: dict[str, list[dict]] = {}
    for r in rows:
        by_person.setdefault(r["nip"], []).append(r)

    def heading(nip: str) -> str:
        nama, unit = who.get(nip, ("?", ""))
        return f"{nip}  {nama}" + (f" — {render.unit_heading(unit)}" if unit else "")

    # One line per activity under its person (NIP, name and unit as the heading): the free text
    # last, cut on a narrow terminal (--lebar or --json give it whole).
    render.listing(
        f"{render.angka(len(rows))} kegiatan, {render.angka(total)} menit, "
        f"{render.angka(len(by_person))} pegawai",
        [
            Col("#", right=True),
            Col("Tanggal"),
            Col("Jam"),
            Col("Menit", right=True),
            Col("Status"),
            Col("Uraian; hasil", cut=True, min=12),
        ],
        (
            (
                heading(nip),
                (
                    [r["id"], r["tanggal"], f"{r['mulai']}-{r['selesai']}", r["menit"], r["status"], what(r)]
                    for r in acts
                ),
            )
            for nip, acts in sorted(
                by_person.items(),
                key=lambda kv: (who.get(kv[0], ("", ""))[1], who.get(kv[0], ("", ""))[0], kv[0]),
            )
        ),
        caption="Status: diajukan = menunggu validasi atasan. Validator dan waktunya: --json.",
        wide=lebar,
    )


@app.command()
def validasi(
    ids: list[str] | None = typer.Argument(
        None, help="Nomor kegiatan (#): satu-satu (12 13), rentang (4-10) atau daftar (4,5,9-12)."
    ),
    oleh: str = params.nip_option("--oleh", "NIP atasan yang memvalidasi.", ...),
    semua: bool = typer.Option(
        False, "--semua", help="Semua kegiatan yang menunggu dari bawahan --oleh (semua jenjang)."
    ),
    nip: str | None = params.nip_option("--nip", "Dengan --semua: hanya kegiatan pegawai ini."),
    bulan: str | None = params.month_option(),
    sampai: date | None = params.date_option("--sampai", "Dengan --semua: kegiatan sampai tanggal ini."),
    tolak: bool = typer.Option(False, "--tolak", help="Tolak kegiatan (wajib --alasan)."),
    alasan: str | None = typer.Option(None, "--alasan", help="Alasan penolakan atau catatan."),
    atas_nama: str | None = typer.Option(
        None, "--atas-nama", help="NIP validator luar (mis. Sekda) yang keputusannya dicatat petugas --oleh."
    ),
) -> None:
    """Setujui (atau tolak) kegiatan bawahan sekaligus; tercatat di log audit.

    Nomor boleh satu-satu, rentang atau daftar: `12 13`, `4-10`, `4,5,9-12`. `--semua` memilih
    semua kegiatan yang masih menunggu dari bawahan --oleh (langsung dan di bawahnya, serta pegawai
    yang validator luarnya --oleh), dipersempit dengan --nip, --bulan dan --sampai.

    Kepala OPD yang atasannya di luar data divalidasi oleh validator luar yang ditetapkan dengan
    `kerja pegawai ubah NIP --validator-luar NIP_LUAR`: --oleh NIP_LUAR, atau petugas mencatat
    keputusannya dengan --oleh NIP_PETUGAS --atas-nama NIP_LUAR.

    Hanya atasan langsung atau atasan di atasnya yang boleh memvalidasi, tidak pernah kegiatan
    sendiri. Satu kegiatan yang tidak boleh divalidasi = tidak ada yang divalidasi.

    Contoh: [bold]kerja kinerja validasi 4-10 12 --oleh 196801011990031001[/bold]
    atau [bold]kerja kinerja validasi --semua --oleh 196801011990031001 --bulan 2021-02[/bold]
    """
    from ..domain.activity_rows import parse_ids
    from ..domain.errors import KerjaError
    from ..services import kinerja
    from . import render

    conn = open_db()
    who = oleh
    validator = nip_arg(atas_nama) if atas_nama else actor(who)
    if semua:
        if ids:
            raise KerjaError("Pakai nomor kegiatan atau --semua, tidak keduanya.")
        chosen = kinerja.pending_for(
            conn, validator, nip=nip, bulan=month_arg(bulan) if bulan else None, sampai=sampai
        )
        if not chosen:
            print(f"Tidak ada kegiatan bawahan {who} yang menunggu validasi untuk pilihan ini.")
            return
    else:
        if not ids:
            raise KerjaError(
                "Sebutkan nomor kegiatan (12, 4-10, 4,5,9) atau --semua; lihat nomornya dengan "
                "`kerja kinerja daftar --atasan NIP --menunggu`."
            )
        if nip or bulan or sampai:
            raise KerjaError("--nip, --bulan dan --sampai hanya berlaku dengan --semua.")
        try:
            chosen = parse_ids(ids)
        except ValueError as e:
            raise KerjaError(f"Nomor kegiatan: {e}.") from None
    r = kinerja.validate(
        conn,
        chosen,
        oleh=actor(who),
        tolak=tolak,
        alasan=alasan,
        now=now(),
        atas_nama=nip_arg(atas_nama) if atas_nama else None,
    )
    verb = "ditolak" if tolak else "disetujui"
    print(
        f"{render.angka(len(r.diubah))} kegiatan {verb} oleh {who}"
        + (f"; {render.angka(len(r.tetap))} sudah {verb} sebelumnya." if r.tetap else ".")
    )
    if r.terlambat:
        render.note(
            "Peringatan: kegiatan #" + ", #".join(map(str, r.terlambat)) + " divalidasi sesudah "
            "batas_validasi_hari; menitnya tidak dihitung di rekap TPP."
        )


@app.command()
def ubah(
    activity_id: int = typer.Argument(..., help="Id kegiatan (lihat `kerja kinerja daftar`)."),
    tanggal: date | None = params.date_option("--tanggal", "Tanggal baru YYYY-MM-DD."),
    mulai: time | None = params.time_option("--mulai", "Jam mulai baru HH:MM."),
    selesai: time | None = params.time_option("--selesai", "Jam selesai baru HH:MM."),
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
        tanggal=tanggal,
        mulai=mulai,
        selesai=selesai,
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


katalog_app = App(help="Katalog kegiatan e-Kinerja (skema volume: volume x norma menit).")
capaian_app = App(help="Capaian kinerja bulanan per pegawai (skema capaian: persen atau predikat SKP).")
app.add_typer(katalog_app, name="katalog")
app.add_typer(capaian_app, name="capaian")


@katalog_app.command("impor")
def katalog_impor(
    berkas: str = typer.Argument(..., help="CSV/XLSX: Kode, Nama Kegiatan, Norma (menit), Satuan."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Impor katalog kegiatan dengan norma waktunya; kode yang sudah ada diperbarui.

    Contoh: [bold]kerja kinerja katalog impor katalog-kegiatan.csv[/bold]
    """
    from ..services.kinerja_skema import import_catalogue

    r = import_catalogue(open_db(), berkas, oleh=actor(oleh))
    print(f"Katalog: {r['kegiatan']} kegiatan ({r['baru_atau_diubah']} baru atau berubah norma).")


@capaian_app.command("impor")
def capaian_impor(
    berkas: str = typer.Argument(..., help="CSV/XLSX: NIP dan Capaian (%) atau Predikat."),
    bulan: str = params.month_option(default=...),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Impor capaian kinerja bulanan (persen, atau predikat SKP yang dipetakan aturan
    kinerja.predikat); dipakai rekap bila kinerja.skema = "capaian".

    Contoh: [bold]kerja kinerja capaian impor capaian-2021-02.xlsx --bulan 2021-02[/bold]
    """
    from ..services.kinerja_skema import import_achievements
    from . import render

    month = month_arg(bulan)
    assert month is not None
    r = import_achievements(open_db(), berkas, bulan=month, oleh=actor(oleh), now=now())
    print(f"Capaian {month}: {r['pegawai']} pegawai disimpan.")
    if r["catatan"]:
        render.note(f'Catatan: {r["catatan"]}; capaian ini baru dipakai bila skemanya "capaian".')
