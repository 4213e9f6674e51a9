"""Imports for the e-Kinerja schemes: the activity catalogue ("volume") and the monthly
achievement per person ("capaian"); all rows or none, every bad row named."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain import performance as dom
from ..domain.errors import KerjaError
from ..io.tables import find_header, iter_nonempty, read_rows
from ..store import audit, discipline, institution
from ..store.db import transaction


def _table(
    path: str | Path, columns: dict[str, tuple[str, ...]], need: tuple[str, ...], what: str
) -> tuple[dict[str, int], list[tuple[int, list[object]]]]:
    raw = read_rows(path)
    table = find_header(raw, lambda row: set(need) <= set(dom.match_columns(row, columns)), path)
    cols = dom.match_columns(table.headers, columns)
    missing = [f for f in need if f not in cols]
    if missing:
        aliases = "; ".join(f"{f}: {', '.join(columns[f][:3])}" for f in missing)
        raise KerjaError(f"{Path(path).name}: kolom {what} wajib tidak ditemukan ({aliases}).")
    return cols, list(iter_nonempty(table.rows))


def import_catalogue(conn: sqlite3.Connection, path: str | Path, *, oleh: str) -> dict[str, Any]:
    """`kinerja katalog impor`: kode, nama kegiatan, norma (menit per satuan), satuan."""
    cols, rows = _table(path, dom.CATALOGUE_COLUMNS, ("kode", "norma_menit"), "katalog")
    good, problems = dom.catalogue_rows(cols, rows)
    if problems:
        raise KerjaError(dom.describe(problems, Path(path).name))
    with transaction(conn):
        before = discipline.catalogue(conn)
        discipline.put_catalogue(conn, good)
        changed = [r[0] for r in good if r[0] not in before or before[r[0]]["norma_menit"] != r[2]]
        audit.record(
            conn,
            oleh=oleh,
            aksi="kinerja.katalog",
            sesudah={"berkas": Path(path).name, "kegiatan": len(good), "diubah": changed},
        )
    return {"kegiatan": len(good), "baru_atau_diubah": len(changed)}


def import_achievements(
    conn: sqlite3.Connection, path: str | Path, *, bulan: str, oleh: str, now: datetime
) -> dict[str, Any]:
    """`kinerja capaian impor --bulan M`: NIP with a % or an SKP predicate (mapped by the rules
    in force that month); refused in a locked month."""
    cols, rows = _table(path, dom.ACHIEVEMENT_COLUMNS, ("nip",), "capaian")
    if "persen" not in cols and "predikat" not in cols:
        raise KerjaError(f"{Path(path).name}: perlu kolom Capaian (persen) atau Predikat.")
    rules = institution.rules_for_month(conn, bulan)
    good, problems = dom.achievement_rows(cols, rows, rules["kinerja"]["predikat"])
    known = discipline.known_nips(conn)
    problems += [(n, "nip", nip, "tidak ada di data pegawai") for n, nip, _, _ in good if nip not in known]
    if problems:
        raise KerjaError(dom.describe(problems, Path(path).name))
    with transaction(conn):
        institution.ensure_unlocked(conn, [bulan], "capaian kinerja")
        discipline.put_achievements(conn, bulan, [(nip, persen, pred) for _, nip, persen, pred in good])
        audit.record(
            conn,
            oleh=oleh,
            aksi="kinerja.capaian",
            sesudah={"berkas": Path(path).name, "bulan": bulan, "pegawai": len(good)},
        )
    if rules["kinerja"].get("skema") != "capaian":
        note = "aturan bulan itu memakai skema " + repr(rules["kinerja"].get("skema"))
    else:
        note = None
    return {"pegawai": len(good), "catatan": note, "dicatat_pada": now.isoformat()}
