"""The regulations clerks have (issue "The regulations clerks actually have"): each preset in
examples/aturan/ gets a golden February 2021 worked by hand here, through the CLI on a temporary
store, compared to the Rupiah.

February 2021 has 19 working days (weekdays minus 12 Feb, Imlek):
1 2 3 4 5 | 8 9 10 11 | 15 16 17 18 19 | 22 23 24 25 26. Hours 07:30-16:00, Friday 16:30.
"""

from __future__ import annotations

import json

import pytest

from kinerja_data import catat, punches, status
from regulations_data import (
    FEB,
    FRIDAYS,
    HONOR,
    KEPALA,
    SEKDA,
    A,
    B,
    day,
    month,
    on_time,
    people,
    recap,
)


def test_permentan_68_2012_pays_9_200_000(kerja, tmp_path):
    month(kerja, "permentan-68-2012.toml", tmp_path)
    rows = on_time(A, skip={1, 2, 3, 4})
    rows += [
        (A, day(1), "07:45", "16:00", "WFO"),  # 15 min late: TL1 0.5%
        (A, day(2), "09:00", "16:00", "WFO"),  # 90 min late: TL3 1.5%
        (A, day(3), "07:30", None, "WFO"),  # no check-out: 2%
    ]  # 4 Feb: nothing at all: TK 4%
    punches(kerja, tmp_path, rows)
    r = recap(kerja)[A]
    # 0.5 + 1.5 + 2 + 4 = 8%; bobot disiplin 100: 10,000,000 x 92% = 9,200,000
    assert r["potongan_disiplin_persen"] == 8.0
    assert (r["tpp_kinerja"], r["tpp_disiplin"], r["tpp_total"]) == (0, 9_200_000, 9_200_000)


def test_ogan_ilir_cuts_the_whole_tpp(kerja, tmp_path):
    month(kerja, "ogan-ilir.toml", tmp_path, pagu="2.000.000")
    rows = on_time(A, skip={1, 2, 4})
    rows += [(A, day(1), "07:45", "16:00", "WFO"), (A, day(2), "08:00", "16:00", "WFO")]  # 0.5 + 0.5
    punches(kerja, tmp_path, rows)  # 4 Feb: TK 3%
    # 330 minutes on each of the 18 present days = 5,940 >= target 300 x 19 = 5,700: capaian 100%
    for d in FEB:
        if d != 4:
            catat(kerja, A, day(d), "08:00", "13:30")
    ids = [str(a["id"]) for a in json.loads(kerja("kinerja", "daftar", "--nip", A, "--json").stdout)]
    kerja("kinerja", "validasi", *ids, "--oleh", KEPALA)
    r = recap(kerja)[A]
    # 3 + 0.5 + 0.5 = 4% of the whole 2,000,000 = 80,000: kinerja 1,200,000 (60%), disiplin
    # 800,000 - 80,000 = 720,000; total 1,920,000 (cutting only the discipline share would pay
    # 800,000 x 96% = 768,000 and 1,968,000 in all)
    assert (r["capaian_kinerja_persen"], r["potongan_disiplin_persen"]) == (100.0, 4.0)
    assert (r["tpp_kinerja"], r["tpp_disiplin"], r["tpp_total"]) == (1_200_000, 720_000, 1_920_000)
    detail = kerja("rekap", "rincian", A, "--bulan", "2021-02").stdout
    assert "potongan dari seluruh pagu" in detail and "[tpp.basis_potongan: Perbup Ogan Ilir" in detail


def test_pmk_221_2021_flexible_start_made_up_the_same_day(kerja, tmp_path):
    month(kerja, "pmk-221-2021.toml", tmp_path)
    rows = on_time(A, skip={1, 2, 3, 4})
    rows += [
        (A, day(1), "08:45", "17:15", "WFO"),  # in the window, 8.5 h worked: on time
        (A, day(2), "08:45", "16:30", "WFO"),  # owes until 17:15, leaves 45 min early: PSW2 1%
        (A, day(3), "09:20", "17:30", "WFO"),  # 20 min after 09:00: TL1 1%; owes until 17:30
        (A, day(4), "10:30", "17:30", "WFO"),  # 90 min after 09:00: TL3 2.5%
    ]
    punches(kerja, tmp_path, rows)
    r = recap(kerja)[A]
    # 1 + 1 + 2.5 = 4.5%: 10,000,000 x 95.5% = 9,550,000
    assert (r["potongan_disiplin_persen"], r["tpp_total"]) == (4.5, 9_550_000)
    assert r["tl"] == [1, 0, 1, 0] and r["psw"] == [0, 1, 0, 0]


