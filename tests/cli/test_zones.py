"""One answer to "which zone, which day" everywhere (issue 9's reproduction).

A WIT unit gets a new sub-unit without a zone of its own; at 01:30 WIT on 2021-02-02 (16:30 UTC
on 2021-02-01, 23:30 WIB on 2021-02-01) every command must treat the sub-unit's employee as WIT.
"""

from __future__ import annotations

import json
import sqlite3

from kerja.domain.zones import unit_zone, unit_zones
from kinerja_data import catat

OLD = "197508172000031002"
NEW = "198001012005011001"


def sql(db, statement, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(statement, args).fetchall()
    finally:
        conn.close()


def _wit_unit_with_new_sub_unit(kerja, tmp_path):
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB")
    first = tmp_path / "pegawai-1.csv"
    first.write_text(f"NIP;Nama;Unit Kerja\n{OLD};Ani Lestari;UPT Jayapura\n", encoding="utf-8")
    kerja("pegawai", "impor", first)
    kerja("unit", "ubah", "UPT Jayapura", "--zona", "WIT")
    # Imported after the zone was set: the sub-unit has no zone of its own.
    second = tmp_path / "pegawai-2.csv"
    second.write_text(
        f"NIP;Nama;Unit Kerja\n{OLD};Ani Lestari;UPT Jayapura\n"
        f"{NEW};Budi Santoso;UPT Jayapura > Seksi Baru\n",
        encoding="utf-8",
    )
    kerja("pegawai", "impor", second, "--mulai", "2021-01-01")  # on the books before the punches below


def test_sub_unit_without_zone_is_wit_in_every_command(kerja, tmp_path, db_path, monkeypatch):
    _wit_unit_with_new_sub_unit(kerja, tmp_path)
    assert sql(db_path, "SELECT zona FROM unit WHERE jalur = 'UPT Jayapura > Seksi Baru'") == [(None,)]
    # 16:30 UTC + 9 h = 01:30 WIT on 2021-02-02 (still 23:30 on 2021-02-01 in WIB).
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T16:30:00+00:00")

    out = kerja("presensi", "masuk", NEW).stdout
    assert "2021-02-02 01:30 WIT" in out
    assert sql(db_path, "SELECT tanggal, waktu FROM presensi WHERE nip = ?", NEW) == [
        ("2021-02-02", "2021-02-02T01:30:00+09:00")
    ]

    catat(kerja, NEW, "2021-02-02", "00:00", "01:00")  # today in WIT: accepted
    assert sql(db_path, "SELECT tanggal, menit FROM kinerja WHERE nip = ?", NEW) == [("2021-02-02", 60)]
    r = catat(kerja, NEW, "2021-02-03", "00:00", "01:00", code=1)  # tomorrow in WIT: refused
    assert "belum terjadi (hari ini 2021-02-02)" in r.stderr

    units = {u["unit"]: u["zona"] for u in json.loads(kerja("unit", "daftar", "--json").stdout)}
    assert units == {"UPT Jayapura": "WIT", "UPT Jayapura > Seksi Baru": "WIT"}
    table = kerja("unit", "daftar").stdout
    seksi = next(line for line in table.splitlines() if "Seksi Baru" in line)
    assert "WIT" in seksi and "WIB" not in seksi


def test_an_institution_zone_employee_is_still_on_the_previous_day(kerja, tmp_path, db_path, monkeypatch):
    """The same moment for an employee of a unit without any zone up its tree: WIB, 2021-02-01."""
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB")
    f = tmp_path / "pegawai.csv"
    f.write_text(f"NIP;Nama;Unit Kerja\n{NEW};Budi Santoso;Dinas Uji > Bidang A\n", encoding="utf-8")
    kerja("pegawai", "impor", f)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T16:30:00+00:00")  # 23:30 WIB
    assert "2021-02-01 23:30 WIB" in kerja("presensi", "masuk", NEW).stdout
    r = catat(kerja, NEW, "2021-02-02", "00:00", "01:00", code=1)
    assert "hari ini 2021-02-01" in r.stderr


def test_zone_rule_own_then_nearest_ancestor_then_institution():
    # 1 (WIT) > 2 (none) > 3 (WITA) > 4 (none); 5 (none) alone.
    units = {1: (None, "WIT"), 2: (1, None), 3: (2, "WITA"), 4: (3, None), 5: (None, None)}
    assert unit_zones(units, "WIB") == {1: "WIT", 2: "WIT", 3: "WITA", 4: "WITA", 5: "WIB"}
    assert unit_zone([None, None, "WIT"], "WIB") == "WIT"
    assert unit_zone([], "WITA") == "WITA"
