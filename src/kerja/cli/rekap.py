"""kerja rekap: the monthly TPP recap and its exports, the per-person explanation, and the month
lock (`kunci`, `buka`, `kunci-daftar`, `periksa`)."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from datetime import date
from pathlib import Path

import typer

from . import params
from .base import (
    OPT_JSON,
    OPT_LEBAR,
    OPT_OLEH,
    OPT_TIMPA,
    App,
    actor,
    now,
    open_db,
    out_target,
)
from .signing import OPT_TANGGAL_TTD, OPT_TEMPAT, signature_block

app = App(help="Rekap TPP bulanan (disiplin dan kinerja), rinciannya, dan kunci bulan.")

FORMATS = params.FORMAT_REKAP


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.split(" > ")[-1].lower()).strip("-") or "unit"


@app.command()
def bulanan(
    bulan: str = params.month_option(default=...),
    unit: str | None = typer.Option(None, "--unit", help="Unit (nama atau jalur) dan sub-unitnya."),
    fmt: str = params.format_option(FORMATS, "tabel = di layar.", "tabel"),
    keluar: Path | None = typer.Option(
        None,
        "--keluar",
        help="Berkas tujuan. Tanpa ini: json/csv ke layar, xlsx/pdf ke "
        "rekap-YYYY-MM[-unit].xlsx|pdf di folder ini.",
    ),
    pemisah: str = params.separator_option(),
    timpa: bool = OPT_TIMPA,
    kepala: str | None = params.nip_option("--kepala", "NIP Kepala OPD untuk tanda tangan."),
    bendahara: str | None = params.nip_option("--bendahara", "NIP Bendahara Pengeluaran."),
    pengelola: str | None = params.nip_option("--pengelola", "NIP Pengelola Kepegawaian."),
    tempat: str | None = OPT_TEMPAT,
    tanggal_ttd: date | None = OPT_TANGGAL_TTD,
    lebar: bool = OPT_LEBAR,
    as_json: bool = OPT_JSON,
) -> None:
    """Rekap TPP satu bulan per pegawai: hari kerja, kehadiran, TL/PSW, potongan disiplin,
    capaian kinerja, dan Rupiah (dibulatkan setengah ke atas). Tidak mengubah data apa pun.

    Aturan yang dipakai adalah aturan yang berlaku pada bulan itu. Kolom dinas_luar memuat DL dan
    TB (tugas belajar); sakit memuat S dan CS; cuti memuat CT, CB, CM, CAP, CLTN. Kegiatan dihitung
    bila disetujui (dan, bila batas_validasi_hari > 0, divalidasi paling lambat tanggal itu bulan
    berikutnya). Pegawai yang sebulan penuh tidak bertugas (target 0) mendapat capaian 100%.
    Tanda tangan berkas xlsx/pdf diisi dari --kepala/--bendahara/--pengelola, atau dibiarkan
    bertitik untuk diisi tangan; jabatan lengkapnya dari aturan [tanda_tangan] (jabatan_kepala, ...)
    atau jabatan pegawai itu, baris tempat dan tanggal dari --tempat (atau tanda_tangan.tempat) dan
    --tanggal-ttd.

    Contoh: [bold]kerja rekap bulanan --bulan 2021-02 --unit "Dinas Kesehatan" --format xlsx
    --kepala 196801011990031001[/bold]
    """
    from ..clock import now
    from ..services.rekap import locked_recap, monthly_recap
    from . import render

    month = bulan
    fmt = "json" if as_json else fmt
    target = None
    if fmt in ("xlsx", "pdf") or keluar is not None:
        # Checked before the month is computed: a refused target costs the clerk nothing.
        # The default name of xlsx/pdf (no --keluar) is replaced as documented.
        target = out_target(
            keluar or Path(f"rekap-{month}{'-' + _slug(unit) if unit else ''}.{fmt}"),
            timpa=timpa or keluar is None,
        )
    conn = open_db()
    signers, place_date = signature_block(
        conn,
        month,
        [
            ("Kepala OPD", "kepala", kepala),
            ("Bendahara Pengeluaran", "bendahara", bendahara),
            ("Pengelola Kepegawaian", "pengelola", pengelola),
        ],
        tempat=tempat,
        tanggal=tanggal_ttd,
    )
    frozen = locked_recap(conn, month)
    recap = monthly_recap(conn, month, unit, now=now(), progress=render.progress)
    # The stored text itself when it is the whole month: byte for byte what the lock stored.
    text = frozen.text if frozen and unit is None else None
    if frozen:
        _locked_note(frozen.lock)
    else:
        _notes(conn, recap, month, unit)
    if fmt == "tabel":
        _table(recap, lebar)
        return
    if fmt in ("json", "csv") and keluar is None:
        from ..io.export import csv_text, recap_json

        try:
            if fmt == "json":
                sys.stdout.write(text if text is not None else recap_json(recap))
            else:
                sys.stdout.write(csv_text(recap, pemisah=pemisah))
            sys.stdout.flush()
        except BrokenPipeError:
            # `| head`: the reader has what it wanted; no error, no traceback at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from ..io import export

    assert target is not None
    if fmt == "json":
        export.save_json(text if text is not None else recap, target)
    elif fmt == "csv":
        export.save_csv(recap, target, pemisah=pemisah)
    elif fmt == "xlsx":
        parts = export.xlsx_parts(len(recap["pegawai"]))
        if parts > 1:
            render.note(
                f"Catatan: {len(recap['pegawai'])} baris melebihi batas Excel "
                f"{export.EXCEL_MAX_ROWS:,} baris per sheet; rekap dibagi ke {parts} sheet "
                "(jumlah dan tanda tangan di sheet terakhir).".replace(",", ".")
            )
        with render.progress(f"Menulis {target.name}", len(recap["pegawai"])) as bar:
            export.save_xlsx(recap, target, unit=unit, signers=signers, progress=bar, place_date=place_date)
    else:
        with render.progress(f"Menulis {target.name}", len(recap["pegawai"])) as bar:
            export.save_pdf(recap, target, unit=unit, signers=signers, progress=bar, place_date=place_date)
    print(
        f"Rekap {month}: {len(recap['pegawai'])} pegawai, TPP total "
        f"{render.rupiah(recap['total']['tpp_total'])}; ditulis ke {target}."
    )


def _notes(conn: sqlite3.Connection, recap: dict, month: str, unit: str | None) -> None:
    """Warnings on stderr that keep a clerk from sending finance a wrong recap."""
    from ..services.local_time import this_month, today
    from . import render

    rows = recap["pegawai"]
    if not rows:
        render.note(f"Tidak ada pegawai aktif{' di unit ' + unit if unit else ''} untuk direkap.")
    elif not any(r["hari_kerja"] for r in rows):
        render.note(
            f"Peringatan: belum ada jadwal atau presensi pada atau sebelum {month}; "
            "hari kerja 0 untuk semua pegawai."
        )
    if this_month(conn, now()) <= month:
        render.note(_provisional(today(conn, now())))
    unvalidated(conn, recap, month)


def unvalidated(conn: sqlite3.Connection, recap: dict, month: str) -> None:
    """Warn about everyone in the recap whose activities no one in the store may validate."""
    from ..domain.activities import unvalidatable_warning
    from ..services.kinerja import unvalidatable
    from . import render

    inside = {r["nip"] for r in recap["pegawai"]}
    for line in unvalidatable_warning([h for h in unvalidatable(conn, month) if h["nip"] in inside]):
        render.note(line)


def _provisional(sd: str | date) -> str:
    return (
        f"Peringatan: bulan belum selesai; rekap ini sementara s.d. {sd}: hari kerja sesudahnya "
        "belum dihitung (bukan TK)."
    )


def _locked_note(lock: dict) -> None:
    from ..domain.zones import shown
    from ..services.local_time import institution_zone
    from . import render

    pada = shown(lock["pada"], institution_zone(open_db()))
    render.note(
        f"Bulan {lock['bulan']} terkunci (oleh {lock['oleh']}, {pada}; SHA-256 "
        f"{lock['sha256'][:16]}...): ini rekap yang disimpan saat dikunci. Bandingkan dengan data "
        f"sekarang: `kerja rekap periksa --bulan {lock['bulan']}`."
    )


def _table(recap: dict, lebar: bool = False) -> None:
    """A screen summary, one line a person under their unit's heading; HK, WFO, WFH and the
    S/I/C/DL days too when the terminal has room. TL/PSW tiers are in the exports and in
    `rekap rincian`."""
    from . import render
    from .render import Col

    rows = recap["pegawai"]
    t = recap["total"]
    width = render.listing_width(lebar)
    full = width is None or width >= 110
    cols = [Col("NIP"), Col("Nama", cut=True, min=14)]
    if full:
        cols += [Col(c, right=True) for c in ("HK", "WFO", "WFH", "S/I/C/DL")]
    else:
        cols.append(Col("Hadir", right=True))
    cols += [Col(c, right=True) for c in ("TK", "Pot%", "Kin%", "TPP (Rp)")]
    warned = [r for r in rows if r["peringatan"]]
    if full and warned:
        cols.append(Col("Peringatan", cut=True, min=10))

    def line(r: dict) -> list[object]:
        days = (
            [
                r["hari_kerja"],
                r["hadir_wfo"],
                r["hadir_wfh"],
                f"{r['sakit']}/{r['izin']}/{r['cuti']}/{r['dinas_luar']}",
            ]
            if full
            else [r["hadir_wfo"] + r["hadir_wfh"]]
        )
        return [
            r["nip"],
            r["nama"] + (" *" if r["peringatan"] and not full else ""),
            *days,
            r["tk"],
            render.desimal(r["potongan_disiplin_persen"]),
            render.desimal(r["capaian_kinerja_persen"], 2),
            render.angka(r["tpp_total"]) if r["pagu_tpp"] else "-",
            *([r["peringatan"] or ""] if full and warned else []),
        ]

    legend = (
        ("HK = hari kerja, S/I/C/DL = sakit/izin/cuti/dinas luar" if full else "Hadir = hari hadir (WFO+WFH)")
        + ", TK = tanpa keterangan, Pot% = potongan disiplin, Kin% = capaian kinerja, "
        "TPP = dibayar ('-': bukan penerima TPP)."
    )
    notes = "".join(f"\n* {r['nip']}: {r['peringatan']}" for r in warned[:10]) if not full else ""
    if not full and len(warned) > 10:
        notes += f"\n* ... dan {len(warned) - 10} lainnya (--lebar atau --json)."
    render.listing(
        f"Rekap TPP {recap['instansi']} {recap['bulan']} ({render.angka(len(rows))} pegawai)",
        cols,
        ((heading, (line(r) for r in group)) for heading, group in render.by_unit(rows)),
        caption=f"Jumlah: pagu {render.rupiah(t['pagu_tpp'])}, kinerja {render.rupiah(t['tpp_kinerja'])}, "
        f"disiplin {render.rupiah(t['tpp_disiplin'])}, total {render.rupiah(t['tpp_total'])}."
        f"\n{legend}{notes}",
        wide=lebar,
    )


@app.command()
def rincian(
    nip: str = params.nip_argument(),
    bulan: str = params.month_option(default=...),
    as_json: bool = OPT_JSON,
) -> None:
    """Mengapa TPP seseorang sebesar itu: tiap hari kerja (kode, jadwal, masuk, pulang, telat,
    pulang cepat, potongan dan aturannya, menit kinerja), lalu hitungan Rupiah langkah demi
    langkah, sama persis dengan barisnya di `rekap bulanan`.

    Contoh: [bold]kerja rekap rincian 197508172000031002 --bulan 2021-02[/bold]
    """
    from ..clock import now
    from ..services.rekap import recap_detail
    from . import render

    d = recap_detail(open_db(), nip, bulan, now=now())
    if d["sementara_sd"] and not d["kunci"]:
        render.note(_provisional(d["sementara_sd"]))
    if d["kunci"]:
        _locked_note(d["kunci"])
        if d["berubah_sejak_kunci"]:
            render.note(
                "Peringatan: data bulan ini berubah sejak dikunci; baris rekap di bawah adalah yang "
                "terkunci, rincian hariannya dihitung ulang dari data sekarang."
            )
    if as_json:
        render.emit_json({k: d[k] for k in ("nip", "bulan", "hari", "rekap")})
        return
    r = d["rekap"]
    # Narrow columns first, the rule text last: on a narrow terminal only it wraps.
    render.table(
        f"Rincian {r['nama']} ({r['nip']}), {d['bulan']}"
        + (f" (sementara s.d. {d['sementara_sd']})" if d["sementara_sd"] and not d["kunci"] else ""),
        [
            "Tanggal",
            "Kode",
            "Jadwal",
            "Masuk",
            "Pulang",
            "Telat",
            "Cepat",
            "TL",
            "PSW",
            "Pot.",
            "Menit",
            "Aturan potongan",
        ],
        (
            [
                h["tanggal"],
                h["kode"],
                h["jadwal"] or "-",
                h["masuk"] or "-",
                h["pulang"] or "-",
                h["telat_menit"] or "",
                h["cepat_menit"] or "",
                h["tl"],
                h["psw"],
                render.persen(h["potongan_persen"]),
                h["menit_kinerja"],
                h["aturan"],
            ]
            for h in d["hari"]
        ),
        justify_right=(5, 6, 9, 10),
    )
    if d["menit_di_luar_hari_kerja"]:
        print(f"Menit kinerja di luar hari kerja (ikut dihitung): {d['menit_di_luar_hari_kerja']}")
    tidak = d["menit_tidak_dihitung"]
    why = [
        f"{m} menit {label}"
        for m, label in (
            (tidak["diajukan"], "masih menunggu validasi"),
            (tidak["ditolak"], "ditolak atasan"),
            (tidak["terlambat"], "divalidasi sesudah batas_validasi_hari"),
        )
        if m
    ]
    if why:
        print("Tidak dihitung: " + "; ".join(why) + ".")
    print(f"Unit: {r['unit']}. Pagu TPP {render.rupiah(r['pagu_tpp'])}.")
    for line in d["penjelasan"]:
        print("  " + line)


@app.command()
def kunci(
    bulan: str = params.month_option(default=...),
    paksa: bool = typer.Option(
        False, "--paksa", help="Kunci juga walau ada temuan (temuannya dicatat di log audit)."
    ),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Kunci bulan: presensi, status, jadwal dan kinerja bulan itu tidak bisa diubah lagi, dan
    rekapnya disimpan (beserta SHA-256-nya): `rekap bulanan` dan `rekap rincian` bulan itu
    selanjutnya mencetak rekap yang disimpan ini, apa pun yang berubah sesudahnya.

    Sebelum mengunci, kerja memeriksa yang akan salah selamanya: kegiatan yang masih menunggu
    validasi, hari kerja tanpa jadwal, pegawai berkegiatan tanpa atasan, capaian kinerja 0%, PIN
    mesin tak dikenal. Bila ada, bulan tidak dikunci (exit 1) kecuali dengan --paksa.

    Contoh: [bold]kerja rekap kunci --bulan 2021-02 --oleh 196801011990031001[/bold]
    """
    from ..services.kunci import lock
    from . import render

    r = lock(open_db(), bulan, oleh=actor(oleh), now=now(), paksa=paksa)
    for f in r.temuan:
        render.note(f"Dikunci walau: {f['pesan']}")
    print(
        f"Bulan {r.bulan} dikunci oleh {r.oleh}: {r.pegawai} pegawai, TPP total "
        f"{render.rupiah(r.tpp_total)}, SHA-256 {r.sha256}. Buka dengan "
        f"`kerja rekap buka --bulan {r.bulan} --alasan ...`."
    )


