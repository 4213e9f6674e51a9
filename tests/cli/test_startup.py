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
sys.argv[0] = "kerja"
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
        # one punch imports services.punch, not the whole presence service and what it imports
        "kerja.services.presensi",
        "kerja.services.hari_ini",
        "kerja.store.machines",
        "kerja.domain.facts",
        "kerja.domain.months",
        "kerja.io.punch_files",
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
    # nor the store, the services, JSON or numbers: help is text about commands
    assert {
        "sqlite3",
        "kerja.store",
        "kerja.services",
        "kerja.domain.values",
        "json",
        "decimal",
    } & mods == set()


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


# The same argv through the registry (every command built the usual Typer way, as CliRunner and
# the help tests see it), for comparison with a lazy run through main().
EAGER = """
import sys
import typer
from kerja.cli.app import app
from kerja.cli.render import wrap_stdout
wrap_stdout()
typer.main.get_command(app).main(sys.argv[1:], prog_name="kerja")
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["presensi", "--help"],
        ["presensi"],
        ["presensi", "masuk", "--help"],
        ["kinerja", "katalog", "--help"],
        ["presnsi"],
        ["presensi", "masku"],
        ["presensi", "masuk"],
        ["presensi", "masuk", NIP, "--waktu", "kemarin"],
        ["init", "--help"],
        ["audit", "--sejak", "2021-13-01"],
    ],
    ids=" ".join,
)
def test_a_lazy_run_says_what_the_whole_registry_says(env, argv):
    # Commands made when asked for (cli.lazy.LazyCommands) must not change a word: help screens,
    # typo suggestions, usage errors and rejected values are those of the fully built tree.
    env = dict(env, COLUMNS="100")
    lazy, _ = imported(argv, env)
    eager = subprocess.run([sys.executable, "-c", EAGER, *argv], env=env, capture_output=True, text=True)
    assert (lazy.returncode, lazy.stdout, lazy.stderr) == (eager.returncode, eager.stdout, eager.stderr)
    assert lazy.stdout or lazy.stderr


BUILT = """
import os, sys
import typer.main
made = []
real = typer.main.get_command_from_info
def spy(*args, **kwargs):
    command = real(*args, **kwargs)
    made.append(command.name)
    return command
typer.main.get_command_from_info = spy
from kerja.cli.app import main
sys.argv[0] = "kerja"
try:
    main()
finally:
    open(os.environ["MODULES_OUT"], "w").write("\\n".join(made))
"""


@pytest.mark.parametrize(
    "argv, built",
    [
        (["presensi", "masuk", NIP], ["masuk"]),
        (["--help"], []),
        (["presensi", "--help"], []),
        (["presensi", "masuk", "--help"], ["masuk"]),
    ],
    ids=["presensi masuk NIP", "--help", "presensi --help", "presensi masuk --help"],
)
def test_a_run_builds_only_the_command_it_runs(env, argv, built):
    # Each command's options cost its signature's annotations evaluated (about half a
    # millisecond a command): the punch builds the one command it runs, not the 10 other
    # commands of `presensi` nor the root's own; a list of commands needs each one's line only.
    run = subprocess.run([sys.executable, "-c", BUILT, *argv], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert Path(env["MODULES_OUT"]).read_text().split() == built