def test_dki_style_monthly_minutes(kerja, tmp_path):
    month(kerja, "dki-kumulatif.toml", tmp_path)
    rows = on_time(A, skip={1, 2, 3})
    rows += [
        (A, day(1), "08:15", "16:00", "WFO"),  # 45 late
        (A, day(2), "08:45", "16:00", "WFO"),  # 75 late
        (A, day(3), "07:30", "15:00", "WFO"),  # 60 early
    ]
    rows += on_time(B, skip={1, 2, 3, 4})
    rows += [
        (B, day(1), "08:15", "16:00", "WFO"),
        (B, day(2), "08:45", "16:00", "WFO"),
        (B, day(3), "07:30", "15:00", "WFO"),
        (B, day(4), "10:50", "16:00", "WFO"),  # 200 late: 320 in the month, past 300
    ]
    punches(kerja, tmp_path, rows)
    got = recap(kerja)
    # A: (45 + 75 + 60) / 60 = 3%: 10,000,000 x 97% = 9,700,000
    assert (got[A]["potongan_disiplin_persen"], got[A]["tpp_total"]) == (3.0, 9_700_000)
    # B: (320 + 60) / 60 = 6 1/3 % plus 5% for reaching 300 late minutes = 11 1/3 %:
    # 10,000,000 x (100 - 11 1/3)% = 8,866,666.67 -> 8,866,667
    assert (got[B]["potongan_disiplin_persen"], got[B]["tpp_total"]) == (11.33, 8_866_667)


def test_kemenpanrb_late_days_allowance_and_make_up(kerja, tmp_path):
    month(kerja, "kemenpanrb-6-2018.toml", tmp_path, pagu="1.000.000")
    late = [1, 2, 3, 4, 8, 9]
    rows = on_time(A, skip={1, 2, 3, 4, 8})
    rows += [(A, day(d), "07:50", "16:00" if d not in FRIDAYS else "16:30", "WFO") for d in (1, 2, 3, 4)]
    rows += [(A, day(8), "07:50", "16:20", "WFO")]  # 20 late, made up by 16:20: not late
    rows += on_time(B, skip=set(late))
    rows += [(B, day(d), "07:50", "16:00", "WFO") for d in late]
    punches(kerja, tmp_path, rows)
    got = recap(kerja)
    # A: 4 late days (not more than 5): no late cut; bobot disiplin 40: 400,000
    assert (got[A]["potongan_disiplin_persen"], got[A]["tpp_disiplin"]) == (0.0, 400_000)
    # B: 6 late days (more than 5): 6 x TL1 0.5% = 3%: 400,000 x 97% = 388,000
    assert (got[B]["potongan_disiplin_persen"], got[B]["tpp_disiplin"]) == (3.0, 388_000)


def test_default_present_day_never_costs_more_than_absent(kerja, tmp_path):
    month(kerja, None, tmp_path, pagu="1.000.000")
    rows = on_time(A, skip={1})
    rows += [(A, day(1), "09:31", "14:00", "WFO")]  # 121 late (TL4 2%) and 120 early (PSW4 2%)
    rows += on_time(B, skip={1})  # B: 1 Feb absent: TK 3%
    punches(kerja, tmp_path, rows)
    got = recap(kerja)
    # 2 + 2 = 4% would cost more than not coming (TK 3%): capped at the TK cut
    assert got[A]["potongan_disiplin_persen"] == 3.0 == got[B]["potongan_disiplin_persen"]
    detail = json.loads(kerja("rekap", "rincian", A, "--bulan", "2021-02", "--json").stdout)
    first = detail["hari"][0]
    assert first["potongan_persen"] == 3.0 and "dibatasi 3% per hari" in first["aturan"]


def test_ten_consecutive_tk_days_reach_dismissal_for_pns_only(kerja, tmp_path):
    month(kerja, None, tmp_path, pagu="1.000.000")
    absent = {1, 2, 3, 4, 5, 8, 9, 10, 11, 15}  # 1-15 Feb: 10 working days (12 Feb is Imlek)
    # B comes every day (tracking starts on the institution's first presence record)
    punches(kerja, tmp_path, on_time(A, skip=absent) + on_time(HONOR, skip=absent) + on_time(B))
    got = recap(kerja)
    # 10 TK days in the year would be "pernyataan tidak puas"; 10 in a row is dismissal
    assert (got[A]["tk"], got[A]["tk_berturut"]) == (10, 10)
    assert "pemberhentian" in got[A]["peringatan"]
    assert got[HONOR]["peringatan"] is None  # PP 94/2021 is for PNS/CPNS (disiplin.pp94_status)


