"""Institution rules: defaults, partial files, months, rejections by key."""

from __future__ import annotations

import json

import pytest

from helpers import db_bytes, write
from kerja.domain import rules
from kerja.domain.errors import KerjaError


def shown(kerja, month):
    return json.loads(kerja("aturan", "lihat", "--bulan", month, "--json").stdout)["aturan"]


def test_defaults_are_shown(kerja, store):
    r = kerja("aturan", "lihat", "--bulan", "2021-02")
    assert 'masuk = "07:30"' in r.stdout and "bobot_kinerja = 60" in r.stdout
    assert shown(kerja, "2021-02") == rules.defaults()


def test_partial_file_by_month(kerja, store, tmp_path):
    f = write(tmp_path / "a.toml", '[presensi]\ntk = 5.0\n[jam_kerja]\nmasuk = "08.00"\n')
    kerja("aturan", "pasang", f, "--mulai", "2021-03")
    assert shown(kerja, "2021-02")["presensi"]["tk"] == 3.0
    march = shown(kerja, "2021-03")
    assert march["presensi"]["tk"] == 5.0 and march["jam_kerja"]["masuk"] == "08:00"
    assert march["jam_kerja"]["pulang"] == "16:00"  # untouched keys keep their defaults
    assert shown(kerja, "2022-01")["presensi"]["tk"] == 5.0
    log = json.loads(kerja("audit", "--json").stdout)[-1]
    assert log["aksi"] == "aturan.pasang" and "2021-03" in log["alasan"]


def test_init_with_rules_applies_from_the_start(kerja, tmp_path):
    f = write(tmp_path / "a.toml", "[tpp]\nbobot_kinerja = 70\nbobot_disiplin = 30\n")
    kerja("init", "--aturan", f)
    tpp = shown(kerja, "1999-01")["tpp"]
    assert (tpp["bobot_kinerja"], tpp["bobot_disiplin"]) == (70, 30)


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("[presensi]\ntelat = 1\n", "'presensi.telat' tidak dikenal"),
        ("[gaji]\nx = 1\n", "'gaji' tidak dikenal"),
        ('[presensi]\ntk = "tiga"\n', "'presensi.tk' harus angka"),
        ("[jam_kerja]\nmasuk = 730\n", "'jam_kerja.masuk'"),
        ('[jam_kerja]\nhari = ["Senin"]\n', "'jam_kerja.hari'"),
        ("[libur]\nnasional = 1\n", "'libur.nasional' harus true atau false"),
        ("[presensi]\ntl = [[1, 30, 0.5], [40, 60, 1]]\n", "'presensi.tl[1]'"),
        ("[tpp]\nbobot_kinerja = 70\n", "harus 100"),
        ("[kinerja]\nmenit_per_hari = 300.5\n", "bilangan bulat"),
        ("[presensi]\npotongan_status = { XX = 1.0 }\n", "'presensi.potongan_status.XX'"),
        (
            '[[jam_kerja.khusus]]\nmulai = 2026-02-18\nmasuk = "08:00"\npulang = "15:00"\n',
            "'jam_kerja.khusus[0].sampai' wajib",
        ),
        ("[presensi\ntk = 1\n", "bukan TOML yang sah"),
    ],
)
def test_bad_rules_are_rejected_by_key(kerja, store, tmp_path, toml, fragment):
    before = db_bytes(store)
    r = kerja("aturan", "pasang", write(tmp_path / "a.toml", toml), "--mulai", "2021-03", code=1)
    assert fragment in r.stderr
    assert db_bytes(store) == before


def test_special_hours_merge():
    merged = rules.merge(
        {
            "jam_kerja": {
                "khusus": [
                    {"mulai": "2026-02-18", "sampai": "2026-03-19", "masuk": "08:00", "pulang": "15:00"}
                ]
            }
        }
    )
    assert merged["jam_kerja"]["khusus"][0]["pulang_jumat"] == "15:00"


def test_in_force_picks_latest_start():
    sets = {"0000-01": {"v": 1}, "2021-03": {"v": 2}, "2021-07": {"v": 3}}
    months = ("2021-02", "2021-03", "2021-06", "2030-01")
    assert [rules.in_force(sets, m)["v"] for m in months] == [1, 2, 2, 3]


def test_merge_rejects_non_table():
    with pytest.raises(KerjaError, match="presensi"):
        rules.merge({"presensi": 5})


def test_bad_month(kerja, store):
    assert "YYYY-MM" in kerja("aturan", "lihat", "--bulan", "2021-13", code=1).stderr
