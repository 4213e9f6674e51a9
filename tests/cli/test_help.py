"""Every command of SPEC §2 explains itself in Indonesian, with an example, and exits 0."""

from __future__ import annotations

import pytest

# SPEC §2, in its order. A command missing here is a command a clerk cannot discover.
COMMANDS = [
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


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_indonesian_example(kerja, command):
    r = kerja(*command.split(), "--help")
    assert "Contoh:" in r.stdout, r.stdout
    example = r.stdout.split("Contoh:", 1)[1].split()
    assert example[0] == "kerja", f"the example of `kerja {command}` must be a kerja command line"
    assert "Traceback" not in r.stdout + r.stderr


def test_root_help_lists_every_group_and_completion(kerja):
    r = kerja("--help")
    groups = "aturan pegawai unit kondisi libur kebijakan jadwal presensi kinerja rekap audit"
    for group in [*groups.split(), "cadangkan", "demo", "init"]:
        assert group in r.stdout, f"`kerja --help` does not list {group}"
    # Typer's shell completion must stay enabled: `kerja --install-completion`.
    assert "--install-completion" in r.stdout


def test_groups_without_subcommand_show_help(kerja):
    r = kerja("pegawai", code=None)
    assert r.exit_code in (0, 2)
    assert "impor" in r.stdout + r.stderr


def test_shell_completion_completes_groups_and_commands(tmp_path):
    """`kerja --install-completion` installs this: the shell asks kerja for the candidates."""
    import os
    import subprocess
    import sys

    def complete(words: str) -> list[str]:
        env = dict(
            os.environ,
            _KERJA_COMPLETE="complete_bash",
            COMP_WORDS=words,
            COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        )
        # the console script, as the shell calls it (the variable's name comes from the program)
        script = os.path.join(os.path.dirname(sys.executable), "kerja")
        run = subprocess.run([script], env=env, capture_output=True, text=True)
        return run.stdout.split()

    assert complete("kerja peg") == ["pegawai"]
    assert {"masuk", "pulang", "impor", "harian", "belum"} <= set(complete("kerja presensi "))
