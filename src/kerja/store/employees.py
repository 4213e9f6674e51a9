"""Employees and the unit tree."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..domain.errors import KerjaError
from . import audit

if TYPE_CHECKING:
    from ..domain.employees import ImportPlan

COLUMNS = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "golongan",
    "unit_id",
    "nip_atasan",
    "tanggal_lahir",
    "jenis_kelamin",
    "tpp",
    "pin_mesin",
    "aktif",
)

SELECT = """
SELECT p.nip, p.nama, p.gelar_depan, p.gelar_belakang, p.status, p.jabatan, p.jenis_jabatan,
       p.eselon, p.golongan, u.jalur AS unit, p.nip_atasan, p.tanggal_lahir, p.jenis_kelamin,
       p.tpp, p.pin_mesin, p.aktif, p.mesin
FROM pegawai p JOIN unit u ON u.id = p.unit_id
"""


def ensure_units(conn: sqlite3.Connection, paths: Iterable[str]) -> dict[str, int]:
    """Path -> unit id, creating every missing level (the first level is the OPD)."""
    known = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT jalur, id, opd_id FROM unit")}
    for path in sorted(set(paths)):
        parts = path.split(" > ")
        for depth in range(1, len(parts) + 1):
            sub = " > ".join(parts[:depth])
            if sub in known:
                continue
            parent = known[" > ".join(parts[: depth - 1])] if depth > 1 else None
            cur = conn.execute(
                "INSERT INTO unit (jalur, nama, induk_id, opd_id, tingkat) VALUES (?, ?, ?, ?, ?)",
                (sub, parts[depth - 1], parent[0] if parent else None, parent[1] if parent else None, depth),
            )
            uid = cur.lastrowid
            opd = parent[1] if parent else uid
            if parent is None:
                conn.execute("UPDATE unit SET opd_id = ? WHERE id = ?", (uid, uid))
            known[sub] = (uid, opd)
    return {p: v[0] for p, v in known.items()}


def circulars_with_leaders_in_office(conn: sqlite3.Connection) -> list[str]:
    """Names of stored circulars that keep leaders in the office (`pejabat_wfo`)."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT nama FROM kebijakan WHERE json_extract(isi, '$.pejabat_wfo') = 1 ORDER BY mulai"
        )
    ]


