"""kerja jadwal end to end on the Kutai Kartanegara preset (SPEC §2, §6)."""

import csv
import io
import json
import sqlite3
from datetime import UTC, datetime

import pytest

from helpers import db_bytes, write
from roster_fixture import KABID, KADIS, KASI, KUKAR, setup, staff_a1, staff_a2

KUKAR_TEXT = KUKAR.read_text(encoding="utf-8")

DAYS = [
    "2021-01-27",
    "2021-01-28",
    "2021-01-29",
    "2021-02-01",
    "2021-02-02",
    "2021-02-03",
    "2021-02-04",
    "2021-02-05",
    "2021-02-08",
    "2021-02-09",
]


@pytest.fixture
def dinas(kerja, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path)
    return tmp_path


def export(kerja, *args):  # type: ignore[no-untyped-def]
    return json.loads(kerja("jadwal", "ekspor", "--format", "json", *args).stdout)


def test_buat_on_the_kukar_preset(kerja, dinas, db_path):
    r = kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    assert "10 hari kerja" in r.stdout
    rows = export(kerja)
    assert set(rows[0]) == {"tanggal", "nip", "nama", "unit", "lokasi", "alasan"}
    assert sorted({r["tanggal"] for r in rows}) == DAYS
    assert len(rows) == 10 * 18
    by = {(r["tanggal"], r["nip"]): r for r in rows}
    for d in DAYS:
        for leader in (KADIS, KABID, KASI):
            assert (by[(d, leader)]["lokasi"], by[(d, leader)]["alasan"]) == ("WFO", "pejabat")
        # Dinas Uji: 15 people, 25% -> 4 = the three leaders and Seksi A2's coverage pick.
        a2 = [n for n in staff_a2() if by[(d, n)]["lokasi"] == "WFO"]
        assert len(a2) == 1 and by[(d, a2[0])]["alasan"] == "cakupan"
        assert all(by[(d, n)]["lokasi"] == "WFH" for n in staff_a1())
    # SPEC §6 names "pelanggaran"; "kuota_kurang" (groups below T) is added beside it.
    assert json.loads(kerja("jadwal", "periksa", "--json").stdout) == {"pelanggaran": [], "kuota_kurang": []}
    assert "Catatan: " in r.stdout and "Seksi A2" in r.stdout  # coverage put A2 above its share
    audit = json.loads(kerja("audit", "--json").stdout)
    assert [a["aksi"] for a in audit].count("jadwal.buat") == 1


def test_violations_exit_3_are_listed_and_the_roster_is_saved(kerja, tmp_path, monkeypatch, db_path):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path, a2_born=1960)  # Seksi A2 all over 55: nobody may come in
    r = kerja("jadwal", "buat", "--kebijakan", "kukar-2021", code=3)
    assert "Seksi A2: 0 dari 3 boleh masuk, minimal 1" in r.stderr
    assert len(export(kerja)) == 180
    v = json.loads(kerja("jadwal", "periksa", "--json", code=3).stdout)["pelanggaran"]
    cak = [x for x in v if x["jenis"] == "cakupan"]
    assert len(cak) == 10 and cak[0] == {
        "tanggal": "2021-01-27",
        "unit": "Dinas Uji > Bidang A > Seksi A2",
        "jenis": "cakupan",
        "detail": "Seksi A2: 0 dari 3 boleh masuk, minimal 1",
    }


def test_regeneration_keeps_manual_changes_and_past_days(kerja, dinas, db_path, monkeypatch):
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    first = {(r["tanggal"], r["nip"]): r["lokasi"] for r in export(kerja)}
    target = staff_a1()[2]
    kerja("jadwal", "ubah", target, "2021-02-08", "WFO", "--alasan", "rapat anggaran", "--oleh", KADIS)
    monkeypatch.setenv("KERJA_SEKARANG", "2021-02-03T07:00:00+08:00")
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM jadwal WHERE tanggal = '2021-01-29'")  # a past day without a roster
    conn.commit()
    r = kerja("jadwal", "buat", "--kebijakan", "kukar-2021", code=3)
    # The kept manual office day puts 2021-02-08 one above the quota: saved, listed, exit 3.
    assert r.stderr.strip() == "Pelanggaran 2021-02-08 [kuota] Dinas Uji: 5 WFO, kuota 4 dari 15 orang (25%)"
    after = {(r["tanggal"], r["nip"]): r for r in export(kerja)}
    assert after[("2021-02-08", target)]["alasan"] == "manual"
    for (d, n), lok in first.items():
        if d < "2021-02-03" and d != "2021-01-29":
            assert after[(d, n)]["lokasi"] == lok  # past days kept as they were
    assert len([k for k in after if k[0] == "2021-01-29"]) == 18  # back-filled
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021", "--timpa")
    again = {(r["tanggal"], r["nip"]): r for r in export(kerja)}
    assert again[("2021-02-08", target)]["alasan"] != "manual"