def test_head_of_opd_validated_by_someone_outside_the_store(kerja, tmp_path):
    month(kerja, None, tmp_path)
    punches(kerja, tmp_path, on_time(KEPALA))
    catat(kerja, KEPALA, day(1), "08:00", "12:00")
    mine = json.loads(kerja("kinerja", "daftar", "--nip", KEPALA, "--json").stdout)[0]["id"]
    warned = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json")
    assert "tanpa validator" in warned.stderr and KEPALA in warned.stderr
    refused = kerja("kinerja", "validasi", str(mine), "--oleh", SEKDA, code=1)
    assert "tidak ditemukan" in refused.stderr
    kerja(
        "pegawai",
        "ubah",
        KEPALA,
        "--validator-luar",
        SEKDA,
        "--nama-validator",
        "Sekretaris Daerah",
        "--oleh",
        "petugas",
    )
    # the outside validator validates the head only
    catat(kerja, A, day(1), "08:00", "12:00")
    staff = json.loads(kerja("kinerja", "daftar", "--nip", A, "--json").stdout)[0]["id"]
    kerja("kinerja", "validasi", str(staff), "--oleh", SEKDA, code=1)
    kerja("kinerja", "validasi", str(mine), "--oleh", "petugas", "--atas-nama", SEKDA)
    after = json.loads(kerja("kinerja", "daftar", "--nip", KEPALA, "--json").stdout)[0]
    assert (after["status"], after["divalidasi_oleh"]) == ("disetujui", SEKDA)
    log = json.loads(kerja("audit", "--nip", KEPALA, "--json").stdout)
    approval = [e for e in log if e["aksi"] == "kinerja.setujui"][0]
    assert approval["oleh"] == "petugas" and approval["sesudah"]["atas_nama"] == SEKDA
    quiet = kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json")
    assert "tanpa validator" not in quiet.stderr


def test_outside_validator_in_one_argument_and_the_lock_accepts_the_head(kerja, tmp_path):
    month(kerja, None, tmp_path)
    punches(kerja, tmp_path, on_time(KEPALA))
    catat(kerja, KEPALA, day(1), "08:00", "12:00")
    mine = json.loads(kerja("kinerja", "daftar", "--nip", KEPALA, "--json").stdout)[0]["id"]
    refused = kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", "petugas", code=1).stderr
    assert "tanpa atasan yang bisa memvalidasi" in refused and KEPALA in refused
    assert "--validator-luar" in refused  # the remedy is named
    bad = kerja("pegawai", "ubah", KEPALA, "--validator-luar", "196505 05|Budi", code=1).stderr
    assert "--validator-luar" in bad and "196505 05" in bad
    assert kerja("audit", "--nip", KEPALA, "--json").stdout.count("pegawai.validator_luar") == 0
    said = kerja(
        "pegawai",
        "ubah",
        KEPALA,
        "--validator-luar",
        f"{SEKDA}|Drs. Budi Santoso, M.Si., Sekretaris Daerah",
        "--oleh",
        "petugas",
    ).stdout
    assert "Drs. Budi Santoso, M.Si., Sekretaris Daerah" in said
    log = json.loads(kerja("audit", "--nip", KEPALA, "--json").stdout)
    named = [e for e in log if e["aksi"] == "pegawai.validator_luar"][0]
    # the jabatan is what follows the last comma; the name keeps its degrees
    assert (named["sesudah"]["nip_luar"], named["sesudah"]["nama"], named["sesudah"]["jabatan"]) == (
        SEKDA,
        "Drs. Budi Santoso, M.Si.",
        "Sekretaris Daerah",
    )
    assert named["oleh"] == "petugas"
    kerja("kinerja", "validasi", str(mine), "--oleh", "petugas", "--atas-nama", SEKDA)
    # the head has a validator now: the lock no longer lists them (staff have no activities)
    locked = kerja("rekap", "kunci", "--bulan", "2021-02", "--oleh", "petugas", code=None)
    assert "tanpa atasan" not in locked.stderr and KEPALA not in locked.stderr


