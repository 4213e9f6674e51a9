"""`kerja ekspor parquet`: a month's facts handed over to engines bigger than one file (SPEC §12).

One pass over the month, the one the recap makes: each week of day statuses (services.rekap
windows) becomes a row group of the person-day table as it is computed, then the recap rows
(what `rekap bulanan --format json` gives, a locked month's stored rows included) become the
person table. The layout and the column meanings are io.parquet's.

Nothing half-written: both tables are written under temporary names in DIR and renamed into
their partition folders only when both are complete; a partition that exists is replaced only
with `timpa`, and is refused before any work is done.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain import activities as act
from ..domain import recap as dom
from ..domain.errors import KerjaError
from ..domain.months import month_bounds
from ..store import activities as activities_store
from ..store import employees as employees_store
from ..store import institution
from ..store import recap as store
from . import rekap

TABLES = ("hari", "pegawai")
FILE_NAME = "data.parquet"
_KODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")

Progress = Callable[[str, int], AbstractContextManager[Any]]


@contextmanager
def _quiet(description: str, total: int) -> Iterator[Any]:
    class _Bar:
        def advance(self, n: int = 1) -> None:
            pass

    yield _Bar()


@dataclass(frozen=True)
class ParquetExport:
    folder: Path
    kode: str
    bulan: str
    files: dict[str, Path]  # table -> its file
    rows: dict[str, int]  # table -> rows written
    total: dict[str, int]  # the recap's Rupiah totals


def partition_code(instansi: str) -> str:
    """The folder name of an institution: its name in lower case, words joined by '-'."""
    return re.sub(r"[^0-9a-z]+", "-", instansi.lower()).strip("-") or "instansi"


def check_code(kode: str) -> str:
    if not _KODE.match(kode):
        raise KerjaError(
            f"--kode {kode!r} tidak bisa menjadi nama partisi: pakai huruf, angka, '.', '_' atau '-' "
            "(paling banyak 64), mis. --kode dinkes-prov."
        )
    return kode


def partition_file(folder: Path, table: str, kode: str, bulan: str) -> Path:
    return folder / table / f"instansi={kode}" / f"bulan={bulan}" / FILE_NAME


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise KerjaError(f"--keluar {folder} adalah berkas, bukan folder; tulis nama folder tujuan ekspor.")
    if not folder.exists() and not folder.parent.is_dir():
        raise KerjaError(
            f"Folder induk {folder.parent} untuk --keluar {folder} tidak ada; buat dulu "
            f"(mkdir -p {folder.parent}) atau pilih folder lain."
        )


def _check_targets(folder: Path, files: dict[str, Path], timpa: bool) -> None:
    from ..io.parquet import README_MARK

    for f in files.values():
        if f.is_dir():
            raise KerjaError(f"{f} adalah folder; hapus atau pindahkan dulu, lalu ulangi.")
        if f.exists() and not timpa:
            raise KerjaError(
                f"Partisi {f.parent.relative_to(folder)} sudah ada di {folder} ({f.name}); tambahkan "
                "--timpa untuk menggantinya, atau pilih folder/kode lain."
            )
    readme = folder / "README.md"
    if readme.exists():
        try:
            ours = readme.read_text(encoding="utf-8").startswith(README_MARK)
        except (OSError, UnicodeDecodeError):
            ours = False
        if not ours and not timpa:
            raise KerjaError(
                f"{readme} sudah ada dan bukan README ekspor kerja; tambahkan --timpa untuk "
                "menggantinya, atau pilih folder lain."
            )


def _hhmm(v: Any) -> str | None:
    if v is None:
        return None
    return v.strftime("%H:%M") if hasattr(v, "strftime") else str(v)[:5]


def _opd(unit: str | None) -> str | None:
    return unit.split(" > ", 1)[0] if unit else None


class _DaySink:
    """Turns each window of DayStatus into the columns of the `hari` table and writes them."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        writer: Any,
        units: dict[str, str],
        month: str,
        rules: dict[str, Any],
        bar: Any,
    ) -> None:
        self.conn, self.writer, self.units, self.bar = conn, writer, units, bar
        deadline = act.validation_deadline(month, rules["kinerja"]["batas_validasi_hari"])
        self.deadline = deadline.isoformat() if deadline else None
        self.skema = rules["kinerja"].get("skema", "menit")

    def __call__(self, lo: date, hi: date, days: list[Any]) -> None:
        minutes = {
            (nip, t): m
            for nip, t, m in activities_store.counted_minutes(
                self.conn, lo.isoformat(), hi.isoformat(), self.deadline, skema=self.skema, per_day=True
            )
        }
        units = self.units
        days = [d for d in days if d.nip in units]  # days of people the recap has a row for
        iso = [d.tanggal.isoformat() for d in days]
        unit = [units[d.nip] for d in days]
        self.writer.write(
            {
                "tanggal": [d.tanggal for d in days],
                "nip": [d.nip for d in days],
                "unit": unit,
                "opd": [_opd(u) for u in unit],
                "jadwal": [d.jadwal for d in days],
                "kode": [d.kode for d in days],
                "masuk": [_hhmm(d.masuk) for d in days],
                "pulang": [_hhmm(d.pulang) for d in days],
                "mode": [d.mode for d in days],
                "telat_menit": [d.telat_menit for d in days],
                "cepat_menit": [d.cepat_menit for d in days],
                "tl": [d.tl for d in days],
                "psw": [d.psw for d in days],
                "potongan_persen": [float(d.potongan_persen) for d in days],
                "aturan": [d.aturan for d in days],
                "catatan": [d.catatan for d in days],
                "menit_kinerja": [minutes.get((d.nip, t), 0) for d, t in zip(days, iso, strict=True)],
            }
        )
        self.bar.advance((hi - lo).days + 1)


