"""presensi masuk/pulang/status/cabut/harian/belum and rekap kunci/buka through the CLI."""

from __future__ import annotations

import json

import pytest

from presence_data import A, B, C, roster, sql


def audit(kerja, nip):
    """The presence-related audit entries of one employee (not the import that created them)."""
    log = json.loads(kerja("audit", "--nip", nip, "--json").stdout)
    return [e for e in log if not e["aksi"].startswith("pegawai.")]


def harian(kerja, tanggal, *extra):
    r = kerja("presensi", "harian", "--tanggal", tanggal, "--json", *extra)
    return {row["nip"]: row for row in json.loads(r.stdout)}


def test_masuk_pulang_now_in_unit_zone(dinas, kerja, monkeypatch):
    kerja("unit", "ubah", "Dinas Pendidikan", "--zona", "WIT")
    # 23:50 UTC on 31 Jan is 06:50 WIB / 08:50 WIT on 1 Feb: it belongs to the local day.
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-31T23:50:00+00:00")
    r = kerja("presensi", "masuk", A)
    assert "2021-02-01 06:50 WIB" in r.stdout
    kerja("presensi", "masuk", C)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T09:05:00+00:00")
    kerja("presensi", "pulang", A)  # 16:05 WIB
    kerja("presensi", "pulang", C)  # 18:05 WIT
    rows = sql(dinas, "SELECT nip, waktu, tanggal, jenis, mode, sumber FROM presensi ORDER BY id")
    assert rows == [
        (A, "2021-02-01T06:50:00+07:00", "2021-02-01", "masuk", "WFO", "manual"),
        (C, "2021-02-01T08:50:00+09:00", "2021-02-01", "masuk", "WFO", "manual"),
        (A, "2021-02-01T16:05:00+07:00", "2021-02-01", "pulang", "WFO", "manual"),
        (C, "2021-02-01T18:05:00+09:00", "2021-02-01", "pulang", "WFO", "manual"),
    ]
    h = harian(kerja, "2021-02-01")
    assert (h[A]["kode"], h[A]["masuk"], h[A]["pulang"], h[A]["tl"], h[A]["psw"]) == (
        "H",
        "06:50",
        "16:05",
        None,
        None,
    )
    assert (h[C]["masuk"], h[C]["telat_menit"], h[C]["tl"]) == ("08:50", 80, 3)
    assert h[B]["kode"] == "TK"
    assert set(h[A]) >= {
        "tanggal",
        "nip",
        "nama",
        "unit",
        "jadwal",
        "kode",
        "masuk",
        "pulang",
        "mode",
        "telat_menit",
        "cepat_menit",
        "tl",
        "psw",
        "catatan",
    }


def test_wita_zone_from_an_ancestor(dinas, kerja, monkeypatch):
    kerja("unit", "ubah", "Dinas Kesehatan", "--zona", "WITA")
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T16:30:00+00:00")  # 00:30 WITA on 2 Feb
    kerja("presensi", "masuk", B)
    assert sql(dinas, "SELECT waktu, tanggal FROM presensi") == [("2021-02-02T00:30:00+08:00", "2021-02-02")]


