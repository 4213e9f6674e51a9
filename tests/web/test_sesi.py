"""Sessions that end, logins throttled per client as well as per NIP, form posts that cannot
send the person to another site. The server's clock is KERJA_SEKARANG, moved by the test."""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import urlencode

from .conftest import PEGAWAI, PETUGAS, SEKARANG


def at(monkeypatch, hhmmss: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KERJA_SEKARANG", f"2021-02-03T{hhmmss}+07:00")


def sessions(db) -> int:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM sesi").fetchone()[0])
    finally:
        conn.close()


def test_a_session_lasts_8_hours_from_login(layan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert SEKARANG.endswith("07:41:20+07:00")
    c = layan.logged_in(PEGAWAI)  # logged in at 07:41:20
    # Idle time does not count for an employee: 2 hours without a request, still in.
    at(monkeypatch, "09:41:20")
    assert c.get("/api/saya").status == 200
    # 07:41:20 + 8 h = 15:41:20: one second before, still in; at it, out, and the row is gone.
    at(monkeypatch, "15:41:19")
    assert c.get("/api/saya").status == 200
    before = sessions(layan.db)
    at(monkeypatch, "15:41:20")
    assert c.get("/api/saya").status == 401
    assert c.get("/hari-ini").status == 303  # the page sends it to the login form
    assert sessions(layan.db) == before - 1
    # Dead for good: not alive again if the clock were earlier.
    at(monkeypatch, "15:00:00")
    assert c.get("/api/saya").status == 401


def test_a_petugas_session_ends_after_15_idle_minutes(layan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clerk = layan.logged_in(PETUGAS, "petugas")  # 07:41:20
    # Each request within 15 minutes keeps it open: 07:56:19 is 14:59 after the login,
    # 08:11:18 is 14:59 after that request.
    at(monkeypatch, "07:56:19")
    assert clerk.get("/api/hari-ini").status == 200
    at(monkeypatch, "08:11:18")
    assert clerk.get("/api/hari-ini").status == 200
    # 08:11:18 + 15 min = 08:26:18: out.
    at(monkeypatch, "08:26:18")
    assert clerk.get("/api/hari-ini").status == 401
    assert clerk.get("/petugas").status == 303


def test_five_failures_from_one_client_lock_that_client(layan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The client is the address uvicorn gives: X-Forwarded-For when the peer is a proxy on
    this machine (README: nginx/caddy), else the peer's own address."""
    once = layan.account(PEGAWAI)
    attacker = {"X-Forwarded-For": "10.0.0.7"}
    # Five different NIPs (so no NIP reaches five): only the client's count does.
    for i in range(5):
        r = layan.client().post(
            "/api/masuk", {"nip": f"19900101202001100{i}", "sandi": "x"}, headers=attacker
        )
        assert r.status == 401
    # From that client even a right password is refused; from another one it is fine.
    locked = layan.client().post("/api/masuk", {"nip": PEGAWAI, "sandi": once}, headers=attacker)
    assert locked.status == 429 and "15 menit" in locked.json["galat"]
    other = layan.client().post(
        "/api/masuk", {"nip": PEGAWAI, "sandi": once}, headers={"X-Forwarded-For": "10.0.0.8"}
    )
    assert other.status == 200
    conn = sqlite3.connect(layan.db)
    rows = conn.execute(
        "SELECT oleh, sesudah, alasan FROM audit WHERE aksi = 'akun.kunci-sementara'"
    ).fetchall()
    assert len(rows) == 1
    oleh, sesudah, alasan = rows[0]
    # The lock starts at the 5th failure (07:41:20 WIB = 00:41:20 UTC) and lasts 15 minutes.
    assert json.loads(sesudah) == {
        "karena": "klien",
        "klien": "10.0.0.7",
        "sampai": "2021-02-03T00:56:20+00:00",
    }
    assert oleh == "kerja layan" and alasan.startswith("5 kali sandi salah")
    at(monkeypatch, "07:56:20")
    assert layan.client().post("/api/masuk", {"nip": PEGAWAI, "sandi": once}, headers=attacker).status == 200


def test_the_login_page_is_throttled_and_answers_alike(layan) -> None:  # type: ignore[no-untyped-def]
    layan.account(PEGAWAI)

    def page_login(nip: str, sandi: str) -> tuple[int, str]:
        c = layan.client()
        form = c.get("/masuk").text
        pra = form.split('name="pra" value="')[1].split('"')[0]
        body = urlencode({"pra": pra, "nip": nip, "sandi": sandi}).encode()
        r = c.request("POST", "/masuk", body, {"Content-Type": "application/x-www-form-urlencoded"})
        return r.status, r.text.split('role="alert">')[1].split("<")[0] if 'role="alert"' in r.text else ""

    wrong = page_login(PEGAWAI, "salah-sekali")
    unknown = page_login("199001012020011001", "salah-sekali")
    assert wrong == unknown == (401, "NIP atau sandi salah.")
    for _ in range(4):  # 5 failures for Bagas in all
        page_login(PEGAWAI, "salah-sekali")
    status, text = page_login(PEGAWAI, layan.passwords[PEGAWAI])
    assert status == 429 and "15 menit" in text


def test_a_form_cannot_send_the_person_to_another_site(layan) -> None:  # type: ignore[no-untyped-def]
    c = layan.logged_in(PEGAWAI)
    for kembali in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "/kinerja"):
        body = urlencode({"csrf": c.csrf, "kembali": kembali, "tanggal": "bukan-tanggal"}).encode()
        r = c.request("POST", "/kinerja", body, {"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status == 303 and r.headers["Location"] == "/kinerja", kembali
    # The error is shown once, on the page.
    page = c.get("/kinerja").text
    assert "tanggal" in page and 'class="pesan galat"' in page
