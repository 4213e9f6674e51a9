"""Long exports at any size, through the CLI: an xlsx past Excel's row limit is split and the clerk
is told (the limit lowered in-process instead of writing a million rows), and the progress bar
shows on a terminal's stderr only, never in piped output."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

import openpyxl
from test_rekap import february  # noqa: F401  (the fixture)

from kerja.io import export, roster_export
from roster_fixture import setup


def test_jadwal_xlsx_past_the_limit_is_split_and_says_so(kerja, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path)
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    monkeypatch.setattr(roster_export, "EXCEL_MAX_ROWS", 40)
    r = kerja("jadwal", "ekspor", "--format", "xlsx", "--keluar", tmp_path / "j.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "j.xlsx")
    # Dinas Uji has 150 rows (test_jadwal): 40 - 5 header rows - 1 continuation line = 34 a sheet,
    # so 34 + 34 + 34 + 34 + 14 over five sheets; Badan Lain's 30 fit one
    parts = ["Dinas Uji", *(f"Dinas Uji ({k})" for k in range(2, 6))]
    assert sorted(wb.sheetnames) == sorted(["Badan Lain", *parts])
    assert all(ws.max_row <= 40 for ws in wb.worksheets)
    data = sum(1 for ws in wb.worksheets for row in ws.iter_rows(min_row=6, values_only=True) if row[1])
    assert data == 150 + 30
    assert f"dibagi ke 5 sheet: {', '.join(parts)}" in r.stderr
    assert "batas Excel 40 baris" in r.stderr and "180 baris jadwal" in r.stdout


def test_rekap_xlsx_past_the_limit_is_split_and_says_so(kerja, february, tmp_path, monkeypatch):  # noqa: F811
    # six people; limit 15: 15 - 5 header rows - 8 rows of totals and signatures = 2 a sheet
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 15)
    r = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "xlsx", "--keluar", tmp_path / "r.xlsx")
    assert "dibagi ke 3 sheet" in r.stderr
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["Rekap 2021-02", "Rekap 2021-02 (2)", "Rekap 2021-02 (3)"]
    rows = [row for ws in wb.worksheets for row in ws.iter_rows(min_row=6, values_only=True)]
    nips = [row[1] for row in rows if isinstance(row[0], int)]
    assert len(nips) == 6 == len(set(nips))


def _run_with_terminal_stderr(args: list[str], env: dict[str, str]) -> tuple[str, str]:
    """(stdout, stderr) of `kerja ARGS` with stderr on a pseudo-terminal and stdout a pipe."""
    master, slave = pty.openpty()
    p = subprocess.Popen(
        [sys.executable, "-m", "kerja", *args], stdout=subprocess.PIPE, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    err = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            err += chunk
        elif p.poll() is not None:
            break
    out = p.stdout.read().decode() if p.stdout else ""
    p.wait()
    os.close(master)
    assert p.returncode == 0, err.decode(errors="replace")
    return out, err.decode(errors="replace")


def test_progress_on_a_terminal_only(kerja, february, tmp_path):  # noqa: F811
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    args = ["rekap", "bulanan", "--bulan", "2021-02", "--format", "json"]
    out, err = _run_with_terminal_stderr(args, env)
    assert "Menghitung rekap 2021-02" in err
    piped = subprocess.run([sys.executable, "-m", "kerja", *args], capture_output=True, text=True, env=env)
    # stdout is the same one JSON document either way; a pipe gets no bar at all
    assert json.loads(out) == json.loads(piped.stdout)
    assert "Menghitung" not in piped.stderr and "\x1b" not in piped.stderr
    _, err = _run_with_terminal_stderr(
        ["ekspor", "parquet", "--bulan", "2021-02", "--keluar", str(tmp_path / "pq")], env
    )
    assert "Ekspor parquet 2021-02" in err