def test_same_inputs_same_roster_bytes(kerja, dinas, db_path):
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    one = export(kerja)
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021", "--timpa")
    assert export(kerja) == one


def test_holiday_inside_the_period_has_no_roster(kerja, dinas):
    kerja("libur", "tambah", "2021-02-03", "--nama", "HUT Kabupaten")
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    days = {r["tanggal"] for r in export(kerja)}
    assert "2021-02-03" not in days and len(days) == 9


def test_ubah_is_audited_warns_and_respects_locks(kerja, dinas, db_path):
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    n = staff_a1()[0]
    r = kerja("jadwal", "ubah", n, "2021-02-01", "wfo", "--alasan", "piket layanan", "--oleh", KADIS)
    assert "WFO (manual)" in r.stdout.replace("-> WFO", "WFO")
    assert "Peringatan" in r.stderr and "kuota" in r.stderr
    quiet = kerja("jadwal", "ubah", staff_a1()[1], "2021-02-01", "WFH", "--alasan", "tetap di rumah")
    assert quiet.stderr == ""  # the day's quota breach is not new: no warning again
    entry = [a for a in json.loads(kerja("audit", "--json").stdout) if a["aksi"] == "jadwal.ubah"][0]
    assert entry["nip"] == n and entry["oleh"] == KADIS and entry["alasan"] == "piket layanan"
    assert entry["sebelum"]["lokasi"] == "WFH" and entry["sesudah"]["lokasi"] == "WFO"
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO kunci VALUES ('2021-02', 'bendahara', '2021-03-01T08:00:00+08:00')")
    conn.commit()
    before = db_bytes(db_path)
    r = kerja("jadwal", "ubah", n, "2021-02-02", "WFO", "--alasan", "x", code=1)
    assert "dikunci" in r.stderr
    r = kerja("jadwal", "buat", "--kebijakan", "kukar-2021", "--timpa", code=1)
    assert "2021-02" in r.stderr and db_bytes(db_path) == before
    kerja("jadwal", "ubah", n, "2021-02-06", "WFO", "--alasan", "x", code=1)  # a Saturday
    kerja("jadwal", "ubah", n, "2021-01-28", "KANTOR", "--alasan", "x", code=1)


def test_ekspor_csv_is_excel_friendly_and_formula_safe(kerja, tmp_path, monkeypatch):
    monkeypatch.setenv("KERJA_SEKARANG", "2021-01-20T08:00:00+08:00")
    setup(kerja, tmp_path, evil_name=True)
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    kerja("jadwal", "ekspor", "--format", "csv", "--keluar", tmp_path / "j.csv")
    raw = (tmp_path / "j.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Tanggal", "NIP", "Nama", "Unit", "Lokasi", "Alasan"]
    assert len(rows) == 181
    assert any(r[2] == "'=HYPERLINK(1)" for r in rows) and not any(r[2].startswith("=") for r in rows)
    stdout = kerja("jadwal", "ekspor", "--format", "csv", "--unit", "Badan Lain").stdout
    assert stdout.startswith("\ufeff") and len(stdout.strip().splitlines()) == 1 + 30


