"""A small Dinas for the roster CLI tests: 18 people, one seksi without a head.

Dinas Uji has 15 people: 25% -> 4 = its three leaders + one coverage pick for Seksi A2.
"""

from __future__ import annotations

from pathlib import Path

KUKAR = Path(__file__).parents[1] / "examples" / "kebijakan" / "kukar-2021.toml"

HEAD = "NIP;Nama;Jabatan;Eselon;Unit Kerja;NIP Atasan;Tanggal Lahir\n"
KADIS, KABID, KASI = "197001012000031001", "197502022000032001", "198003032005011001"


def nip(k: int, born_year: int = 1990) -> str:
    return f"{born_year}01{k:02d}2015031{k:03d}"


def staff_a1() -> list[str]:
    return [nip(k) for k in range(1, 10)]


def staff_a2(born_year: int = 1990) -> list[str]:
    return [nip(k, born_year) for k in range(11, 14)]


def csv_text(a2_born: int = 1990, evil_name: bool = False) -> str:
    rows = [
        f"{KADIS};Kepala Dinas;Kepala Dinas;II.a;Dinas Uji;;1970-01-01",
        f"{KABID};Kabid A;Kepala Bidang;III.a;Dinas Uji > Bidang A;{KADIS};1975-02-02",
        f"{KASI};Kasi A1;Kasi;IV.a;Dinas Uji > Bidang A > Seksi A1;{KABID};1980-03-03",
    ]
    for k, n in enumerate(staff_a1()):
        name = "=HYPERLINK(1)" if evil_name and k == 0 else f"Staf A1 {k}"
        rows.append(f"{n};{name};Pelaksana;;Dinas Uji > Bidang A > Seksi A1;{KASI};")
    for k, n in enumerate(staff_a2(a2_born)):
        rows.append(f"{n};Staf A2 {k};Pelaksana;;Dinas Uji > Bidang A > Seksi A2;{KABID};")
    rows.append(f"{nip(20)};Staf Lain;Pelaksana;;Badan Lain > Seksi X;;")
    rows.append(f"{nip(21)};Kepala Seksi X;Kasi;IV.a;Badan Lain > Seksi X;;")
    rows.append(f"{nip(22)};Staf Lain 2;Pelaksana;;Badan Lain > Seksi X;;")
    return HEAD + "\n".join(rows) + "\n"


def setup(kerja, tmp: Path, **kw) -> None:  # type: ignore[no-untyped-def]
    (tmp / "pegawai.csv").write_text(csv_text(**kw), encoding="utf-8")
    kerja("init", "--instansi", "Pemkab Uji", "--zona", "WITA")
    kerja("pegawai", "impor", tmp / "pegawai.csv")
    kerja("kebijakan", "tambah", KUKAR)
