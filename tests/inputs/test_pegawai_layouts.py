"""Employee exports as offices have them (SIASN Unduh Data, SAPK daftar_pns_aktif, a Dinas's own
staff list) load as they are: the stored people, units, leaders; and a narrower re-import keeps
what the file does not say (issue 15)."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent / "samples"
EXAMPLES = Path(__file__).parents[2] / "examples"


def people(db: Path) -> dict[str, dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {
            r["nip"]: dict(r)
            for r in conn.execute(
                "SELECT p.*, u.jalur AS unit FROM pegawai p JOIN unit u ON u.id = p.unit_id ORDER BY p.nip"
            )
        }
    finally:
        conn.close()


def units(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT jalur FROM unit ORDER BY jalur")]
    finally:
        conn.close()


def sample(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(SAMPLES / name, tmp_path / name))


def test_siasn_unduh_data_loads_with_leaders_and_opd_tree(store, kerja, tmp_path):
    f = sample(tmp_path, "siasn_unduh_data.csv")
    coba = kerja("pegawai", "impor", str(f), "--coba")
    # Units are listed before anything is created; nothing is stored by --coba.
    assert "5 unit baru akan dibuat" in coba.stdout and "Dinas Kesehatan > Sekretariat" in coba.stdout
    assert units(store) == []
    r = kerja("pegawai", "impor", str(f))
    # Kepala Dinas, Sekretaris, Kepala Subbagian, Kepala Bidang, Kepala Seksi: 5 from the post name.
    assert "5 pejabat dan 0 fungsional dikenali dari nama jabatan" in r.stdout
    p = people(store)
    assert len(p) == 8
    kinds = {n: (r["jenis_jabatan"], r["unit"]) for n, r in p.items()}
    assert kinds["197011252000052004"] == ("JPT", "Dinas Kesehatan")  # UNOR = the OPD itself
    assert kinds["197105271994062005"] == ("ADMINISTRATOR", "Dinas Kesehatan > Sekretariat")
    assert kinds["197110131993121002"] == ("PENGAWAS", "Dinas Kesehatan > Subbagian Umum dan Kepegawaian")
    assert kinds["198003152005011003"][0] == "ADMINISTRATOR"
    assert kinds["198506202010012011"] == ("PENGAWAS", "Dinas Kesehatan > Seksi Surveilans dan Imunisasi")
    assert kinds["199001012015032002"][0] == "FUNGSIONAL"  # JENIS JABATAN NAMA says so
    assert kinds["199207172019031004"][0] == "PELAKSANA"
    # One OPD (satuan kerja), not one per leaf UNOR.
    assert [u for u in units(store) if " > " not in u] == ["Dinas Kesehatan"]
    # STATUS CPNS PNS 'C' = CPNS; KEDUDUKAN HUKUM 'Pensiun' = inactive; GOL AKHIR NAMA kept.
    assert p["199207172019031004"]["status"] == "CPNS"
    assert p["196205101985031007"]["aktif"] == 0 and p["197011252000052004"]["aktif"] == 1
    assert p["197011252000052004"]["golongan"] == "IV/c"
    assert (p["197011252000052004"]["gelar_depan"], p["197011252000052004"]["gelar_belakang"]) == (
        "Dr.",
        "S.Kom., M.Si.",
    )
    again = kerja("pegawai", "impor", str(f))
    assert "0 ditambah, 0 diubah, 8 tetap" in again.stdout


def test_sapk_view_loads_with_numeric_golongan(store, kerja, tmp_path):
    f = sample(tmp_path, "sapk_daftar_pns_aktif.csv")
    kerja("pegawai", "impor", str(f))
    p = people(store)
    # BKN GOL_ID: 43 = IV/c, 41 = IV/a, 21 = II/a.
    assert [p[n]["golongan"] for n in sorted(p)] == ["IV/c", "IV/a", "II/a"]
    assert p["197011252000052004"]["jenis_jabatan"] == "JPT"
    assert p["198003152005011003"]["jenis_jabatan"] == "ADMINISTRATOR"
    assert p["199207172019031004"]["jenis_jabatan"] == "PELAKSANA"
    assert p["199207172019031004"]["status"] == "CPNS"
    # The tree from UNOR_ID / UNOR_INDUK_ID: U10 (the Kepala Dinas's, topmost) is the satuan
    # kerja; U11 hangs under it and is named after its head's post.
    assert {n: r["unit"] for n, r in p.items()} == {
        "197011252000052004": "Dinas Pendidikan",
        "198003152005011003": "Dinas Pendidikan > Bidang Pembinaan SMA",
        "199207172019031004": "Dinas Pendidikan > Bidang Pembinaan SMA",
    }


def test_clerk_staff_list_with_titles_in_names(store, kerja, tmp_path):
    f = sample(tmp_path, "daftar_staf_dinas.csv")
    r = kerja("pegawai", "impor", str(f))
    assert "4 pejabat dan 1 fungsional dikenali dari nama jabatan" in r.stdout
    p = people(store)
    head = p["196805231998032005"]
    assert (head["gelar_depan"], head["nama"], head["gelar_belakang"]) == ("drh.", "Siti Rahmawati", "MP")
    assert (head["jenis_jabatan"], head["golongan"]) == ("JPT", "IV/c")
    sek = p["197001011995031002"]
    assert (sek["gelar_depan"], sek["nama"], sek["gelar_belakang"], sek["jenis_jabatan"]) == (
        "Ir. H.",
        "Budi Hartono",
        "M.Si",
        "ADMINISTRATOR",
    )
    assert p["197508172000031002"]["jenis_jabatan"] == "ADMINISTRATOR"
    assert p["198203152006042003"]["jenis_jabatan"] == "PENGAWAS"
    assert p["199009092014022004"]["jenis_jabatan"] == "FUNGSIONAL"
    assert p["198801012010011001"]["jenis_jabatan"] == "PELAKSANA"


def test_explicit_jenis_jabatan_overrides_the_post_name(store, kerja, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(
        "NIP;Nama;Jabatan;Jenis Jabatan;Unit Kerja\n"
        "197508172000031002;Rahmat;Kepala Seksi Data;PELAKSANA;Dinas X\n"
        "198203152006042003;Dewi;Kepala Seksi Data;;Dinas X\n"
    )
    kerja("pegawai", "impor", str(f))
    p = people(store)
    assert p["197508172000031002"]["jenis_jabatan"] == "PELAKSANA"
    assert p["198203152006042003"]["jenis_jabatan"] == "PENGAWAS"


def test_missing_unit_column_names_the_layouts(store, kerja, tmp_path):
    f = tmp_path / "sapk.csv"
    f.write_text("NIP_BARU,NAMA,GOL_ID\n197508172000031002,RAHMAT,31\n")
    r = kerja("pegawai", "impor", str(f), code=1)
    assert "Unit" in r.stderr and "SATUAN KERJA" in r.stderr and "UNOR" in r.stderr


def _siasn_of(stored: list[dict], path: Path) -> Path:
    """The same people written with only SIASN's columns (no TPP, PIN, supervisor or eselon)."""
    jenis = {
        "JPT": "Jabatan Struktural",
        "ADMINISTRATOR": "Jabatan Struktural",
        "PENGAWAS": "Jabatan Struktural",
    }
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["NIP BARU", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "STATUS CPNS PNS", "GOL AKHIR NAMA"]
            + ["JENIS JABATAN NAMA", "JABATAN NAMA", "UNOR NAMA", "SATUAN KERJA KERJA NAMA"]
        )
        for r in stored:
            parts = r["unit"].split(" > ")
            w.writerow(
                [r["nip"], r["nama"], r["gelar_depan"] or "", r["gelar_belakang"] or "", r["status"]]
                + [
                    r["golongan"] or "",
                    jenis.get(r["jenis_jabatan"], "Jabatan " + r["jenis_jabatan"].title()),
                ]
                + [r["jabatan"] or "", parts[-1], parts[0]]
            )
    return path


