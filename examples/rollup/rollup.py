"""Roll up many institutions' `kerja ekspor parquet` folders with DuckDB: the SQL files beside
this script, run over one folder, printed as tables (or written as CSV with --csv).

    pip install duckdb
    python examples/rollup/rollup.py /data/provinsi [--csv /data/provinsi-hasil]

The same as `cd /data/provinsi && cat views.sql tpp_per_opd.sql | duckdb` with the DuckDB CLI.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HERE = Path(__file__).parent
QUERIES = ("tpp_per_opd", "kehadiran_per_opd", "hari_per_opd_kode")


def connect(folder: Path):  # type: ignore[no-untyped-def]
    """A DuckDB connection with the `pegawai` and `hari` views over `folder`."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET file_search_path = '{str(folder).replace(chr(39), chr(39) * 2)}'")
    con.execute((HERE / "views.sql").read_text(encoding="utf-8"))
    return con


def query(con, name: str):  # type: ignore[no-untyped-def]
    """The relation of one of the SQL files (QUERIES)."""
    return con.sql((HERE / f"{name}.sql").read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="the folder every institution exported into")
    ap.add_argument("--csv", type=Path, help="write each result as NAME.csv in this folder")
    a = ap.parse_args()
    con = connect(a.folder)
    for name in QUERIES:
        rel = query(con, name)
        if a.csv:
            a.csv.mkdir(parents=True, exist_ok=True)
            rel.write_csv(str(a.csv / f"{name}.csv"))
        else:
            print(f"-- {name}.sql")
            rel.show(max_width=200, max_rows=60)


if __name__ == "__main__":
    main()
