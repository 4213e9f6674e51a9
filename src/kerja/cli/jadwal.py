"""kerja jadwal: generate, view, change, check and export the WFH/WFO roster (SPEC §6)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import typer

from . import params
from .signing import OPT_TANGGAL_TTD, OPT_TEMPAT, signature_block

if TYPE_CHECKING:
    from ..domain.roster import Shortfall, Violation

from .base import (
    EXIT_RULES_UNMET,
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

app = App(help="Jadwal WFO/WFH: buat, lihat, ubah, periksa, ekspor.")

OPT_MULAI = params.date_option("--mulai", "Tanggal awal, YYYY-MM-DD.")
OPT_SAMPAI = params.date_option("--sampai", "Tanggal akhir, YYYY-MM-DD.")
OPT_UNIT = typer.Option(None, "--unit", help="Unit (nama atau jalur), termasuk sub-unitnya.")


def _violations_to_stderr(items: list[Violation], limit: int = 100) -> None:
    from . import render

    for v in items[:limit]:
        render.note(f"Pelanggaran {v.tanggal} [{v.jenis}] {v.unit}: {v.detail}")
    if len(items) > limit:
        render.note(f"... dan {len(items) - limit} pelanggaran lain (lihat `kerja jadwal periksa`).")


def _shortfalls(items: list[Shortfall], limit: int = 20) -> None:
    """Quota groups left below their target: a notice with the numbers, not a violation."""
    from ..domain.roster import shortfall_lines

    lines = shortfall_lines(items)
    for line in lines[:limit]:
        print(f"Catatan kuota tidak terisi penuh: {line}.")
    if len(lines) > limit:
        print(f"... dan {len(lines) - limit} catatan kuota lain (pakai --json).")


@app.command()
def buat(
    kebijakan: str | None = typer.Option(
        None, "--kebijakan", help="Pakai kebijakan ini untuk semua hari (bawaan: yang berlaku tiap hari)."
    ),
    mulai: date | None = OPT_MULAI,
    sampai: date | None = OPT_SAMPAI,
    unit: str | None = OPT_UNIT,
    timpa: bool = typer.Option(
        False, "--timpa", help="Timpa juga perubahan manual dan hari yang sudah lewat."
    ),
    as_json: bool = OPT_JSON,
    oleh: str | None = OPT_OLEH,
) -> None:
    """Buat jadwal WFO/WFH per hari kerja menurut kebijakan (kuota, pejabat, cakupan, WFH wajib,
    rotasi yang adil). Tanpa --mulai/--sampai: masa berlaku --kebijakan, atau bulan ini.

    Perubahan manual (`jadwal ubah`) dan hari lampau yang sudah berjadwal dipertahankan kecuali
    --timpa. Bila kuota/cakupan tidak terpenuhi, jadwal tetap disimpan, pelanggaran dicetak dan
    kode keluar 3.

    Contoh: [bold]kerja jadwal buat --kebijakan kukar-2021 --mulai 2021-02-01 --sampai 2021-02-09[/bold]
    """
    from ..services.jadwal import generate
    from . import render

    conn = open_db()
    with render.progress("Menyusun jadwal", None):
        s = generate(
            conn,
            oleh=actor(oleh),
            kebijakan=kebijakan,
            mulai=mulai,
            sampai=sampai,
            unit=unit,
            timpa=timpa,
            now=now(),
        )
    if as_json:
        render.emit_json(
            {
                "mulai": s.mulai,
                "sampai": s.sampai,
                "kebijakan": s.kebijakan,
                "hari": s.hari,
                "dipertahankan": s.dipertahankan,
                "tanpa_kebijakan": s.tanpa_kebijakan,
                "sel": s.sel,
                "wfo": s.wfo,
                "wfh": s.wfh,
                "deviasi_maks": s.deviasi_maks,
                "pelanggaran": [v.as_dict() for v in s.pelanggaran],
                "catatan": [
                    {
                        "nip": n.nip,
                        "kebijakan": n.kebijakan,
                        "unit": n.unit,
                        "sebab": n.sebab,
                        "wfo": n.wfo,
                        "bagian_adil": round(n.bagian_adil, 2),
                        "lebih": round(n.lebih, 2),
                    }
                    for n in s.catatan
                ],
                "kuota_kurang": [k.as_dict() for k in s.kuota_kurang],
            }
        )
    else:
        print(
            f"Jadwal {s.mulai} s.d. {s.sampai} ({', '.join(s.kebijakan)}): {len(s.hari)} hari kerja, "
            f"{render.angka(s.sel)} sel ({render.angka(s.wfo)} WFO, {render.angka(s.wfh)} WFH). "
            f"Selisih terbesar dari bagian adil: {render.desimal(s.deviasi_maks)} hari."
        )
        if s.dipertahankan:
            print(
                f"{len(s.dipertahankan)} hari lampau yang sudah berjadwal dipertahankan "
                "(pakai --timpa untuk membuat ulang)."
            )
        if s.tanpa_kebijakan:
            print(
                f"{len(s.tanpa_kebijakan)} hari kerja tanpa kebijakan berlaku dilewati "
                f"({s.tanpa_kebijakan[0]} ...)."
            )
        for n in s.catatan[:50]:
            why = f"cakupan unit {n.unit}" if n.sebab == "cakupan" else f"giliran tim ({n.unit})"
            print(
                f"Catatan: {n.nip} mendapat {n.wfo} hari WFO, {render.desimal(n.lebih, 2)} hari di atas "
                f"bagian adilnya ({render.desimal(n.bagian_adil, 2)}) karena {why}."
            )
        if len(s.catatan) > 50:
            print(f"... dan {len(s.catatan) - 50} catatan lain (pakai --json).")
        _shortfalls(s.kuota_kurang)
    if s.pelanggaran:
        _violations_to_stderr(s.pelanggaran)
        raise typer.Exit(EXIT_RULES_UNMET)


@app.command()
def simulasi(
    kebijakan_berkas: Path = typer.Option(
        ..., "--kebijakan-berkas", help="Berkas TOML draf surat edaran (belum dipasang)."
    ),
    mulai: date | None = OPT_MULAI,
    sampai: date | None = OPT_SAMPAI,
    timpa: bool = typer.Option(
        False, "--timpa", help="Hitung seperti `jadwal buat --timpa` (perubahan manual dan hari lewat ikut)."
    ),
    semua: bool = typer.Option(False, "--semua", help="Tampilkan semua pegawai yang berubah (bawaan: 30)."),
    as_json: bool = OPT_JSON,
) -> None:
    """Jadwal yang akan diberikan draf surat edaran, dibandingkan dengan jadwal tersimpan: jumlah
    WFO/WFH per unit, pegawai yang hari-harinya berubah, dan pelanggaran kuota/cakupan di kedua
    sisi. Dihitung persis seperti `jadwal buat --kebijakan` setelah draf dipasang; tidak menulis
    apa pun. Tanpa --mulai/--sampai: masa berlaku draf.

    Contoh: [bold]kerja jadwal simulasi --kebijakan-berkas edaran-baru.toml --mulai 2021-02-01
    --sampai 2021-02-28[/bold]
    """
    from ..services.jadwal import simulate
    from . import render

    conn = open_db()
    with render.progress("Menyusun jadwal simulasi", None):
        d = simulate(conn, str(kebijakan_berkas), mulai=mulai, sampai=sampai, timpa=timpa, now=now())
    if as_json:
        render.emit_json(d)
        return
    t = d["total"]
    print(
        f"Simulasi {d['kebijakan']} ({d['berkas']}) {d['mulai']} s.d. {d['sampai']}: {d['hari']} hari "
        f"kerja; tidak ada yang disimpan."
    )
    if d["dipertahankan"]:
        print(
            f"{len(d['dipertahankan'])} hari lewat yang sudah berjadwal dipertahankan (seperti jadwal buat)."
        )
    print(
        f"WFO {t['berlaku']['WFO']} -> {t['draf']['WFO']}, WFH {t['berlaku']['WFH']} -> "
        f"{t['draf']['WFH']} (hari-orang); {len(d['pegawai'])} pegawai berubah jadwalnya."
    )
    moved = [u for u in d["unit"] if (u["wfo_berlaku"], u["wfh_berlaku"]) != (u["wfo_draf"], u["wfh_draf"])]
    if moved:
        render.table(
            f"Per unit ({len(moved)} dari {len(d['unit'])} unit berubah)",
            ["Unit", "WFO berlaku", "WFO draf", "WFH berlaku", "WFH draf"],
            ([u["unit"], u["wfo_berlaku"], u["wfo_draf"], u["wfh_berlaku"], u["wfh_draf"]] for u in moved),
            justify_right=(1, 2, 3, 4),
        )
    people = d["pegawai"] if semua else d["pegawai"][:30]
    if people:
        render.table(
            f"Per pegawai ({len(d['pegawai'])} berubah"
            + ("" if len(people) == len(d["pegawai"]) else f"; {len(people)} pertama, semua: --semua")
            + ")",
            ["NIP", "Nama", "WFO berlaku", "WFO draf", "Hari yang berubah"],
            (
                [
                    p["nip"],
                    p["nama"],
                    p["wfo_berlaku"],
                    p["wfo_draf"],
                    ", ".join(
                        f"{h['tanggal'][5:]} {h['berlaku'] or '-'}>{h['draf'] or '-'}" for h in p["hari"]
                    ),
                ]
                for p in people
            ),
            justify_right=(2, 3),
        )
    v = d["pelanggaran"]
    print(f"Pelanggaran: {len(v['berlaku'])} pada jadwal tersimpan, {len(v['draf'])} dengan draf.")
    for x in v["draf"][:20]:
        print(f"  {x['tanggal']} [{x['jenis']}] {x['unit']}: {x['detail']}")
    if len(v["draf"]) > 20:
        print(f"  ... dan {len(v['draf']) - 20} lainnya (pakai --json).")


@app.command()
def lihat(
    unit: str | None = OPT_UNIT,
    mulai: date | None = OPT_MULAI,
    sampai: date | None = OPT_SAMPAI,
    lebar: bool = OPT_LEBAR,
) -> None:
    """Tabel pegawai x hari: WFO, WFH, kode status (CT, S, DL, ...) atau '-' (tanpa jadwal).

    Satu tabel per pekan agar muat di layar 80 kolom, satu baris seorang per unit; nama dipendekkan
    bila layar terlalu sempit (--lebar: utuh). Baris 'WFO/kuota' di bawah
    tiap tabel memberi jumlah WFO per kelompok kuota dibanding targetnya. Tanpa --mulai: dua pekan
    mulai pekan ini (atau awal jadwal). Lebih dari 300 pegawai: pilih --unit.

    Contoh: [bold]kerja jadwal lihat --unit "Bidang Aplikasi" --mulai 2021-02-01 --sampai 2021-02-12[/bold]
    """
    from ..domain.rules import HARI
    from ..services.jadwal import grid
    from . import render
    from .render import Col

    g = grid(open_db(), mulai, sampai, unit, now=now())
    if g.judul:
        render.say(g.judul)
    width = render.listing_width(lebar)
    weeks: dict[tuple[int, int], list[int]] = {}
    for k, d in enumerate(g.days):
        weeks.setdefault(d.isocalendar()[:2], []).append(k)
    lines: list[str] = []
    for ks in weeks.values():
        days = [g.days[k] for k in ks]
        # NIP too when the terminal has room for it beside a readable name.
        with_nip = width is None or width >= 20 + 14 + 7 * len(ks)
        cols = ([Col("NIP")] if with_nip else []) + [Col("Nama", cut=True, min=12)]
        cols += [Col(f"{HARI[d.weekday()]} {d:%d}", gap=1 if i else 2) for i, d in enumerate(days)]
        groups: dict[str, list[list[str]]] = {}
        for nip, name, unit_path, marks in g.rows:
            groups.setdefault(unit_path, []).append(
                ([nip] if with_nip else []) + [name] + [marks[k] for k in ks]
            )
        sections: list[tuple[str | None, list[list[str]]]] = [
            (render.unit_heading(u), rs) for u, rs in groups.items()
        ]
        if g.totals:
            sections.append(
                (
                    "WFO/kuota per kelompok",
                    [
                        ([""] if with_nip else []) + [group.split(" > ")[-1]] + [marks[k] for k in ks]
                        for group, marks in g.totals
                    ],
                )
            )
        if lines:
            lines.append("")
        lines += render.listing_lines(
            f"Pekan {days[0]:%d/%m} s.d. {days[-1]:%d/%m/%Y}", cols, sections, width=width
        )
    render.page(lines)


@app.command()
def ubah(
    nip: str = params.nip_argument(),
    tanggal: date = params.argument(..., type=params.DATE, help="Tanggal, YYYY-MM-DD."),
    lokasi: str = params.argument(..., type=params.LOCATION, help="WFO atau WFH."),
    alasan: str = typer.Option(..., "--alasan", help="Mengapa diubah (masuk log audit)."),
    oleh: str | None = OPT_OLEH,
) -> None:
    """Ubah satu sel jadwal dengan tangan (alasan 'manual'); tercatat di log audit dan
    dipertahankan saat jadwal dibuat ulang. Memberi peringatan bila kuota/cakupan jadi dilanggar.

    Contoh: [bold]kerja jadwal ubah 198503302010012003 2021-02-03 WFO --alasan "rapat anggaran"[/bold]
    """
    from ..services.jadwal import change
    from . import render

    n, d = nip, tanggal
    old, problems = change(open_db(), n, d, lokasi, alasan, actor(oleh))
    before = f"{old[0]} ({old[1]})" if old else "tanpa jadwal"
    print(f"Jadwal {n} pada {d}: {before} -> {lokasi} (manual).")
    for v in problems:
        render.note(f"Peringatan: {v.tanggal} [{v.jenis}] {v.unit}: {v.detail}")


@app.command()
def periksa(
    mulai: date | None = OPT_MULAI,
    sampai: date | None = OPT_SAMPAI,
    as_json: bool = OPT_JSON,
) -> None:
    """Periksa jadwal tersimpan: kuota, cakupan unit, WFH wajib. Kode keluar 3 bila ada pelanggaran.

    Contoh: [bold]kerja jadwal periksa --mulai 2021-02-01 --sampai 2021-02-28 --json[/bold]
    """
    from ..services.jadwal import review
    from . import render

    items, short = review(open_db(), mulai, sampai)
    if as_json:
        render.emit_json(
            {"pelanggaran": [v.as_dict() for v in items], "kuota_kurang": [k.as_dict() for k in short]}
        )
    else:
        if not items:
            print("Tidak ada pelanggaran.")
        else:
            render.table(
                f"{len(items)} pelanggaran",
                ["Tanggal", "Jenis", "Unit", "Rincian"],
                ([v.tanggal, v.jenis, v.unit, v.detail] for v in items),
            )
        _shortfalls(short)
    if items:
        raise typer.Exit(EXIT_RULES_UNMET)


@app.command()
def ekspor(
    format: str = params.format_option(params.FORMAT_JADWAL, "Format berkas."),
    keluar: Path | None = typer.Option(None, "--keluar", help="Berkas tujuan (csv/json bawaan: stdout)."),
    mulai: date | None = OPT_MULAI,
    sampai: date | None = OPT_SAMPAI,
    unit: str | None = OPT_UNIT,
    pemisah: str = params.separator_option(),
    timpa: bool = OPT_TIMPA,
) -> None:
    """Ekspor jadwal hari bertugas: csv (UTF-8 BOM, ';'), xlsx (satu sheet per OPD, siap cetak,
    berjudul kebijakan) atau json. Tanpa --keluar: csv/json ke stdout, xlsx ke jadwal-AWAL_AKHIR.xlsx.

    Contoh: [bold]kerja jadwal ekspor --format xlsx --mulai 2021-02-01 --sampai 2021-02-28[/bold]
    """
    from ..io import roster_export
    from ..services import jadwal
    from . import render

    fmt = format
    if keluar is not None:
        keluar = out_target(keluar, timpa=timpa)
    conn = open_db()
    a, b = jadwal._span(conn, mulai, sampai)
    rows = jadwal.export_rows(conn, a, b, unit)
    if fmt == "json":
        from ..io.json_rows import write_rows

        def emit(out: IO[str]) -> None:
            write_rows((dict(zip(jadwal.EXPORT_KEYS, r, strict=True)) for r in rows), out, indent="  ")

        if keluar:
            from ..io.atomic import open_atomic

            with open_atomic(keluar) as f:
                emit(f)
            print(f"Jadwal diekspor ke {keluar}.", file=sys.stderr)
        else:
            emit(sys.stdout)
    elif fmt == "csv":
        with render.progress(f"Menulis {keluar.name if keluar else 'CSV'}", None) as bar:
            n = roster_export.write_csv(_advancing(rows, bar), keluar, pemisah)
        if keluar:
            print(f"{n} baris jadwal diekspor ke {keluar}.", file=sys.stderr)
    else:
        instansi, judul = jadwal.export_title(conn, a, b)
        # The default name (no --keluar) is replaced as documented; still never the store.
        target = keluar or out_target(Path(f"jadwal-{a}_{b}.xlsx"), timpa=True)
        with render.progress(f"Menulis {target.name}", None) as bar:
            r = roster_export.write_xlsx(
                rows, target, instansi=instansi, judul=judul, periode=f"{a} s.d. {b}", progress=bar
            )
        for opd, sheets in r.split.items():
            render.note(
                f"Catatan: jadwal {opd} melebihi batas Excel {r.limit:,} baris per sheet; ".replace(",", ".")
                + f"dibagi ke {len(sheets)} sheet: {', '.join(sheets)}."
            )
        print(f"{r.rows} baris jadwal diekspor ke {target}.")


@app.command()
def cetak(
    format: str = params.format_option(("pdf", "xlsx"), "pdf atau xlsx."),
    unit: str | None = OPT_UNIT,
    mulai: date | None = OPT_MULAI,
    sampai: date | None = OPT_SAMPAI,
    keluar: Path | None = typer.Option(
        None,
        "--keluar",
        help="Berkas tujuan (bawaan: jadwal-cetak-AWAL_AKHIR[-unit].pdf|xlsx di folder ini).",
    ),
    kepala: str | None = params.nip_option("--kepala", "NIP yang menandatangani (Kepala OPD/unit)."),
    tempat: str | None = OPT_TEMPAT,
    tanggal_ttd: date | None = OPT_TANGGAL_TTD,
    timpa: bool = OPT_TIMPA,
) -> None:
    """Jadwal untuk papan pengumuman: per unit, nama x hari kerja, tiap sel dalam kata (Kantor,
    Rumah, Cuti, Sakit, Dinas Luar, ...), alasan khusus sebagai nomor yang dijelaskan di
    keterangan, A4 mendatar, dengan baris tempat dan tanggal serta tanda tangan.

    Tanpa --mulai/--sampai: dua pekan mulai pekan ini (atau awal jadwal). Jabatan penanda tangan
    dari aturan tanda_tangan.jabatan_kepala atau jabatan pegawai --kepala; tempat dari --tempat
    atau tanda_tangan.tempat.

    Contoh: [bold]kerja jadwal cetak --format pdf --unit "Bidang Aplikasi" --mulai 2021-02-01
    --sampai 2021-02-12 --kepala 196801011990031001 --tempat "Sungai Lestari"[/bold]
    """
    from ..io import roster_print
    from ..services import jadwal
    from . import render

    conn = open_db()
    board = jadwal.notice_board(conn, mulai, sampai, unit, now=now())
    slug = "-" + "".join(c if c.isalnum() else "-" for c in unit.lower()).strip("-") if unit else ""
    default = Path(f"jadwal-cetak-{board.mulai}_{board.sampai}{slug}.{format}")
    target = out_target(keluar or default, timpa=timpa or keluar is None)
    signers, place_date = signature_block(
        conn,
        board.sampai.isoformat()[:7],
        [("Kepala OPD", "kepala", kepala)],
        tempat=tempat,
        tanggal=tanggal_ttd,
    )
    people = sum(len(rows) for _, rows in board.units)
    with render.progress(f"Menulis {target.name}", None):
        save = roster_print.save_pdf if format == "pdf" else roster_print.save_xlsx
        save(board, target, signers=signers, place_date=place_date)
    print(
        f"Jadwal {render.angka(people)} pegawai x {render.angka(len(board.days))} hari kerja "
        f"({board.mulai} s.d. {board.sampai}) dicetak ke {target}."
    )


def _advancing(rows: Iterable[Any], bar: Any) -> Iterator[Any]:
    """The rows, advancing a progress bar as they are written."""
    for r in rows:
        bar.advance(1)
        yield r
