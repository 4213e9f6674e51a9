"""Attendance imports against the lock, the clock and zone changes (the one import path every
format shares): what is already stored is skipped wherever it falls, a new punch in a locked month
is listed and not stored (exit 3), punches from the future and impossible offsets are refused
with their lines, and the same file imported after a zone change adds nothing."""

from __future__ import annotations

import sqlite3

import pytest

pytestmark = pytest.mark.hostile

STAF = "198504042010011004"
STAF2 = "199001012015011005"
NOW = "2021-04-20T10:00:00+07:00"


@pytest.fixture
def dinas(kerja, store, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", NOW)
    f = tmp_path / "p.csv"
    f.write_text(
        f"NIP;Nama;Unit;PIN\n{STAF};Staf Satu;Dinas Uji > Seksi 1;1\n{STAF2};Staf Dua;Dinas Uji;2\n",
        encoding="utf-8",
    )
    kerja("pegawai", "impor", f)
    return store


def attlog(tmp_path, lines, name="1_attlog.dat"):
    f = tmp_path / name
    f.write_text("".join(f"{pin}\t{ts}\t1\t0\n" for pin, ts in lines), encoding="utf-8")
    return f


def stored(path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT nip, waktu, sumber FROM presensi ORDER BY waktu, nip").fetchall()
    finally:
        conn.close()


MARCH = [("1", "2021-03-01 07:20:00"), ("1", "2021-03-01 16:05:00"), ("2", "2021-03-02 07:25:00")]


def lock_march(kerja, tmp_path):
    kerja("presensi", "impor", attlog(tmp_path, MARCH, "maret.dat"))
    kerja("rekap", "kunci", "--bulan", "2021-03", "--paksa", "--oleh", "petugas")


def test_cumulative_file_after_a_lock(kerja, dinas, tmp_path):
    lock_march(kerja, tmp_path)
    before = stored(dinas)
    # The machine's cumulative file: all of March again, plus one new April punch.
    r = kerja("presensi", "impor", attlog(tmp_path, [*MARCH, ("1", "2021-04-01 07:10:00")]))
    assert r.exit_code == 0
    assert stored(dinas) == sorted(
        [*before, (STAF, "2021-04-01T07:10:00+07:00", "mesin")], key=lambda x: (x[1], x[0])
    )
    # One more night: a punch in March that was never imported (a late upload) and one in April.
    lines = [*MARCH, ("1", "2021-04-01 07:10:00"), ("2", "2021-03-03 07:40:00"), ("2", "2021-04-02 07:00:00")]
    r = kerja("presensi", "impor", attlog(tmp_path, lines), code=3)
    out = r.stdout + r.stderr
    assert "2021-03" in out and "baris 5" in out and "2021-03-03 07:40" in out
    now = stored(dinas)
    assert (STAF2, "2021-03-03T07:40:00+07:00", "mesin") not in now  # not stored: March is paid
    assert (STAF2, "2021-04-02T07:00:00+07:00", "mesin") in now  # the rest is
    assert len(now) == len(before) + 2


def test_cumulative_online_csv_after_a_lock(kerja, dinas, tmp_path):
    lock_march(kerja, tmp_path)
    f = tmp_path / "daring.csv"
    f.write_text(f"nip,waktu,jenis\n{STAF},2021-03-05 07:00,masuk\n{STAF},2021-04-05 07:00,masuk\n")
    r = kerja("presensi", "impor", f, "--format", "csv", code=3)
    assert "baris 2" in r.stdout + r.stderr
    assert [w for _n, w, s in stored(dinas) if s == "online"] == ["2021-04-05T07:00:00+07:00"]
    # The same file again: the April row is now a duplicate, the March one still refused.
    kerja("presensi", "impor", f, "--format", "csv", code=3)
    assert [w for _n, w, s in stored(dinas) if s == "online"] == ["2021-04-05T07:00:00+07:00"]


def test_sejak(kerja, dinas, tmp_path):
    lock_march(kerja, tmp_path)
    lines = [*MARCH, ("2", "2021-03-03 07:40:00"), ("1", "2021-04-01 07:10:00")]
    r = kerja("presensi", "impor", attlog(tmp_path, lines), "--sejak", "2021-04-01")
    assert r.exit_code == 0
    assert [w for _n, w, _s in stored(dinas) if w >= "2021-03-03"] == ["2021-04-01T07:10:00+07:00"]


def test_future_punches_refused_with_their_lines(kerja, dinas, tmp_path):
    lines = [
        ("1", "2021-04-20 07:10:00"),
        ("1", "2021-04-20 10:03:00"),  # 3 minutes ahead: a machine clock's skew, accepted
        ("2", "2021-04-21 07:00:00"),  # tomorrow
        ("2", "2099-01-01 07:00:00"),
    ]
    r = kerja("presensi", "impor", attlog(tmp_path, lines), code=1)
    assert "baris 3" in r.stderr and "baris 4" in r.stderr and "baris 2" not in r.stderr
    assert stored(dinas) == []
    kerja("presensi", "impor", attlog(tmp_path, lines[:2]))
    assert len(stored(dinas)) == 2


def test_future_online_punches_and_bad_offsets(kerja, dinas, tmp_path):
    f = tmp_path / "daring.csv"
    f.write_text(
        f"nip,waktu,jenis\n{STAF},2021-04-20 12:00+09:00,masuk\n{STAF},2021-04-20 12:00+07:00,masuk\n"
    )
    r = kerja("presensi", "impor", f, "--format", "csv", code=1)
    assert "baris 3" in r.stderr and "baris 2" not in r.stderr  # 12:00 WIT = 10:00 WIB: now
    for bad in ("+99:99", "+15:00", "-13:00", "+07:60"):
        f.write_text(f"nip,waktu,jenis\n{STAF},2021-04-19 07:00{bad},masuk\n")
        r = kerja("presensi", "impor", f, "--format", "csv", code=1)
        assert "baris 2" in r.stderr and bad in r.stderr, bad
    assert stored(dinas) == []


def test_zone_change_then_reimport_adds_nothing(kerja, dinas, tmp_path):
    f = attlog(tmp_path, [("1", "2021-04-19 07:20:00"), ("2", "2021-04-19 07:25:00")])
    kerja("presensi", "impor", f)
    kerja("unit", "ubah", "Seksi 1", "--zona", "WITA")
    r = kerja("presensi", "impor", f, "--json")
    import json

    assert json.loads(r.stdout)["ditambah"] == 0
    assert len(stored(dinas)) == 2


def test_migration_removes_duplicates_a_zone_change_made(kerja, dinas, tmp_path):
    """A store from before the key ignored the offset, holding the duplicates a re-import after a
    zone change made: the migration keeps the first of each and rebuilds the key."""
    kerja("presensi", "impor", attlog(tmp_path, [("1", "2021-04-19 07:20:00")]))
    conn = sqlite3.connect(dinas)
    with conn:
        conn.execute("DROP INDEX presensi_hari")
        conn.execute(
            "CREATE UNIQUE INDEX presensi_hari ON presensi(tanggal, nip, waktu, sumber, "
            "(CASE WHEN sumber = 'manual' THEN NULL ELSE ifnull(jenis, '') END))"
        )
        conn.execute(
            "INSERT INTO presensi (tanggal, nip, waktu, jenis, mode, sumber, dicatat_pada) "
            "SELECT tanggal, nip, replace(waktu, '+07:00', '+08:00'), jenis, mode, sumber, dicatat_pada "
            "FROM presensi"
        )
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm007_presensi_kunci_lokal'")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version = {version - 1}")
    conn.close()
    assert len(stored(dinas)) == 2
    kerja("presensi", "harian", "--tanggal", "2021-04-19")  # opens, migrates
    assert stored(dinas) == [(STAF, "2021-04-19T07:20:00+07:00", "mesin")]
    assert "presensi.migrasi" in kerja("audit").stdout