@app.command()
def buka(
    bulan: str = params.month_option(default=...),
    alasan: str = typer.Option(..., "--alasan", help="Mengapa dibuka lagi (dicatat di audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Buka kunci bulan agar datanya bisa dikoreksi (dicatat di log audit beserta alasannya).

    Contoh: [bold]kerja rekap buka --bulan 2021-02 --alasan "koreksi cuti pegawai"[/bold]
    """
    from ..services.kunci import unlock

    m = bulan
    unlock(open_db(), m, alasan, oleh=actor(oleh))
    print(f"Kunci bulan {m} dibuka.")


@app.command("kunci-daftar")
def kunci_daftar(as_json: bool = OPT_JSON) -> None:
    """Bulan-bulan yang sedang dikunci, dengan SHA-256 rekap yang disimpan saat dikunci
    (`sha256sum` atas keluaran `rekap bulanan --format json` bulan itu memberi nilai yang sama).

    Contoh: [bold]kerja rekap kunci-daftar[/bold]
    """
    from ..domain.zones import shown
    from ..services.kunci import locks
    from ..services.local_time import institution_zone
    from . import render

    conn = open_db()
    rows = locks(conn)
    if as_json:
        render.emit_json(rows)
        return
    z = institution_zone(conn)
    render.table(
        f"{len(rows)} bulan terkunci",
        ["Bulan", "Oleh", "Pada", "SHA-256 rekap"],
        (
            [r["bulan"], r["oleh"], shown(r["pada"], z), r["sha256"] or "(tanpa rekap tersimpan)"]
            for r in rows
        ),
    )


@app.command()
def periksa(
    bulan: str = params.month_option("Bulan YYYY-MM yang dikunci.", default=...),
    as_json: bool = OPT_JSON,
) -> None:
    """Hitung ulang bulan yang dikunci dari data sekarang dan bandingkan dengan rekap yang disimpan
    saat dikunci. Sama: exit 0. Berbeda: setiap perbedaan disebut (NIP, kolom, nilai lama -> baru)
    dan exit 3. Tidak mengubah apa pun.

    Contoh: [bold]kerja rekap periksa --bulan 2021-02[/bold]
    """
    from ..services.kunci import check
    from . import render
    from .base import EXIT_RULES_UNMET

    c = check(open_db(), bulan)
    if as_json:
        render.emit_json({"bulan": c.bulan, "sha256": c.sha256, "sama": c.sama, "perbedaan": c.perbedaan})
    elif c.sama:
        print(f"Rekap {c.bulan} dihitung ulang sama persis dengan yang dikunci (SHA-256 {c.sha256}).")
    else:
        print(f"Rekap {c.bulan} dihitung ulang BERBEDA dari yang dikunci (SHA-256 {c.sha256}):")
        for line in c.perbedaan:
            print(f"  {line}")
    if not c.sama:
        raise typer.Exit(EXIT_RULES_UNMET)


@app.command()
def simulasi(
    bulan: str = params.month_option(default=...),
    aturan: Path = typer.Option(
        ..., "--aturan", help="Berkas TOML draf aturan (kunci yang tidak ditulis memakai bawaan)."
    ),
    semua: bool = typer.Option(False, "--semua", help="Tampilkan semua pegawai yang berubah (bawaan: 30)."),
    as_json: bool = OPT_JSON,
) -> None:
    """Apa yang akan dibayar bila draf aturan berlaku pada suatu bulan: rekap bulan itu dihitung
    ulang dengan draf (seperti `aturan pasang DRAF --mulai BULAN`) dan dibandingkan dengan aturan
    yang berlaku, per unit dan per pegawai (TPP, potongan, capaian, siapa naik/turun berapa).
    Tidak menulis apa pun ke basis data.

    Contoh: [bold]kerja rekap simulasi --bulan 2021-02 --aturan perbup-baru.toml[/bold]
    """
    from ..services.rekap import simulate
    from . import render

    d = simulate(open_db(), bulan, str(aturan), now=now())
    if as_json:
        render.emit_json(d)
        return
    if d["sementara_sd"]:
        render.note(_provisional(d["sementara_sd"]))
    t = d["total"]
    sign = _signed
    print(
        f"Simulasi {d['aturan']} untuk {d['bulan']} ({d['instansi']}); tidak ada yang disimpan."
        + (" Bulan ini terkunci: keduanya dihitung dari data sekarang." if d["terkunci"] else "")
    )
    if d["kunci_berubah"]:
        print("Kunci aturan yang berbeda dari yang berlaku:")
        for k in d["kunci_berubah"]:
            print(f"  {k['kunci']}: {k['berlaku']!r} -> {k['draf']!r}")
    else:
        print("Draf sama dengan aturan yang berlaku; tidak ada yang berubah.")
    print(
        f"TPP total {render.rupiah(t['berlaku']['tpp_total'])} -> {render.rupiah(t['draf']['tpp_total'])} "
        f"({sign(t['selisih']['tpp_total'])}); kinerja {sign(t['selisih']['tpp_kinerja'])}, disiplin "
        f"{sign(t['selisih']['tpp_disiplin'])}. Pegawai: {d['naik']} naik, {d['turun']} turun, "
        f"{d['sama']} sama."
    )
    moved = [u for u in d["unit"] if u["selisih"] or u["naik"] or u["turun"]]
    if moved:
        render.table(
            f"Per unit ({len(moved)} dari {len(d['unit'])} unit berubah)",
            ["Unit", "Pegawai", "Naik", "Turun", "TPP berlaku", "TPP draf", "Selisih"],
            (
                [
                    u["unit"],
                    u["pegawai"],
                    u["naik"],
                    u["turun"],
                    render.rupiah(u["tpp_berlaku"])[3:],
                    render.rupiah(u["tpp_draf"])[3:],
                    sign(u["selisih"])[3:] if u["selisih"] else "0",
                ]
                for u in moved
            ),
            justify_right=(1, 2, 3, 4, 5, 6),
        )
    people = d["pegawai"] if semua else d["pegawai"][:30]
    if people:
        render.table(
            f"Per pegawai ({len(d['pegawai'])} berubah"
            + ("" if len(people) == len(d["pegawai"]) else f"; {len(people)} pertama, semua: --semua")
            + ")",
            ["NIP", "Nama", "Pot.%", "Capaian%", "TPP berlaku", "TPP draf", "Selisih"],
            (
                [
                    p["nip"],
                    p["nama"],
                    _change(p, "potongan_disiplin_persen"),
                    _change(p, "capaian_kinerja_persen"),
                    render.rupiah(p["tpp_berlaku"])[3:],
                    render.rupiah(p["tpp_draf"])[3:],
                    sign(p["selisih"])[3:] if p["selisih"] else "0",
                ]
                for p in people
            ),
            justify_right=(4, 5, 6),
        )


def _signed(amount: int) -> str:
    """'Rp +12.000' / 'Rp -12.000' / 'Rp 0': a difference in Rupiah."""
    from . import render

    text = render.rupiah(abs(amount))
    return text if not amount else f"Rp {'+' if amount > 0 else '-'}{text[3:]}"


def _change(p: dict, key: str) -> str:
    if key not in p["berlaku"]:
        return ""
    return f"{p['berlaku'][key]:g} -> {p['draf'][key]:g}"
