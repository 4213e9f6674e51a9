"""The small Dinas of the regulation tests (tests/cli/test_regulations.py, test_simulasi.py): a
head whose supervisor is outside the store, two PNS staff and one non-ASN, in February 2021.

February 2021 has 19 working days (weekdays minus 12 Feb, Imlek):
1 2 3 4 5 | 8 9 10 11 | 15 16 17 18 19 | 22 23 24 25 26. Hours 07:30-16:00, Friday 16:30.
"""

from __future__ import annotations

import json
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "aturan"
FEB = [1, 2, 3, 4, 5, 8, 9, 10, 11, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26]
FRIDAYS = {5, 19, 26}

KEPALA = "196801011990031001"
A = "198504042010011004"
B = "199001012015011005"
HONOR = "HONOR-001"
SEKDA = "196505051990031099"


def day(n: int) -> str:
    return f"2021-02-{n:02d}"


def people(kerja, tmp_path: Path, pagu: str = "10.000.000") -> None:
    """A head (supervisor outside the store), two PNS staff under them and one non-ASN."""
    sheet = tmp_path / "pegawai.csv"
    sheet.write_text(
        "NIP;Nama;Unit;Eselon;NIP Atasan;TPP;Status\n"
        f"{KEPALA};Kepala Dinas;Dinas Uji;II.a;;{pagu};PNS\n"
        f"{A};Staf A;Dinas Uji > Bidang A;;{KEPALA};{pagu};PNS\n"
        f"{B};Staf B;Dinas Uji > Bidang A;;{KEPALA};{pagu};PNS\n"
        f"{HONOR};Tenaga Honor;Dinas Uji > Bidang A;;{KEPALA};{pagu};NON-ASN\n",
        encoding="utf-8",
    )
    kerja("pegawai", "impor", sheet)


def on_time(nip: str, skip: set[int] = frozenset()) -> list[tuple]:
    return [(nip, day(d), "07:30", "16:30" if d in FRIDAYS else "16:00", "WFO") for d in FEB if d not in skip]


def month(kerja, preset: str | None, tmp_path: Path, pagu: str = "10.000.000") -> None:
    args = ["init", "--instansi", "Dinas Uji", "--zona", "WIB"]
    if preset:
        args += ["--aturan", EXAMPLES / preset]
    kerja(*args)
    people(kerja, tmp_path, pagu)


def recap(kerja) -> dict[str, dict]:
    doc = json.loads(kerja("rekap", "bulanan", "--bulan", "2021-02", "--format", "json").stdout)
    return {r["nip"]: r for r in doc["pegawai"]}