def test_sanction_cuts_25_percent_for_six_months(kerja, tmp_path):
    month(kerja, None, tmp_path, pagu="1.000.000")
    punches(kerja, tmp_path, on_time(A))
    kerja("hukdis", "tambah", A, "--jenis", "potong-tpp-6", "--mulai", "2021-02-10", "--keterangan", "SK 1")
    listed = json.loads(kerja("hukdis", "daftar", "--json").stdout)[0]
    assert listed["bulan_potong"] == ["2021-02", "2021-03", "2021-04", "2021-05", "2021-06", "2021-07"]
    r = recap(kerja)[A]
    # no activities: kinerja 0; disiplin 1,000,000 x 40% = 400,000, less 25%: 300,000
    assert (r["potongan_hukdis_persen"], r["tpp_kinerja"], r["tpp_disiplin"]) == (25.0, 0, 300_000)
    assert (
        "Hukuman disiplin: kedua bagian dikurangi 25%"
        in kerja("rekap", "rincian", A, "--bulan", "2021-02").stdout
    )
    err = kerja("hukdis", "tambah", A, "--jenis", "potong-gaji", "--mulai", "2021-02-01", code=1).stderr
    assert "potong-gaji" in err and "potong-tpp-6" in err


def test_sick_leave_cut_depends_on_its_length(kerja, tmp_path):
    rules = tmp_path / "kementan-sakit.toml"
    # Kementan: sick 1-2 days paid in full, 3-14 days 75% of the month, 15-30 days 50%
    rules.write_text(
        "[presensi]\npotongan_status = { CS = [[1, 2, 0.0], [3, 14, 25.0], [15, 30, 50.0]] }\n"
        "[tpp]\nbobot_kinerja = 0\nbobot_disiplin = 100\n",
        encoding="utf-8",
    )
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB", "--aturan", rules)
    people(kerja, tmp_path, "1.000.000")
    punches(kerja, tmp_path, on_time(A, skip={8, 9, 10}) + on_time(B, skip={8, 9}))
    status(kerja, A, "CS", day(8), day(10))  # 3 working days: 25% once
    status(kerja, B, "CS", day(8), day(9))  # 2 working days: nothing
    got = recap(kerja)
    assert (got[A]["potongan_disiplin_persen"], got[A]["tpp_total"]) == (25.0, 750_000)
    assert (got[B]["potongan_disiplin_persen"], got[B]["tpp_total"]) == (0.0, 1_000_000)


def test_volume_scheme_counts_volume_times_norm(kerja, tmp_path):
    rules = tmp_path / "volume.toml"
    rules.write_text('[kinerja]\nskema = "volume"\n', encoding="utf-8")
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB", "--aturan", rules)
    people(kerja, tmp_path, "1.000.000")
    punches(kerja, tmp_path, on_time(A))
    catalogue = tmp_path / "katalog.csv"
    catalogue.write_text(
        "Kode;Nama Kegiatan;Norma (menit);Satuan\nK01;Menyusun surat;60;surat\nK02;Rapat;90;kali\n",
        encoding="utf-8",
    )
    kerja("kinerja", "katalog", "impor", catalogue)
    kerja(
        "kinerja",
        "catat",
        A,
        "--tanggal",
        day(1),
        "--mulai",
        "08:00",
        "--selesai",
        "09:00",
        "--uraian",
        "Surat",
        "--volume",
        "3",
        "--kegiatan",
        "K01",
    )
    kerja(
        "kinerja",
        "catat",
        A,
        "--tanggal",
        day(2),
        "--mulai",
        "08:00",
        "--selesai",
        "08:30",
        "--uraian",
        "Rapat",
        "--kegiatan",
        "K02",
    )
    ids = [str(a["id"]) for a in json.loads(kerja("kinerja", "daftar", "--nip", A, "--json").stdout)]
    kerja("kinerja", "validasi", *ids, "--oleh", KEPALA)
    r = recap(kerja)[A]
    # 3 x 60 + 1 x 90 = 270 minutes (not the 60 + 30 on the clock); target 300 x 19 = 5,700
    assert (r["menit_kinerja"], r["target_menit"]) == (270, 5_700)
    # 1,000,000 x 60% x 270/5,700 = 28,421.05 -> 28,421
    assert r["tpp_kinerja"] == 28_421


