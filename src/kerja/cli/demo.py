"""kerja demo: a fictional Dinas and a whole month (SPEC §9), into a new store."""

from __future__ import annotations

from pathlib import Path

import typer

from .base import fail, state

DEFAULT_DB = Path("kerja-demo.db")


def demo(
    db: Path | None = typer.Option(
        None, "--db", help="Berkas basis data BARU untuk demo (bawaan: ./kerja-demo.db).",
        show_default=False,
    ),  # fmt: skip
    seed: int = typer.Option(2021, "--benih", help="Benih acak: benih lain, pegawai lain."),
) -> None:
    """Bangun dinas rekaan (120 pegawai) dan jalankan satu bulan penuh: impor pegawai, surat
    edaran 75% WFH / 25% WFO, jadwal, presensi mesin dan daring, sakit/cuti, kinerja yang
    divalidasi atasan, lalu rekap TPP Februari 2021 (tabel, xlsx, pdf).

    Demo tidak pernah menyentuh basis data yang sudah ada. Ia membuat berkas baru
    (bawaan ./kerja-demo.db, bukan $KERJA_DB) dan folder NAMA-berkas/ di sebelahnya
    untuk berkas masukan dan rekap yang dibuatnya.

    Contoh: [bold]kerja demo --db /tmp/coba.db[/bold]
    """
    from ..demo.run import Demo
    from . import render

    path = db or state.db or DEFAULT_DB
    if path.exists():
        raise fail(
            f"{path} sudah ada; demo tidak pernah menimpa basis data. Hapus dulu "
            f"(rm {path}*) atau pilih berkas baru: kerja demo --db demo-baru.db"
        )
    folder = path.with_name(path.stem + "-berkas")
    result = Demo(path, folder, render.text, seed).run()
    if result.recap is not None:
        show_recap(result.recap)
    for note in result.skipped:
        render.note(f"Dilewati: {note}")
    if result.files:
        print("Berkas: " + ", ".join(str(f) for f in result.files))
    print(
        f"Selesai. Lihat lebih jauh, misalnya: kerja --db {path} rekap rincian NIP --bulan 2021-02"
    )


def show_recap(recap: dict) -> None:
    """The month's recap, one section per unit; fits 80 columns (names wrap)."""
    from rich import box
    from rich.table import Table

    from . import render

    t = Table(
        title=f"Rekap TPP {recap['bulan']} — {recap['instansi']}",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
    )
    t.add_column("NIP", no_wrap=True)
    t.add_column("Nama", overflow="fold", ratio=1)
    for name in ("Hadir", "TK", "Pot%", "Kin%"):
        t.add_column(name, justify="right", no_wrap=True)
    t.add_column("TPP (Rp)", justify="right", no_wrap=True)
    unit = None
    for r in recap["pegawai"]:
        if r["unit"] != unit:
            unit = r["unit"]
            t.add_row("", f"[bold]{unit.split(' > ')[-1]}[/bold]", end_section=False)
        t.add_row(
            r["nip"],
            r["nama"],
            str(r["hadir_wfo"] + r["hadir_wfh"]),
            str(r["tk"]),
            f"{r['potongan_disiplin_persen']:g}",
            f"{r['capaian_kinerja_persen']:.2f}",
            f"{r['tpp_total']:,}".replace(",", "."),
        )
    total = recap["total"]
    render.console().print(t)
    print(
        f"Total: pagu {render.rupiah(total['pagu_tpp'])}, TPP kinerja "
        f"{render.rupiah(total['tpp_kinerja'])}, TPP disiplin {render.rupiah(total['tpp_disiplin'])}, "
        f"dibayar {render.rupiah(total['tpp_total'])}."
    )