def unit_paths(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT jalur FROM unit")]


def all_records(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    return {r["nip"]: dict(r) for r in conn.execute(SELECT)}


def supervisors(conn: sqlite3.Connection) -> dict[str, str | None]:
    return dict(conn.execute("SELECT nip, nip_atasan FROM pegawai").fetchall())


def pins(conn: sqlite3.Connection) -> tuple[dict[tuple[str | None, str], str], dict[str, str | None]]:
    """((machine or None, PIN) -> NIP of the stored PINs, NIP -> its PIN's machine): a PIN is
    unique per machine (None: any machine)."""
    rows = conn.execute("SELECT nip, pin_mesin, mesin FROM pegawai").fetchall()
    return {(m, p): n for n, p, m in rows if p is not None}, {n: m for n, _, m in rows}


def apply_import(
    conn: sqlite3.Connection, plan: ImportPlan, oleh: str, source: str, sha256: str | None = None
) -> None:
    """Write an import plan inside the caller's transaction, with its audit rows: one
    `pegawai.impor` row for the whole file (its name, SHA-256 and the NIPs it added), and one row
    per changed or inactivated employee (their old and new values). See docs/audit.md."""
    # The row parser's module is imported by the writes only: a check-in reads employees too.
    from ..domain.employees import diff

    rows = plan.added + [new for _, new in plan.changed]
    unit_ids = ensure_units(conn, (str(r["unit"]) for r in rows))
    moving_pins = [(new["nip"],) for old, new in plan.changed if old.get("pin_mesin") != new.get("pin_mesin")]
    # Free changed PINs first so two employees may swap PINs in one file.
    conn.executemany("UPDATE pegawai SET pin_mesin = NULL WHERE nip = ?", moving_pins)
    cols = ", ".join(COLUMNS)
    marks = ", ".join("?" * len(COLUMNS))
    # One tuple per row, in COLUMNS order, the unit path turned into its id.
    i = COLUMNS.index("unit_id")
    head, tail = itemgetter(*COLUMNS[:i]), itemgetter(*COLUMNS[i + 1 :])
    # Into an empty table (a store's first import) the secondary indexes are built once after the
    # rows instead of row by row: a fifth of the insert. Inside the caller's transaction, so a
    # killed import leaves them as they were; rebuilt from their own stored SQL.
    rebuild: list[str] = []
    if len(plan.added) >= 1000 and conn.execute("SELECT NOT EXISTS (SELECT 1 FROM pegawai)").fetchone()[0]:
        indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pegawai'"
        for name, sql in conn.execute(indexes + " AND sql IS NOT NULL").fetchall():
            conn.execute(f'DROP INDEX "{name}"')
            rebuild.append(sql)
    # The added NIPs are not stored (the plan was read inside this transaction): a plain insert.
    conn.executemany(
        f"INSERT INTO pegawai ({cols}) VALUES ({marks})",
        # In NIP order: the primary key's index then grows at its end instead of splitting pages
        # all over (a sixth of the insert at 60,000 rows).
        sorted([(*head(r), unit_ids[str(r["unit"])], *tail(r)) for r in plan.added]),
    )
    for sql in rebuild:
        conn.execute(sql)
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "nip")
    conn.executemany(
        f"INSERT INTO pegawai ({cols}) VALUES ({marks}) ON CONFLICT(nip) DO UPDATE SET {updates}",
        [(*head(r), unit_ids[str(r["unit"])], *tail(r)) for _, r in plan.changed],
    )
    conn.executemany("UPDATE pegawai SET aktif = 0 WHERE nip = ?", ((r["nip"],) for r in plan.inactivated))
    why = f"impor {source}"
    summary = {
        "berkas": source,
        "sha256": sha256,
        "ditambah": [r["nip"] for r in plan.added],
        "diubah": len(plan.changed),
        "dinonaktifkan": len(plan.inactivated),
    }
    entries: list[Any] = [
        (None, audit.IMPORT, None, summary, why),
        *((new["nip"], "pegawai.ubah", *diff(old, new), why) for old, new in plan.changed),
        *(
            (r["nip"], "pegawai.nonaktif", {"aktif": 1}, {"aktif": 0}, why + " --ganti")
            for r in plan.inactivated
        ),
    ]
    audit.record_many(conn, oleh, entries)


def get(conn: sqlite3.Connection, nip: str) -> dict[str, Any]:
    row = conn.execute(SELECT + " WHERE p.nip = ?", (nip,)).fetchone()
    if row is None:
        raise KerjaError(f"Pegawai dengan NIP {nip} tidak ditemukan. Cari dengan `kerja pegawai cari NAMA`.")
    return dict(row)


def listing(
    conn: sqlite3.Connection,
    *,
    unit: str | None = None,
    eselon: str | None = None,
    status: str | None = None,
    nonaktif: bool = False,
) -> list[dict[str, Any]]:
    sql = SELECT + " WHERE 1=1"
    args: list[Any] = []
    if not nonaktif:
        sql += " AND p.aktif = 1"
    if unit:
        ids = resolve_unit(conn, unit)
        sql += f" AND p.unit_id IN ({','.join('?' * len(ids))})"
        args += ids
    if eselon:
        sql += " AND p.eselon = ?"
        args.append(eselon)
    if status:
        sql += " AND p.status = ?"
        args.append(status)
    order = " ORDER BY u.jalur, p.eselon IS NULL, p.eselon, p.nama"
    return [dict(r) for r in conn.execute(sql + order, args)]


def update(
    conn: sqlite3.Connection,
    nip: str,
    changes: dict[str, Any],
    oleh: str,
    alasan: str | None,
    berlaku: str | None = None,
) -> dict:
    """Change some fields of one employee, audited (with `berlaku`, the date dated fields hold
    from, when one of them changed); returns the new record."""
    old = get(conn, nip)
    new = old | changes
    if new == old:
        return old
    sets = dict(changes)
    if "unit" in sets:
        sets["unit_id"] = ensure_units(conn, [sets.pop("unit")])[new["unit"]]
    try:
        conn.execute(
            f"UPDATE pegawai SET {', '.join(f'{k} = ?' for k in sets)} WHERE nip = ?",
            [*sets.values(), nip],
        )
    except sqlite3.IntegrityError:
        where = f" di mesin {new['mesin']}" if new.get("mesin") else ""
        raise KerjaError(f"PIN mesin {new.get('pin_mesin')} sudah dipakai pegawai lain{where}.") from None
    from ..domain.employees import diff

    before, after = diff(old, new)
    if old.get("mesin") != new.get("mesin"):  # not an import field: FIELDS leaves it out
        before["mesin"], after["mesin"] = old.get("mesin"), new.get("mesin")
    if berlaku and {"tpp", "unit", "status", "eselon", "jenis_jabatan", "nip_atasan", "aktif"} & after.keys():
        after["berlaku_mulai"] = berlaku
    audit.record(conn, oleh=oleh, aksi="pegawai.ubah", nip=nip, sebelum=before, sesudah=after, alasan=alasan)
    return new


def find_unit(conn: sqlite3.Connection, name: str) -> tuple[int, str]:
    """(id, path) of the one unit given by its full path or its own name, compared exactly
    (case and every character as written; no wildcards). A name used by several units is refused
    with some of their paths. When nothing matches exactly, units whose path or name differ only
    in case are listed as candidates, never taken silently (a recap must not widen to another
    unit)."""
    text = " > ".join(p.strip() for p in str(name).split(">") if p.strip()) or str(name).strip()
    rows = conn.execute("SELECT id, jalur FROM unit WHERE jalur = ?1 OR nama = ?1", (text,)).fetchall()
    paths = sorted({r[1] for r in rows})
    if len(paths) > 1:
        more = f" dan {len(paths) - 3} lainnya" if len(paths) > 3 else ""
        raise KerjaError(
            f"Nama unit {name!r} ada di {len(paths)} tempat, mis. {'; '.join(paths[:3])}{more}. "
            "Tulis jalur lengkapnya, mis. 'OPD > Bidang > Seksi'."
        )
    if not rows:
        folded = text.casefold()
        near = sorted(
            jalur
            for jalur, nama in conn.execute("SELECT jalur, nama FROM unit")
            if jalur.casefold() == folded or nama.casefold() == folded
        )
        hint = ""
        if near:
            more = f" dan {len(near) - 3} lainnya" if len(near) > 3 else ""
            hint = (
                f" Yang mirip (beda huruf besar/kecil): {'; '.join(near[:3])}{more}; "
                "tulis persis seperti itu."
            )
        raise KerjaError(
            f"Unit {name!r} tidak ditemukan.{hint} Lihat daftar unit dengan `kerja unit daftar`."
        )
    return rows[0][0], rows[0][1]


def unit_id(conn: sqlite3.Connection, name: str) -> int:
    return find_unit(conn, name)[0]


def subtree_ids(conn: sqlite3.Connection, root: int) -> list[int]:
    """The unit and every unit under it, by the parent links (not by path text)."""
    return [
        r[0]
        for r in conn.execute(
            "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL "
            "SELECT u.id FROM unit u JOIN t ON u.induk_id = t.id) SELECT id FROM t",
            (root,),
        )
    ]


def resolve_unit(conn: sqlite3.Connection, name: str) -> list[int]:
    """Unit ids under a unit given by its full path or its own name (with all its sub-units)."""
    return subtree_ids(conn, find_unit(conn, name)[0])


def resolve_unit_path(conn: sqlite3.Connection, name: str) -> str:
    """The full path of a unit given by its full path or its own name (one match, else an error)."""
    return find_unit(conn, name)[1]


def has_subordinates(conn: sqlite3.Connection, nip: str) -> bool:
    """Whether `nip` supervises someone, today or in a dated segment (a supervisor replaced from
    the 15th still validates the days before it)."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pegawai WHERE nip_atasan = ?1) "
        "OR EXISTS (SELECT 1 FROM pegawai_riwayat WHERE nip_atasan = ?1)",
        (nip,),
    ).fetchone()
    return bool(row[0])


# Effective-dated facts (domain/facts.py) ---------------------------------------------------

_DATED = "tpp, unit_id, status, eselon, jenis_jabatan, nip_atasan, aktif"


def timeline(conn: sqlite3.Connection, nip: str) -> list[tuple[Any, dict[str, Any]]]:
    """The person's segments (sampai as date, facts), the pegawai row last (sampai None)."""
    rows = conn.execute(
        f"SELECT sampai, {_DATED} FROM pegawai_riwayat WHERE nip = ? ORDER BY sampai", (nip,)
    ).fetchall()
    out: list[tuple[Any, dict[str, Any]]] = [
        (date.fromisoformat(r["sampai"]), {k: r[k] for k in r.keys() if k != "sampai"}) for r in rows
    ]
    cur = conn.execute(f"SELECT {_DATED} FROM pegawai WHERE nip = ?", (nip,)).fetchone()
    out.append((None, dict(cur)))
    return out


def put_history(conn: sqlite3.Connection, nip: str, segments: list[tuple[Any, dict[str, Any]]]) -> None:
    """Replace the person's dated segments (all but the last, which is the pegawai row)."""
    conn.execute("DELETE FROM pegawai_riwayat WHERE nip = ?", (nip,))
    conn.executemany(
        f"INSERT INTO pegawai_riwayat (nip, sampai, {_DATED}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(nip, s.isoformat(), *(f[k] for k in _DATED.split(", "))) for s, f in segments if s is not None],
    )


def facts_on(conn: sqlite3.Connection, day: str) -> dict[str, dict[str, Any]]:
    """nip -> (tpp, unit path, aktif, ...) in force on `day` for everyone with a dated change
    that still holds then; people absent from the answer have their pegawai row's facts."""
    rows = conn.execute(
        """SELECT h.nip, h.tpp, h.unit_id, coalesce(u.jalur, cu.jalur) AS unit, h.status, h.eselon,
                  h.jenis_jabatan, h.nip_atasan, h.aktif
           FROM pegawai_riwayat h JOIN pegawai p ON p.nip = h.nip JOIN unit cu ON cu.id = p.unit_id
           LEFT JOIN unit u ON u.id = h.unit_id
           WHERE h.sampai = (SELECT min(sampai) FROM pegawai_riwayat WHERE nip = h.nip AND sampai >= ?1)""",
        (day,),
    ).fetchall()
    return {r["nip"]: dict(r) for r in rows}


def facts_of(conn: sqlite3.Connection, nip: str, day: date | str) -> dict[str, Any]:
    """One person's facts (tpp, unit_id, status, eselon, jenis_jabatan, nip_atasan, aktif) in
    force on `day`: the first dated segment still holding then, else the pegawai row. Two lookups
    by primary key."""
    iso = day if isinstance(day, str) else day.isoformat()
    row = conn.execute(
        f"SELECT {_DATED} FROM pegawai_riwayat WHERE nip = ? AND sampai >= ? ORDER BY sampai LIMIT 1",
        (nip, iso),
    ).fetchone()
    if row is None:
        row = conn.execute(f"SELECT {_DATED} FROM pegawai WHERE nip = ?", (nip,)).fetchone()
    return dict(row) if row is not None else {}


def supervisors_on(conn: sqlite3.Connection, days: Iterable[str]) -> dict[str, Mapping[str, str | None]]:
    """day (ISO) -> nip -> supervisor in force that day (domain.facts.FactOn): the pegawai rows,
    with the dated segments still holding that day over them (the few people with a dated
    change). Every reader of "who supervises whom on that date" goes through this."""
    from ..domain.facts import FactOn

    wanted = sorted(set(days))
    if not wanted:
        return {}
    now = supervisors(conn)
    dated: dict[str, list[tuple[str, str | None]]] = {}
    for nip, sampai, boss in conn.execute(
        "SELECT nip, sampai, nip_atasan FROM pegawai_riwayat WHERE sampai >= ? ORDER BY nip, sampai",
        (wanted[0],),
    ):
        dated.setdefault(nip, []).append((sampai, boss))
    return {day: FactOn(now, dated, day) for day in wanted}


def chain_change_days(conn: sqlite3.Connection, since: str) -> list[str]:
    """`since` and every later day on which someone's dated facts change: the days on which the
    chain of supervisors from `since` on can differ from the day before."""
    later = conn.execute(
        "SELECT DISTINCT date(sampai, '+1 day') FROM pegawai_riwayat WHERE sampai >= ?", (since,)
    ).fetchall()
    return sorted({since, *(d for (d,) in later)})


def supervisor_links(conn: sqlite3.Connection, since: str | None = None) -> list[tuple[str, str | None]]:
    """(nip, supervisor) of today's rows and of the dated segments holding on or after `since`
    (all of them when None): every link that may be in force on some day from `since` on."""
    return conn.execute(
        "SELECT nip, nip_atasan FROM pegawai UNION "
        "SELECT nip, nip_atasan FROM pegawai_riwayat WHERE ?1 IS NULL OR sampai >= ?1",
        (since,),
    ).fetchall()


def dated_units(conn: sqlite3.Connection, since: str) -> dict[str, list[tuple[str, int]]]:
    """nip -> [(sampai, unit id)] of the dated segments holding on or after `since`, in date
    order, for the few people with a dated change (domain.facts.value_on reads them)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for nip, sampai, uid in conn.execute(
        "SELECT nip, sampai, unit_id FROM pegawai_riwayat WHERE sampai >= ? ORDER BY nip, sampai", (since,)
    ):
        out.setdefault(nip, []).append((sampai, uid))
    return out


def unit_path_by_id(conn: sqlite3.Connection) -> dict[int, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT id, jalur FROM unit")}


def unit_history(conn: sqlite3.Connection) -> tuple[dict[str, int], dict[str, list[tuple[str, int]]]]:
    """(nip -> unit id now, nip -> [(sampai ISO, unit id) of the dated segments, in order]): whose
    unit is whose on any day, for the per-unit working calendars (jam_kerja.unit)."""
    now = dict(conn.execute("SELECT nip, unit_id FROM pegawai").fetchall())
    dated: dict[str, list[tuple[str, int]]] = {}
    for nip, sampai, unit in conn.execute(
        "SELECT nip, sampai, unit_id FROM pegawai_riwayat ORDER BY nip, sampai"
    ):
        dated.setdefault(nip, []).append((sampai, unit))
    return now, dated


def unit_path_on(conn: sqlite3.Connection, nip: str, day: date | str) -> str | None:
    """The path of the person's unit on `day` (effective-dated facts): one person, two lookups."""
    unit = facts_of(conn, nip, day).get("unit_id")
    row = conn.execute("SELECT jalur FROM unit WHERE id = ?", (unit,)).fetchone() if unit else None
    return row[0] if row else None
