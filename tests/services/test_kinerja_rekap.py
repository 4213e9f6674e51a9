"""The e-Kinerja and recap services called directly, as scripts and the demo do."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from kerja.domain.errors import KerjaError
from kerja.domain.months import month_bounds
from kerja.services import kinerja, rekap
from kerja.store.db import connect
from kinerja_data import KABID, KASI, STAF, STAF2, load_staff, punches

NOW = datetime(2021, 2, 2, 9, tzinfo=UTC)  # the day after the activities


@pytest.fixture
def conn(kerja, store, tmp_path):
    load_staff(kerja, tmp_path)
    punches(kerja, tmp_path, [(STAF, "2021-02-01", "07:40", "16:00", "WFO")])
    c = connect(store)
    yield c
    c.close()


def test_record_validate_and_recap(conn):
    a = kinerja.record(
        conn,
        STAF,
        tanggal=date(2021, 2, 1),
        mulai=time(8),
        selesai=time(9, 30),
        uraian=" Rapat ",
        output=None,
        oleh="uji",
        now=NOW,
    )
    assert (a["menit"], a["uraian"], a["output"]) == (90, "Rapat", None)
    with pytest.raises(KerjaError, match="tumpang tindih"):
        kinerja.record(
            conn,
            STAF,
            tanggal=date(2021, 2, 1),
            mulai=time(9),
            selesai=time(10),
            uraian="x",
            output=None,
            oleh="uji",
            now=NOW,
        )
    with pytest.raises(KerjaError, match="bukan atasan"):
        kinerja.validate(conn, [a["id"]], oleh=STAF2, tolak=False, alasan=None, now=NOW)
    v = kinerja.validate(conn, [a["id"], a["id"]], oleh=KABID, tolak=False, alasan=None, now=NOW)
    assert v.diubah == [a["id"]] and v.terlambat == []
    assert [r["id"] for r in kinerja.listing(conn, atasan=KASI)] == [a["id"]]
    assert kinerja.listing(conn, atasan=KASI, menunggu=True) == []
    r = rekap.monthly_recap(conn, "2021-02")
    assert not conn.in_transaction  # the read snapshot is closed
    row = next(x for x in r["pegawai"] if x["nip"] == STAF)
    # 1 Feb: 10 min late (TL1 0.5%); 2-26 Feb: 18 TK days x 3% = 54% -> 54.5%
    assert (row["tl"], row["tk"], row["potongan_disiplin_persen"]) == ([1, 0, 0, 0], 18, 54.5)
    assert row["menit_kinerja"] == 90 and row["target_menit"] == 19 * 300
    detail = rekap.recap_detail(conn, STAF, "2021-02")
    assert detail["rekap"] == row and len(detail["hari"]) == 19
    assert detail["hari"][0]["menit_kinerja"] == 90
    assert detail["menit_tidak_dihitung"] == {"diajukan": 0, "ditolak": 0, "terlambat": 0}


def test_windows_cover_the_month_without_gaps():
    w = rekap._windows(date(2021, 2, 1), date(2021, 2, 28))
    assert w[0] == (date(2021, 2, 1), date(2021, 2, 7)) and w[-1] == (date(2021, 2, 22), date(2021, 2, 28))
    assert rekap._windows(date(2021, 3, 29), date(2021, 3, 31)) == [(date(2021, 3, 29), date(2021, 3, 31))]
    assert month_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
