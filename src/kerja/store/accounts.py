"""Web accounts, sessions and failed logins (tables akun, sesi, gagal_masuk)."""

from __future__ import annotations

import sqlite3
from typing import Any

ACCOUNT = (
    "SELECT a.nip, a.peran, a.sandi, a.ganti_sandi, a.terkunci, a.dibuat_pada, a.sandi_diubah_pada, "
    "a.terakhir_masuk, p.nama, p.aktif FROM akun a JOIN pegawai p ON p.nip = a.nip"
)


def get(conn: sqlite3.Connection, nip: str) -> dict[str, Any] | None:
    row = conn.execute(ACCOUNT + " WHERE a.nip = ?", (nip,)).fetchone()
    return dict(row) if row else None


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(ACCOUNT + " ORDER BY a.peran DESC, p.nama, a.nip")]


def insert(conn: sqlite3.Connection, nip: str, peran: str, sandi: str, pada: str) -> None:
    conn.execute(
        "INSERT INTO akun (nip, peran, sandi, ganti_sandi, terkunci, dibuat_pada) VALUES (?, ?, ?, 1, 0, ?)",
        (nip, peran, sandi, pada),
    )


def set_password(conn: sqlite3.Connection, nip: str, sandi: str, *, sekali: bool, pada: str) -> None:
    """A new hash; `sekali`: a one-time password (change at next login), which also reopens a
    locked account."""
    if sekali:
        conn.execute(
            "UPDATE akun SET sandi = ?, ganti_sandi = 1, terkunci = 0, sandi_diubah_pada = ? WHERE nip = ?",
            (sandi, pada, nip),
        )
    else:
        conn.execute(
            "UPDATE akun SET sandi = ?, ganti_sandi = 0, sandi_diubah_pada = ? WHERE nip = ?",
            (sandi, pada, nip),
        )


def set_locked(conn: sqlite3.Connection, nip: str) -> None:
    conn.execute("UPDATE akun SET terkunci = 1 WHERE nip = ?", (nip,))


def touch_login(conn: sqlite3.Connection, nip: str, pada: str) -> None:
    conn.execute("UPDATE akun SET terakhir_masuk = ? WHERE nip = ?", (pada, nip))


def failures(conn: sqlite3.Connection, nip: str, klien: str, since: str) -> tuple[list[str], list[str]]:
    """Failed-login times since `since` (UTC ISO) for the NIP and for the client."""
    by_nip = [
        r[0] for r in conn.execute("SELECT waktu FROM gagal_masuk WHERE nip = ? AND waktu >= ?", (nip, since))
    ]
    by_client = [
        r[0]
        for r in conn.execute("SELECT waktu FROM gagal_masuk WHERE klien = ? AND waktu >= ?", (klien, since))
    ]
    return by_nip, by_client


def add_failure(conn: sqlite3.Connection, nip: str, klien: str, waktu: str) -> None:
    conn.execute("INSERT INTO gagal_masuk (waktu, nip, klien) VALUES (?, ?, ?)", (waktu, nip, klien))


def forget_failures(conn: sqlite3.Connection, before: str) -> None:
    conn.execute("DELETE FROM gagal_masuk WHERE waktu < ?", (before,))


def add_session(
    conn: sqlite3.Connection, token_hash: str, nip: str, csrf: str, pada: str, klien: str
) -> None:
    conn.execute(
        "INSERT INTO sesi (token_hash, nip, csrf, dibuat_pada, terakhir_pada, klien) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (token_hash, nip, csrf, pada, pada, klien),
    )


def session(conn: sqlite3.Connection, token_hash: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT s.token_hash, s.nip, s.csrf, s.dibuat_pada, s.terakhir_pada, a.peran, a.ganti_sandi, "
        "a.terkunci, p.nama, p.aktif FROM sesi s JOIN akun a ON a.nip = s.nip "
        "JOIN pegawai p ON p.nip = s.nip "
        "WHERE s.token_hash = ?",
        (token_hash,),
    ).fetchone()
    return dict(row) if row else None


def touch_session(conn: sqlite3.Connection, token_hash: str, pada: str) -> None:
    conn.execute("UPDATE sesi SET terakhir_pada = ? WHERE token_hash = ?", (pada, token_hash))


def end_session(conn: sqlite3.Connection, token_hash: str) -> None:
    conn.execute("DELETE FROM sesi WHERE token_hash = ?", (token_hash,))


def end_sessions(conn: sqlite3.Connection, nip: str, keep: str | None = None) -> None:
    conn.execute("DELETE FROM sesi WHERE nip = ? AND token_hash IS NOT ?", (nip, keep))


def forget_sessions(conn: sqlite3.Connection, before: str) -> None:
    conn.execute("DELETE FROM sesi WHERE dibuat_pada < ?", (before,))
