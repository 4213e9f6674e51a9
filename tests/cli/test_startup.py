"""Start-up: a command imports what it needs (cli.lazy), and every command stays registered."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kerja.cli.app import app
from kerja.cli.lazy import GROUPS, group_app

NIP = "198212292020011007"
PEGAWAI = f"NIP;Nama;Unit Kerja\n{NIP};Rina Uji;Dinas Uji > Seksi A\n"


# The console script's main(), then the names of every module the process imported (importlib's
# own import_module, which cli.lazy uses, does not show in -X importtime).
SCRIPT = """
import os, sys
from kerja.cli.app import main
try:
    main()
finally:
    open(os.environ["MODULES_OUT"], "w").write("\\n".join(sorted(sys.modules)))
"""


def imported(args: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run kerja as a clerk would and list the modules it imported."""
    out = Path(env["MODULES_OUT"])
    run = subprocess.run([sys.executable, "-c", SCRIPT, *args], env=env, capture_output=True, text=True)
    return run, set(out.read_text().split())


@pytest.fixture
def env(kerja, tmp_path: Path) -> dict[str, str]:
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB")
    (tmp_path / "p.csv").write_text(PEGAWAI, encoding="utf-8")
    kerja("pegawai", "impor", tmp_path / "p.csv")
    return dict(
        os.environ,
        KERJA_DB=str(tmp_path / "kerja.db"),
        KERJA_SEKARANG="2021-02-01T07:25:00+07:00",
        MODULES_OUT=str(tmp_path / "modules.txt"),
    )


def test_presensi_masuk_imports_no_roster_export_holiday_or_other_command_code(env, tmp_path):
    run, mods = imported(["presensi", "masuk", NIP], env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "07:25" in run.stdout
    # the punch is stored: the lean path still records
    conn = sqlite3.connect(tmp_path / "kerja.db")
    assert conn.execute("SELECT nip, jenis, waktu FROM presensi").fetchall() == [
        (NIP, "masuk", "2021-02-01T07:25:00+07:00")
    ]
    heavy = {
        "kerja.domain.roster",  # the roster solver
        "kerja.services.kalender",
        "kerja.services.jadwal",
        "kerja.domain.employees",  # the spreadsheet row parser
        "kerja.io.export",
        "holidays",
        "xlsxwriter",
        "fpdf",
        "python_calamine",
        "sqlite_utils",
        "pyarrow",  # the optional parquet extra
    }
    assert mods & heavy == set()
    other_groups = {f"kerja.cli.{m}" for name, (m, _) in GROUPS.items() if name != "presensi"}
    assert mods & other_groups == set()
    assert "kerja.cli.presensi" in mods


def test_root_help_imports_no_command_group(env):
    run, mods = imported(["--help"], env)
    assert run.returncode == 0
    assert all(name in run.stdout for name in GROUPS)
    assert {f"kerja.cli.{m}" for m, _ in GROUPS.values()} & mods == set()


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_the_help_kerja_help_shows_is_the_groups_own(name):
    # `kerja --help` lists the groups from cli.lazy.GROUPS without importing them: the line it
    # shows must be the one the group itself declares.
    assert group_app(name).info.help == GROUPS[name][1]


def test_every_group_stays_in_the_typer_registry():
    names = [g.name for g in app.registered_groups]
    assert names == list(GROUPS)
    for g in app.registered_groups:
        assert g.typer_instance is not None and g.typer_instance.registered_commands