def test_ekspor_xlsx_one_sheet_per_opd_with_the_circular_title(kerja, dinas, tmp_path):
    import openpyxl

    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    kerja("jadwal", "ekspor", "--format", "xlsx", "--keluar", tmp_path / "j.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "j.xlsx")
    assert sorted(wb.sheetnames) == ["Badan Lain", "Dinas Uji"]
    ws = wb["Dinas Uji"]
    assert ws["A1"].value == "Pemkab Uji" and "B-104/BKPSDM" in ws["A2"].value
    assert ws.max_row == 5 + 150 and ws.page_setup.orientation == "landscape"


def test_lihat_fits_80_columns(kerja, dinas, monkeypatch):
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    monkeypatch.setenv("COLUMNS", "80")
    out = kerja(
        "jadwal", "lihat", "--unit", "Bidang A", "--mulai", "2021-02-01", "--sampai", "2021-02-09"
    ).stdout
    assert "Pekan 01/02 s.d. 05/02/2021" in out and "Sen 01" in out
    assert "WFO/kuota" in out and "Staf A1 0" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "4/4" in out


def test_buat_without_circular_or_days_fails_clearly(kerja, store):
    r = kerja("jadwal", "buat", code=1)
    assert "kebijakan" in r.stderr.lower()
    kerja("jadwal", "periksa", code=1)


def test_buat_for_one_unit_leaves_the_others_alone(kerja, dinas):
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021", "--unit", "Badan Lain")
    rows = export(kerja)
    assert {r["unit"] for r in rows} == {"Badan Lain > Seksi X"} and len(rows) == 30
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021")
    whole = export(kerja)
    kerja("jadwal", "buat", "--kebijakan", "kukar-2021", "--unit", "Seksi A2", "--timpa")
    assert export(kerja) == whole  # same inputs, same cells; nothing else touched
    kerja("jadwal", "buat", "--unit", "Tidak Ada", code=1)


def test_each_day_follows_the_circular_in_force(kerja, dinas, tmp_path):

    write(
        tmp_path / "lanjut.toml",
        'nama = "lanjut"\nmulai = 2021-02-10\nsampai = 2021-02-28\n[kuota]\nwfo_persen = 50\n',
    )
    kerja("kebijakan", "tambah", tmp_path / "lanjut.toml")
    r = kerja("jadwal", "buat", "--mulai", "2021-02-01", "--sampai", "2021-02-28")
    assert "kukar-2021, lanjut" in r.stdout
    rows = export(kerja, "--mulai", "2021-02-15", "--sampai", "2021-02-15")
    assert sum(1 for x in rows if x["lokasi"] == "WFO" and x["unit"].startswith("Dinas Uji")) == 8


@pytest.mark.parametrize("tingkat", ["opd", "unit"])
@pytest.mark.parametrize("unit", ["Seksi A2", "Bidang A", "Badan Lain"])
def test_lihat_of_a_unit_is_the_whole_view_cut_to_that_unit(kerja, dinas, db_path, tmp_path, tingkat, unit):
    # A unit's view reads only the cells of its OPDs; what it shows must be exactly the whole
    # institution's view cut to the unit: its rows (a declared status included) and the quota line
    # of each group that holds one of its people.
    from datetime import date

    from kerja.services.jadwal import grid
    from kerja.store.db import connect

    text = KUKAR_TEXT.replace('tingkat = "opd"', f'tingkat = "{tingkat}"').replace("kukar-2021", "uji")
    kerja("kebijakan", "tambah", write(tmp_path / "uji.toml", text), "--ganti", "kukar-2021")
    kerja("jadwal", "buat", "--kebijakan", "uji", code=None)  # exit 3 for unit quotas: not the point here
    sick = staff_a2()[0]
    kerja("presensi", "status", sick, "--kode", "S", "--mulai", "2021-02-02", "--keterangan", "demam")
    conn = connect(db_path)
    now = datetime(2021, 2, 1, tzinfo=UTC)
    whole = grid(conn, date(2021, 2, 1), date(2021, 2, 9), None, now=now)
    part = grid(conn, date(2021, 2, 1), date(2021, 2, 9), unit, now=now)
    inside = [r for r in whole.rows if r[2] == unit or f" > {unit}" in r[2] or r[2].startswith(unit + " > ")]
    assert part.days == whole.days and part.rows == inside and inside
    # the quota group of a person is their OPD (the first level of the path) or their own unit
    groups = {r[2].split(" > ")[0] if tingkat == "opd" else r[2] for r in inside}
    assert part.totals == [t for t in whole.totals if t[0] in groups]
    assert part.totals  # every shown group has its line
    if unit == "Seksi A2":
        assert next(r for r in part.rows if r[0] == sick)[3][1] == "S"  # 2021-02-02
