"""Web accounts (`kerja akun`) and logging in to `kerja layan`: one-time passwords, argon2id
hashes, throttled logins, sessions that end. `now` is passed in by the caller."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain import accounts as dom
from ..domain.activities import subordinates
from ..domain.errors import KerjaError, NotAllowed, NotFound, NotLoggedIn, TooManyAttempts
from ..domain.nip import clean_nip
from ..store import accounts as store
from ..store import audit
from ..store import employees as employees_store
from ..store.db import transaction

BAD_LOGIN = "NIP atau sandi salah."
# Hashing is deliberately slow and memory-hard (argon2id, 19 MiB, 2 passes: the OWASP minimum);
# a few at a time, so 50 phones logging in at 07:25 cannot take all of the server's memory.
_HASHING = threading.BoundedSemaphore(4)
_hasher: Any = None
_dummy: str | None = None


def _ph() -> Any:
    global _hasher
    if _hasher is None:
        try:
            from argon2 import PasswordHasher
        except ImportError:
            raise KerjaError(
                "Akun web memerlukan paket tambahan: pip install 'kerja[web]' (argon2-cffi)."
            ) from None
        _hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
    return _hasher


def _hash(password: str) -> str:
    with _HASHING:
        return str(_ph().hash(password))


def _verify(hashed: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    with _HASHING:
        try:
            return bool(_ph().verify(hashed, password))
        except (VerificationError, InvalidHashError):
            return False


def _dummy_hash() -> str:
    """A hash to verify against when the NIP has no account, so both answers take as long."""
    global _dummy
    if _dummy is None:
        _dummy = _hash(secrets.token_urlsafe(16))
    return _dummy


def _utc(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="seconds")


def one_time_password() -> str:
    """Twelve characters a clerk can read out over the phone: no 0/O, 1/l/I."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Clerk's commands ------------------------------------------------------------------------------


def create(
    conn: sqlite3.Connection, nip: str, peran: str | None, *, oleh: str, now: datetime
) -> dict[str, Any]:
    """An account for an employee with a one-time password (shown once, stored only hashed).
    Default role: atasan when the employee supervises someone, else pegawai."""
    sandi = one_time_password()
    hashed = _hash(sandi)
    with transaction(conn):
        emp = employees_store.get(conn, nip)
        if not emp["aktif"]:
            raise KerjaError(f"Pegawai {nip} ({emp['nama']}) nonaktif; akun tidak dibuat.")
        if store.get(conn, nip) is not None:
            raise KerjaError(
                f"{nip} sudah punya akun; buat sandi sekali pakai baru dengan `kerja akun reset {nip}`."
            )
        if peran is None:
            peran = (
                "atasan"
                if subordinates(nip, employees_store.supervisors(conn), all_levels=False)
                else "pegawai"
            )
        peran = dom.check_role(peran)
        store.insert(conn, nip, peran, hashed, _utc(now))
        audit.record(conn, oleh=oleh, aksi="akun.buat", nip=nip, sesudah={"peran": peran})
    return {"nip": nip, "nama": emp["nama"], "peran": peran, "sandi": sandi}


def _existing(conn: sqlite3.Connection, nip: str) -> dict[str, Any]:
    acc = store.get(conn, nip)
    if acc is None:
        raise NotFound(f"{nip} belum punya akun; buat dengan `kerja akun buat {nip}`.")
    return acc


def reset(conn: sqlite3.Connection, nip: str, *, oleh: str, now: datetime) -> dict[str, Any]:
    """A new one-time password; it also reopens a locked account and ends its sessions."""
    sandi = one_time_password()
    hashed = _hash(sandi)
    with transaction(conn):
        acc = _existing(conn, nip)
        store.set_password(conn, nip, hashed, sekali=True, pada=_utc(now))
        store.end_sessions(conn, nip)
        audit.record(
            conn,
            oleh=oleh,
            aksi="akun.reset",
            nip=nip,
            sebelum={"terkunci": bool(acc["terkunci"])},
            sesudah={"terkunci": False},
        )
    return {"nip": nip, "nama": acc["nama"], "peran": acc["peran"], "sandi": sandi}


def lock(conn: sqlite3.Connection, nip: str, *, oleh: str, now: datetime) -> dict[str, Any]:
    """Block the account (a lost phone, a transfer): its sessions end now; `akun reset` reopens."""
    with transaction(conn):
        acc = _existing(conn, nip)
        store.set_locked(conn, nip)
        store.end_sessions(conn, nip)
        audit.record(
            conn,
            oleh=oleh,
            aksi="akun.kunci",
            nip=nip,
            sebelum={"terkunci": bool(acc["terkunci"])},
            sesudah={"terkunci": True},
        )
    return {"nip": nip, "nama": acc["nama"], "peran": acc["peran"], "terkunci": True}


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [
        {
            "nip": a["nip"],
            "nama": a["nama"],
            "peran": a["peran"],
            "terkunci": bool(a["terkunci"]),
            "ganti_sandi": bool(a["ganti_sandi"]),
            "dibuat_pada": a["dibuat_pada"],
            "terakhir_masuk": a["terakhir_masuk"],
        }
        for a in store.listing(conn)
    ]