@pytest.mark.hostile  # issue 15: a narrow re-import set TPP, PIN, supervisor, eselon to NULL
def test_narrow_siasn_reimport_keeps_every_other_field(store, kerja, tmp_path):
    kerja("pegawai", "impor", str(EXAMPLES / "pegawai-contoh.csv"))
    before = people(store)
    stored = json.loads(kerja("pegawai", "daftar", "--json").stdout)
    assert len(stored) == len(before) and sum(1 for r in stored if r["tpp"]) > 100
    f = _siasn_of(stored, tmp_path / "siasn.csv")
    r = kerja("pegawai", "impor", str(f))
    after = people(store)
    assert after == before, [n for n in before if before[n] != after[n]][:3]
    assert f"0 diubah, {len(before)} tetap" in r.stdout
    # The February pagu is still all there (sum of the stored TPP, unchanged).
    assert sum(p["tpp"] or 0 for p in after.values()) == sum(p["tpp"] or 0 for p in before.values()) > 0


@pytest.mark.hostile
def test_empty_cells_keep_values_unless_kosongkan(store, kerja, tmp_path):
    f = tmp_path / "p.csv"
    rows = "".join(f"1975081720000310{i:02d};Orang {i};Dinas X;1.000.000;{i}\n" for i in range(2, 10))
    f.write_text("NIP;Nama;Unit Kerja;TPP;PIN\n" + rows)
    kerja("pegawai", "impor", str(f))
    empty = "".join(f"1975081720000310{i:02d};Orang {i};Dinas X;;\n" for i in range(2, 10))
    f.write_text("NIP;Nama;Unit Kerja;TPP;PIN\n" + empty)
    r = kerja("pegawai", "impor", str(f))
    assert "0 diubah, 8 tetap" in r.stdout
    assert {p["tpp"] for p in people(store).values()} == {1_000_000}
    # Blanking TPP for 8 people (more than a handful) is said in --coba, and nothing is written.
    coba = kerja("pegawai", "impor", str(f), "--kosongkan", "tpp", "--coba")
    assert "8 pegawai akan kehilangan isi kolom tpp" in coba.stderr
    assert {p["tpp"] for p in people(store).values()} == {1_000_000}
    r = kerja("pegawai", "impor", str(f), "--kosongkan", "tpp", "--json")
    s = json.loads(r.stdout)
    assert (s["diubah"], s["perubahan_kolom"], s["dikosongkan"]) == (8, {"tpp": 8}, {"tpp": 8})
    assert {p["tpp"] for p in people(store).values()} == {None}
    assert {p["pin_mesin"] for p in people(store).values()} == {str(i) for i in range(2, 10)}
    bad = kerja("pegawai", "impor", str(f), "--kosongkan", "nama", code=1)
    assert "--kosongkan 'nama'" in bad.stderr


