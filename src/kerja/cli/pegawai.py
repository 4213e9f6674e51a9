"""kerja pegawai: import, list, show and change employees."""

from __future__ import annotations

from pathlib import Path

import typer

from . import params
from .base import OPT_JSON, OPT_LEBAR, OPT_OLEH, App, actor, date_arg, fail, now, open_db, out_target

app = App(help="Data pegawai: impor dari SIMPEG/SIASN atau spreadsheet, daftar, lihat, ubah.")


@app.command()
def impor(
    berkas: Path = typer.Argument(..., help="Berkas .xlsx atau .csv (pemisah , ; atau tab)."),
    sheet: str | None = typer.Option(None, "--sheet", help="Nama sheet (bawaan: sheet pertama)."),
    coba: bool = typer.Option(False, "--coba", help="Periksa saja, jangan simpan apa pun."),
    ganti: bool = typer.Option(False, "--ganti", help="Nonaktifkan pegawai yang tidak ada di berkas."),
    lewati_galat: Path | None = typer.Option(
        None, "--lewati-galat", help="Simpan baris yang benar; tulis baris yang salah ke berkas ini."
    ),
    timpa: bool = typer.Option(False, "--timpa", help="Timpa berkas --lewati-galat bila sudah ada."),
    mulai: str | None = typer.Option(
        None,
        "--mulai",
        help="Isi berkas berlaku mulai tanggal YYYY-MM-DD: pegawai baru tercatat sejak tanggal itu, "
        "perubahan pagu/unit/atasan/aktif pegawai lama berlaku dari tanggal itu.",
    ),
    kosongkan: list[str] | None = typer.Option(
        None,
        "--kosongkan",
        help="Kolom yang dikosongkan bila selnya kosong (mis. tpp, pin_mesin); tanpa ini sel kosong "
        "membiarkan data tersimpan. Boleh berulang.",
    ),
    as_json: bool = OPT_JSON,
    oleh: str | None = OPT_OLEH,
) -> None:
    """Impor daftar pegawai (upsert per NIP). Satu baris salah = tidak ada yang disimpan.

    Hanya kolom yang ada di berkas yang mengubah data; sel kosong tidak menghapus isi yang
    tersimpan (kecuali --kosongkan KOLOM). Ekspor SIASN "Unduh Data" (64 kolom), SAPK
    daftar_pns_aktif dan daftar buatan sendiri dimuat apa adanya; pejabat dikenali dari eselon,
    atau dari nama jabatan (Kepala Dinas/Bidang/Seksi, Sekretaris, Camat, Lurah, ...).

    Kolom dikenali dari judulnya (NIP, Nama, Unit Kerja, Eselon, Golongan, NIP Atasan, TPP, PIN, ...);
    ekspor SIASN (NIP_BARU, NAMA, UNOR_NAMA, ...) bisa langsung dimuat.

    Pegawai baru tercatat sejak tanggal mulai bertugasnya: kolom TMT (TMT CPNS, Mulai Bertugas),
    kalau kosong --mulai, kalau tidak ada tanggal impor (hari ini). Impor pertama ke data yang
    masih kosong mencatat semua orang sejak awal. Hari sebelum mulai bukan TK dan tidak dihitung.

    Contoh: [bold]kerja pegawai impor pegawai.xlsx --coba[/bold]
    """
    from ..services.pegawai import import_employees
    from . import render

    if lewati_galat is not None:
        lewati_galat = out_target(lewati_galat, timpa=timpa, option="--lewati-galat")
    conn = open_db()
    with render.status(f"Memeriksa {berkas.name} ..."):
        s = import_employees(
            conn,
            berkas,
            oleh=actor(oleh),
            sheet=sheet,
            coba=coba,
            ganti=ganti,
            lewati_galat=lewati_galat,
            mulai=date_arg(mulai, "--mulai") if mulai else None,
            kosongkan=kosongkan,
            now=now(),
        )
    if as_json:
        render.emit_json(s.__dict__)
        return
    for w in s.peringatan[:50]:
        render.note(f"Peringatan: {w}")
    if len(s.peringatan) > 50:
        render.note(f"... dan {len(s.peringatan) - 50} peringatan lain.")
    if s.kolom_diabaikan:
        render.note("Kolom yang tidak dipakai kerja: " + ", ".join(s.kolom_diabaikan))
    if s.berkas_galat:
        render.note(f"{s.dilewati} baris salah dilewati dan ditulis ke {s.berkas_galat}.")
    if s.pejabat_dari_nama or s.fungsional_dari_nama:
        render.say(
            f"{s.pejabat_dari_nama} pejabat dan {s.fungsional_dari_nama} fungsional dikenali dari nama "
            "jabatan (berkas tanpa eselon); isi kolom Jenis Jabatan di baris itu untuk mengubahnya."
        )
    if s.unit_baru:
        more = f" dan {len(s.unit_baru) - 20} lainnya" if len(s.unit_baru) > 20 else ""
        verb = "akan dibuat" if coba else "dibuat"
        render.say(f"{len(s.unit_baru)} unit baru {verb}: {'; '.join(s.unit_baru[:20])}{more}.")
    if s.perubahan_kolom:
        render.say(
            "Perubahan per kolom: "
            + ", ".join(f"{k} {v}" for k, v in sorted(s.perubahan_kolom.items(), key=lambda kv: -kv[1]))
            + "."
        )
    counts = f"{s.ditambah} ditambah, {s.diubah} diubah, {s.tetap} tetap, {s.dinonaktifkan} dinonaktifkan"
    if coba:
        render.say(
            f"Pemeriksaan {s.berkas}: {s.dibaca} baris terbaca, semua benar. "
            f"Bila disimpan: {counts}. (--coba: tidak ada yang disimpan)"
        )
    elif not s.disimpan:
        render.say(f"{s.berkas}: {s.dibaca} baris, tidak ada perubahan ({counts}).")
    else:
        render.say(f"{s.berkas}: {s.dibaca} baris terbaca; {counts}.")