def test_mode_defaults_to_roster_then_wfo(dinas, kerja, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T07:10:00+07:00")
    roster(dinas, [("2021-02-01", A, "WFH"), ("2021-02-01", B, "WFO")])
    kerja("presensi", "masuk", A)
    kerja("presensi", "masuk", C)
    kerja("presensi", "masuk", B, "--mode", "wfh")
    assert sql(dinas, "SELECT nip, mode FROM presensi ORDER BY id") == [(A, "WFH"), (C, "WFO"), (B, "WFH")]
    h = harian(kerja, "2021-02-01")
    assert (h[B]["jadwal"], h[B]["mode"], h[B]["catatan"]) == ("WFO", "WFH", "tidak sesuai jadwal")
    assert h[A]["catatan"] is None


def test_repeated_punches_are_kept(dinas, kerja, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T07:10:00+07:00")
    kerja("presensi", "masuk", A)
    kerja("presensi", "masuk", A)  # the same tap twice within a minute: recorded once (issue 10)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T07:12:00+07:00")
    kerja("presensi", "masuk", A)  # two minutes later: kept
    assert sql(dinas, "SELECT count(*) FROM presensi") == [(2,)]


def test_backdated_needs_oleh_and_is_audited(dinas, kerja, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-02T10:00:00+07:00")
    r = kerja("presensi", "masuk", A, "--waktu", "2021-02-01 07:45", code=1)
    assert "dicatat mundur wajib menyebut petugas" in r.stderr and "(oleh: NIP petugas)" in r.stderr
    assert sql(dinas, "SELECT count(*) FROM presensi") == [(0,)]
    kerja("presensi", "masuk", A, "--waktu", "2021-02-01 07.45", "--oleh", B)
    r = kerja("presensi", "masuk", A, "--waktu", "2021-02-03 07:45", "--oleh", B, code=1)
    assert "belum terjadi" in r.stderr
    log = audit(kerja, A)
    assert [(e["aksi"], e["oleh"], e["alasan"]) for e in log] == [("presensi.masuk", B, "dicatat mundur")]
    assert log[0]["sesudah"]["waktu"] == "2021-02-01T07:45:00+07:00"
    assert harian(kerja, "2021-02-01")[A]["telat_menit"] == 15


def test_unknown_and_inactive_employee(dinas, kerja):
    r = kerja("presensi", "masuk", "196801011990031001", code=1)
    assert "tidak ditemukan" in r.stderr
    kerja("pegawai", "ubah", C, "--nonaktif")
    r = kerja("presensi", "masuk", C, code=1)
    assert "nonaktif" in r.stderr


def test_status_overlap_refused_withdraw_and_redeclare(dinas, kerja, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T07:10:00+07:00")
    r = kerja(
        "presensi",
        "status",
        A,
        "--kode",
        "ct",
        "--mulai",
        "2021-02-11",
        "--sampai",
        "2021-02-16",
        "--keterangan",
        "Surat cuti 7/2021",
    )
    # 11, 15, 16 Feb: 12 Feb is Imlek, 13-14 a weekend.
    assert "3 hari kerja" in r.stdout
    r = kerja(
        "presensi", "status", A, "--kode", "S", "--mulai", "2021-02-16", "--keterangan", "sakit", code=1
    )
    assert "bertumpang tindih" in r.stderr and "presensi cabut 1" in r.stderr
    r = kerja("presensi", "status", A, "--kode", "XX", "--mulai", "2021-02-16", "--keterangan", "x", code=1)
    assert "kode status 'XX' tidak dikenal" in r.stderr
    r = kerja(
        "presensi",
        "status",
        A,
        "--kode",
        "S",
        "--mulai",
        "2021-02-13",
        "--sampai",
        "2021-02-14",
        "--keterangan",
        "x",
        code=1,
    )
    assert "tidak memuat hari kerja" in r.stderr
    kerja("presensi", "cabut", "1", "--alasan", "cuti dibatalkan")
    r = kerja("presensi", "cabut", "1", "--alasan", "lagi", code=1)
    assert "sudah dicabut" in r.stderr
    kerja("presensi", "status", A, "--kode", "S", "--mulai", "2021-02-16", "--keterangan", "sakit")
    rows = json.loads(kerja("presensi", "status-daftar", "--nip", A, "--json").stdout)
    assert [(r["id"], r["kode"], r["dicabut_alasan"]) for r in rows] == [
        (1, "CT", "cuti dibatalkan"),
        (2, "S", None),
    ]
    log = audit(kerja, A)
    assert [e["aksi"] for e in log] == ["status.tambah", "status.cabut", "status.tambah"]
    roster(dinas, [("2021-02-16", A, "WFO")])
    assert harian(kerja, "2021-02-16")[A]["kode"] == "S"


def test_belum_lists_rostered_without_check_in(dinas, kerja, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T07:40:00+07:00")
    roster(dinas, [("2021-02-01", A, "WFO"), ("2021-02-01", B, "WFH"), ("2021-02-01", C, "WFO")])
    r = kerja("presensi", "belum", "--json")
    assert [x["nip"] for x in json.loads(r.stdout)] == [A, B, C]
    kerja("presensi", "masuk", A)
    kerja("presensi", "status", C, "--kode", "DL", "--mulai", "2021-02-01", "--keterangan", "SPT")
    r = kerja("presensi", "belum", "--json")
    assert json.loads(r.stdout) == [
        {
            "tanggal": "2021-02-01",
            "nip": B,
            "nama": "Budi Santoso",
            "unit": "Dinas Kesehatan > Bidang P2P",
            "jadwal": "WFH",
        }
    ]
    r = kerja("presensi", "belum", "--unit", "Dinas Pendidikan")
    assert "Semua pegawai" in r.stdout


def test_belum_on_a_day_without_a_roster_says_so_and_exits_3(dinas, kerja, monkeypatch):
    """Issue 13: with no roster that day, `belum` said everyone had checked in (exit 0)."""
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T07:40:00+07:00")
    r = kerja("presensi", "belum", code=3)
    assert "Belum ada jadwal untuk 2021-02-01" in r.stderr and "kerja jadwal buat" in r.stderr
    assert "Semua pegawai" not in r.stdout
    r = kerja("presensi", "belum", "--json", code=3)
    assert r.stdout == "" and "Belum ada jadwal" in r.stderr
    # 2021-02-06 is a Saturday: not a working day, said as such.
    r = kerja("presensi", "belum", "--tanggal", "2021-02-06", code=3)
    assert "2021-02-06 bukan hari kerja" in r.stderr
    # Another day's roster does not count for this one.
    roster(dinas, [("2021-02-02", A, "WFO")])
    kerja("presensi", "belum", code=3)
    roster(dinas, [("2021-02-01", A, "WFO")])
    assert [x["nip"] for x in json.loads(kerja("presensi", "belum", "--json").stdout)] == [A]


def test_lock_refuses_changes_until_reopened(dinas, kerja, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-03-02T07:40:00+07:00")
    kerja("presensi", "status", A, "--kode", "I", "--mulai", "2021-02-22", "--keterangan", "izin")
    kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", B, "--paksa")
    r = kerja("rekap", "kunci", "--bulan", "2021-02", code=1)
    assert "sudah dikunci" in r.stderr
    for args in (
        ["presensi", "masuk", A, "--waktu", "2021-02-26 07:30", "--oleh", B],
        ["presensi", "status", B, "--kode", "S", "--mulai", "2021-02-26", "--keterangan", "sakit"],
        [
            "presensi",
            "status",
            B,
            "--kode",
            "CT",
            "--mulai",
            "2021-02-26",
            "--sampai",
            "2021-03-02",
            "--keterangan",
            "cuti",
        ],
        ["presensi", "cabut", "1", "--alasan", "salah"],
    ):
        r = kerja(*args, code=1)
        assert "2021-02 sudah dikunci" in r.stderr and "rekap buka" in r.stderr
    kerja("presensi", "masuk", A)  # March is open
    r = kerja("rekap", "buka", "--bulan", "2021-02", code=2)  # --alasan is required
    kerja("rekap", "buka", "--bulan", "2021-02", "--alasan", "koreksi izin")
    kerja("presensi", "cabut", "1", "--alasan", "salah")
    log = json.loads(kerja("audit", "--json").stdout)
    aksi = [e["aksi"] for e in log]
    assert "rekap.kunci" in aksi and "rekap.buka" in aksi
    assert [e["alasan"] for e in log if e["aksi"] == "rekap.buka"] == ["koreksi izin"]
    assert json.loads(kerja("rekap", "kunci-daftar", "--json").stdout) == []


def test_harian_human_output(dinas, kerja, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-01T08:10:00+07:00")
    kerja("presensi", "masuk", A)
    r = kerja("presensi", "harian", "--unit", "Dinas Kesehatan")
    assert "Ani Lestari" in r.stdout and "TK" in r.stdout and "Citra" not in r.stdout
    r = kerja("presensi", "harian", "--tanggal", "2021-02-06", "--json")
    assert json.loads(r.stdout) == []


@pytest.mark.parametrize(
    ("zona", "utc", "waktu", "tanggal"),
    [
        ("WIB", "2021-02-01T00:05:00+00:00", "2021-02-01T07:05:00+07:00", "2021-02-01"),
        ("WITA", "2021-02-01T00:05:00+00:00", "2021-02-01T08:05:00+08:00", "2021-02-01"),
        ("WIT", "2021-02-01T00:05:00+00:00", "2021-02-01T09:05:00+09:00", "2021-02-01"),
        # Just before midnight UTC is already the next local day in every zone.
        ("WIB", "2021-01-31T23:55:00+00:00", "2021-02-01T06:55:00+07:00", "2021-02-01"),
        ("WIT", "2021-01-31T15:05:00+00:00", "2021-02-01T00:05:00+09:00", "2021-02-01"),
        ("WIB", "2021-01-31T16:59:00+00:00", "2021-01-31T23:59:00+07:00", "2021-01-31"),
    ],
)
def test_each_zone_and_midnight(dinas, kerja, monkeypatch, zona, utc, waktu, tanggal):
    kerja("unit", "ubah", "Dinas Pendidikan", "--zona", zona)
    monkeypatch.setenv("KERJA_SEKARANG", utc)
    kerja("presensi", "masuk", C)
    assert sql(dinas, "SELECT waktu, tanggal FROM presensi") == [(waktu, tanggal)]


def test_backdated_needs_its_recorder_when_a_script_calls_the_service(dinas):
    """The rule lives in the service (domain.presence.recorder), not only in the CLI."""
    from datetime import UTC, datetime

    from kerja.domain.errors import KerjaError
    from kerja.services.database import open_store
    from kerja.services.presensi import record

    conn = open_store(dinas)
    now = datetime(2021, 2, 2, 3, tzinfo=UTC)  # 10:00 WIB
    with pytest.raises(KerjaError, match="dicatat mundur wajib menyebut petugas"):
        record(conn, A, "masuk", oleh=None, pengguna="operator", now=now, waktu=datetime(2021, 2, 1, 7, 45))
    with pytest.raises(KerjaError, match="dicatat mundur"):
        record(conn, A, "masuk", oleh="  ", pengguna="operator", now=now, waktu=datetime(2021, 2, 1, 7, 45))
    assert sql(dinas, "SELECT count(*) FROM presensi") == [(0,)]
    live = record(conn, A, "masuk", oleh=None, pengguna="operator", now=now)  # now: the session user
    assert (live.tanggal, live.waktu) == ("2021-02-02", "2021-02-02T10:00:00+07:00")
    assert sql(dinas, "SELECT oleh FROM presensi") == [("operator",)]
    conn.close()