def test_leaf_name_matches_the_stored_unit(store, kerja, tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("NIP;Nama;Unit Kerja\n197508172000031002;Rahmat;Dinas X > Bidang Y > Seksi Z\n")
    kerja("pegawai", "impor", str(f))
    g = tmp_path / "b.csv"
    g.write_text("NIP;Nama;OPD;Sub Unit\n198203152006042003;Dewi;Dinas X;Seksi Z\n")
    r = kerja("pegawai", "impor", str(g))
    assert "unit baru" not in r.stdout
    assert people(store)["198203152006042003"]["unit"] == "Dinas X > Bidang Y > Seksi Z"
    assert units(store) == ["Dinas X", "Dinas X > Bidang Y", "Dinas X > Bidang Y > Seksi Z"]


def test_opd_left_without_leaders_is_said_when_pejabat_wfo(store, kerja, tmp_path):
    kerja("kebijakan", "tambah", EXAMPLES / "kebijakan" / "kukar-2021.toml")  # pejabat_wfo = true
    f = tmp_path / "p.csv"
    # Dinas A has a Kepala Seksi (a leader); in Dinas B everyone is a pelaksana.
    f.write_text(
        "NIP;Nama;Jabatan;Unit Kerja\n"
        "197508172000031002;Rahmat;Kepala Seksi Data;Dinas A > Seksi Data\n"
        "198203152006042003;Dewi;Pengadministrasi Umum;Dinas B\n"
    )
    r = kerja("pegawai", "impor", str(f))
    assert "1 OPD tanpa pejabat sesudah impor ini: Dinas B" in r.stderr and "pejabat_wfo" in r.stderr
