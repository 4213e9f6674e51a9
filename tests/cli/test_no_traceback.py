"""A clerk's mistakes never end in a Python traceback or an "internal error": a missing store, a
missing input file, an impossible date or a value outside a command's choices each give one
'Galat: ...' line (SPEC §1). The cases are made from the live command registry and each
parameter's declared type (tests/registry.py), so commands added later are covered too."""

from __future__ import annotations

import pytest

from kerja.cli.params import KerjaType
from kerja.cli.reference import commands
from registry import NIP, bad_value, is_argument, leaves, names, required_argv, typed_params

LEAVES = leaves()
# Commands that make their own store, and long-running servers (no empty-store run for them).
CREATES_STORE = {"init", "demo"}
SERVES = {"layan"}
NEEDS_STORE = [e for e in LEAVES if " ".join(e.path) not in CREATES_STORE]
ON_EMPTY_STORE = [e for e in NEEDS_STORE if " ".join(e.path) not in SERVES]
TYPED = [(e, p) for e in LEAVES for p in typed_params(e)]


def _one_clean_error(r, codes=(1,)) -> None:  # type: ignore[no-untyped-def]
    out = r.stdout + r.stderr
    assert "Traceback" not in out, out
    assert "kesalahan internal" not in out, out
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code in codes, f"exit {r.exit_code}\n{out}"
    assert "Galat: " in r.stderr, r.stderr
    assert r.stdout == "", "errors go to stderr; stdout stays clean for scripts"


@pytest.mark.parametrize("entry", NEEDS_STORE, ids=names(NEEDS_STORE))
def test_missing_store(kerja, db_path, entry):
    argv = required_argv(entry)
    r = kerja(*argv, code=None)
    # Exit 2: the required arguments alone are not a complete use (`unit ubah U` needs --zona or
    # --lokasi), refused before the store is looked for.
    _one_clean_error(r, codes=(1, 2))
    assert r.exit_code == 2 or "kerja init" in r.stderr or "tidak-ada" in r.stderr, r.stderr
    assert not db_path.exists(), "only `kerja init` (and `kerja demo`) may create a store"


@pytest.mark.parametrize("entry", ON_EMPTY_STORE, ids=names(ON_EMPTY_STORE))
def test_valid_looking_arguments_on_an_empty_store(kerja, store, entry):
    # An unknown NIP, an absent file, a month without data: refused or answered, never a crash.
    r = kerja(*required_argv(entry), code=None)
    out = r.stdout + r.stderr
    assert "Traceback" not in out and "kesalahan internal" not in out, out
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code in (0, 1, 2, 3), f"exit {r.exit_code}\n{out}"


def _typed_id(case) -> str:  # type: ignore[no-untyped-def]
    entry, p = case
    return f"{' '.join(entry.path)} {p.opts[0] if not is_argument(p) else p.name.upper()}"


@pytest.mark.parametrize("case", TYPED, ids=[_typed_id(c) for c in TYPED])
def test_bad_value_of_each_typed_parameter(kerja, store, case):
    entry, param = case
    bad = bad_value(param)
    r = kerja(*required_argv(entry, replace=param, value=bad), code=None)
    if isinstance(param.type, KerjaType):
        # Rejected input (exit 1), naming the parameter and the value.
        _one_clean_error(r)
        label = param.name.upper() if is_argument(param) else max(param.opts, key=len)
        assert r.stderr.startswith(f"Galat: {label}: "), r.stderr
        assert bad in r.stderr, "the message names the value"
    else:
        # Click's own types (integers): a usage error, in Indonesian.
        _one_clean_error(r, codes=(2,))
        assert "Pemakaian:" in r.stderr and "nilai tidak sah" in r.stderr, r.stderr


def test_every_typed_kind_is_exercised():
    kinds = {type(p.type).__name__ for _, p in TYPED}
    assert {"DateType", "MonthType", "TimeType", "NipType", "ChoiceType", "SeparatorType"} <= kinds


