"""e-Kinerja: recording activities, listing them, validating them in bulk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..domain import activities as dom
from ..domain import zones
from ..domain.errors import KerjaError
from ..store import activities as store
from ..store import audit, discipline, institution
from ..store import employees as employees_store
from ..store.db import transaction
from .local_time import employee_zone

WHAT = "kegiatan e-Kinerja"


def record(
    conn: sqlite3.Connection,
    nip: str,
    *,
    tanggal: date,
    mulai: time,
    selesai: time,
    uraian: str,
    output: str | None,
    oleh: str,
    now: datetime,
    volume: int | None = None,
    kegiatan: str | None = None,
) -> dict[str, Any]:
    """Record one activity: minutes from start/end, no overlap with the day's others. `volume` and
    `kegiatan` (a catalogue code) are what the "volume" scheme counts (volume x norm)."""
    uraian = uraian.strip()
    if volume is not None and volume < 1:
        raise KerjaError(f"--volume {volume} harus bilangan bulat 1 atau lebih.")
    if not uraian:
        raise KerjaError("Uraian kegiatan tidak boleh kosong; tulis apa yang dikerjakan.")
    menit = dom.minutes(mulai, selesai)
    with transaction(conn):
        emp = employees_store.get(conn, nip)
        if not emp["aktif"]:
            raise KerjaError(
                f"Pegawai {nip} ({emp['nama']}) nonaktif; kegiatannya tidak bisa "
                "dicatat. Aktifkan dulu dengan `kerja pegawai ubah NIP --aktif`."
            )
        today = zones.local_today(now, employee_zone(conn, nip))
        if tanggal > today:
            raise KerjaError(
                f"Tanggal {tanggal} belum terjadi (hari ini {today}); catat kegiatan yang sudah dikerjakan."
            )
        institution.ensure_unlocked(conn, [tanggal.isoformat()[:7]], WHAT)
        if kegiatan is not None and kegiatan not in discipline.catalogue(conn):
            raise KerjaError(
                f"--kegiatan {kegiatan!r} tidak ada di katalog; lihat kodenya di berkas katalog atau "
                "impor dengan `kerja kinerja katalog impor BERKAS`."
            )
        clash = dom.overlaps(mulai, selesai, store.same_day(conn, nip, tanggal.isoformat()))
        if clash:
            c = clash[0]
            raise KerjaError(
                f"Kegiatan {mulai:%H:%M}-{selesai:%H:%M} tumpang tindih dengan kegiatan #{c.id} "
                f"{c.mulai}-{c.selesai} ({c.uraian}) pada {tanggal}; ubah jamnya."
            )
        row = {
            "nip": nip,
            "tanggal": tanggal.isoformat(),
            "mulai": f"{mulai:%H:%M}",
            "selesai": f"{selesai:%H:%M}",
            "menit": menit,
            "uraian": uraian,
            "output": (output or "").strip() or None,
            "dicatat_pada": now.isoformat(),
        }
        if volume is not None or kegiatan is not None:
            row.update(volume=volume, kegiatan=kegiatan)
        row["id"] = store.insert(conn, row)
        audit.record(conn, oleh=oleh, aksi="kinerja.catat", nip=nip, sesudah=row)
    row["peringatan"] = warnings_for(conn, [(nip, tanggal, f"Kegiatan #{row['id']}")])
    return row


def listing(
    conn: sqlite3.Connection,
    *,
    nip: str | None = None,
    atasan: str | None = None,
    semua_bawahan: bool = False,
    menunggu: bool = False,
    bulan: str | None = None,
) -> list[dict[str, Any]]:
    """Activities by person, by supervisor's team (direct reports, or every level below), by month;
    `menunggu` keeps the ones still waiting for validation. The team is the chain in force on
    each activity's date (the one `validate` checks): after a supervisor change dated the 15th,
    the old supervisor's list has the days before it and the new one's the days from it."""
    nips: set[str] | None = None
    if nip:
        employees_store.get(conn, nip)
        nips = {nip}
    if atasan:
        employees_store.get(conn, atasan)
        links = employees_store.supervisor_links(conn, f"{bulan}-01" if bulan else None)
        team = dom.below(atasan, links, all_levels=semua_bawahan)
        nips = team if nips is None else nips & team
    rows = store.listing(conn, nips=nips, bulan=bulan, status="diajukan" if menunggu else None)
    if atasan and rows:
        bosses = employees_store.supervisors_on(conn, (r["tanggal"] for r in rows))
        rows = [
            r
            for r in rows
            if dom.reports_to(atasan, r["nip"], bosses[r["tanggal"]], all_levels=semua_bawahan)
        ]
    return rows


@dataclass
class Validation:
    diubah: list[int] = field(default_factory=list)
    tetap: list[int] = field(default_factory=list)
    terlambat: list[int] = field(default_factory=list)  # validated after batas_validasi_hari


def validate(
    conn: sqlite3.Connection,
    ids: list[int],
    *,
    oleh: str,
    tolak: bool,
    alasan: str | None,
    now: datetime,
    atas_nama: str | None = None,
) -> Validation:
    """Approve (or reject, with a reason) activities in bulk; all of them or none. `atas_nama`:
    the validator outside the store whose decision the clerk `oleh` records (audited as such)."""
    alasan = (alasan or "").strip() or None
    if tolak and not alasan:
        raise KerjaError("Penolakan wajib memberi alasan.")
    status = "ditolak" if tolak else "disetujui"
    result = Validation()
    validator = atas_nama or oleh
    with transaction(conn):
        outside = {n: v["nip_luar"] for n, v in discipline.outside_validators(conn).items()}
        if validator not in outside.values():
            employees_store.get(conn, validator)  # the validator is an employee, named by NIP
        found = store.by_ids(conn, ids)
        missing = [i for i in ids if i not in found]
        if missing:
            raise KerjaError(
                f"Kegiatan #{', #'.join(map(str, missing))} tidak ada; cek nomornya "
                "dengan `kerja kinerja daftar`. Tidak ada yang divalidasi."
            )
        # The chain in force on each activity's date: after a supervisor change dated the 15th,
        # the old supervisor validates the 10th and the new one the 20th.
        bosses = employees_store.supervisors_on(conn, (found[i]["tanggal"] for i in ids))
        for i in ids:
            try:
                dom.check_validator(validator, found[i]["nip"], bosses[found[i]["tanggal"]], outside)
            except KerjaError as e:
                raise type(e)(f"Kegiatan #{i}: {e} Tidak ada yang divalidasi.") from None
        institution.ensure_unlocked(conn, {found[i]["tanggal"][:7] for i in ids}, WHAT)
        stamp = zones.local_now(now, employee_zone(conn, oleh)).isoformat(timespec="seconds")
        updates, entries = [], []
        deadlines: dict[str, date | None] = {}
        for i in dict.fromkeys(ids):
            old = found[i]
            if old["status"] == status and old["alasan"] == alasan:
                result.tetap.append(i)
                continue
            month = old["tanggal"][:7]
            if month not in deadlines:
                batas = institution.rules_for_month(conn, month)["kinerja"]["batas_validasi_hari"]
                deadlines[month] = dom.validation_deadline(month, batas)
            if not tolak and not dom.counts(status, date.fromisoformat(stamp[:10]), deadlines[month]):
                result.terlambat.append(i)
            updates.append((status, validator, stamp, alasan, i))
            before = {k: old[k] for k in ("id", "status", "divalidasi_oleh", "divalidasi_pada", "alasan")}
            after = {
                "id": i,
                "status": status,
                "divalidasi_oleh": validator,
                "divalidasi_pada": stamp,
                "alasan": alasan,
            }
            if validator in outside.values():
                after["validator_luar"] = validator
            if atas_nama:
                after["atas_nama"] = atas_nama
            aksi = "kinerja.tolak" if tolak else "kinerja.setujui"
            entries.append((old["nip"], aksi, before, after, alasan))
            result.diubah.append(i)
        store.set_validation(conn, updates)
        audit.record_many(conn, oleh, entries)
    return result


def _pending(conn: sqlite3.Connection, activity_id: int, what: str) -> dict[str, Any]:
    row = store.get(conn, activity_id)
    if row is None:
        raise KerjaError(f"Kegiatan #{activity_id} tidak ada. Lihat id-nya dengan `kerja kinerja daftar`.")
    if row["status"] != "diajukan":
        by = f" oleh {row['divalidasi_oleh']}" if row["divalidasi_oleh"] else ""
        raise KerjaError(
            f"Kegiatan #{activity_id} sudah {row['status']}{by}; hanya kegiatan yang masih menunggu "
            f"validasi yang bisa {what}."
        )
    return row


def edit(
    conn: sqlite3.Connection,
    activity_id: int,
    *,
    tanggal: date | None = None,
    mulai: time | None = None,
    selesai: time | None = None,
    uraian: str | None = None,
    output: str | None = None,
    alasan: str | None = None,
    oleh: str,
    now: datetime,
) -> dict[str, Any]:
    """Correct an activity still waiting for validation (date, hours, description, output)."""
    from datetime import time as time_type

    with transaction(conn):
        old = _pending(conn, activity_id, "diubah")
        d = tanggal or date.fromisoformat(old["tanggal"])
        a = mulai or time_type.fromisoformat(old["mulai"])
        b = selesai or time_type.fromisoformat(old["selesai"])
        text = old["uraian"] if uraian is None else uraian.strip()
        if not text:
            raise KerjaError("--uraian tidak boleh kosong; tulis apa yang dikerjakan.")
        menit = dom.minutes(a, b)
        today = zones.local_today(now, employee_zone(conn, old["nip"]))
        if d > today:
            raise KerjaError(f"--tanggal {d} belum terjadi (hari ini {today}).")
        institution.ensure_unlocked(conn, {old["tanggal"][:7], d.isoformat()[:7]}, WHAT)
        others = [s for s in store.same_day(conn, old["nip"], d.isoformat()) if s.id != activity_id]
        clash = dom.overlaps(a, b, others)
        if clash:
            c = clash[0]
            raise KerjaError(
                f"Kegiatan {a:%H:%M}-{b:%H:%M} tumpang tindih dengan kegiatan #{c.id} "
                f"{c.mulai}-{c.selesai} ({c.uraian}) pada {d}; ubah jamnya."
            )
        new = {
            "tanggal": d.isoformat(),
            "mulai": f"{a:%H:%M}",
            "selesai": f"{b:%H:%M}",
            "menit": menit,
            "uraian": text,
            "output": old["output"] if output is None else (output.strip() or None),
        }
        changed = {k: v for k, v in new.items() if old[k] != v}
        if not changed:
            raise KerjaError(f"Kegiatan #{activity_id} tidak berubah; beri nilai baru.")
        store.update(conn, activity_id, new)
        audit.record(
            conn,
            oleh=oleh,
            aksi="kinerja.ubah",
            nip=old["nip"],
            sebelum={"id": activity_id, **{k: old[k] for k in changed}},
            sesudah={"id": activity_id, **changed},
            alasan=(alasan or "").strip() or None,
        )
    return {**old, **new}


def withdraw(
    conn: sqlite3.Connection, activity_id: int, *, alasan: str | None = None, oleh: str
) -> dict[str, Any]:
    """Withdraw an activity still waiting for validation; the audit keeps the whole of it."""
    with transaction(conn):
        row = _pending(conn, activity_id, "ditarik")
        institution.ensure_unlocked(conn, [row["tanggal"][:7]], WHAT)
        store.delete(conn, activity_id)
        audit.record(
            conn,
            oleh=oleh,
            aksi="kinerja.tarik",
            nip=row["nip"],
            sebelum=row,
            alasan=(alasan or "").strip() or None,
        )
    return row


def set_outside_validator(
    conn: sqlite3.Connection,
    nip: str,
    nip_luar: str,
    *,
    nama: str | None,
    jabatan: str | None,
    oleh: str,
    now: datetime,
) -> dict[str, Any]:
    """Name who validates `nip` (a head whose supervisor is outside the store, e.g. the Sekda)."""
    nip_luar = nip_luar.strip()
    if not nip_luar or any(c.isspace() for c in nip_luar):
        raise KerjaError(f"--validator-luar {nip_luar!r} harus NIP validator (tanpa spasi).")
    if nip_luar == nip:
        raise KerjaError(f"{nip} tidak boleh memvalidasi kegiatannya sendiri; isi NIP validator lain.")
    with transaction(conn):
        employees_store.get(conn, nip)
        row = {
            "nip": nip,
            "nip_luar": nip_luar,
            "nama": (nama or "").strip() or None,
            "jabatan": (jabatan or "").strip() or None,
            "oleh": oleh,
            "dicatat_pada": now.isoformat(),
        }
        old = discipline.set_outside_validator(conn, row)
        audit.record(conn, oleh=oleh, aksi="pegawai.validator_luar", nip=nip, sebelum=old, sesudah=row)
    return row


def unvalidatable(conn: sqlite3.Connection, month: str) -> list[dict[str, Any]]:
    """Employees on the books in `month` whose activities nobody can validate (no supervisor in
    the store, no validator outside it), with their activity count in `month`: warned by the
    recap and the lock. People with a dated change are looked at day by day with the chain in
    force then (`supervisors_on`, as `validate`): listed when on some day of the month they were
    on the books without a supervisor in the store, counting the activities of those days."""
    from ..domain.facts import active_on
    from ..store import presence as presence_store

    y, m = int(month[:4]), int(month[5:7])
    first = date(y, m, 1)
    last = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    heads = discipline.heads_without_validator(conn, first.isoformat(), last.isoformat())
    spans = presence_store.dated_activity(conn, first.isoformat())
    outside = set(discipline.outside_validators(conn))
    spans = {n: v for n, v in spans.items() if n not in outside}
    if not spans:
        return heads
    days = [(first + timedelta(days=k)).isoformat() for k in range((last - first).days + 1)]
    bosses = employees_store.supervisors_on(conn, days)
    known = discipline.known_nips(conn)
    for nip, nama, unit, acts in discipline.people_with_days(conn, spans, days[0], days[-1]):
        segs, now_ = spans[nip]
        # No supervisor in the store that day: nobody in the chain may validate (the SQL's test).
        bare = {d for d in days if active_on(segs, now_, d) and bosses[d].get(nip) not in known}
        if bare:
            heads.append({"nip": nip, "nama": nama, "unit": unit, "kegiatan": sum(t in bare for t in acts)})
    heads.sort(key=lambda h: (h["unit"], h["nip"]))
    return heads


# --- days that are not ordinary working days (warned by catat and impor; rule keys decide) ---


def day_notes(conn: sqlite3.Connection, pairs: Iterable[tuple[str, date]]) -> dict[tuple[str, date], str]:
    """(nip, day) -> why that day is not an ordinary working day for the person (a weekend, a
    holiday, a declared status such as S or CT), for the pairs that are not."""
    from ..domain import calendar
    from ..domain.activity_rows import day_note
    from ..store import presence as presence_store
    from .kalender import holidays

    wanted = sorted(set(pairs), key=lambda p: (p[1], p[0]))
    if not wanted:
        return {}
    lo, hi = min(d for _, d in wanted), max(d for _, d in wanted)
    hol = holidays(conn, range(lo.year, hi.year + 1))
    rules_for = institution.rules_for_day(conn)
    declared: dict[tuple[str, date], str] = {}
    nips = sorted({n for n, _ in wanted})
    for nip, kode, mulai, sampai in presence_store.statuses(conn, lo, hi, nips if len(nips) < 500 else None):
        first, last = max(lo, date.fromisoformat(mulai)), min(hi, date.fromisoformat(sampai))
        for d in calendar.days_between(first, last):
            declared[(nip, d)] = kode
    out: dict[tuple[str, date], str] = {}
    for nip, d in wanted:
        libur = None
        if not calendar.is_workday(d, rules_for(d), hol):
            libur = hol.get(d) or f"hari {HARI_PANJANG[d.weekday()]}"
        note = day_note(declared.get((nip, d)), libur)
        if note:
            out[(nip, d)] = note
    return out


HARI_PANJANG = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def counting_note(conn: sqlite3.Connection, month: str, note: str) -> str:
    """Whether the rules of `month` count an activity on such a day, with the key that says so."""
    k = institution.rules_for_month(conn, month)["kinerja"]
    key = "hitung_hari_libur" if note.startswith("bukan hari kerja") else "hitung_hari_status"
    if k.get(key, True):
        return f"tetap dihitung (aturan kinerja.{key} = true)"
    return f"tidak dihitung di rekap TPP (aturan kinerja.{key} = false)"


def warnings_for(conn: sqlite3.Connection, acts: Iterable[tuple[str, date, str]]) -> list[str]:
    """One line per activity (nip, day, label) on a day that is not an ordinary working day."""
    acts = list(acts)
    notes = day_notes(conn, [(n, d) for n, d, _ in acts])
    out = []
    for nip, d, label in acts:
        note = notes.get((nip, d))
        if note:
            out.append(f"{label}: {nip} {d} {note}; {counting_note(conn, d.isoformat()[:7], note)}.")
    return out


# --- kinerja impor ---


def import_file(
    conn: sqlite3.Connection,
    path: str | Path,
    *,
    oleh: str,
    now: datetime,
    sheet: str | None = None,
) -> dict[str, Any]:
    """`kinerja impor FILE`: every row of an e-Kinerja export (CSV/XLSX) recorded as by `catat`,
    with the same checks; one bad row and nothing is stored (every bad row named)."""
    from ..domain import activity_rows as rows_dom
    from ..domain.performance import describe, match_columns
    from ..io.tables import find_header, iter_nonempty, read_rows

    name = Path(path).name
    raw = read_rows(path, sheet)
    table = find_header(
        raw, lambda row: set(rows_dom.NEEDED) <= set(match_columns(row, rows_dom.ACTIVITY_COLUMNS)), path
    )
    cols = match_columns(table.headers, rows_dom.ACTIVITY_COLUMNS)
    missing = [f for f in rows_dom.NEEDED if f not in cols]
    if missing:
        aliases = "; ".join(f"{f}: {', '.join(rows_dom.ACTIVITY_COLUMNS[f][:3])}" for f in missing)
        raise KerjaError(
            f"{name}: kolom wajib tidak ditemukan ({aliases}). Judul kolom yang dikenal: NIP, Tanggal, "
            "Jam Mulai, Jam Selesai, Uraian Kegiatan, Output, Volume."
        )
    body = list(iter_nonempty(table.rows))
    if not body:
        raise KerjaError(f"{name}: tidak ada baris kegiatan di bawah judul kolom (baris {table.header_row}).")
    acts, problems = rows_dom.parse_rows(cols, body)
    with transaction(conn):
        people: dict[str, dict[str, Any] | None] = {}
        today: dict[str, date] = {}
        catalogue = discipline.catalogue(conn) if any(a.kegiatan for a in acts) else {}
        stored_clash: list[rows_dom.Problem] = []
        month_first: dict[str, rows_dom.Activity] = {}
        good: list[rows_dom.Activity] = []
        for a in acts:
            if a.nip not in people:
                try:
                    people[a.nip] = employees_store.get(conn, a.nip)
                except KerjaError:
                    people[a.nip] = None
                else:
                    today[a.nip] = zones.local_today(now, employee_zone(conn, a.nip))
            emp = people[a.nip]
            if emp is None:
                problems.append((a.baris, "nip", a.nip, "tidak ada di data pegawai (cari: pegawai cari)"))
                continue
            if not emp["aktif"]:
                problems.append((a.baris, "nip", a.nip, f"{emp['nama']} nonaktif"))
                continue
            if a.tanggal > today[a.nip]:
                problems.append(
                    (a.baris, "tanggal", a.tanggal.isoformat(), f"belum terjadi (hari ini {today[a.nip]})")
                )
                continue
            if a.kegiatan is not None and a.kegiatan not in catalogue:
                problems.append((a.baris, "kode", a.kegiatan, "tidak ada di katalog kegiatan"))
                continue
            clash = dom.overlaps(a.mulai, a.selesai, store.same_day(conn, a.nip, a.tanggal.isoformat()))
            if clash:
                c = clash[0]
                stored_clash.append(
                    (
                        a.baris,
                        "mulai",
                        f"{a.mulai:%H:%M}-{a.selesai:%H:%M}",
                        f"tumpang tindih dengan kegiatan #{c.id} {c.mulai}-{c.selesai} ({c.uraian}) yang "
                        "sudah tercatat (berkas ini sudah pernah diimpor?)",
                    )
                )
                continue
            month_first.setdefault(a.tanggal.isoformat()[:7], a)
            good.append(a)
        problems += stored_clash
        for month, a in sorted(month_first.items()):
            try:
                institution.ensure_unlocked(conn, [month], WHAT)
            except KerjaError:
                problems.append(
                    (a.baris, "tanggal", a.tanggal.isoformat(), f"bulan {month} sudah dikunci (rekap kunci)")
                )
        if problems:
            problems.sort(key=lambda p: p[0])
            raise KerjaError(describe(problems, name))
        stamp = now.isoformat()
        ids: list[int] = []
        entries = []
        for a in good:
            row: dict[str, Any] = {
                "nip": a.nip,
                "tanggal": a.tanggal.isoformat(),
                "mulai": f"{a.mulai:%H:%M}",
                "selesai": f"{a.selesai:%H:%M}",
                "menit": a.menit,
                "uraian": a.uraian,
                "output": a.output,
                "dicatat_pada": stamp,
                "volume": a.volume,
                "kegiatan": a.kegiatan,
            }
            new_id = store.insert(conn, row)
            row["id"] = new_id
            ids.append(new_id)
            entries.append((a.nip, "kinerja.catat", None, {**row, "berkas": name, "baris": a.baris}, None))
        audit.record_many(conn, oleh, entries)
    labels = [(a.nip, a.tanggal, f"baris {a.baris} (#{i})") for a, i in zip(good, ids, strict=True)]
    warnings = warnings_for(conn, labels)
    return {
        "kegiatan": len(ids),
        "menit": sum(a.menit for a in good),
        "pegawai": len({a.nip for a in good}),
        "id": ids,
        "peringatan": warnings,
    }


# --- kinerja validasi --semua ---


def pending_for(
    conn: sqlite3.Connection,
    validator: str,
    *,
    nip: str | None = None,
    bulan: str | None = None,
    sampai: date | None = None,
) -> list[int]:
    """Ids of the activities still waiting that `validator` may validate: everyone below them in
    the chain (every level) and the people they validate from outside the store; narrowed to one
    person, a month and the days up to `sampai`."""
    outside = {n: v["nip_luar"] for n, v in discipline.outside_validators(conn).items()}
    if validator not in outside.values():
        employees_store.get(conn, validator)
    links = employees_store.supervisor_links(conn, f"{bulan}-01" if bulan else None)
    team = dom.below(validator, links, all_levels=True) | {n for n, v in outside.items() if v == validator}
    team.discard(validator)
    if nip is not None:
        employees_store.get(conn, nip)
        if nip not in team:
            raise KerjaError(
                f"{nip} bukan bawahan {validator} (langsung maupun di bawahnya); kegiatannya tidak bisa "
                "divalidasi olehnya. Cek `kerja pegawai lihat NIP`."
            )
        team = {nip}
    last = sampai.isoformat() if sampai else None
    rows = [
        r
        for r in store.listing(conn, nips=team, bulan=bulan, status="diajukan")
        if last is None or r["tanggal"] <= last
    ]
    # The rule `validate` applies, with the chain in force on each activity's date.
    bosses = employees_store.supervisors_on(conn, (r["tanggal"] for r in rows))
    return [r["id"] for r in rows if dom.may_validate(validator, r["nip"], bosses[r["tanggal"]], outside)]


def drop_uncounted(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[str, str | None, int]],
    kinerja_rules: dict[str, Any],
    start: date,
    end: date,
) -> list[tuple[str, str | None, int]]:
    """The per-day (nip, tanggal, minutes) rows the rules count: without the days that are not
    working days when `kinerja.hitung_hari_libur` is false, and without a person's declared-status
    days (S, I, C*, DL, ...) when `kinerja.hitung_hari_status` is false."""
    from ..domain import calendar
    from ..store import presence as presence_store
    from .kalender import working_days

    libur = not kinerja_rules.get("hitung_hari_libur", True)
    status = not kinerja_rules.get("hitung_hari_status", True)
    rows = list(rows)
    if not (libur or status):
        return rows
    work = {d.isoformat() for d in working_days(conn, start, end)} if libur else set()
    declared: set[tuple[str, str]] = set()
    if status:
        for nip, _kode, mulai, sampai in presence_store.statuses(conn, start, end):
            first, last = max(start, date.fromisoformat(mulai)), min(end, date.fromisoformat(sampai))
            for d in calendar.days_between(first, last):
                declared.add((nip, d.isoformat()))
    return [
        (nip, t, m)
        for nip, t, m in rows
        if t is not None and not (libur and t not in work) and not (status and (nip, t) in declared)
    ]
