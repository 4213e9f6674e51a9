"""kerja demo: a fictional Dinas and a whole month (SPEC §9), into a new store."""

from __future__ import annotations

from pathlib import Path

import typer

from .base import fail, state

DEFAULT_DB = Path("kerja-demo.db")


def demo(
    db: Path | None = typer.Option(
        None,
        "--db",
        help="Berkas basis data BARU untuk demo (bawaan: ./kerja-demo.db).",
        show_default=False,
    ),
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
    print("kerja demo: dinas rekaan (semua nama dan NIP fiktif), satu bulan: Februari 2021")
    result = Demo(path, folder, render.text, seed, progress=render.progress).run()
    if result.recap is not None:
        show_recap(result.recap)
    for note in result.notes:
        render.say(note)
    print("Rekap untuk keuangan dan tanda tangan:")
    for f in result.files:
        print(f"  {f}")
    print(f"Berkas masukan demo (pegawai, edaran, attlog, daring): {folder}/")
    if result.recap and result.recap["pegawai"]:
        worst = max(result.recap["pegawai"], key=lambda r: r["potongan_disiplin_persen"])
        print("Mengapa TPP seseorang dipotong? Misalnya:")
        import shlex

        words = [
            shlex.quote(_prog()),
            "--db",
            shlex.quote(str(path)),
            "rekap",
            "rincian",
            worst["nip"],
            "--bulan",
            result.recap["bulan"],
        ]
        print(_shell_lines(words, render.width()))


def _shell_lines(words: list[str], width: int) -> str:
    """A command to paste, indented, broken with shell continuations (` \\`) to fit `width`."""
    lines, line = [], "  " + words[0]
    for w in words[1:]:
        if len(line) + 1 + len(w) + 2 > width:
            lines.append(line + " \\")
            line = "      " + w
        else:
            line += " " + w
    return "\n".join([*lines, line])


def _prog() -> str:
    """The program as the user typed it (`.venv/bin/kerja` before the venv is activated), so the
    suggested command can be pasted as it is."""
    import sys

    typed = sys.argv[0] if sys.argv else ""
    return typed if Path(typed).name == "kerja" else "kerja"


def show_recap(recap: dict) -> None:
    """The month's recap, one block per unit under a shared header; every block has the same
    column widths, so the whole thing reads as one table and fits an 80-column terminal."""
    from rich import box
    from rich.table import Table

    from ..domain.values import format_number
    from . import render

    con = render.console()
    fixed = {"NIP": 18, "Hadir": 5, "TK": 3, "Pot%": 5, "Kin%": 6, "TPP (Rp)": 11}
    name_width = max(14, con.width - sum(fixed.values()) - 2 * len(fixed))

    def block(header: bool) -> Table:
        t = Table(
            box=box.SIMPLE_HEAD,
            show_header=header,
            show_edge=False,
            header_style="bold",
            collapse_padding=True,
            pad_edge=False,
        )
        t.add_column("NIP", width=fixed["NIP"], no_wrap=True)
        t.add_column("Nama", width=name_width, overflow="fold")
        for c in ("Hadir", "TK", "Pot%", "Kin%", "TPP (Rp)"):
            t.add_column(c, width=fixed[c], justify="right", no_wrap=True)
        return t

    from rich.markup import escape

    con.print(f"[bold]Rekap TPP {recap['bulan']}: {escape(recap['instansi'])}[/bold]")
    con.print(block(header=True))
    groups: dict[str, list[dict]] = {}
    for r in recap["pegawai"]:
        groups.setdefault(r["unit"], []).append(r)
    for unit, rows in groups.items():
        parts = unit.split(" > ")
        con.print(f"[bold]{escape(' > '.join(parts[1:]) or parts[0])}[/bold]", overflow="fold")
        t = block(header=False)
        for r in rows:
            t.add_row(
                r["nip"],
                escape(r["nama"]),
                str(r["hadir_wfo"] + r["hadir_wfh"]),
                str(r["tk"]),
                render.desimal(r["potongan_disiplin_persen"]),
                render.desimal(r["capaian_kinerja_persen"], 2),
                format_number(r["tpp_total"]) if r["pagu_tpp"] else "-",
            )
        con.print(t)
    print("Hadir = hari hadir (WFO+WFH), TK = tanpa keterangan, Pot% = potongan disiplin,")
    print("Kin% = capaian kinerja, TPP = yang dibayar bulan ini ('-': bukan penerima TPP).")
    total = recap["total"]
    print(f"Jumlah pagu TPP {render.rupiah(total['pagu_tpp'])}; dibayar {render.rupiah(total['tpp_total'])}")
    print(
        f"  (kinerja {render.rupiah(total['tpp_kinerja'])} + disiplin "
        f"{render.rupiah(total['tpp_disiplin'])})."
    )
