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


def test_https_with_sertifikat_and_kunci(proses, kerja, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """--sertifikat/--kunci: the service speaks HTTPS itself; cookies get Secure, answers HSTS."""
    import shutil
    import ssl
    import subprocess

    import pytest

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed (to make a test certificate)")
    cert, key = tmp_path / "sertifikat.pem", tmp_path / "kunci.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    once = json.loads(kerja("akun", "buat", PEGAWAI, "--json").stdout)["sandi"]
    server = proses(args=["--sertifikat", str(cert), "--kunci", str(key)])
    ctx = ssl.create_default_context(cafile=str(cert))
    ctx.check_hostname = False  # the test certificate names no host
    req = urllib.request.Request(
        server.url.replace("http://", "https://") + "/api/masuk",
        data=json.dumps({"nip": PEGAWAI, "sandi": once}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10, context=ctx) as r:
        cookie = r.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert r.headers["Strict-Transport-Security"] == "max-age=31536000"
    # Plain HTTP on that port gets no answer a browser could use.
    with pytest.raises(Exception):  # noqa: B017 - a reset or a bad status line, by platform
        urllib.request.urlopen(server.url + "/masuk", timeout=5)
    assert server.stop() == 0
    assert "https://127.0.0.1" in server.log()


def test_layan_refuses_bad_options(kerja, sample, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = kerja("layan", "--sertifikat", str(tmp_path / "a.pem"), code=1)
    assert "--sertifikat dan --kunci dipakai berpasangan" in r.stderr
    r = kerja("layan", "--sertifikat", str(tmp_path / "a.pem"), "--kunci", str(tmp_path / "b.pem"), code=1)
    assert "a.pem tidak ditemukan" in r.stderr
    r = kerja("layan", "--port", "70000", code=1)
    assert "70000" in r.stderr


def test_client_address_from_a_trusted_proxy_only(proses, kerja) -> None:  # type: ignore[no-untyped-def]
    """X-Forwarded-For/-Proto count only from --proksi (default: this machine, where the README's
    nginx/caddy run); the lockout and the log use that address."""
    once = json.loads(kerja("akun", "buat", PEGAWAI, "--json").stdout)["sandi"]
    proxied = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    local = proses()
    _, headers, _ = call(local.url, "/api/masuk", {"nip": PEGAWAI, "sandi": once}, proxied)
    assert "Secure" in headers["Set-Cookie"]  # the proxy said the browser speaks HTTPS
    assert local.stop() == 0
    assert '203.0.113.9:0 "POST /api/masuk HTTP/1.1" 200' in local.log()
    elsewhere = proses(args=["--proksi", "10.9.9.9"])  # a proxy on another machine
    _, headers, _ = call(elsewhere.url, "/api/masuk", {"nip": PEGAWAI, "sandi": once}, proxied)
    assert "Secure" not in headers["Set-Cookie"]
    assert elsewhere.stop() == 0
    log = elsewhere.log()
    assert "203.0.113.9" not in log and "127.0.0.1:" in log
    r = kerja("layan", "--proksi", "nginx.lokal", code=1)
    assert "--proksi: 'nginx.lokal' bukan alamat IP" in r.stderr
