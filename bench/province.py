"""A large fictional province for benchmarks (SPEC §10): 60,000 employees in 50 OPDs and 1,500
leaf units, as CSV and XLSX, deterministic for a seed. Every NIP is a valid, unique PNS NIP,
NI PPPK or NIK; supervisors form a tree (staff -> kepala seksi -> kepala bidang -> kepala dinas).

    python bench/province.py OUT_DIR [--pegawai 60000] [--opd 50] [--unit 1500]
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

HEADERS = [
    "NIP",
    "Nama",
    "Status",
    "Jabatan",
    "Eselon",
    "Golongan",
    "Unit Kerja",
    "NIP Atasan",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "TPP",
    "PIN",
]
FIRST = [
    "Agus",
    "Budi",
    "Citra",
    "Dewi",
    "Eko",
    "Fitri",
    "Gita",
    "Hadi",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nur",
    "Oka",
    "Putri",
    "Rahmat",
    "Sari",
    "Taufik",
    "Wayan",
    "Yusuf",
]
LAST = [
    "Pratama",
    "Saputra",
    "Wijaya",
    "Hidayat",
    "Lubis",
    "Siregar",
    "Nugroho",
    "Kusuma",
    "Rahayu",
    "Setiawan",
    "Halim",
    "Tanjung",
    "Permana",
    "Wibowo",
]


def employees(n: int = 60_000, opd: int = 50, units: int = 1_500, seed: int = 1) -> list[dict]:
    """Rows with HEADERS keys. Leaf units are seksi: units // opd per OPD, in bidang of 6."""
    rng = random.Random(seed)
    per_opd_leaves = max(1, units // opd)
    bidang_n = max(1, per_opd_leaves // 6)
    rows: list[dict] = []
    used: set[str] = set()
    seq: dict[str, int] = {}

    def nip(kind: str) -> tuple[str, date, str]:
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 12_500))
        sex = rng.choice("12")
        if kind == "NON-ASN":
            while True:
                nik = f"{rng.randrange(11, 95)}{rng.randrange(10**13, 10**14)}"
                if nik not in used:
                    used.add(nik)
                    return nik, born, "L" if sex == "1" else "P"
        if kind == "PPPK":
            head = f"{born:%Y%m%d}{born.year + rng.randrange(22, 35)}{rng.randrange(1, 4):02d}{sex}"
        else:
            tmt = born.year + rng.randrange(20, 30)
            head = f"{born:%Y%m%d}{tmt}{rng.randrange(1, 13):02d}{sex}"
        seq[head] = seq.get(head, 0) + 1
        value = f"{head}{seq[head]:03d}"
        used.add(value)
        return value, born, "L" if sex == "1" else "P"

    def add(unit: str, jabatan: str, eselon: str, atasan: str, tpp: int, kind: str = "PNS") -> str:
        value, born, sex = nip(kind)
        gol = {"II.a": "IV/c", "III.a": "IV/a", "IV.a": "III/c"}.get(
            eselon,
            rng.choice(["II/a", "II/c", "III/a", "III/b", "III/c"] if kind != "PPPK" else ["VII", "IX", "X"]),
        )
        rows.append(
            {
                "NIP": value,
                "Nama": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "Status": kind,
                "Jabatan": jabatan,
                "Eselon": eselon,
                "Golongan": gol if kind != "NON-ASN" else "",
                "Unit Kerja": unit,
                "NIP Atasan": atasan,
                "Tanggal Lahir": born.isoformat(),
                "Jenis Kelamin": sex,
                "TPP": tpp,
                "PIN": str(len(rows) + 1),
            }
        )
        return value

    per_opd = n // opd
    for o in range(opd):
        opd_name = f"Dinas {o + 1:02d}"
        head = add(opd_name, f"Kepala {opd_name}", "II.a", "", 12_000_000)
        leaves: list[tuple[str, str]] = []
        for b in range(bidang_n):
            bidang = f"{opd_name} > Bidang {b + 1}"
            kabid = add(bidang, f"Kepala Bidang {b + 1}", "III.a", head, 8_000_000)
            n_seksi = per_opd_leaves // bidang_n + (1 if b < per_opd_leaves % bidang_n else 0)
            for s in range(n_seksi):
                seksi = f"{bidang} > Seksi {s + 1}"
                leaves.append((seksi, add(seksi, f"Kepala Seksi {s + 1}", "IV.a", kabid, 5_500_000)))
        staff = per_opd - (1 + bidang_n + len(leaves)) + (n % opd if o == opd - 1 else 0)
        for i in range(staff):
            seksi, kasi = leaves[i % len(leaves)]
            kind = "PPPK" if i % 10 == 7 else "NON-ASN" if i % 20 == 3 else "PNS"
            add(
                seksi,
                "Pelaksana" if kind != "NON-ASN" else "Tenaga Pendukung",
                "",
                kasi,
                3_500_000 if kind != "NON-ASN" else 1_500_000,
                kind,
            )
    return rows


