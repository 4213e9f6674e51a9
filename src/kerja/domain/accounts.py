"""Web accounts: roles, the password rule, login throttling and session expiry. Pure: times are
passed in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from .errors import KerjaError

ROLES = ("pegawai", "atasan", "petugas")
MAX_FAILURES = 5  # wrong passwords within FAILURE_WINDOW ...
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)  # ... lock the NIP (and the client) for this long
SESSION_MAX = timedelta(hours=8)
PETUGAS_IDLE = timedelta(minutes=15)
MIN_PASSWORD = 10


def check_role(peran: str) -> str:
    p = peran.strip().lower()
    if p not in ROLES:
        raise KerjaError(f"--peran {peran!r} tidak dikenal; pakai salah satu: {', '.join(ROLES)}.")
    return p


def check_new_password(nip: str, lama: str, baru: str) -> None:
    """A new password: long enough, not the NIP, not the old one."""
    if len(baru) < MIN_PASSWORD:
        raise KerjaError(f"Sandi baru minimal {MIN_PASSWORD} karakter.")
    if baru == lama:
        raise KerjaError("Sandi baru harus berbeda dari sandi lama.")
    if nip and nip in baru:
        raise KerjaError("Sandi baru tidak boleh memuat NIP.")
    if len(set(baru)) < 4:
        raise KerjaError("Sandi baru terlalu mudah ditebak; pakai campuran huruf, angka dan tanda.")


def locked_until(failures: Iterable[datetime], now: datetime) -> datetime | None:
    """When the lock set by these failed logins ends, if it is still on at `now`.

    MAX_FAILURES failures within FAILURE_WINDOW start a lock of LOCKOUT from the last of them;
    failures during a lock do not extend it, and counting starts afresh once it ends."""
    lock_end: datetime | None = None
    streak: list[datetime] = []
    for f in sorted(failures):
        if lock_end is not None and f < lock_end:
            continue
        streak = [x for x in streak if x > f - FAILURE_WINDOW and (lock_end is None or x >= lock_end)]
        streak.append(f)
        if len(streak) >= MAX_FAILURES:
            lock_end, streak = f + LOCKOUT, []
    return lock_end if lock_end is not None and now < lock_end else None


def session_alive(peran: str, dibuat: datetime, terakhir: datetime, now: datetime) -> bool:
    """A session lasts SESSION_MAX from login; a petugas's also ends after PETUGAS_IDLE idle."""
    if now >= dibuat + SESSION_MAX or now < dibuat - timedelta(minutes=5):
        return False
    return not (peran == "petugas" and now >= terakhir + PETUGAS_IDLE)
