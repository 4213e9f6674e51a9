"""Where SQL applies a rule for speed, the domain function is the oracle: both on the same cases.

- first-in/last-out punch aggregation: store.presence.punches / day_punches vs
  domain.presence.summarise (and so in_out, which reads either);
- the validation deadline: store.activities.counted_minutes vs domain.activities.counts over
  domain.activities.validation_deadline.
"""

from __future__ import annotations

import random
from datetime import date

from kerja.domain import activities as act
from kerja.domain.presence import in_out, summarise
from kerja.store import activities as activities_store
from kerja.store import presence as presence_store
from kerja.store.db import connect

DAYS = [date(2021, 2, d) for d in (1, 2, 3)]
NIPS = [f"19800101200501100{i}" for i in range(8)]


def _norm(p):
    """A Punches or an SQL row as plain values (SQL gives 1/0/None for the mode flags)."""
    return (p[0], p[1], p[2], p[3], p[4], bool(p[5]), bool(p[6]))


def test_sql_punch_aggregation_equals_the_domain_summary(tmp_path):
    conn = connect(tmp_path / "k.db", create=True)
    rng = random.Random(9)
    expected: dict[tuple[str, str], list[tuple[int, str | None, str | None]]] = {}
    rows = []
    for day in DAYS:
        for nip in NIPS:
            for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
                secs = rng.randrange(0, 86400)
                jenis = rng.choice(["masuk", "pulang", None, None])
                mode = rng.choice(["WFO", "WFH", None])
                sumber = rng.choice(["manual", "mesin", "online"])
                h, m, s = secs // 3600, secs // 60 % 60, secs % 60
                waktu = f"{day}T{h:02d}:{m:02d}:{s:02d}+07:00"
                rows.append((day.isoformat(), nip, waktu, jenis, mode, sumber, None, "uji", "2021-03-01"))
                expected.setdefault((day.isoformat(), nip), []).append((secs, jenis, mode))
    with conn:
        conn.executemany(presence_store.INSERT_MANUAL, rows)
    assert len(expected) > 15 and any(len(v) >= 3 for v in expected.values())

    by_nip = presence_store.punches(conn, DAYS[0], DAYS[-1], NIPS)
    got = {(t, nip): _norm(p) for nip, days in by_nip.items() for t, p in days.items()}
    oracle = {k: _norm(summarise(v)) for k, v in expected.items()}
    assert got == oracle
    for day in DAYS:
        for nip, row in presence_store.day_punches(conn, day.isoformat()).items():
            assert _norm(row) == oracle[(day.isoformat(), nip)]
            assert in_out(row) == in_out(summarise(expected[(day.isoformat(), nip)]))
    conn.close()


def test_sql_counted_minutes_follow_the_domain_deadline_rule(tmp_path):
    conn = connect(tmp_path / "k.db", create=True)
    rng = random.Random(3)
    month = "2021-02"
    rows = []
    for i in range(300):
        nip = rng.choice(NIPS)
        day = date(2021, 2, rng.randint(1, 28))
        status = rng.choice(["diajukan", "disetujui", "disetujui", "ditolak"])
        validated = None
        if status != "diajukan":
            validated = f"2021-{rng.choice(['02', '03', '03', '04'])}-{rng.randint(1, 28):02d}T10:00:00+08:00"
        rows.append(
            (nip, day.isoformat(), f"{i % 20:02d}:00", f"{i % 20:02d}:30", 30 + i % 7, status, validated)
        )
    with conn:
        conn.executemany(
            "INSERT INTO kinerja (nip, tanggal, mulai, selesai, menit, uraian, status, divalidasi_pada, "
            "dicatat_pada) VALUES (?, ?, ?, ?, ?, 'uji', ?, ?, '2021-02-01')",
            rows,
        )
    for batas in (0, 1, 5, 10, 31):
        deadline = act.validation_deadline(month, batas)
        sql = activities_store.counted_minutes(
            conn, "2021-02-01", "2021-02-28", deadline.isoformat() if deadline else None
        )
        got = {nip: minutes for nip, _, minutes in sql if minutes}
        oracle: dict[str, int] = {}
        for nip, _day, _a, _b, menit, status, validated in rows:
            on = date.fromisoformat(validated[:10]) if validated else None
            if act.counts(status, on, deadline):
                oracle[nip] = oracle.get(nip, 0) + menit
        assert got == oracle, batas
        assert batas == 0 or sum(oracle.values()) < sum(  # the deadline does cut something
            m for _, _, _, _, m, s, v in rows if s == "disetujui"
        )
    conn.close()
