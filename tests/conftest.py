"""Every test runs against its own temporary store; KERJA_DB points there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kerja.cli.app import app
from kerja.cli.base import state


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KERJA_DB", str(tmp_path / "kerja.db"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("KERJA_SEKARANG", raising=False)
    monkeypatch.chdir(tmp_path)
    state.db = None
    state.debug = False


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kerja.db"


class Kerja:
    """Runs `kerja ...` in-process, as a clerk would type it."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int | None = 0):  # type: ignore[no-untyped-def]
        result = self.runner.invoke(app, [str(a) for a in args])
        if code is not None and result.exit_code != code:
            raise AssertionError(
                f"kerja {' '.join(map(str, args))} -> exit {result.exit_code}, expected {code}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}\n{result.exception!r}"
            )
        return result


@pytest.fixture
def kerja() -> Kerja:
    return Kerja()


@pytest.fixture
def store(kerja: Kerja, db_path: Path) -> Path:
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB")
    return db_path


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `kerja demo` store per test module that asks for it (the demo takes seconds; the
    module's tests only read it or copy it)."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    # a module fixture runs outside the per-test isolation: a KERJA_SEKARANG left by the caller
    # would move the demo's "today"
    old = os.environ.pop("KERJA_SEKARANG", None)
    state.db = None
    try:
        r = CliRunner().invoke(app, ["demo", "--db", str(db)], env={"NO_COLOR": "1", "COLUMNS": "200"})
    finally:
        if old is not None:
            os.environ["KERJA_SEKARANG"] = old
    assert r.exit_code == 0, r.stdout + r.stderr
    return db


os.environ.setdefault("TZ", "UTC")