# Logging in ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    token_hash: str
    nip: str
    nama: str
    peran: str
    csrf: str
    ganti_sandi: bool


@dataclass(frozen=True)
class Login:
    token: str  # the cookie value; only its hash is stored
    session: Session


def login(conn: sqlite3.Connection, nip_text: str, sandi: str, *, klien: str, now: datetime) -> Login:
    """Check a NIP and password. A wrong password and an unknown NIP get the same NotLoggedIn;
    MAX_FAILURES failures in 15 minutes for a NIP, or from a client, give TooManyAttempts for 15
    minutes whatever the password (the lock is audited)."""
    try:
        nip = clean_nip(nip_text or "")
    except ValueError:
        nip = (nip_text or "").strip()[:40]
    since = _utc(now - dom.FAILURE_WINDOW - dom.LOCKOUT)
    by_nip, by_client = store.failures(conn, nip, klien, since)
    for times in (by_nip, by_client):
        if dom.locked_until([datetime.fromisoformat(t) for t in times], now) is not None:
            raise TooManyAttempts("Terlalu banyak percobaan masuk yang gagal; coba lagi 15 menit lagi.")
    acc = store.get(conn, nip) if nip else None
    ok = _verify(acc["sandi"] if acc else _dummy_hash(), sandi or "") and acc is not None
    if not ok:
        with transaction(conn):
            stamp = _utc(now)
            store.add_failure(conn, nip, klien, stamp)
            for what, times in (("nip", by_nip), ("klien", by_client)):
                until = dom.locked_until([datetime.fromisoformat(t) for t in [*times, stamp]], now)
                if until is not None:
                    audit.record(
                        conn,
                        oleh="kerja layan",
                        aksi="akun.kunci-sementara",
                        nip=nip if acc is not None else None,
                        sesudah={"karena": what, "klien": klien, "sampai": _utc(until)},
                        alasan=f"{dom.MAX_FAILURES} kali sandi salah dalam 15 menit",
                    )
            store.forget_failures(conn, since)
        raise NotLoggedIn(BAD_LOGIN)
    assert acc is not None
    if acc["terkunci"] or not acc["aktif"]:
        raise NotAllowed("Akun ini dikunci; hubungi petugas kepegawaian.")
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    th = token_hash(token)
    with transaction(conn):
        store.add_session(conn, th, nip, csrf, _utc(now), klien)
        store.touch_login(conn, nip, _utc(now))
        store.forget_sessions(conn, _utc(now - dom.SESSION_MAX))
    return Login(token, Session(th, nip, acc["nama"], acc["peran"], csrf, bool(acc["ganti_sandi"])))


def session(conn: sqlite3.Connection, token: str | None, *, now: datetime) -> Session | None:
    """The live session of a cookie value, else None (unknown, logged out, expired, locked)."""
    if not token or len(token) > 200:
        return None
    th = token_hash(token)
    row = store.session(conn, th)
    if row is None or row["terkunci"] or not row["aktif"]:
        return None
    dibuat = datetime.fromisoformat(row["dibuat_pada"])
    terakhir = datetime.fromisoformat(row["terakhir_pada"])
    if not dom.session_alive(row["peran"], dibuat, terakhir, now):
        with transaction(conn):
            store.end_session(conn, th)
        return None
    if row["peran"] == "petugas" and (now - terakhir).total_seconds() >= 30:
        with transaction(conn):  # idle time counts for petugas only: no write per employee request
            store.touch_session(conn, th, _utc(now))
    return Session(th, row["nip"], row["nama"], row["peran"], row["csrf"], bool(row["ganti_sandi"]))


def logout(conn: sqlite3.Connection, s: Session) -> None:
    with transaction(conn):
        store.end_session(conn, s.token_hash)


def change_password(conn: sqlite3.Connection, s: Session, lama: str, baru: str, *, now: datetime) -> None:
    """The person's own new password; other sessions of that NIP end."""
    acc = _existing(conn, s.nip)
    if not _verify(acc["sandi"], lama or ""):
        raise NotLoggedIn("Sandi lama salah.")
    dom.check_new_password(s.nip, lama, baru or "")
    hashed = _hash(baru)
    with transaction(conn):
        store.set_password(conn, s.nip, hashed, sekali=False, pada=_utc(now))
        store.end_sessions(conn, s.nip, keep=s.token_hash)
        audit.record(conn, oleh=s.nip, aksi="akun.sandi", nip=s.nip)