def write_csv(rows: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, HEADERS, delimiter=";")
        w.writeheader()
        w.writerows(rows)
    return path


# The 64 headers of SIASN's "Unduh Data Pegawai" CSV (kanekescom/laravel-siasn-simpeg).
SIASN_HEADERS = (
    "PNS ID,NIP BARU,NIP LAMA,NAMA,GELAR DEPAN,GELAR BELAKANG,TEMPAT LAHIR ID,TEMPAT LAHIR NAMA,"
    "TANGGAL LAHIR,JENIS KELAMIN,AGAMA ID,AGAMA NAMA,JENIS KAWIN ID,JENIS KAWIN NAMA,NIK,NOMOR HP,EMAIL,"
    "EMAIL GOV,ALAMAT,NPWP NOMOR,BPJS,JENIS PEGAWAI ID,JENIS PEGAWAI NAMA,KEDUDUKAN HUKUM ID,"
    "KEDUDUKAN HUKUM NAMA,STATUS CPNS PNS,KARTU ASN VIRTUAL,NOMOR SK CPNS,TANGGAL SK CPNS,TMT CPNS,"
    "NOMOR SK PNS,TANGGAL SK PNS,TMT PNS,GOL AWAL ID,GOL AWAL NAMA,GOL AKHIR ID,GOL AKHIR NAMA,TMT GOLONGAN,"
    "MK TAHUN,MK BULAN,JENIS JABATAN ID,JENIS JABATAN NAMA,JABATAN ID,JABATAN NAMA,TMT JABATAN,"
    "TINGKAT PENDIDIKAN ID,TINGKAT PENDIDIKAN NAMA,PENDIDIKAN ID,PENDIDIKAN NAMA,TAHUN LULUS,KPKN ID,"
    "KPKN NAMA,LOKASI KERJA ID,LOKASI KERJA NAMA,UNOR ID,UNOR NAMA,INSTANSI INDUK ID,INSTANSI INDUK NAMA,"
    "INSTANSI KERJA ID,INSTANSI KERJA NAMA,SATUAN KERJA INDUK ID,SATUAN KERJA INDUK NAMA,"
    "SATUAN KERJA KERJA ID,SATUAN KERJA KERJA NAMA"
).split(",")


def write_siasn_csv(rows: list[dict], path: Path) -> Path:
    """The province as a SIASN Unduh Data export: comma-separated, every value a string, no
    eselon/TPP/PIN/supervisor; the unit as satuan kerja + UNOR induk + UNOR (SIASN's own columns
    carry only the satuan kerja and the leaf UNOR; UNOR INDUK NAMA is added so the tree stays)."""
    headers = [*SIASN_HEADERS[:55], "UNOR INDUK NAMA", *SIASN_HEADERS[55:]]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(headers)
        blank = dict.fromkeys(headers, "")
        for i, r in enumerate(rows):
            parts = r["Unit Kerja"].split(" > ")
            born = r["Tanggal Lahir"]
            rec = blank | {
                "PNS ID": f"8ae483{i:010d}",
                "NIP BARU": r["NIP"],
                "NAMA": r["Nama"].upper(),
                "TANGGAL LAHIR": f"{born[8:10]}-{born[5:7]}-{born[:4]}",
                "JENIS KELAMIN": "M" if r["Jenis Kelamin"] == "L" else "F",
                "JENIS PEGAWAI NAMA": "PNS Daerah Provinsi",
                "KEDUDUKAN HUKUM ID": "01",
                "KEDUDUKAN HUKUM NAMA": "Aktif",
                "STATUS CPNS PNS": {"PNS": "P"}.get(r["Status"], r["Status"]),
                "GOL AKHIR NAMA": r["Golongan"],
                "JENIS JABATAN NAMA": "Jabatan Struktural" if r["Eselon"] else "Jabatan Pelaksana",
                "JABATAN NAMA": r["Jabatan"],
                "UNOR ID": f"u{hash(r['Unit Kerja']) & 0xFFFFFF:06x}",
                "UNOR NAMA": parts[-1],
                "UNOR INDUK NAMA": parts[-2] if len(parts) > 2 else "",
                "INSTANSI INDUK NAMA": "Pemerintah Provinsi",
                "SATUAN KERJA KERJA NAMA": parts[0],
            }
            w.writerow([rec[h] for h in headers])
    return path


def write_xlsx(rows: list[dict], path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Pegawai")
    ws.write_row(0, 0, HEADERS)
    for r, row in enumerate(rows, start=1):
        for c, h in enumerate(HEADERS):
            v = row[h]
            if isinstance(v, int):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, str(v))  # NIPs as text: never numbers
    wb.close()
    return path


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--pegawai", type=int, default=60_000)
    ap.add_argument("--opd", type=int, default=50)
    ap.add_argument("--unit", type=int, default=1_500)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    data = employees(a.pegawai, a.opd, a.unit)
    print(write_csv(data, a.out / "pegawai.csv"), write_xlsx(data, a.out / "pegawai.xlsx"))