@pytest.mark.parametrize("value, expected", [("Butuh Perbaikan", 90.0), ("92,5", 92.5)])
def test_achievement_scheme_from_an_skp_predicate_or_percent(kerja, tmp_path, value, expected):
    rules = tmp_path / "capaian.toml"
    rules.write_text('[kinerja]\nskema = "capaian"\n', encoding="utf-8")
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB", "--aturan", rules)
    people(kerja, tmp_path, "1.000.000")
    punches(kerja, tmp_path, on_time(A))
    column = "Predikat" if value[0].isalpha() else "Capaian (%)"
    sheet = tmp_path / "capaian.csv"
    sheet.write_text(f"NIP;{column}\n{A};{value}\n", encoding="utf-8")
    kerja("kinerja", "capaian", "impor", sheet, "--bulan", "2021-02")
    r = recap(kerja)[A]
    # 1,000,000 x 60% x expected%
    assert (r["capaian_kinerja_persen"], r["tpp_kinerja"]) == (expected, round(600_000 * expected / 100))


def test_bad_achievement_rows_are_all_named_and_nothing_stored(kerja, tmp_path):
    month(kerja, None, tmp_path)
    sheet = tmp_path / "capaian.csv"
    sheet.write_text(f"NIP;Predikat\n{A};Luar Biasa\n{B};\n123;Baik\n", encoding="utf-8")
    err = kerja("kinerja", "capaian", "impor", sheet, "--bulan", "2021-02", code=1).stderr
    assert "baris 2" in err and "Luar Biasa" in err and "baris 3" in err and "baris 4" in err


