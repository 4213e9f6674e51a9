"""What a clerk sees on a real terminal (a pseudo-terminal here): colour only when allowed, no
escape codes in pipes, and listings that fit 80 columns."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

KERJA = [sys.executable, "-m", "kerja"]
SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def colours(out: bytes) -> set[int]:
    """Foreground/background colour codes used (bold, dim and italic are not colour)."""
    found = set()
    for params in SGR.findall(out):
        for p in params.split(b";"):
            if p and (30 <= int(p) <= 49 or 90 <= int(p) <= 107):
                found.add(int(p))
    return found


def on_terminal(args: list[str], stderr: bool = True, **env: str) -> bytes:
    """Output of kerja on a pseudo-terminal (stderr too unless stderr=False: progress bars)."""
    master, slave = pty.openpty()
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full.update({"COLUMNS": "80", "LINES": "50", "TERM": "xterm-256color", "KERJA_PAGER": ""}, **env)
    err = slave if stderr else subprocess.DEVNULL
    p = subprocess.Popen(KERJA + args, stdin=slave, stdout=slave, stderr=err, env=full)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert p.wait(timeout=60) == 0, out.decode(errors="replace")
    return out


@pytest.fixture
def dinas(kerja, store, tmp_path) -> Path:
    from kerja.demo import institution

    kerja("pegawai", "impor", institution.write_csv(institution.build(), tmp_path / "p.csv"))
    return store


def test_colour_on_a_terminal_unless_NO_COLOR(dinas):
    assert colours(on_terminal(["jadwal", "--help"])), "help is coloured on a terminal"
    assert not colours(on_terminal(["jadwal", "--help"], NO_COLOR="1"))
    assert not colours(on_terminal(["pegawai", "daftar"], NO_COLOR="1"))


def test_no_escape_codes_in_a_pipe(dinas):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    for args in (["pegawai", "daftar"], ["unit", "daftar"], ["jadwal", "--help"]):
        out = subprocess.run(KERJA + args, capture_output=True, env=env, check=True).stdout
        assert b"\x1b[" not in out, args


@pytest.mark.parametrize(
    "args", [["pegawai", "daftar"], ["unit", "daftar"], ["audit"], ["pegawai", "lihat", "198212292020011007"]]
)
def test_fits_80_columns(dinas, args):
    text = SGR.sub(b"", on_terminal(args, NO_COLOR="1")).decode()
    lines = text.replace("\r", "").splitlines()
    assert len(lines) > 3
    too_wide = [line for line in lines if len(line) > 80]
    assert not too_wide, too_wide[:3]


def test_long_messages_wrap_between_words_on_a_terminal(tmp_path):
    long_name = "Dinas Komunikasi Informatika Statistik dan Persandian Kabupaten Sungai Lestari"
    out = on_terminal(["--db", str(tmp_path / "baru.db"), "init", "--instansi", long_name])
    lines = out.decode().replace("\r", "").splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    text = " ".join(line.strip() for line in lines)
    assert long_name in text and "Berikutnya: kerja pegawai impor BERKAS" in text


def test_plain_prints_of_any_command_wrap_too(dinas):
    """`presensi impor` prints its summary with print(); the terminal still sees whole words."""
    attlog = Path(__file__).resolve().parents[2] / "examples" / "1_attlog.dat"
    out = on_terminal(["presensi", "impor", str(attlog)], stderr=False, NO_COLOR="1")
    lines = out.decode().replace("\r", "").splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert "tak dikenal" in " ".join(line.strip() for line in lines)
