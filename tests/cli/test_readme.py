"""The clerk's walkthrough in README.md runs as written: every command line of its bash blocks
(`kerja ...` and the `mkdir` it asks for), in order, through the shell, in a fresh empty folder
as on a new machine (only the repository's examples/ beside it, as after the README's first
command), with no KERJA_DB set. The README is documentation that cannot drift from the program."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Alternatives the README offers next to a line already run (a second `init` would be refused).
ALTERNATIVES = ('kerja init --instansi "KPU Provinsi Jawa Timur"',)


def walkthrough_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text[text.index("## Panduan satu bulan") : text.index("## Cron")]
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", part, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith(("kerja ", "mkdir ")) and not line.startswith(ALTERNATIVES):
                commands.append(line)
    return commands


def test_walkthrough_has_every_step():
    steps = " ".join(walkthrough_commands())
    for needed in (
        "kerja init",
        "pegawai impor",
        "kebijakan tambah",
        "jadwal buat",
        "presensi impor",
        "kinerja validasi",
        "rekap bulanan",
        "rekap kunci",
        "cadangkan",
    ):
        assert needed in steps


def test_readme_walkthrough_runs(tmp_path):
    folder = tmp_path / "baru"
    folder.mkdir()
    (folder / "examples").symlink_to(ROOT / "examples")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KERJA_")}
    # `source .venv/bin/activate`, as the README asks once per terminal.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(NO_COLOR="1", COLUMNS="100")
    for line in walkthrough_commands():
        r = subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True, text=True)
        out = r.stdout + r.stderr
        allowed = (0, 3) if line.startswith("kerja jadwal buat") else (0,)
        assert r.returncode in allowed, f"{line}\n-> exit {r.returncode}\n{out}"
        assert "Traceback" not in out and "kesalahan internal" not in out, f"{line}\n{out}"
    assert (folder / "kerja.db").exists(), "the walkthrough's default store is ./kerja.db"
    assert (folder / "rekap-2021-02.xlsx").exists() and (folder / "rekap-2021-02.pdf").exists()
    assert (folder / "rekap.csv").read_text(encoding="utf-8-sig").count("\n") > 100
    # `kerja cadangkan cadangan/kerja-2021-02.db` on a new machine: the README makes the folder
    # first (kerja names a missing folder and the mkdir to run, and writes nothing).
    assert (folder / "cadangan" / "kerja-2021-02.db").exists()


def test_backup_into_a_missing_folder_says_what_to_do(kerja, store, tmp_path):
    # Was "kesalahan internal (FileNotFoundError ...)", hidden by a test that made the folder.
    r = kerja("cadangkan", "cadangan/kerja-2021-02.db", code=1)
    assert r.stderr.startswith("Galat: Folder cadangan ") and "mkdir -p cadangan" in r.stderr, r.stderr
    assert not (tmp_path / "cadangan").exists()