def _person_columns(rows: list[dict[str, Any]], status: dict[str, str | None]) -> dict[str, list[Any]]:
    from ..io.parquet import PEGAWAI

    cols: dict[str, list[Any]] = {n: [] for n, _, _ in PEGAWAI}
    for r in rows:
        flat = {**r, "opd": _opd(r["unit"]), "status_pegawai": status.get(r["nip"])}
        for i in range(4):
            flat[f"tl_{i + 1}"] = r["tl"][i]
            flat[f"psw_{i + 1}"] = r["psw"][i]
        for n in cols:
            cols[n].append(flat.get(n))
    return cols


def export_parquet(
    conn: sqlite3.Connection,
    month: str,
    folder: Path,
    *,
    kode: str | None = None,
    timpa: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ParquetExport:
    """Write the month's `hari` and `pegawai` tables under `folder` (see io.parquet)."""
    from ..io import parquet
    from ..io.atomic import PRIVATE, sweep, temp_path, write_atomic

    parquet.require()  # before any work: a missing extra costs nothing
    instansi = institution.instansi(conn)
    kode = check_code(kode) if kode is not None else partition_code(instansi)
    _check_folder(folder)
    files = {t: partition_file(folder, t, kode, month) for t in TABLES}
    _check_targets(folder, files, timpa)

    created = not folder.exists()
    folder.mkdir(mode=0o700, exist_ok=True)
    temps = {t: temp_path(folder / f"{t}-{kode}-{month}") for t in TABLES}
    for t in TABLES:
        sweep(folder / f"{t}-{kode}-{month}")
    start, end = month_bounds(month)
    meta = {
        "kerja.instansi": instansi,
        "kerja.kode": kode,
        "kerja.bulan": month,
        "kerja.dibuat": (now.isoformat() if now else ""),
    }
    rows_out: dict[str, int] = {}
    try:
        for tmp in temps.values():
            os.close(os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE))
        frozen = rekap.locked_recap(conn, month)
        with store.snapshot(conn):
            people = store.employees(conn, None, since=start.isoformat())
            today = rekap._today(conn, now)
            last = dom.last_counted_day(end, today)
            dated = employees_store.facts_on(conn, max(start, last).isoformat())
            units: dict[str, str] = {}
            status: dict[str, str | None] = {}
            for p in people:
                f = dated.get(p["nip"]) or p
                units[p["nip"]], status[p["nip"]] = f["unit"], f.get("status")
            rules = institution.rules_for_month(conn, month)
            days_total = max(0, (last - start).days + 1)
            writer = parquet.TableWriter(temps["hari"], parquet.HARI, meta)
            try:
                with (progress or _quiet)(f"Ekspor parquet {month}", days_total) as bar:
                    sink = _DaySink(conn, writer, units, month, rules, bar)
                    rows = (
                        rekap._compute(conn, month, people, everyone=True, today=today, sink=sink)[0]
                        if people
                        else []
                    )
            finally:
                writer.close()
        rows_out["hari"] = writer.rows
        if frozen is not None:
            rows = json.loads(frozen.text)["pegawai"]
        person = parquet.TableWriter(temps["pegawai"], parquet.PEGAWAI, meta)
        try:
            person.write(_person_columns(rows, status))
        finally:
            person.close()
        rows_out["pegawai"] = person.rows
        for t in TABLES:
            files[t].parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(temps[t], PRIVATE)
            with open(temps[t], "rb") as fh:
                os.fsync(fh.fileno())
        for t in TABLES:
            os.replace(temps[t], files[t])
        text = parquet.README_TEXT.encode("utf-8")

        def write_readme(tmp: Path) -> None:
            tmp.write_bytes(text)

        write_atomic(folder / "README.md", write_readme, mode=0o644)
    except BaseException:
        for tmp in temps.values():
            if tmp.exists():
                tmp.unlink()
        if created and not any(folder.iterdir()):
            folder.rmdir()
        raise
    return ParquetExport(folder, kode, month, files, rows_out, dom.totals(rows))
