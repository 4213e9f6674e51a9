"""`kerja layan` under test: the real uvicorn server on a free loopback port, over a temporary
store holding the README's sample institution; a small HTTP client that keeps cookies."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PEGAWAI = "198212292020011007"  # Bagas Dirgantara, no one below him
ATASAN = "196306221986021001"  # Kurnia Dirgantara, Bagas's direct supervisor
ATASAN_2 = "197001181993022009"  # Kurnia's supervisor (the chain above Bagas)
LAIN = "197902182007102006"  # Sekar Nirmalasari, in another chain (under Zulfan)
PETUGAS = "197110131993121002"  # Zulfan Cendana, the clerk
# A Wednesday morning in the store's zone (WIB): 11 minutes after the 07:30 start.
SEKARANG = "2021-02-03T07:41:20+07:00"
SANDI = "sandi-baru-yang-panjang"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()


class Client:
    """One browser-like client: its own cookies, the CSRF token it was given."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.csrf: str | None = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        csrf: bool = True,
    ) -> Reply:
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if csrf and self.csrf and method == "POST" and "X-Kerja-CSRF" not in h:
            h["X-Kerja-CSRF"] = self.csrf
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            reply = Reply(r.status, r.headers, r.read())
        finally:
            conn.close()
        for raw in reply.headers.get_all("Set-Cookie") or []:
            c = SimpleCookie()
            c.load(raw)
            for k, m in c.items():
                if m["max-age"] == "0" or not m.value:
                    self.cookies.pop(k, None)
                else:
                    self.cookies[k] = m.value
        return reply

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request("GET", path, **kw)

    def post(self, path: str, data: Any = None, **kw: Any) -> Reply:
        body = json.dumps(data).encode() if data is not None else b"{}"
        headers = {"Content-Type": "application/json", **kw.pop("headers", {})}
        return self.request("POST", path, body, headers, **kw)

    def login(self, nip: str, sandi: str) -> Reply:
        r = self.post("/api/masuk", {"nip": nip, "sandi": sandi})
        if r.status == 200:
            self.csrf = r.json["csrf"]
        return r


class Layan:
    def __init__(self, db: Path, port: int, kerja: Any) -> None:
        self.db = db
        self.port = port
        self.kerja = kerja
        self.passwords: dict[str, str] = {}

    def client(self) -> Client:
        return Client(self.port)

    def account(self, nip: str, peran: str | None = None) -> str:
        """`kerja akun buat` through the CLI; returns the one-time password."""
        args = ["akun", "buat", nip, "--json"] + (["--peran", peran] if peran else [])
        sandi = json.loads(self.kerja(*args).stdout)["sandi"]
        self.passwords[nip] = sandi
        return sandi

    def logged_in(self, nip: str, peran: str | None = None) -> Client:
        """A client logged in with its own password (the one-time one already changed)."""
        once = self.account(nip, peran)
        c = self.client()
        assert c.login(nip, once).status == 200
        assert c.post("/api/sandi", {"lama": once, "baru": SANDI}).status == 200
        self.passwords[nip] = SANDI
        return c


def start_server(db: Path, port: int) -> tuple[Any, threading.Thread]:
    import uvicorn

    from kerja.web.server import config

    server = uvicorn.Server(config(db, host="127.0.0.1", port=port, threads=8))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("kerja layan did not start")
        time.sleep(0.02)
    return server, thread


@pytest.fixture
def sample(kerja: Any, store: Path) -> Path:
    kerja("pegawai", "impor", str(ROOT / "examples" / "pegawai-contoh.csv"))
    return store


@pytest.fixture
def layan(sample: Path, kerja: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Layan]:
    monkeypatch.setenv("KERJA_SEKARANG", SEKARANG)
    port = free_port()
    server, thread = start_server(sample, port)
    try:
        yield Layan(sample, port, kerja)
    finally:
        server.should_exit = True
        thread.join(10)


class Proses:
    """`kerja layan` as the clerk starts it: a separate process on a free loopback port, its log
    (stderr) in a file the test reads after the stop."""

    def __init__(self, db: Path, log: Path, env: dict[str, str], args: list[str] | None = None) -> None:
        import os
        import subprocess
        import sys

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kerja", "layan", "--host", "127.0.0.1", "--port", str(self.port)]
            + (args or []),
            env={**os.environ, "KERJA_DB": str(db), **env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kerja layan exited {self.proc.returncode}:\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"kerja layan did not listen in 30 s:\n{self.log()}") from None
                time.sleep(0.05)

    def stop(self, timeout: float = 15) -> int:
        """SIGTERM, as systemd sends it; the exit code."""
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except Exception:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return int(self.proc.returncode)

    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def proses(sample: Path, tmp_path: Path) -> Iterator[Any]:
    """Start `kerja layan` processes over the sample store (KERJA_SEKARANG fixed); all stopped after."""
    started: list[Proses] = []

    def start(args: list[str] | None = None, **env: str) -> Proses:
        log = tmp_path / f"layan-{len(started)}.log"
        p = Proses(sample, log, {"KERJA_SEKARANG": SEKARANG, **env}, args)
        started.append(p)
        return p

    try:
        yield start
    finally:
        for p in started:
            p.stop()
