"""`kerja pegawai impor` with the files clerks really have, good and bad."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import xlsxwriter

from helpers import db_bytes, write
from pegawai_data import HEAD, KABID, KADIS, STAF


def listing(kerja) -> list[dict]:
    return json.loads(kerja("pegawai", "daftar", "--nonaktif", "--json").stdout)


def test_clerk_sheet_semicolon_bom_cp1252(kerja, store, tmp_path):
    # Excel in an Indonesian locale: ';', and a cp1252 'é' in a name; a BOM-less legacy file.
    text = HEAD + KADIS + KABID.replace("Siti Aminah", "Siti Améliah") + STAF
    f = write(tmp_path / "pegawai.csv", text, encoding="cp1252")
    r = kerja("pegawai", "impor", f)
    assert "3 ditambah" in r.stdout
    rows = {p["nip"]: p for p in listing(kerja)}
    assert rows["198001012005012003"]["nama"] == "Siti Améliah"
    assert rows["197508172000031002"]["tpp"] == 9_500_000
    assert rows["197508172000031002"]["jenis_jabatan"] == "JPT"
    assert rows["198001012005012003"]["eselon"] == "III.b"
    assert rows["198503152010011004"]["unit"] == "Dinas Kominfo > Bidang Aplikasi > Seksi Data"
    assert rows["198503152010011004"]["tanggal_lahir"] == "1985-03-15"
    assert rows["198503152010011004"]["jenis_kelamin"] == "L"


def test_utf8_bom_and_tab_separator(kerja, store, tmp_path):
    text = (HEAD + KADIS).replace(";", "\t")
    f = write(tmp_path / "pegawai.csv", "\ufeff" + text)
    kerja("pegawai", "impor", f)
    assert [p["nip"] for p in listing(kerja)] == ["197508172000031002"]


def test_siasn_export_loads_and_lists_ignored_columns_once(kerja, store, tmp_path):
    text = (
        "PNS_ID,NIP_BARU,NIP_LAMA,NAMA,GELAR_DEPAN,GELAR_BELAKANG,TGL_LAHIR,JENIS_KELAMIN,"
        "STATUS_CPNS_PNS,GOL_AKHIR_NAMA,JABATAN_NAMA,JENIS_JABATAN_NAMA,UNOR_NAMA\n"
        "A1,197508172000031002,010203,BUDI SANTOSO,Dr.,M.Si,17-08-1975,M,P,IV/c,KEPALA DINAS,"
        "Jabatan Struktural,Dinas Kominfo\n"
        "A2,198503152010011004,010204,ANDI WIJAYA,,S.Kom,15 Maret 1985,M,C,III/a,PRANATA KOMPUTER,"
        "Jabatan Fungsional Tertentu,Dinas Kominfo > Bidang Aplikasi\n"
    )
    r = kerja("pegawai", "impor", write(tmp_path / "siasn.csv", text))
    assert "2 ditambah" in r.stdout
    assert r.stderr.count("PNS_ID") == 1 and "NIP_LAMA" in r.stderr
    rows = {p["nip"]: p for p in listing(kerja)}
    assert rows["197508172000031002"]["gelar_depan"] == "Dr."
    assert rows["198503152010011004"]["status"] == "CPNS"
    assert rows["198503152010011004"]["jenis_jabatan"] == "FUNGSIONAL"
    assert rows["198503152010011004"]["golongan"] == "III/a"


def test_separate_unit_columns_are_joined(kerja, store, tmp_path):
    text = "NIP,Nama,OPD,Unit Kerja,Sub Unit Kerja\n198503152010011004,Andi,Dinas A,Bidang B,Seksi C\n"
    kerja("pegawai", "impor", write(tmp_path / "p.csv", text))
    assert listing(kerja)[0]["unit"] == "Dinas A > Bidang B > Seksi C"


def test_reimport_changes_nothing_and_says_so(kerja, store, tmp_path):
    f = write(tmp_path / "p.csv", HEAD + KADIS + KABID + STAF)
    kerja("pegawai", "impor", f)
    before = db_bytes(store)
    r = kerja("pegawai", "impor", f)
    assert "tidak ada perubahan" in r.stdout and "3 tetap" in r.stdout
    assert db_bytes(store) == before


def test_upsert_counts_and_audit(kerja, store, tmp_path):
    kerja("pegawai", "impor", write(tmp_path / "a.csv", HEAD + KADIS + KABID))
    changed = KABID.replace("6.000.000", "6.500.000")
    r = kerja("pegawai", "impor", write(tmp_path / "b.csv", HEAD + KADIS + changed + STAF))
    assert "1 ditambah, 1 diubah, 1 tetap" in r.stdout
    log = json.loads(kerja("audit", "--nip", "198001012005012003", "--json").stdout)
    assert log[-1]["aksi"] == "pegawai.ubah"
    assert log[-1]["sebelum"] == {"tpp": 6_000_000} and log[-1]["sesudah"] == {"tpp": 6_500_000}


def test_import_audits_the_file_once_and_each_person_keeps_their_history(kerja, store, tmp_path):
    # docs/audit.md: one row for the file (name, SHA-256, the NIPs it added), not one per person.
    f = write(tmp_path / "p.csv", HEAD + KADIS + KABID + STAF)
    kerja("pegawai", "impor", f)
    log = json.loads(kerja("audit", "--json").stdout)
    assert [e["aksi"] for e in log] == ["init", "pegawai.impor"]
    assert log[1]["sesudah"] == {
        "berkas": "p.csv",
        "sha256": hashlib.sha256(Path(f).read_bytes()).hexdigest(),
        "ditambah": ["197508172000031002", "198001012005012003", "198503152010011004"],
        "diubah": 0,
        "dinonaktifkan": 0,
    }
    # Later: Andi's pagu changes by hand, then a second file changes Siti's (a row per change).
    kerja("pegawai", "ubah", "198503152010011004", "--tpp", "4000000", "--alasan", "SK baru")
    kerja("pegawai", "impor", write(tmp_path / "q.csv", HEAD + KABID.replace("6.000.000", "6.500.000")))
    andi = json.loads(kerja("audit", "--nip", "198503152010011004", "--json").stdout)
    assert [e["aksi"] for e in andi] == ["pegawai.tambah", "pegawai.ubah"]
    # As added: the file's 3500000, not today's 4000000 (the change's old value undone).
    assert andi[0]["sesudah"]["tpp"] == 3_500_000 and andi[0]["alasan"] == "impor p.csv"
    assert andi[0]["sesudah"]["unit"] == "Dinas Kominfo > Bidang Aplikasi > Seksi Data"
    assert andi[1]["sebelum"] == {"tpp": 3_500_000}
    siti = json.loads(kerja("audit", "--nip", "198001012005012003", "--json").stdout)
    assert [(e["aksi"], e["alasan"]) for e in siti] == [
        ("pegawai.tambah", "impor p.csv"),
        ("pegawai.ubah", "impor q.csv"),
    ]
    assert siti[0]["sesudah"]["tpp"] == 6_000_000 and siti[1]["sesudah"] == {"tpp": 6_500_000}
    # The second file added nobody: its row lists no one, and the first names only its three.
    imports = [e for e in json.loads(kerja("audit", "--json").stdout) if e["aksi"] == "pegawai.impor"]
    assert [(e["sesudah"]["ditambah"], e["sesudah"]["diubah"]) for e in imports] == [
        (["197508172000031002", "198001012005012003", "198503152010011004"], 0),
        ([], 1),
    ]
    # A NIP that is only a part of one listed is not taken for it.
    assert json.loads(kerja("audit", "--nip", "19850315201001100", "--json").stdout) == []


def test_coba_writes_nothing(kerja, store, tmp_path):
    before = db_bytes(store)
    r = kerja("pegawai", "impor", write(tmp_path / "p.csv", HEAD + KADIS), "--coba")
    assert "1 ditambah" in r.stdout and "--coba" in r.stdout
    assert db_bytes(store) == before


def test_ganti_inactivates_never_deletes(kerja, store, tmp_path):
    kerja("pegawai", "impor", write(tmp_path / "a.csv", HEAD + KADIS + KABID + STAF))
    r = kerja("pegawai", "impor", write(tmp_path / "b.csv", HEAD + KADIS + KABID), "--ganti")
    assert "1 dinonaktifkan" in r.stdout
    rows = {p["nip"]: p["aktif"] for p in listing(kerja)}
    assert rows == {"197508172000031002": True, "198001012005012003": True, "198503152010011004": False}
    active = json.loads(kerja("pegawai", "daftar", "--json").stdout)
    assert len(active) == 2


def test_lewati_galat_imports_good_rows_and_writes_bad_ones(kerja, store, tmp_path):
    bad = "197502302000031002;Salah Tanggal;Staf;;Dinas Kominfo;;;9\n"
    orphan = "198607072011012005;Rina;Staf;;Dinas Kominfo;197502302000031002;;8\n"
    f = write(tmp_path / "p.csv", HEAD + KADIS + bad + orphan + STAF.replace("198001012005012003", ""))
    out = tmp_path / "galat.csv"
    r = kerja("pegawai", "impor", f, "--lewati-galat", out)
    assert "2 ditambah" in r.stdout
    text = out.read_text(encoding="utf-8-sig")
    assert "baris;NIP;" in text and "alasan" in text.splitlines()[0]
    assert "bukan tanggal lahir" in text
    assert "atasan tidak ada" in text  # the orphan of the bad row is written out too
    assert len(text.strip().splitlines()) == 3


BAD = {
    "duplicate": (HEAD + KADIS + KADIS, "baris 3, kolom NIP", "NIP ganda, sudah ada di baris 2"),
    "unknown supervisor": (HEAD + KADIS + STAF, "baris 3, kolom NIP Atasan", "atasan tidak ada"),
    "cycle": (
        HEAD + KADIS.replace(";;Rp", ";198001012005012003;Rp") + KABID,
        "kolom NIP Atasan",
        "siklus",
    ),
    "headers only": (HEAD, "baris 1", "tidak ada baris data"),
    "missing column": ("NIP;Jabatan;Unit\n197508172000031002;Kepala;Dinas\n", "Nama", "Kolom wajib"),
    "excel number": (
        HEAD + KADIS.replace("19750817 200003 1 002", "1.97508E+17"),
        "baris 2, kolom NIP",
        "format kolom NIP sebagai Teks",
    ),
    "bad eselon": (HEAD + KADIS.replace("II.b", "VI"), "baris 2, kolom Eselon", "eselon tidak dikenal"),
    "bad rupiah": (HEAD + KADIS.replace("Rp 9.500.000,00", "sembilan juta"), "kolom TPP", "Rupiah"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_spreadsheets_reject_whole_file(kerja, store, tmp_path, case):
    kerja(
        "pegawai",
        "impor",
        write(
            tmp_path / "ok.csv",
            HEAD + KADIS.replace(";1\n", ";77\n").replace("19750817 200003 1 002", "196001011985031001"),
        ),
    )
    before = db_bytes(store)
    text, where, why = BAD[case]
    r = kerja("pegawai", "impor", write(tmp_path / "bad.csv", text), code=1)
    assert where in r.stderr and why in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert db_bytes(store) == before


def test_every_bad_row_is_listed(kerja, store, tmp_path):
    text = HEAD + KADIS.replace("II.b", "X") + KABID.replace("Siti Aminah", "") + STAF
    r = kerja("pegawai", "impor", write(tmp_path / "p.csv", text), code=1)
    assert "baris 2, kolom Eselon" in r.stderr and "baris 3, kolom Nama" in r.stderr


def test_empty_file(kerja, store, tmp_path):
    r = kerja("pegawai", "impor", write(tmp_path / "kosong.csv", ""), code=1)
    assert "kosong" in r.stderr


def test_garbage_xlsx(kerja, store, tmp_path):
    f = tmp_path / "rusak.xlsx"
    f.write_bytes(b"PK\x03\x04 bukan excel sungguhan")
    before = db_bytes(store)
    r = kerja("pegawai", "impor", f, code=1)
    assert "berkas rusak.xlsx bukan xlsx yang sah: arsip Excel-nya rusak atau terpotong" in r.stderr
    assert "EOCD" not in r.stderr and "Zip" not in r.stderr
    assert db_bytes(store) == before


def _xlsx(path, rows, *, title=False):
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data Pegawai")
    offset = 0
    if title:
        ws.write_string(0, 0, "DAFTAR PEGAWAI DINAS KOMINFO")
        offset = 2
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, int | float):
                ws.write_number(r + offset, c, v)
            else:
                ws.write_string(r + offset, c, v)
    wb.close()
    return path


def test_xlsx_with_title_block_loads(kerja, store, tmp_path):
    f = _xlsx(
        tmp_path / "p.xlsx",
        [["NIP", "Nama", "Unit Kerja", "TPP"], ["197508172000031002", "Budi", "Dinas Kominfo", 9500000]],
        title=True,
    )
    kerja("pegawai", "impor", f, "--sheet", "Data Pegawai")
    assert listing(kerja)[0]["tpp"] == 9_500_000


def test_numeric_nip_cell_in_xlsx_is_rejected(kerja, store, tmp_path):
    f = _xlsx(tmp_path / "p.xlsx", [["NIP", "Nama", "Unit Kerja"], [197508172000031002, "Budi", "Dinas"]])
    before = db_bytes(store)
    r = kerja("pegawai", "impor", f, code=1)
    assert "baris 2, kolom NIP" in r.stderr and "format kolom NIP sebagai Teks" in r.stderr
    assert db_bytes(store) == before


def test_unknown_sheet(kerja, store, tmp_path):
    f = _xlsx(tmp_path / "p.xlsx", [["NIP", "Nama", "Unit"]])
    r = kerja("pegawai", "impor", f, "--sheet", "Lain", code=1)
    assert "Data Pegawai" in r.stderr


def test_missing_file(kerja, store):
    r = kerja("pegawai", "impor", "tidak-ada.csv", code=1)
    assert "tidak ditemukan" in r.stderr
