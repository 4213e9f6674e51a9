"""Circulars (SPEC §5): parsing, strict validation named by key, presets, quota rounding."""

from datetime import date
from pathlib import Path

import pytest

from kerja.domain.circulars import Circular, parse, parse_toml, target
from kerja.domain.errors import KerjaError

EXAMPLES = Path(__file__).parents[2] / "examples" / "kebijakan"

MINIMAL = {"nama": "uji", "mulai": date(2021, 2, 1), "sampai": date(2021, 2, 28)}


def test_minimal_circular_gets_the_defaults():
    c = parse(MINIMAL)
    assert (c.wfo_persen, c.tingkat, c.pembulatan, c.pola) == (25, "opd", "terdekat", "bergilir")
    assert c.pejabat_wfo and c.pejabat_dihitung and c.min_wfo_per_unit == 1
    assert c.usia_min is None and c.kondisi == ()
    assert c.judul == "uji"


def test_round_trips_through_its_stored_dict():
    c = parse(MINIMAL | {"wfh_wajib": {"usia_min": 51, "kondisi": ["odp", "pdp"]}})
    assert Circular.from_dict(c.to_dict()) == c


@pytest.mark.parametrize(
    "doc, key",
    [
        (MINIMAL | {"kuota": {"wfo_persen": 120}}, "kuota.wfo_persen"),
        (MINIMAL | {"kuota": {"wfo_persen": "25%"}}, "kuota.wfo_persen"),
        (MINIMAL | {"kuota": {"tingkat": "bidang"}}, "kuota.tingkat"),
        (MINIMAL | {"kuota": {"pembulatan": "naik"}}, "kuota.pembulatan"),
        (MINIMAL | {"kuota": {"persen": 25}}, "kuota.persen"),
        (MINIMAL | {"cakupan": {"pejabat_wfo": "ya"}}, "cakupan.pejabat_wfo"),
        (MINIMAL | {"cakupan": {"min_wfo_per_unit": 1.5}}, "cakupan.min_wfo_per_unit"),
        (MINIMAL | {"wfh_wajib": {"kondisi": ["flu"]}}, "wfh_wajib.kondisi"),
        (MINIMAL | {"wfh_wajib": {"usia_min": 5}}, "wfh_wajib.usia_min"),
        (MINIMAL | {"rotasi": {"pola": "acak"}}, "rotasi.pola"),
        (MINIMAL | {"rotasi": "tim"}, "rotasi"),
        (MINIMAL | {"kouta": {}}, "kouta"),
        (MINIMAL | {"sampai": date(2021, 1, 1)}, "sampai"),
        (MINIMAL | {"mulai": "1 Feb 2021"}, "mulai"),
        ({k: v for k, v in MINIMAL.items() if k != "nama"}, "nama"),
        (MINIMAL | {"nama": "kukar 2021"}, "nama"),
    ],
)
def test_bad_values_are_named_by_key(doc, key):
    with pytest.raises(KerjaError, match=f"'{key}'"):
        parse(doc)


def test_toml_syntax_error_names_the_line():
    text = 'nama = "x"\nmulai = 2021-02-01\nsampai = 2021-02-28\n[kuota]\nwfo_persen = = 25\n'
    with pytest.raises(KerjaError, match=r"se\.toml bukan TOML yang sah: baris 5, kolom 14"):
        parse_toml(text, "se.toml")


def test_every_preset_parses_and_names_its_document():
    files = sorted(EXAMPLES.glob("*.toml"))
    assert len(files) >= 8
    names = set()
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert text.startswith("#") and "Follows:" in text, f.name
        names.add(parse_toml(text, f.name).nama)
    assert {"kukar-2021", "denpasar-2020", "dki-2020", "malra-2020"} <= names
    caps = {parse_toml(f.read_text(), f.name).wfo_persen for f in files if "menpanrb-67" in f.name}
    assert caps == {100, 75, 50, 25}


def test_kukar_preset_is_75_25_with_leaders_and_over_55_home():
    c = parse_toml((EXAMPLES / "kukar-2021.toml").read_text(), "kukar")
    assert (c.wfo_persen, c.pejabat_wfo, c.usia_min) == (25, True, 55)
    assert (c.mulai, c.sampai) == (date(2021, 1, 27), date(2021, 2, 9))


@pytest.mark.parametrize(
    "n, persen, how, t",
    [
        (3, 25, "terdekat", 1),
        (3, 25, "atas", 1),
        (3, 25, "bawah", 0),
        (3, 50, "terdekat", 2),
        (6, 25, "terdekat", 2),
        (5, 25, "terdekat", 1),
        (10, 33, "terdekat", 3),
        (0, 25, "atas", 0),
        (7, 100, "bawah", 7),
        (4, 12.5, "terdekat", 1),
    ],
)
def test_quota_rounding(n, persen, how, t):
    assert target(n, persen, how) == t
