"""CSV exports that survive a spreadsheet (issue 13 item 6): the recap's and the roster's NIPs open
as their exact digits in LibreOffice (converted headless here, with the options a clerk picks in
its CSV dialog: ';', UTF-8) and in Excel (the same leading-tab technique), and kerja's own imports
read the files back. Without LibreOffice on the machine the conversion part is skipped; the
round trip always runs."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from helpers import write

# the roster of 1 February 2021 as CSV, the form both tests export and read back
ROSTER_1_FEB = ("jadwal", "ekspor", "--format", "csv", "--mulai", "2021-02-01", "--sampai", "2021-02-01")


def stored_nips(kerja, db) -> set[str]:
    return {p["nip"] for p in json.loads(kerja("--db", db, "pegawai", "daftar", "--json").stdout)}


def libreoffice_cells(csv_path, column: int) -> list[object]:
    """The cells of `column` (0-based) as LibreOffice reads the CSV (';', '"', UTF-8, from row 1)."""
    from openpyxl import load_workbook

    out_dir = csv_path.parent / "lo"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--infilter=CSV:59,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            out_dir,
            csv_path,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    ws = load_workbook(out_dir / (csv_path.stem + ".xlsx")).active
    return [row[column] for row in ws.iter_rows(min_row=2, values_only=True)]


needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def test_recap_csv_nips_are_text_with_their_digits(kerja, demo_db, tmp_path):
    out = tmp_path / "rekap.csv"
    kerja("--db", demo_db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "csv", "--keluar", out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    nips = [line.split(";")[1] for line in lines[1:]]
    # every NIP/NIK (18 or 16 digits) behind one leading tab, the digits themselves untouched
    assert nips and all(n.startswith("\t") and n[1:].isdigit() and len(n) in (17, 19) for n in nips)
    assert {n[1:] for n in nips} == stored_nips(kerja, demo_db)


@needs_lo
def test_recap_and_roster_csv_open_in_libreoffice_as_exact_digits(kerja, demo_db, tmp_path):
    rekap = tmp_path / "rekap.csv"
    kerja("--db", demo_db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "csv", "--keluar", rekap)
    cells = libreoffice_cells(rekap, 1)
    # text cells (not 1.98504042010011E+17), the exact digits once the invisible tab is set aside
    assert all(isinstance(c, str) for c in cells)
    assert {c.strip() for c in cells} == stored_nips(kerja, demo_db)
    roster = tmp_path / "jadwal.csv"
    kerja("--db", demo_db, *ROSTER_1_FEB, "--keluar", roster)
    cells = libreoffice_cells(roster, 1)
    assert all(isinstance(c, str) for c in cells)
    assert {c.strip() for c in cells} <= stored_nips(kerja, demo_db) and len(cells) > 100
    # the technique is needed: the same file without the tab opens as a rounded number
    plain = write(tmp_path / "polos.csv", roster.read_text(encoding="utf-8-sig").replace("\t", ""))
    assert any(isinstance(c, float) for c in libreoffice_cells(plain, 1))


def test_kerja_imports_read_its_csv_back(kerja, demo_db, tmp_path):
    db = tmp_path / "salin.db"
    db.write_bytes(demo_db.read_bytes())
    rekap = tmp_path / "rekap.csv"
    kerja("--db", db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "csv", "--keluar", rekap)
    # the recap's NIP and "Capaian Kinerja (%)" columns, read by `kinerja capaian impor`: every
    # NIP must match a stored one exactly, or the import refuses the file
    r = kerja("--db", db, "kinerja", "capaian", "impor", rekap, "--bulan", "2021-03")
    assert f"{len(stored_nips(kerja, db))} pegawai disimpan" in r.stdout
    roster = tmp_path / "jadwal.csv"
    kerja("--db", db, *ROSTER_1_FEB, "--keluar", roster)
    lines = roster.read_text(encoding="utf-8-sig").splitlines()
    pns = [line for line in lines[1:] if len(line.split(";")[1].strip()) == 18]
    back = write(tmp_path / "dari-jadwal.csv", "\n".join([lines[0], *pns]) + "\n")
    r = kerja("--db", db, "pegawai", "impor", back, "--coba")  # NIP, Nama, Unit read back
    assert "tidak ada yang disimpan" not in r.stderr
    # `="..."` (the tab separator's form, and what other tools write for Excel) reads back too
    tsv = tmp_path / "rekap.tsv"
    kerja(
        "--db",
        db,
        "rekap",
        "bulanan",
        "--bulan",
        "2021-02",
        "--format",
        "csv",
        "--pemisah",
        "tab",
        "--keluar",
        tsv,
    )
    assert '\t"=""' in tsv.read_text(encoding="utf-8-sig")  # the field ="198..." in CSV quoting
    kerja("--db", db, "kinerja", "capaian", "impor", tsv, "--bulan", "2021-04")
