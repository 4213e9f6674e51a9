"""docs/perintah.md, the Indonesian command reference, is the live `--help` of every registered
command; this fails when a command or a help text changed and the file was not regenerated."""

from __future__ import annotations

import pytest

from kerja.cli import reference
from registry import leaves


@pytest.fixture(scope="module")
def rendered() -> str:
    return reference.render()


def test_command_reference_is_current(rendered):
    text = rendered
    current = reference.REFERENCE.read_text(encoding="utf-8")
    assert current == text, (
        "docs/perintah.md is stale: regenerate it with `python -m kerja.cli.reference` and commit it"
    )


def test_reference_has_every_command_and_its_help():
    text = reference.REFERENCE.read_text(encoding="utf-8")
    for e in leaves():
        assert f"## `{e.name}`" in text
    assert text.count("Contoh:") >= len(leaves())
    assert "Pemakaian: kerja rekap bulanan [OPSI]" in text
    assert "[tabel|json|csv|xlsx|pdf]" in text


def test_stale_reference_is_detected(tmp_path, monkeypatch, rendered):
    stale = tmp_path / "perintah.md"
    stale.write_text(rendered.replace("rekap bulanan", "rekap bulan", 1), encoding="utf-8")
    monkeypatch.setattr(reference, "REFERENCE", stale)
    monkeypatch.setattr(reference, "render", lambda: rendered)
    assert reference.main(["--periksa"]) == 1
    assert reference.main([]) == 0 and reference.main(["--periksa"]) == 0