def _name(r: dict) -> str:
    from ..domain.names import full_name_of

    return full_name_of(r)


def _json_row(r: dict) -> dict:
    keys = (
        "nip",
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "status",
        "jabatan",
        "jenis_jabatan",
        "eselon",
        "golongan",
        "unit",
        "nip_atasan",
        "tanggal_lahir",
        "jenis_kelamin",
        "tpp",
        "pin_mesin",
    )
    return {k: r[k] for k in keys} | {"aktif": bool(r["aktif"])}


@app.command()
def daftar(
    unit: str | None = typer.Option(None, "--unit", help="Unit (nama atau jalur), termasuk sub-unitnya."),
    eselon: str | None = typer.Option(None, "--eselon", help="Eselon, mis. III.a."),
    status: str | None = typer.Option(None, "--status", help="PNS, CPNS, PPPK atau NON-ASN."),
    nonaktif: bool = typer.Option(False, "--nonaktif", help="Sertakan pegawai nonaktif."),
    lebar: bool = OPT_LEBAR,
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar pegawai aktif, satu baris seorang, per unit.

    Contoh: [bold]kerja pegawai daftar --unit "Bidang Aplikasi" --json[/bold]
    """
    from ..domain.nip import parse_status
    from ..domain.values import parse_eselon
    from ..services import pegawai as service
    from . import render

    try:
        es = parse_eselon(eselon) if eselon else None
        st = parse_status(status) if status else None
    except ValueError as e:
        raise fail(str(e)) from None
    conn = open_db()
    rows = service.listing(conn, unit=unit, eselon=es, status=st, nonaktif=nonaktif)
    if as_json:
        render.emit_json([_json_row(r) for r in rows])
        return
    _people(f"{render.angka(len(rows))} pegawai", rows, nonaktif=nonaktif, lebar=lebar)


def _people(title: str, rows: list[dict], *, nonaktif: bool, lebar: bool) -> None:
    """One line a person under their unit's heading: NIP, full name, jabatan; status, eselon and
    golongan too when the terminal has room (110 columns, --lebar, or a pipe)."""
    from . import render
    from .render import Col

    width = render.listing_width(lebar)
    full = width is None or width >= 110
    cols = [Col("NIP"), Col("Nama", cut=True, min=14)]
    if full:
        cols += [Col("Status"), Col("Eselon"), Col("Gol")]
    cols.append(Col("Jabatan", cut=True, min=10))
    if nonaktif:
        cols.append(Col("Aktif"))

    def line(r: dict) -> list[object]:
        extra = [r["status"], r["eselon"], r["golongan"]] if full else []
        return [
            r["nip"],
            _name(r),
            *extra,
            r["jabatan"],
            *(["ya" if r["aktif"] else "tidak"] if nonaktif else []),
        ]

    render.listing(
        title,
        cols,
        ((heading, (line(r) for r in group)) for heading, group in render.by_unit(rows)),
        caption=None
        if full
        else "Status, eselon, golongan: kerja pegawai lihat NIP, --lebar, --json, atau terminal 110 kolom.",
        wide=lebar,
    )


@app.command()
def cari(
    teks: str = typer.Argument(
        ..., help="Sebagian nama, NIP atau unit; huruf besar/kecil dan aksen diabaikan."
    ),
    nonaktif: bool = typer.Option(False, "--nonaktif", help="Sertakan pegawai nonaktif."),
    lebar: bool = OPT_LEBAR,
    as_json: bool = OPT_JSON,
) -> None:
    """Cari pegawai dengan nama, potongan NIP atau nama unit: setiap kata harus ada. Nama juga
    diterima di tempat NIP (`kerja pegawai lihat "Maya Sari"`) bila hanya satu orang yang cocok.

    Contoh: [bold]kerja pegawai cari "sari seksi layanan"[/bold]
    """
    from ..services import pegawai as service
    from . import render

    rows = service.search(open_db(), teks, nonaktif=nonaktif)
    if as_json:
        render.emit_json([_json_row(r) for r in rows])
        return
    if not rows:
        render.note(f"Tidak ada pegawai{'' if nonaktif else ' aktif'} yang cocok dengan {teks!r}.")
        raise typer.Exit(1)
    _people(f"{render.angka(len(rows))} pegawai cocok dengan {teks!r}", rows, nonaktif=nonaktif, lebar=lebar)


@app.command()
def lihat(
    nip: str = params.nip_argument(),
    as_json: bool = OPT_JSON,
) -> None:
    """Data lengkap satu pegawai (NIP, atau nama bila hanya satu orang yang cocok).

    Contoh: [bold]kerja pegawai lihat "Maya Sari"[/bold]
    """
    from ..domain.errors import KerjaError
    from ..services import pegawai as service
    from . import render

    conn = open_db()
    r = service.get(conn, nip)
    riwayat = service.history(conn, r["nip"])
    if as_json:
        render.emit_json(_json_row(r) | {"riwayat": riwayat})
        return
    labels = [
        ("NIP", "nip"),
        ("Status", "status"),
        ("Jabatan", "jabatan"),
        ("Jenis jabatan", "jenis_jabatan"),
        ("Eselon", "eselon"),
        ("Golongan", "golongan"),
        ("Unit", "unit"),
        ("NIP atasan", "nip_atasan"),
        ("Tanggal lahir", "tanggal_lahir"),
        ("Jenis kelamin", "jenis_kelamin"),
        ("PIN mesin", "pin_mesin"),
    ]
    if r["nip_atasan"]:
        try:
            r["nip_atasan"] = f"{r['nip_atasan']} ({_name(service.get(conn, r['nip_atasan']))})"
        except KerjaError:
            pass  # a supervisor outside the store: the NIP alone
    print(_name(r))
    for label, key in labels:
        render.say(f"  {label:<14} {r[key] if r[key] is not None else '-'}", hang=17)
    print(f"  {'Pagu TPP':<14} {render.rupiah(r['tpp'])}")
    print(f"  {'Aktif':<14} {'ya' if r['aktif'] else 'tidak'}")
    if len(riwayat) > 1:
        print("  Riwayat (berlaku mulai):")
        for h in riwayat:
            span = f"{h['mulai'] or 'awal'} s.d. {h['sampai'] or 'sekarang'}"
            post = " ".join(x for x in (h["jenis_jabatan"], h["eselon"]) if x)
            render.say(
                f"    {span}: pagu {render.rupiah(h['tpp'])}, {h['status']}, {post}, {h['unit']}, "
                f"atasan {h['nip_atasan'] or '-'}, {'aktif' if h['aktif'] else 'nonaktif'}",
                hang=6,
            )


@app.command()
def ubah(
    nip: str = params.nip_argument(),
    atasan: str | None = typer.Option(None, "--atasan", help="NIP atasan langsung ('-' untuk kosong)."),
    unit: str | None = typer.Option(None, "--unit", help="Unit baru, jalur 'OPD > Bidang > Seksi'."),
    tpp: str | None = typer.Option(None, "--tpp", help="Pagu TPP per bulan, mis. 3.500.000."),
    pin_mesin: str | None = typer.Option(None, "--pin-mesin", help="PIN di mesin presensi."),
    mesin: str | None = typer.Option(
        None,
        "--mesin",
        help="Mesin tempat PIN itu berlaku (ID dari `kerja mesin daftar`; '-' = mesin mana pun).",
    ),
    aktif: bool | None = typer.Option(None, "--aktif/--nonaktif", help="Aktifkan atau nonaktifkan."),
    status: str | None = typer.Option(None, "--status", help="Status pegawai: PNS, CPNS, PPPK atau NON-ASN."),
    eselon: str | None = typer.Option(
        None, "--eselon", help="Eselon, mis. IV.a ('-' untuk tanpa eselon); jenis jabatan mengikutinya."
    ),
    jenis_jabatan: str | None = typer.Option(
        None, "--jenis-jabatan", help="JPT, ADMINISTRATOR, PENGAWAS, FUNGSIONAL atau PELAKSANA."
    ),
    alasan: str | None = typer.Option(None, "--alasan", help="Alasan perubahan (masuk log audit)."),
    mulai: str | None = typer.Option(
        None, "--mulai", help="Berlaku mulai tanggal YYYY-MM-DD (bawaan: hari ini)."
    ),
    validator_luar: str | None = typer.Option(
        None,
        "--validator-luar",
        help='Yang memvalidasi kegiatan pegawai ini bila atasannya di luar data: "NIP" atau '
        '"NIP|Nama, Jabatan".',
    ),
    nama_validator: str | None = typer.Option(None, "--nama-validator", help="Nama validator luar."),
    jabatan_validator: str | None = typer.Option(
        None, "--jabatan-validator", help="Jabatan validator luar, mis. 'Sekretaris Daerah'."
    ),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Ubah data satu pegawai; setiap perubahan masuk log audit.

    Kepala OPD yang atasannya di luar data (mis. Sekda): tetapkan validator kegiatannya dengan
    --validator-luar "NIP|Nama, Jabatan" (jabatan sesudah koma terakhir), atau --validator-luar NIP
    [--nama-validator T] [--jabatan-validator T]. Petugas lalu mencatat keputusannya dengan
    `kerja kinerja validasi ID --oleh NIP_PETUGAS --atas-nama NIP_LUAR`.

    Pagu TPP, unit, status, eselon, jenis jabatan, atasan dan aktif/nonaktif berlaku mulai
    --mulai (bawaan: hari ini): hari sebelumnya tetap memakai data lamanya, jadi rekap bulan lalu
    tidak berubah. Tanggal di (atau sebelum) bulan yang dikunci ditolak. Riwayatnya: `kerja
    pegawai lihat NIP`.

    --eselon tanpa --jenis-jabatan ikut menetapkan jenis jabatannya (I-II JPT, III ADMINISTRATOR,
    IV-V PENGAWAS); eselon dihapus ('-'): jabatan struktural menjadi PELAKSANA, FUNGSIONAL dan
    PELAKSANA tetap. Status menentukan peringatan PP 94/2021 di rekap (aturan disiplin.pp94_status).

    Contoh: [bold]kerja pegawai ubah 197508172000031002 --tpp "Rp 4.250.000" --mulai 2021-04-01
    --alasan "SK baru"[/bold]
    """
    from ..services.pegawai import change_employee

    if validator_luar is not None:
        from ..domain.activities import parse_outside_validator
        from ..services.kinerja import set_outside_validator

        nip_luar, nama_luar, jabatan_luar = parse_outside_validator(validator_luar)
        v = set_outside_validator(
            open_db(),
            nip,
            nip_luar,
            nama=nama_validator or nama_luar,
            jabatan=jabatan_validator or jabatan_luar,
            oleh=actor(oleh),
            now=now(),
        )
        who = ", ".join(x for x in (v["nama"], v["jabatan"]) if x)
        print(f"Validator luar untuk {v['nip']}: {v['nip_luar']} {who}".rstrip() + ".")
        if all(
            x is None for x in (atasan, unit, tpp, pin_mesin, mesin, aktif, status, eselon, jenis_jabatan)
        ):
            return
    r = change_employee(
        open_db(),
        nip,
        oleh=actor(oleh),
        atasan=atasan,
        unit=unit,
        tpp=tpp,
        pin_mesin=pin_mesin,
        mesin=mesin,
        aktif=aktif,
        status=status,
        eselon=eselon,
        jenis_jabatan=jenis_jabatan,
        alasan=alasan,
        mulai=date_arg(mulai, "--mulai") if mulai else None,
        now=now(),
    )
    since = f", berlaku mulai {r['berlaku_mulai']}" if r.get("berlaku_mulai") else ""
    print(f"Data {r['nip']} ({r['nama']}) diperbarui{since}.")
