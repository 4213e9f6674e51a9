"""day_statuses over a store: tracking start, holidays, statuses, roster, zones, filters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kerja.services.presensi import day_statuses
from kerja.store.db import connect
from presence_data import A, B, C, roster, sql


def punch(db, nip, waktu, jenis=None, mode="WFO", sumber="mesin"):
    sql(
        db,
        "INSERT INTO presensi (nip, waktu, tanggal, jenis, mode, sumber, dicatat_pada) "
        "VALUES (?, ?, substr(?, 1, 10), ?, ?, ?, '2021-02-01T00:00:00+07:00')",
        nip,
        waktu,
        waktu,
        jenis,
        mode,
        sumber,
    )


def test_nothing_before_tracking_starts(dinas):
    conn = connect(dinas)
    assert day_statuses(conn, date(2021, 2, 1), date(2021, 2, 28)) == []
    punch(dinas, A, "2021-02-03T07:20:00+07:00")
    rows = day_statuses(conn, date(2021, 2, 1), date(2021, 2, 5))
    # Tracking starts on 3 Feb (the first presence record): 3, 4, 5 Feb for each of 3 people.
    assert {r.tanggal for r in rows} == {date(2021, 2, 3), date(2021, 2, 4), date(2021, 2, 5)}
    assert len(rows) == 9
    a3 = next(r for r in rows if r.nip == A and r.tanggal == date(2021, 2, 3))
    assert (a3.kode, a3.masuk, a3.psw, a3.potongan_persen) == ("H", "07:20", 4, Decimal("2.0"))
    assert [r.kode for r in rows if r.nip == B] == ["TK", "TK", "TK"]


def test_roster_starts_tracking_and_gives_jadwal(dinas):
    roster(dinas, [("2021-02-01", A, "WFH"), ("2021-02-01", B, "WFO")])
    punch(dinas, A, "2021-02-01T07:25:00+07:00", "masuk", "WFO", "manual")
    punch(dinas, A, "2021-02-01T16:00:00+07:00", "pulang", "WFO", "manual")
    rows = day_statuses(connect(dinas), date(2021, 2, 1), date(2021, 2, 1))
    by = {r.nip: r for r in rows}
    assert (by[A].jadwal, by[A].mode, by[A].catatan, by[A].potongan_persen) == (
        "WFH",
        "WFO",
        "tidak sesuai jadwal",
        0,
    )
    assert (by[B].jadwal, by[B].kode) == ("WFO", "TK")
    assert by[C].jadwal is None


def test_status_over_a_holiday_and_weekend_counts_working_days_only(dinas):
    roster(dinas, [("2021-02-08", A, "WFO")])
    # 12 Feb 2021 (Friday) is Imlek, a national holiday; 13-14 Feb a weekend.
    sql(
        dinas,
        "INSERT INTO status_hari (nip, kode, mulai, sampai, keterangan, oleh, dicatat_pada) "
        "VALUES (?, 'CT', '2021-02-11', '2021-02-15', 'cuti', 'x', 'now')",
        A,
    )
    rows = day_statuses(connect(dinas), date(2021, 2, 8), date(2021, 2, 16), nips=[A])
    assert [(r.tanggal.day, r.kode) for r in rows] == [
        (8, "TK"),
        (9, "TK"),
        (10, "TK"),
        (11, "CT"),
        (15, "CT"),
        (16, "TK"),
    ]
    # A withdrawn status no longer counts.
    sql(dinas, "UPDATE status_hari SET dicabut_pada = 'now', dicabut_alasan = 'batal'")
    rows = day_statuses(connect(dinas), date(2021, 2, 11), date(2021, 2, 11), nips=[A])
    assert rows[0].kode == "TK"


def test_filters_by_nip_and_unit(dinas):
    punch(dinas, A, "2021-02-01T07:20:00+07:00")
    punch(dinas, C, "2021-02-01T07:40:00+07:00")
    conn = connect(dinas)
    assert [r.nip for r in day_statuses(conn, date(2021, 2, 1), date(2021, 2, 1), nips=[C])] == [C]
    rows = day_statuses(conn, date(2021, 2, 1), date(2021, 2, 1), unit="Dinas Kesehatan")
    assert [r.nip for r in rows] == sorted([A, B])
    rows = day_statuses(conn, date(2021, 2, 1), date(2021, 2, 1), unit="Dinas Pendidikan")
    assert [(r.nip, r.telat_menit, r.tl) for r in rows] == [(C, 10, 1)]


def test_rules_in_force_per_month(dinas, kerja, tmp_path):
    (tmp_path / "a.toml").write_text('[jam_kerja]\nmasuk = "08:00"\n')
    kerja("aturan", "pasang", str(tmp_path / "a.toml"), "--mulai", "2021-03")
    punch(dinas, A, "2021-02-26T07:50:00+07:00")
    punch(dinas, A, "2021-03-01T07:50:00+07:00")
    rows = day_statuses(connect(dinas), date(2021, 2, 26), date(2021, 3, 1), nips=[A])
    assert [(r.tanggal.day, r.telat_menit) for r in rows] == [(26, 20), (1, 0)]


def test_tk_days_matches_day_statuses(dinas, kerja, tmp_path):
    from kerja.services.presensi import tk_days

    conn = connect(dinas)
    punch(dinas, A, "2021-02-01T07:20:00+07:00")
    punch(dinas, A, "2021-02-03T07:20:00+07:00")
    punch(dinas, B, "2021-02-09T07:20:00+07:00")  # on a status day: counts as the status
    punch(dinas, A, "2021-02-13T07:20:00+07:00")  # a Saturday: not a working day
    sql(
        dinas,
        "INSERT INTO status_hari (nip, kode, mulai, sampai, keterangan, oleh, dicatat_pada) "
        "VALUES (?, 'S', '2021-02-08', '2021-02-10', 'sakit', 'x', 'now')",
        B,
    )
    start, end = date(2021, 1, 1), date(2021, 2, 28)

    def expected(**kw):
        counts = {}
        for s in day_statuses(conn, start, end, **kw):
            counts[s.nip] = counts.get(s.nip, 0) + (s.kode == "TK")
        return counts

    # Tracking starts on 1 Feb; February 2021 has 19 working days (12 Feb is Imlek).
    assert tk_days(conn, start, end) == expected() == {A: 17, B: 16, C: 19}
    assert tk_days(conn, start, end, nips=[B]) == expected(nips=[B]) == {B: 16}
    assert tk_days(conn, start, end, unit="Dinas Pendidikan") == {C: 19}
    # With WFH days excused from presence, a WFH roster day without events is not TK.
    (tmp_path / "a.toml").write_text("[presensi]\nwfh_wajib_presensi = false\n")
    kerja("aturan", "pasang", str(tmp_path / "a.toml"), "--mulai", "2021-02")
    roster(dinas, [("2021-02-02", C, "WFH"), ("2021-02-02", B, "WFO")])
    assert tk_days(conn, start, end) == expected() == {A: 17, B: 16, C: 18}
