"""Every registered command explains itself in Indonesian, with an example, and exits 0; the
choices of its typed options are listed and completed by the shell."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kerja.cli.reference import commands
from registry import leaves, names

LEAVES = leaves()

# SPEC §2, in its order: the contract. A command missing here is one a clerk cannot discover.
SPEC_COMMANDS = [
    "init",
    "demo",
    "aturan lihat",
    "aturan pasang",
    "pegawai impor",
    "pegawai daftar",
    "pegawai lihat",
    "pegawai ubah",
    "unit daftar",
    "kondisi tambah",
    "kondisi daftar",
    "libur daftar",
    "libur tambah",
    "libur hapus",
    "kebijakan tambah",
    "kebijakan daftar",
    "kebijakan lihat",
    "jadwal buat",
    "jadwal lihat",
    "jadwal ubah",
    "jadwal periksa",
    "jadwal ekspor",
    "presensi masuk",
    "presensi pulang",
    "presensi impor",
    "presensi status",
    "presensi harian",
    "presensi belum",
    "kinerja catat",
    "kinerja daftar",
    "kinerja validasi",
    "rekap bulanan",
    "rekap rincian",
    "rekap kunci",
    "rekap buka",
    "audit",
    "cadangkan",
]


def test_every_spec_command_is_registered():
    missing = set(SPEC_COMMANDS) - set(names(LEAVES))
    assert not missing, missing


def test_the_registry_walk_finds_commands_a_hand_list_missed():
    # These were missing from the hand-kept list this test replaced.
    assert {"unit ubah", "presensi cabut", "presensi status-daftar", "rekap kunci-daftar"} <= set(
        names(LEAVES)
    )


@pytest.mark.parametrize("entry", LEAVES, ids=names(LEAVES))
def test_help_has_indonesian_example(kerja, entry):
    r = kerja(*entry.path, "--help")
    assert "Contoh:" in r.stdout, r.stdout
    example = r.stdout.split("Contoh:", 1)[1].split()
    assert example[0] == "kerja", f"the example of `{entry.name}` must be a kerja command line"
    assert "Traceback" not in r.stdout + r.stderr
    for english in ("Usage:", "Show this message", "[OPTIONS]", "Options ", "Arguments "):
        assert english not in r.stdout, f"`{entry.name} --help` shows {english!r}"


GROUPS = [e for e in commands(include_groups=True) if e.is_group]


@pytest.mark.parametrize("entry", GROUPS, ids=[e.name for e in GROUPS])
def test_group_help_lists_its_commands(kerja, entry):
    r = kerja(*entry.path, "--help")
    for name in entry.command.commands:  # type: ignore[attr-defined]
        assert name in r.stdout, f"`{entry.name} --help` does not list {name}"
    assert "Pemakaian:" in r.stdout and "Perintah" in r.stdout


def test_root_help_lists_every_group_and_completion(kerja):
    r = kerja("--help")
    # Typer's shell completion must stay enabled: `kerja --install-completion`.
    assert "--install-completion" in r.stdout
    assert "Pasang pelengkapan Tab" in r.stdout


def test_groups_without_subcommand_show_help(kerja):
    r = kerja("pegawai", code=None)
    assert r.exit_code in (0, 2)
    assert "impor" in r.stdout + r.stderr


def test_help_lists_the_choices_of_typed_options(kerja):
    out = kerja("rekap", "bulanan", "--help").stdout
    assert "[tabel|json|csv|xlsx|pdf]" in out
    assert "YYYY-MM" in out
    assert "[WIB|WITA|WIT]" in kerja("init", "--help").stdout
    assert "[S|I|CT|CB|CS|CM|CAP|CLTN|DL|TB|IH|SS]" in kerja("presensi", "status", "--help").stdout.replace(
        "\n", ""
    ).replace(" ", "").replace("│", "")


def complete(words: str) -> list[str]:
    """What the shell gets from `kerja` for the word being typed (as installed by
    `kerja --install-completion`: the shell asks kerja for the candidates)."""
    env = dict(
        os.environ,
        _KERJA_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    )
    script = os.path.join(os.path.dirname(sys.executable), "kerja")
    run = subprocess.run([script], env=env, capture_output=True, text=True)
    return run.stdout.split()


def test_shell_completion_completes_groups_and_commands():
    assert complete("kerja peg") == ["pegawai"]
    assert {"masuk", "pulang", "impor", "harian", "belum"} <= set(complete("kerja presensi "))


def test_shell_completion_offers_choices_not_file_names(tmp_path):
    (tmp_path / "berkas.txt").write_text("x")
    assert complete("kerja rekap bulanan --format ") == ["tabel", "json", "csv", "xlsx", "pdf"]
    assert complete("kerja jadwal ekspor --format x") == ["xlsx"]
    assert complete("kerja init --zona WI") == ["WIB", "WITA", "WIT"]
    assert complete("kerja presensi status 197508172000031002 --kode C") == [
        "CT",
        "CB",
        "CS",
        "CM",
        "CAP",
        "CLTN",
    ]
    assert "tab" in complete("kerja rekap bulanan --pemisah ")