def test_separator_of_two_characters_is_refused_by_every_exporter(kerja, store):
    # Was "kesalahan internal (TypeError ...)" in jadwal ekspor while rekap bulanan refused it.
    for argv in (
        ["jadwal", "ekspor", "--format", "csv"],
        ["rekap", "bulanan", "--bulan", "2021-02", "--format", "csv"],
    ):
        r = kerja(*argv, "--pemisah", "ab", code=None)
        _one_clean_error(r)
        assert r.stderr.startswith("Galat: --pemisah: 'ab'"), r.stderr
    # A named separator passes the option (and the empty store is what is refused).
    r = kerja("jadwal", "ekspor", "--format", "csv", "--pemisah", "tab", code=1)
    assert "--pemisah" not in r.stderr and "jadwal buat" in r.stderr


MISSING_FILE = [
    ["pegawai", "impor", "tidak-ada.xlsx"],
    ["aturan", "pasang", "tidak-ada.toml", "--mulai", "2021-02"],
    ["kebijakan", "tambah", "tidak-ada.toml"],
    ["presensi", "impor", "tidak-ada.dat"],
    ["presensi", "impor", "tidak-ada.csv", "--format", "csv"],
]


def test_missing_file_cases_name_registered_commands():
    registered = {e.path for e in commands()}
    assert all(tuple(argv[:2]) in registered for argv in MISSING_FILE)


@pytest.mark.parametrize("argv", MISSING_FILE, ids=lambda a: " ".join(a[:2]))
def test_missing_input_file(kerja, store, argv):
    r = kerja(*argv, code=None)
    _one_clean_error(r)
    assert "tidak-ada" in r.stderr, "the message names the file"


def test_init_with_missing_rules_file_creates_nothing(kerja, db_path):
    r = kerja("init", "--aturan", "tidak-ada.toml", code=None)
    _one_clean_error(r)
    assert not db_path.exists()


def test_usage_errors_are_indonesian_and_exit_2(kerja, store):
    cases = [
        (["rekap", "bulanan", "--formt", "x"], "opsi --formt tidak dikenal"),
        (["rekap", "bulanan"], "opsi --bulan wajib diisi"),
        (["pegawai", "lihat"], "argumen NIP belum diisi"),
        (["pegawai", "lihat", NIP, "lagi"], "argumen berlebih"),
        (["tidak-ada"], "perintah 'tidak-ada' tidak dikenal"),
        (["presensi", "masku"], "perintah 'masku' tidak dikenal; mungkin maksudnya 'masuk'"),
    ]
    for argv, words in cases:
        r = kerja(*argv, code=None)
        _one_clean_error(r, codes=(2,))
        assert words in r.stderr, r.stderr
        assert r.stderr.startswith("Pemakaian: kerja"), r.stderr
        assert "Coba 'kerja" in r.stderr and "--help' untuk bantuan." in r.stderr
        for english in ("Usage", "Error", "No such", "Missing", "Invalid value", "Try "):
            assert english not in r.stderr, r.stderr


def test_db_option_after_the_subcommand(kerja, tmp_path):
    # Was "No such option: --db": Click reads the global option only before the subcommand.
    other = tmp_path / "dinas.db"
    kerja("init", "--instansi", "Dinas Lain", "--db", str(other))
    assert other.exists() and not (tmp_path / "kerja.db").exists()
    r = kerja("aturan", "lihat", "--bulan", "2021-02", f"--db={other}", "--json")
    assert r.stdout.startswith("{")
    r = kerja("pegawai", "daftar", "--db", str(tmp_path / "tidak-ada.db"), code=1)
    assert "tidak-ada.db" in r.stderr and "kerja init" in r.stderr


def test_global_db_first_leaves_other_words_alone():
    from kerja.cli.core import global_db_first

    assert global_db_first(["pegawai", "lihat", "X", "--db", "a.db"]) == [
        "--db",
        "a.db",
        "pegawai",
        "lihat",
        "X",
    ]
    assert global_db_first(["--db", "a.db", "audit"]) == ["--db", "a.db", "audit"]
    assert global_db_first(["demo", "--db", "baru.db"]) == ["demo", "--db", "baru.db"]
    assert global_db_first(["kinerja", "catat", "--", "--db"]) == ["kinerja", "catat", "--", "--db"]