def test_rule_values_are_checked_by_key(kerja, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[tpp]\nbasis_potongan = "semua"\n', encoding="utf-8")
    assert "tpp.basis_potongan" in kerja("init", "--aturan", bad, code=1).stderr
    bad.write_text("[presensi]\npotongan_status = { XX = 1.0 }\n", encoding="utf-8")
    assert "presensi.potongan_status.XX" in kerja("init", "--aturan", bad, code=1).stderr


def test_every_key_is_documented_in_aturan_lihat(kerja, store):
    from kerja.domain.rules import DEFAULTS, KETERANGAN

    shown = kerja("aturan", "lihat").stdout
    for section, values in DEFAULTS.items():
        for key in values:
            assert f"{section}.{key}" in KETERANGAN, f"{section}.{key} has no explanation"
    assert "# batas potongan satu hari hadir" in shown


def test_six_day_week_saturday_hours_and_a_half_day(kerja, tmp_path):
    """Schools and puskesmas work six days (Perpres 21/2023 allows five or six), Saturday to
    12:30; 11 Feb 2021, the eve of Imlek, is a half day to 12:00 (libur.setengah_hari)."""
    rules = tmp_path / "enam-hari.toml"
    rules.write_text(
        '[jam_kerja]\nhari = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab"]\npulang_sabtu = "12:30"\n'
        '[[libur.setengah_hari]]\ntanggal = 2021-02-11\npulang = "12:00"\n'
        "[tpp]\nbobot_kinerja = 0\nbobot_disiplin = 100\n",
        encoding="utf-8",
    )
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB", "--aturan", rules)
    people(kerja, tmp_path, "1.000.000")
    saturdays = [6, 13, 20, 27]
    rows = on_time(A, skip={11}) + [(A, day(11), "07:30", "12:00", "WFO")]  # half day: on time
    rows += [(A, day(6), "07:30", "12:30", "WFO"), (A, day(13), "07:30", "12:00", "WFO")]
    rows += [(A, day(27), "07:30", "12:30", "WFO")]  # 20 Feb: absent
    rows += on_time(B, skip={11}) + [(B, day(11), "07:30", "11:00", "WFO")]  # 60 min before 12:00
    rows += [(B, day(d), "07:30", "12:30", "WFO") for d in saturdays]
    punches(kerja, tmp_path, rows)
    got = recap(kerja)
    # 19 weekdays (12 Feb Imlek off) + 4 Saturdays = 23 working days
    assert got[A]["hari_kerja"] == got[B]["hari_kerja"] == 23
    # A: 13 Feb out 12:00, 30 min before 12:30: PSW1 0.5%; 20 Feb TK 3%: 3.5%;
    # 1,000,000 x 96.5% = 965,000 (11 Feb out at 12:00 is on time on the half day)
    assert (got[A]["tk"], got[A]["psw"], got[A]["potongan_disiplin_persen"]) == (1, [1, 0, 0, 0], 3.5)
    assert got[A]["tpp_total"] == 965_000
    # B: 11 Feb out 11:00, 60 min before the half day's 12:00: PSW2 1%: 990,000
    assert (got[B]["psw"], got[B]["tpp_total"]) == ([0, 1, 0, 0], 990_000)


def test_saturday_and_half_day_keys_are_checked_by_name(kerja, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[jam_kerja]\npulang_sabtu = "07:00"\n', encoding="utf-8")
    assert "jam_kerja.pulang_sabtu" in kerja("init", "--aturan", bad, code=1).stderr
    bad.write_text('[[libur.setengah_hari]]\ntanggal = 2021-02-11\njam = "12:00"\n', encoding="utf-8")
    err = kerja("init", "--aturan", bad, code=1).stderr
    assert "libur.setengah_hari[0].jam" in err and "pulang" in err
    bad.write_text('[[libur.setengah_hari]]\ntanggal = "11-02"\npulang = "12:00"\n', encoding="utf-8")
    assert "libur.setengah_hari[0].tanggal" in kerja("init", "--aturan", bad, code=1).stderr


def test_aturan_lihat_shows_and_explains_every_key(kerja, store):
    """Every key the validator accepts is printed by `aturan lihat` with its Indonesian
    explanation, the empty lists of tables ([[jam_kerja.khusus]], [[libur.setengah_hari]]) too."""
    from kerja.domain.rules import DEFAULTS, KETERANGAN

    shown = kerja("aturan", "lihat").stdout
    for section, values in DEFAULTS.items():
        for key in values:
            doc = KETERANGAN[f"{section}.{key}"]
            assert f"# {doc[:40]}" in shown, f"{section}.{key}: no explanation shown"
            assert f"\n{key} = " in shown or f"[[{section}.{key}]]" in shown, f"{section}.{key} not shown"


def test_bawaan_preset_golden_month(kerja, tmp_path):
    month(kerja, "bawaan.toml", tmp_path, pagu="1.000.000")
    rows = on_time(A, skip={1, 2, 3})
    rows += [
        (A, day(1), "08:15", "16:00", "WFO"),  # 45 min late: TL2 1%
        (A, day(3), "07:30", "15:55", "WFO"),  # 5 min early: PSW1 0.5%
    ]  # 2 Feb: nothing: TK 3%
    punches(kerja, tmp_path, rows)
    r = recap(kerja)[A]
    # 1 + 0.5 + 3 = 4.5%; no activities: kinerja 0; disiplin 1,000,000 x 40% x 95.5% = 382,000
    assert (r["potongan_disiplin_persen"], r["tpp_kinerja"], r["tpp_disiplin"]) == (4.5, 0, 382_000)
    detail = kerja("rekap", "rincian", A, "--bulan", "2021-02").stdout
    assert "[presensi.tk: aturan bawaan kerja (Perpres 21/2023, PP 94/2021) TK 3% per hari]" in detail


def test_kpu_jatim_golden_month(kerja, tmp_path):
    """KPU Jatim: 07:30-16:00 every weekday, Friday too (not the defaults' 16:30), and WFH days
    need punches (real-time presence); every other key is a default (TL/PSW 0.5-2%, TK 3%,
    bobot 60/40, 300 minutes a day)."""
    month(kerja, "kpu-jatim.toml", tmp_path, pagu="1.000.000")
    # Fridays 5, 19, 26 Feb out at 16:00: on time here (the defaults would make each PSW1 0.5%)
    rows = [(A, day(d), "07:30", "16:00", "WFO") for d in FEB if d not in {1, 2, 3, 5}]
    rows += [
        (A, day(1), "07:50", "16:00", "WFO"),  # 20 min late: TL1 0.5%
        (A, day(2), "07:30", "16:00", "WFH"),  # WFH with punches: present (hadir_wfh)
        (A, day(5), "07:30", "15:40", "WFO"),  # Friday, 20 min before 16:00: PSW1 0.5%
    ]  # 3 Feb: no punch at all: TK 3%
    punches(kerja, tmp_path, rows)
    # 300 minutes (08:00-13:00) on each of the 18 present days = 5,400 minutes
    for d in FEB:
        if d != 3:
            catat(kerja, A, day(d), "08:00", "13:00")
    ids = [str(a["id"]) for a in json.loads(kerja("kinerja", "daftar", "--nip", A, "--json").stdout)]
    kerja("kinerja", "validasi", *ids, "--oleh", KEPALA)
    r = recap(kerja)[A]
    # 19 working days, 18 present (17 WFO + 1 WFH), 1 TK; cut 0.5 + 0.5 + 3 = 4%
    assert (r["hari_kerja"], r["hadir_wfo"], r["hadir_wfh"], r["tk"]) == (19, 17, 1, 1)
    assert (r["tl"], r["psw"], r["potongan_disiplin_persen"]) == ([1, 0, 0, 0], [1, 0, 0, 0], 4.0)
    # target 300 x 19 = 5,700 (TK is not off duty); capaian 5,400 / 5,700 = 94.74%
    assert (r["menit_kinerja"], r["target_menit"], r["capaian_kinerja_persen"]) == (5_400, 5_700, 94.74)
    # kinerja 1,000,000 x 60% x 5,400/5,700 = 568,421.05 -> 568,421;
    # disiplin 1,000,000 x 40% x 96% = 384,000; total 952,421
    assert (r["tpp_kinerja"], r["tpp_disiplin"], r["tpp_total"]) == (568_421, 384_000, 952_421)


def test_a_half_day_counts_half_of_the_activity_target(kerja, tmp_path):
    """11 Feb 2021 is a half day to 12:00 (libur.setengah_hari); A takes izin setengah hari (IH)
    on 3 Feb. Each is half a day of the 300-minute target, not a whole one."""
    rules = tmp_path / "setengah.toml"
    rules.write_text('[[libur.setengah_hari]]\ntanggal = 2021-02-11\npulang = "12:00"\n', encoding="utf-8")
    kerja("init", "--instansi", "Dinas Uji", "--zona", "WIB", "--aturan", rules)
    people(kerja, tmp_path, "1.000.000")
    rows = on_time(A, skip={3, 11}) + [(A, day(11), "07:30", "12:00", "WFO")]
    rows += on_time(B, skip={11}) + [(B, day(11), "07:30", "12:00", "WFO")]
    punches(kerja, tmp_path, rows)
    said = kerja(
        "presensi", "status", A, "--kode", "IH", "--mulai", day(3), "--sampai", day(3),
        "--keterangan", "Surat izin", "--oleh", "petugas",
    ).stdout  # fmt: skip
    assert "izin setengah hari" in said
    for d in FEB:  # 300 minutes a day: A on 17 full days, B on 18 (neither on 11 Feb)
        if d != 11:
            catat(kerja, B, day(d), "08:00", "13:00")
            if d != 3:
                catat(kerja, A, day(d), "08:00", "13:00")
    for nip in (A, B):
        ids = [str(a["id"]) for a in json.loads(kerja("kinerja", "daftar", "--nip", nip, "--json").stdout)]
        kerja("kinerja", "validasi", *ids, "--oleh", KEPALA)
    got = recap(kerja)
    # A: 19 working days, 18 present + 1 IH (in the izin column, yet on duty half the day);
    # target 300 x 19 - 150 x 2 (3 Feb IH, 11 Feb half day) = 5,400 (was 5,700);
    # 5,100 minutes: capaian 5,100 / 5,400 = 94.44%; 1,000,000 x 60% x 5,100/5,400 = 566,666.67
    # -> 566,667 (a whole-day target would pay 600,000 x 5,100/5,700 = 536,842); disiplin
    # 400,000 (IH costs nothing by default, 11 Feb out at 12:00 is on time)
    a = got[A]
    assert (a["hari_kerja"], a["izin"], a["hadir_wfo"], a["potongan_disiplin_persen"]) == (19, 1, 18, 0.0)
    assert (a["menit_kinerja"], a["target_menit"], a["capaian_kinerja_persen"]) == (5_100, 5_400, 94.44)
    assert (a["tpp_kinerja"], a["tpp_disiplin"], a["tpp_total"]) == (566_667, 400_000, 966_667)
    # B: target 300 x 19 - 150 x 1 = 5,550; 5,400 minutes: 97.30%; 600,000 x 5,400/5,550
    # = 583,783.78 -> 583,784
    b = got[B]
    assert (b["target_menit"], b["capaian_kinerja_persen"], b["tpp_kinerja"]) == (5_550, 97.3, 583_784)
    detail = kerja("rekap", "rincian", A, "--bulan", "2021-02").stdout
    assert "Target menit = 300 x 19 - 300 / 2 x 2 (setengah hari" in detail and "= 5400" in detail
