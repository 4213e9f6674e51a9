"""Importing and changing employees."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..clock import now as clock_now
from ..domain import employees as dom
from ..domain.errors import ImportRejected, KerjaError, Problem
from ..domain.nip import clean_nip, parse_nip
from ..domain.values import parse_rupiah
from ..io.tables import find_header, read_rows
from ..store import audit, institution
from ..store import employees as store
from ..store import machines as machines_store
from ..store.db import transaction
from . import local_time
from .collector import collector_paused


@dataclass
class ImportSummary:
    berkas: str
    dibaca: int = 0
    ditambah: int = 0
    diubah: int = 0
    tetap: int = 0
    dinonaktifkan: int = 0
    dilewati: int = 0
    disimpan: bool = False
    kolom_diabaikan: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    berkas_galat: str | None = None
    perubahan_kolom: dict[str, int] = field(default_factory=dict)  # field -> employees changed
    dikosongkan: dict[str, int] = field(default_factory=dict)  # field -> stored values cleared
    unit_baru: list[str] = field(default_factory=list)  # units this import creates
    pejabat_dari_nama: int = 0  # leaders recognised from the post name (no eselon in the file)
    fungsional_dari_nama: int = 0


# What a dated change of employee facts is called when a lock refuses it.
DATED_WHAT = "data pegawai (pagu TPP, unit, status, eselon, jenis jabatan, atasan, aktif)"

# More blanked values than this in one field is said out loud (issue 15: "a handful").
BANYAK_DIKOSONGKAN = 5


def _is_header(row: list[object]) -> bool:
    try:
        dom.map_headers(row)
        return True
    except KerjaError:
        return False


# The collector paused while an import builds its rows: reading and checking a 60,000-row
# file makes some 500,000 lists, tuples and dicts, none of them in a cycle, and the collector's
# passes over that growing heap took a quarter of the row parser's time.
@collector_paused()
def import_employees(
    conn: sqlite3.Connection,
    path: str | Path,
    *,
    oleh: str,
    sheet: str | None = None,
    coba: bool = False,
    ganti: bool = False,
    lewati_galat: str | Path | None = None,
    kosongkan: list[str] | None = None,
    mulai: date | None = None,
    now: datetime | None = None,
) -> ImportSummary:
    """Check the whole file, then upsert by NIP in one transaction (or nothing at all).

    Only the columns the file has change an existing employee; an empty cell keeps the stored
    value unless its field is named in `kosongkan`. Unit paths are matched to stored units first
    (`dom.match_units`); the units still to be created are listed in the summary. With `mulai`,
    the file's facts hold from that date: new people are on the books from it, and changed
    pagu/unit/status/eselon/supervisor/active of others keep their old values before it.

    A new person is on the books from their start date: the file's TMT column (TMT CPNS, Mulai
    Bertugas), else `mulai`, else the import's date (today in the institution's zone, from `now`);
    the people of the first import into an empty store are on the books from the beginning. A
    start date inside a locked month moves to the first day after it (said in the summary)."""
    name = Path(path).name
    clear: set[str] = set()
    for k in kosongkan or []:
        f = dom.clearable_field(k)
        if f is None:
            raise KerjaError(
                f"--kosongkan {k!r} tidak dikenal; yang bisa dikosongkan: {', '.join(dom.CLEARABLE)}."
            )
        clear.add(f)
    table = find_header(read_rows(path, sheet), _is_header, path)
    hm = dom.map_headers(table.headers)
    if not table.rows or not any(any(c is not None for c in r) for _, r in table.rows):
        raise KerjaError(f"{name}: tidak ada baris data di bawah judul kolom (baris {table.header_row}).")
    rows = table.rows
    if {"unor_id", "unor_induk_id"} <= hm.columns.keys() and not {"unit", "unor_induk"} & hm.columns.keys():
        # SAPK: the organisation as UNOR ids only; the path below the satuan kerja comes from them.
        below = dom.unor_tree_paths(rows, hm)
        col = len(table.headers)
        hm.columns["unit"] = col
        hm.unit_columns = [hm.columns[p] for p in dom.UNIT_PARTS if p in hm.columns]
        hm.names.append("UNOR_ID")
        rows = [(n, [*cells, *([None] * (col - len(cells))), below.get(n) or None]) for n, cells in rows]
    parsed = dom.parse_rows(rows, hm)
    summary = ImportSummary(name, kolom_diabaikan=parsed.ignored_columns, peringatan=parsed.warnings)
    # A row is read when some cell is not None: counted in C, not cell by cell.
    summary.dibaca = sum(1 for _, r in table.rows if r.count(None) != len(r))
    atasan_label = hm.names[hm.columns["nip_atasan"]] if "nip_atasan" in hm.columns else "NIP Atasan"
    pin_label = hm.names[hm.columns["pin_mesin"]] if "pin_mesin" in hm.columns else "PIN"

    def checks(good: list[tuple[int, dom.Employee]]) -> list[Problem]:
        probs = dom.check_supervisors(good, store.supervisors(conn), atasan_label)
        stored_pins, machine_of = store.pins(conn)
        if not stored_pins:  # a first import: no stored PIN to clash with
            return probs
        in_file = {e.nip for _, e in good}
        for row_no, e in good:
            owner = stored_pins.get((machine_of.get(e.nip), e.pin_mesin or ""))
            if owner and owner != e.nip and owner not in in_file:
                probs.append(
                    Problem(row_no, pin_label, e.pin_mesin or "", f"PIN mesin sudah dipakai pegawai {owner}")
                )
        return probs

    row_cells = dict(rows)
    starts, start_problems = dom.start_dates(row_cells, parsed.employees, hm)
    with transaction(conn):
        good = parsed.employees
        problems = parsed.problems + start_problems + checks(good)
        if problems and lewati_galat is None:
            raise ImportRejected(name, sorted(problems, key=lambda p: p.baris))
        bad_rows = {p.baris for p in problems}
        # Dropping a bad row can orphan rows that name it as supervisor: repeat until stable.
        while problems:
            good = [(n, e) for n, e in good if n not in bad_rows]
            more = [p for p in checks(good) if p.baris not in bad_rows]
            problems += more
            bad_rows |= {p.baris for p in more}
            if not more:
                break
        stored = store.all_records(conn)
        existing = store.unit_paths(conn)
        mapping = dom.match_units((e.unit for _, e in good), existing)
        good = [(n, e if mapping[e.unit] == e.unit else replace(e, unit=mapping[e.unit])) for n, e in good]
        in_file = {f for f in clear if f in hm.columns}
        plan = dom.plan_import(stored, (e for _, e in good), ganti=ganti, kosongkan=frozenset(in_file))
        summary.perubahan_kolom, summary.dikosongkan = plan.per_kolom, plan.dikosongkan
        summary.unit_baru = dom.new_units(
            (str(r["unit"]) for r in [*plan.added, *(new for _, new in plan.changed)]), existing
        )
        summary.pejabat_dari_nama = sum(
            1 for _, e in good if e.jenis_dari == "nama" and e.jenis_jabatan != "FUNGSIONAL"
        )
        summary.fungsional_dari_nama = sum(
            1 for _, e in good if e.jenis_dari == "nama" and e.jenis_jabatan == "FUNGSIONAL"
        )
        wfo = store.circulars_with_leaders_in_office(conn)
        if wfo and plan.writes:
            after = dict(stored)
            after.update({str(r["nip"]): r for r in plan.added})
            after.update({str(new["nip"]): new for _, new in plan.changed})
            for r in plan.inactivated:
                after[str(r["nip"])] = {**r, "aktif": 0}
            bare = dom.opds_without_leaders(after.values())
            if bare:
                extra = f" dan {len(bare) - 5} lainnya" if len(bare) > 5 else ""
                summary.peringatan.append(
                    f"{len(bare)} OPD tanpa pejabat sesudah impor ini: {'; '.join(bare[:5])}{extra}; surat "
                    f"edaran {', '.join(wfo)} mewajibkan pejabat WFO (pejabat_wfo), jadi tidak ada pejabat "
                    "yang terjadwal di kantor. Isi Eselon atau Jenis Jabatan pimpinannya."
                )
        for f, n in sorted(plan.dikosongkan.items()):
            if n > BANYAK_DIKOSONGKAN:
                summary.peringatan.append(
                    f"{n} pegawai akan kehilangan isi kolom {f} (--kosongkan {f}); periksa dulu dengan --coba"
                )
        if bad_rows and ganti:
            keep = {_raw_nip(r, hm) for n, r in table.rows if n in bad_rows}
            plan.inactivated = [r for r in plan.inactivated if r["nip"] not in keep]
        if lewati_galat is not None and bad_rows:
            summary.berkas_galat = str(_write_rejects(lewati_galat, table.headers, table.rows, problems))
        summary.dilewati = len(bad_rows)
        summary.ditambah, summary.diubah = len(plan.added), len(plan.changed)
        summary.tetap, summary.dinonaktifkan = plan.unchanged, len(plan.inactivated)
        today = local_time.today(conn, now) if now is not None else None
        default_start = mulai or (today if stored else None)  # an empty store: from the beginning
        added: dict[str, date] = {}
        moved: list[str] = []
        locked = institution.locked_months(conn)
        for r in plan.added:
            start = starts.get(str(r["nip"]), default_start)
            if start is not None:
                later = dom.first_unlocked_day(start, locked)
                if later != start:
                    moved.append(f"{r['nip']} ({start.isoformat()[:7]} -> {later})")
                added[str(r["nip"])] = later
        if moved:
            extra = f" dan {len(moved) - 5} lainnya" if len(moved) > 5 else ""
            summary.peringatan.append(
                f"{len(moved)} pegawai baru mulai di bulan yang sudah dikunci; tercatat mulai hari pertama "
                f"sesudah kunci agar rekap yang dikunci tidak berubah: {'; '.join(moved[:5])}{extra}"
            )
        if not coba and plan.writes:
            touched = [str(new["nip"]) for _, new in plan.changed] + [str(r["nip"]) for r in plan.inactivated]
            before = {n: store.timeline(conn, n) for n in touched} if mulai else {}
            store.apply_import(conn, plan, oleh, name, _sha256(path))
            _date_import(conn, mulai, before, added, oleh, name)
            summary.disimpan = True
    return summary


def _date_import(
    conn: sqlite3.Connection,
    mulai: date | None,
    before: dict[str, list[Any]],
    added: Mapping[str, date],
    oleh: str,
    name: str,
) -> None:
    """Record an import's facts as holding from `mulai`, and each new person's start date (see
    import_employees)."""
    if not before and not added:
        return  # the first import into an empty store, without --mulai: nothing dated
    from datetime import timedelta

    from ..domain.facts import apply_change
    from .koreksi import ensure_spans_unlocked

    entries: list[Any] = []
    for nip, old in before.items():
        assert mulai is not None  # `before` is read only with --mulai
        now_facts = store.timeline(conn, nip)[-1][1]
        dated = {k: v for k, v in now_facts.items() if old[-1][1][k] != v}
        if dated:
            store.put_history(conn, nip, apply_change(old, mulai, dated))
            entries.append(
                (nip, "pegawai.berlaku", None, {"mulai": mulai.isoformat(), **dated}, f"impor {name}")
            )
    if entries and mulai is not None:
        ensure_spans_unlocked(conn, [(mulai, None)], DATED_WHAT)
    for nip, start in added.items():
        facts = store.timeline(conn, nip)[-1][1]
        store.put_history(conn, nip, [(start - timedelta(days=1), {**facts, "aktif": 0}), (None, facts)])
        entries.append(
            (nip, "pegawai.berlaku", None, {"mulai": start.isoformat(), "aktif": 1}, f"impor {name}")
        )
    audit.record_many(conn, oleh, entries)


def _sha256(path: str | Path) -> str:
    """The file's SHA-256, for the import's audit row: a clerk who keeps the file can show it is
    the one imported."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _raw_nip(cells: list[object], hm: dom.HeaderMap) -> str:
    i = hm.columns["nip"]
    try:
        return clean_nip(cells[i] if i < len(cells) else "")
    except ValueError:
        return ""


