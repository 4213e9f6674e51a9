"""XLSX exports stay openable at any size: past Excel's 1,048,576 rows a sheet goes on in the next
one and says so. Tested with a lowered limit (the writers' `max_rows`) instead of a million rows."""

from __future__ import annotations

import openpyxl
from test_export import _row

from kerja.io import export, roster_export


def _cells(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_roster_sheet_goes_on_in_the_next_under_the_limit(tmp_path):
    # 20 rows of Dinas A and 3 of Dinas B, interleaved as the export streams them (by date)
    rows = []
    for i in range(20):
        rows.append(
            (
                f"2021-02-{i + 1:02d}",
                f"1990010120200110{i:02d}",
                f"Staf {i}",
                "Dinas A > Seksi 1",
                "WFO",
                "kuota",
            )
        )
        if i < 3:
            rows.append(
                (f"2021-02-{i + 1:02d}", f"1985010120100110{i:02d}", f"Staf B{i}", "Dinas B", "WFH", "kuota")
            )
    target = tmp_path / "j.xlsx"
    # limit 12 rows: 5 title/header rows, 6 data rows, 1 row that says where the list goes on
    r = roster_export.write_xlsx(
        iter(rows), target, instansi="Pemkab Uji", judul="SE uji", periode="Feb 2021", max_rows=12
    )
    assert r.rows == 23
    # 20 rows of Dinas A at 6 a sheet: 6 + 6 + 6 + 2 over four sheets
    assert r.split == {"Dinas A": ["Dinas A", "Dinas A (2)", "Dinas A (3)", "Dinas A (4)"]}
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Dinas A", "Dinas B", "Dinas A (2)", "Dinas A (3)", "Dinas A (4)"]
    got = []
    for name in r.split["Dinas A"]:
        ws = wb[name]
        assert ws.max_row <= 12
        cells = _cells(ws)
        assert cells[4][0] == "Tanggal"  # the header on every part
        data = [c for c in cells[5:] if c[1]]
        got += [tuple(c) for c in data]
        if name != "Dinas A (4)":
            assert len(data) == 6 and "Berlanjut di sheet 'Dinas A (" in cells[11][0]
    assert "bagian 2" in _cells(wb["Dinas A (2)"])[2][0]
    assert got == [r for r in rows if r[3].startswith("Dinas A")]
    assert wb["Dinas B"].max_row == 5 + 3


def test_roster_under_the_limit_is_one_sheet_per_opd(tmp_path):
    rows = [("2021-02-01", "199001012020011001", "Staf", "Dinas A", "WFO", "kuota")] * 6
    r = roster_export.write_xlsx(
        iter(rows), tmp_path / "j.xlsx", instansi="X", judul=None, periode="p", max_rows=12
    )
    assert r.rows == 6 and r.split == {}
    assert openpyxl.load_workbook(tmp_path / "j.xlsx").sheetnames == ["Dinas A"]


def test_recap_sheet_split_keeps_totals_and_signatures_on_the_last(tmp_path):
    people = [_row(f"19900101202001{i:04d}", f"Pegawai {i}", "Dinas A", 1_000 + i) for i in range(30)]
    recap = {
        "instansi": "Pemkab Uji",
        "bulan": "2021-03",
        "pegawai": people,
        "total": {
            "pagu_tpp": 0,
            "tpp_kinerja": 0,
            "tpp_disiplin": 0,
            "tpp_total": sum(1_000 + i for i in range(30)),
        },
    }
    # limit 25 rows: 5 title/header rows and 8 for the totals and signatures leave 12 people a sheet
    assert export.xlsx_parts(30, 25) == 3
    export.save_xlsx(recap, tmp_path / "r.xlsx", unit=None, max_rows=25)
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["Rekap 2021-03", "Rekap 2021-03 (2)", "Rekap 2021-03 (3)"]
    numbers, nips = [], []
    for i, ws in enumerate(wb.worksheets, 1):
        assert ws.max_row <= 25
        cells = _cells(ws)
        assert f"bagian {i} dari 3" in cells[1][0] and cells[4][0] == "No"
        rows = [c for c in cells[5:] if isinstance(c[0], int)]
        numbers += [c[0] for c in rows]
        nips += [c[1] for c in rows]
        has_total = any(c[2] == "JUMLAH" for c in cells)
        assert has_total == (i == 3)
    # numbered 1..30 straight through, every person once, in order
    assert numbers == list(range(1, 31)) and nips == [p["nip"] for p in people]
    last = _cells(wb.worksheets[-1])
    total_row = next(c for c in last if c[2] == "JUMLAH")
    assert total_row[export.HEADERS.index("TPP Total")] == recap["total"]["tpp_total"]
    assert any(c[1] == "Kepala OPD" for c in last)


def test_recap_under_the_limit_is_one_sheet(tmp_path):
    recap = {
        "instansi": "X",
        "bulan": "2021-03",
        "pegawai": [_row("199001012020010001", "A", "Dinas A", 5)],
        "total": {"pagu_tpp": 0, "tpp_kinerja": 0, "tpp_disiplin": 0, "tpp_total": 5},
    }
    assert export.xlsx_parts(1) == 1 and export.xlsx_parts(1_048_576 - 13) == 1
    assert export.xlsx_parts(1_048_576 - 12) == 2
    export.save_xlsx(recap, tmp_path / "r.xlsx", unit=None)
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames == ["Rekap 2021-03"]
