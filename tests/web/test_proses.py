"""`kerja layan` as a process: it starts in seconds, logs one line per request without passwords,
session ids or CSRF tokens, and stops cleanly on SIGTERM (exit 0, the request in the store)."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.request
from typing import Any

from .conftest import PEGAWAI, SANDI


def call(url: str, path: str, data: Any = None, headers: dict[str, str] | None = None) -> Any:
    req = urllib.request.Request(
        url + path,
        data=None if data is None else json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="GET" if data is None else "POST",
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, r.headers, json.loads(r.read() or b"null")


def test_starts_logs_without_secrets_and_stops_on_sigterm(proses, kerja, sample) -> None:  # type: ignore[no-untyped-def]
    once = json.loads(kerja("akun", "buat", PEGAWAI, "--json").stdout)["sandi"]
    t0 = time.monotonic()
    server = proses()
    started = time.monotonic() - t0
    assert started < 20, started  # generous: the machine is shared; a start takes ~1 s alone
    status, headers, me = call(server.url, "/api/masuk", {"nip": PEGAWAI, "sandi": once})
    cookie = headers["Set-Cookie"].split(";")[0]  # kerja_sesi=<token>
    token = cookie.split("=", 1)[1]
    auth = {"Cookie": cookie, "X-Kerja-CSRF": me["csrf"]}
    call(server.url, "/api/sandi", {"lama": once, "baru": SANDI}, auth)
    status, _, event = call(server.url, "/api/presensi", {"jenis": "masuk"}, auth)
    assert status == 201
    assert server.stop() == 0
    log = server.log().splitlines()
    requests = [line for line in log if '"POST /api/' in line]
    assert [r.split('"')[1] for r in requests] == [
        "POST /api/masuk HTTP/1.1",
        "POST /api/sandi HTTP/1.1",
        "POST /api/presensi HTTP/1.1",
    ]
    assert all("127.0.0.1" in r for r in requests)
    text = "\n".join(log)
    for secret in (once, SANDI, token, me["csrf"]):
        assert secret not in text
    assert log[-1].endswith("kerja layan berhenti (SIGTERM).")
    conn = sqlite3.connect(sample)
    assert conn.execute("SELECT id, nip FROM presensi").fetchall() == [(event["id"], PEGAWAI)]