def _write_rejects(target: str | Path, headers: list[object], rows, problems: list[Problem]) -> Path:
    reasons: dict[int, list[str]] = {}
    for p in problems:
        reasons.setdefault(p.baris, []).append(f"{p.kolom}: {p.alasan}")
    from ..io.atomic import open_atomic
    from ..io.safe import csv_cell as safe_cell

    t = Path(target)
    # A spreadsheet opens this file: the rejected cells are the likeliest to hold a formula.
    with open_atomic(t, encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["baris", *[safe_cell(h) if h is not None else "" for h in headers], "alasan"])
        for n, r in rows:
            if n in reasons:
                w.writerow(
                    [n, *["" if c is None else safe_cell(c) for c in r], safe_cell("; ".join(reasons[n]))]
                )
    return t


def change_employee(
    conn: sqlite3.Connection,
    nip: str,
    *,
    oleh: str,
    atasan: str | None = None,
    unit: str | None = None,
    tpp: str | None = None,
    pin_mesin: str | None = None,
    mesin: str | None = None,
    aktif: bool | None = None,
    status: str | None = None,
    eselon: str | None = None,
    jenis_jabatan: str | None = None,
    alasan: str | None = None,
    mulai: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Change an employee. Pagu TPP, unit, ASN status, eselon, jenis jabatan, supervisor and
    active hold from `mulai` on (default: today): days before it keep the facts they had, and a
    date inside (or before) a locked month is refused naming the lock. PIN and machine are not
    dated.

    `eselon` without `jenis_jabatan` also sets the kind it implies (SPEC §3: I-II JPT, III
    ADMINISTRATOR, IV-V PENGAWAS); an eselon taken away ('-') leaves a FUNGSIONAL or PELAKSANA as
    they are and makes a structural post PELAKSANA. The status must fit the NIP (a PPPK number
    is not a PNS one)."""
    from ..domain.nip import parse_status
    from ..domain.values import parse_eselon

    changes: dict[str, Any] = {}
    if status is not None:
        try:
            st = parse_status(status)
        except ValueError as e:
            raise KerjaError(f"Status {status!r}: {e}.") from None
        if st is None:
            raise KerjaError("Status tidak boleh kosong; pakai PNS, CPNS, PPPK atau NON-ASN.")
        try:
            parse_nip(nip, st)
        except ValueError as e:
            raise KerjaError(f"Status {st} tidak cocok dengan NIP {nip}: {e}.") from None
        changes["status"] = st
    if eselon is not None:
        try:
            changes["eselon"] = parse_eselon(eselon)
        except ValueError as e:
            raise KerjaError(f"Eselon {eselon!r}: {e}.") from None
    if jenis_jabatan is not None:
        try:
            kind, _how = dom.jenis_and_source(jenis_jabatan, None, None)
        except ValueError as e:
            raise KerjaError(f"Jenis jabatan {jenis_jabatan!r}: {e}.") from None
        if _how != "kolom":
            raise KerjaError(
                f"Jenis jabatan {jenis_jabatan!r}: tulis salah satu dari {', '.join(dom.JENIS_JABATAN)}."
            )
        changes["jenis_jabatan"] = kind
    if unit is not None:
        path = dom.unit_path([unit])
        if not path:
            raise KerjaError("Unit tidak boleh kosong; tulis jalur 'OPD > Bidang > Seksi'.")
        changes["unit"] = path
    if tpp is not None:
        try:
            changes["tpp"] = parse_rupiah(tpp)
        except ValueError as e:
            raise KerjaError(f"Pagu TPP {tpp!r}: {e}") from None
    if pin_mesin is not None:
        changes["pin_mesin"] = pin_mesin.strip() or None
    if aktif is not None:
        changes["aktif"] = int(aktif)
    with transaction(conn):
        if mesin is not None:
            mid = mesin.strip()
            if mid in ("", "-"):
                changes["mesin"] = None
            elif machines_store.get(conn, mid) is None:
                raise KerjaError(
                    f"--mesin {mesin!r}: mesin belum terdaftar; daftarkan dengan `kerja mesin tambah`."
                )
            else:
                changes["mesin"] = mid
        if atasan is not None:
            if atasan.strip() in ("", "-"):
                changes["nip_atasan"] = None
            else:
                try:
                    target = parse_nip(atasan, "NON-ASN").nip
                except ValueError as e:
                    raise KerjaError(f"NIP atasan {atasan!r}: {e}") from None
                store.get(conn, target)  # must exist
                _refuse_loops(conn, nip, target, mulai or local_time.today(conn, now or clock_now()))
                changes["nip_atasan"] = target
        if not changes:
            raise KerjaError(
                "Tidak ada yang diubah; sebutkan salah satu: atasan, unit, pagu TPP, status, eselon, "
                "jenis jabatan, PIN mesin, mesin, aktif atau nonaktif."
            )
        if "eselon" in changes and "jenis_jabatan" not in changes:
            current = store.get(conn, nip)["jenis_jabatan"]
            changes["jenis_jabatan"] = dom.kind_for_eselon(changes["eselon"], current)
        day = mulai or local_time.today(conn, now or clock_now())
        before = store.timeline(conn, nip)
        new = store.update(conn, nip, changes, oleh, alasan, berlaku=day.isoformat())
        after = store.timeline(conn, nip)[-1][1]
        dated = {k: v for k, v in after.items() if before[-1][1][k] != v}
        if dated:
            from ..domain.facts import apply_change
            from .koreksi import ensure_spans_unlocked

            ensure_spans_unlocked(conn, [(day, None)], DATED_WHAT)
            store.put_history(conn, nip, apply_change(before, day, dated))
            new["berlaku_mulai"] = day.isoformat()
        return new


def _refuse_loops(conn: sqlite3.Connection, nip: str, target: str, mulai: date) -> None:
    """A new supervisor from `mulai` on must close no loop on any day from then on: the chain of
    each day on which someone's dated facts change is checked, not only today's."""
    days = store.chain_change_days(conn, mulai.isoformat())
    for day, chain in store.supervisors_on(conn, days).items():
        loop = dom.loop_through(nip, target, chain)
        if loop:
            raise KerjaError(
                f"NIP atasan {target}: rantai atasan berputar (siklus) mulai {day}: {loop}. "
                "Ubah dulu atasan yang lain, atau pilih tanggal berlaku yang lain."
            )


def get(conn: sqlite3.Connection, nip: str) -> dict[str, Any]:
    """One employee (unit path included); an unknown NIP is a KerjaError."""
    return store.get(conn, nip)


def listing(
    conn: sqlite3.Connection,
    *,
    unit: str | None = None,
    eselon: str | None = None,
    status: str | None = None,
    nonaktif: bool = False,
) -> list[dict[str, Any]]:
    """Employees (active only unless `nonaktif`), filtered by unit and its sub-units, echelon, status."""
    return store.listing(conn, unit=unit, eselon=eselon, status=status, nonaktif=nonaktif)


def search(conn: sqlite3.Connection, teks: str, *, nonaktif: bool = False) -> list[dict[str, Any]]:
    """`pegawai cari`: everyone whose name (titles included), NIP or unit path holds every word of
    `teks`, accents and case aside; in unit order."""
    from ..domain.names import fold, matches

    if not fold(teks):
        raise KerjaError(
            "Teks pencarian kosong; tulis sebagian nama, NIP atau unit, mis. `kerja pegawai cari sari`."
        )
    return [r for r in store.listing(conn, nonaktif=nonaktif) if matches(teks, r)]


def resolve(conn: sqlite3.Connection, teks: str) -> str | None:
    """The NIP a clerk means by `teks`: a stored NIP as it is, else a unique name (exact, or every
    word in it); None when nobody has that NIP or name. Several people is a KerjaError that lists
    the candidates."""
    from ..domain.names import full_name_of, name_matches

    try:
        return str(store.get(conn, teks)["nip"])
    except KerjaError:
        pass
    people = store.listing(conn, nonaktif=True)
    found = name_matches(teks, people)
    if len(found) == 1:
        return str(found[0]["nip"])
    if not found:
        return None
    shown = "; ".join(f"{r['nip']} {full_name_of(r)} ({r['unit'].split(' > ')[-1]})" for r in found[:10])
    more = f" dan {len(found) - 10} lainnya" if len(found) > 10 else ""
    raise KerjaError(
        f"nama {teks!r} cocok dengan {len(found)} pegawai: {shown}{more}. "
        "Pakai NIP-nya, atau nama yang lebih lengkap."
    )


def names(conn: sqlite3.Connection, nips: Sequence[str] | None = None) -> dict[str, tuple[str, str]]:
    """nip -> (name, unit path), for the listings that show a person's name beside their NIP."""
    from ..store.presence import people_info

    return people_info(conn, list(nips) if nips is not None else None)


def history(conn: sqlite3.Connection, nip: str) -> list[dict[str, Any]]:
    """The person's dated facts, oldest first: {"mulai", "sampai", "tpp", "unit", "status",
    "eselon", "jenis_jabatan", "nip_atasan", "aktif"} (mulai None: from the beginning; sampai
    None: still in force)."""
    from ..domain.facts import history as merged

    paths = store.unit_path_by_id(conn)
    out = []
    for seg in merged(store.timeline(conn, nip)):
        seg["unit"] = paths.get(seg.pop("unit_id"), "(unit sudah dihapus)")
        out.append(seg)
    return out
