"""Issue 13 leftovers: a check-in on a holiday warns like one on a weekend (from the local
holidays and from a gap in the stored roster, without the national calendar on the punch path),
and the recap PDF writes percentages and minutes in Indonesian style."""

from __future__ import annotations

from kinerja_data import STAF, load_staff

HEAD = "197011252000052004"  # the demo's Kepala Dinas


def test_check_in_on_a_local_holiday_warns_and_is_not_late(kerja, store, tmp_path):
    load_staff(kerja, tmp_path)
    kerja("libur", "tambah", "2021-02-10", "--nama", "Hari Jadi Kabupaten")
    r = kerja("presensi", "masuk", STAF, "--waktu", "2021-02-10 07:45", "--oleh", "petugas")
    assert "2021-02-10 hari libur (Hari Jadi Kabupaten), bukan hari kerja" in r.stderr
    assert "Terlambat" not in r.stdout
    # an ordinary Wednesday a week later: 07:45 against 07:30 is 15 minutes late, no warning
    r = kerja("presensi", "masuk", STAF, "--waktu", "2021-02-17 07:45", "--oleh", "petugas")
    assert "Terlambat 15 menit" in r.stdout and "libur" not in r.stderr


def test_check_in_on_a_national_holiday_inside_the_roster(kerja, demo_db, tmp_path):
    db = tmp_path / "salin.db"
    db.write_bytes(demo_db.read_bytes())
    # 12 February 2021 (Imlek), a Friday, has no roster cell in the demo's February roster
    r = kerja("--db", db, "presensi", "masuk", HEAD, "--waktu", "2021-02-12 07:50", "--oleh", "petugas")
    assert "2021-02-12 hari libur" in r.stderr and "Terlambat" not in r.stdout


def test_recap_pdf_numbers_in_indonesian_style(kerja, demo_db, tmp_path):
    import json
    import re

    from pypdf import PdfReader

    out = tmp_path / "rekap.pdf"
    kerja("--db", demo_db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "pdf", "--keluar", out)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    doc = json.loads(
        kerja("--db", demo_db, "rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout
    )
    first = doc["pegawai"][0]
    # e.g. 5100 target minutes -> "5.100"; a capaian of 94.12 -> "94,12"
    assert f"{first['target_menit']:,}".replace(",", ".") in text
    assert re.search(r"\b\d{1,3},\d\d\b", text) and not re.search(r"\b\d{1,3}\.\d\d\b(?!\d)", text)
