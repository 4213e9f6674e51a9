"""Regenerate the sample files in this folder from the demo institution (kerja.demo):

    .venv/bin/python examples/buat_contoh.py

pegawai-contoh.csv  the Dinas's 120 employees, `;`-separated, UTF-8 with BOM (Excel, id locale)
pegawai-contoh.xlsx the same rows as a workbook (NIPs as text cells)
1_attlog.dat        the first week of February 2021 from the attendance machine (ZKTeco attlog)
presensi-daring.csv the next week's online check-ins of 20 people working from home

The output is deterministic: running it again gives byte-identical files.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from kerja.demo import institution, simulate

HERE = Path(__file__).resolve().parent


def main() -> None:
    dinas = institution.build()
    institution.write_csv(dinas, HERE / "pegawai-contoh.csv")
    institution.write_xlsx(dinas, HERE / "pegawai-contoh.xlsx")
    week = [date(2021, 2, d) for d in range(1, 6)]
    # Everybody at the office (no roster): what a machine sees in an ordinary week.
    month = simulate.simulate(dinas, week, lambda d: (time(7, 30), time(16, 30 if d.weekday() == 4 else 0)))
    simulate.write_attlog(month.machine, HERE / "1_attlog.dat")
    # The next week, the first 20 people working from home check in online (SPEC §7 csv).
    week2 = [date(2021, 2, d) for d in (8, 9, 10, 11)]
    home = {(d, p.nip): "WFH" for d in week2 for p in dinas.people[:20]}
    rest = {(d, p.nip): "WFO" for d in week2 for p in dinas.people[20:]}
    online = simulate.simulate(dinas, week2, lambda d: (time(7, 30), time(16, 0)), home | rest).online
    simulate.write_online_csv(online, HERE / "presensi-daring.csv")
    for name in ("pegawai-contoh.csv", "pegawai-contoh.xlsx", "1_attlog.dat", "presensi-daring.csv"):
        print(f"{name}: {(HERE / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
