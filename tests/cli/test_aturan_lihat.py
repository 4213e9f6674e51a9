"""`aturan lihat` prints TOML a clerk can read, edit and install again unchanged."""

from __future__ import annotations

import json

from helpers import write


def test_readable_toml_that_round_trips(kerja, store, tmp_path):
    special = write(
        tmp_path / "ramadan.toml",
        """
[[jam_kerja.khusus]]
mulai = 2021-04-13
sampai = 2021-05-12
masuk = "08:00"
pulang = "15:00"
pulang_jumat = "15:30"

[presensi]
potongan_status = { CB = 3.0 }
""",
    )
    kerja("aturan", "pasang", special, "--mulai", "2021-04")
    shown = kerja("aturan", "lihat", "--bulan", "2021-04").stdout
    assert 'hari = ["Sen", "Sel", "Rab", "Kam", "Jum"]' in shown
    assert "tl = [[1, 30, 0.5], [31, 60, 1.0], [61, 90, 1.5], [91, 1440, 2.0]]" in shown
    assert "[[jam_kerja.khusus]]\nmulai = 2021-04-13\nsampai = 2021-05-12" in shown
    assert shown.index("[jam_kerja]") < shown.index("[libur]") < shown.index("[presensi]")
    again = write(tmp_path / "salinan.toml", shown)
    kerja("aturan", "pasang", again, "--mulai", "2021-05")
    april = json.loads(kerja("aturan", "lihat", "--bulan", "2021-04", "--json").stdout)["aturan"]
    may = json.loads(kerja("aturan", "lihat", "--bulan", "2021-05", "--json").stdout)["aturan"]
    assert may == april
