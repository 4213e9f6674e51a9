"""What every route of `kerja layan` shares: a connection per worker thread, the request context
(body read under a size limit, the session, "now"), CSRF checks, the mapping of KerjaError kinds
to HTTP status codes, and the security headers. Routes only parse, call a service and render."""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import clock
from ..domain.errors import KerjaError, NotAllowed, NotFound, NotLoggedIn, Refused, TooManyAttempts
from ..services import akun
from ..store import audit

log = logging.getLogger("kerja.layan")

COOKIE = "kerja_sesi"
PRE_COOKIE = "kerja_pra"  # the login form's token, before there is a session
CSRF_HEADER = "x-kerja-csrf"
SESSION_SECONDS = 8 * 3600

# Request bodies: small everywhere, room for one attachment on requests, and for a machine's
# backlog of punches on the ADMS receiver (10,000 ATTLOG lines are about 400 KB).
BODY_LIMIT = 64 * 1024
BODY_LIMITS = {
    "/api/permohonan": 4 * 1024 * 1024,
    "/permohonan": 4 * 1024 * 1024,
    "/iclock/cdata": 32 * 1024 * 1024,
}

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
STATUS = {NotLoggedIn: 401, NotAllowed: 403, NotFound: 404, Refused: 409, TooManyAttempts: 429}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"geolocation=(self), camera=(), microphone=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def status_of(e: KerjaError) -> int:
    for kind, code in STATUS.items():
        if isinstance(e, kind):
            return code
    return 400


def galat(message: str, status: int) -> JSONResponse:
    return JSONResponse({"galat": message}, status_code=status)


class Guard:
    """ASGI middleware: security headers on every answer, and a body size limit enforced on the
    declared length and on the bytes actually received (chunked uploads)."""

    def __init__(self, app: ASGIApp, *, tls: bool) -> None:
        self.app = app
        self.tls = tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        limit = BODY_LIMITS.get(path.rstrip("/"), BODY_LIMIT)
        declared = dict(scope["headers"]).get(b"content-length")
        extra = list(HEADERS)
        if self.tls or scope.get("scheme") == "https":
            extra.append((b"strict-transport-security", b"max-age=31536000"))
        if not path.startswith("/static/"):
            extra.append((b"cache-control", b"no-store"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + extra
            await send(message)

        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(limit)(scope, receive, send_with_headers)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except _BodyTooLarge:
            await _too_large(limit)(scope, receive, send_with_headers)


class _BodyTooLarge(Exception):
    pass


def _too_large(limit: int) -> Response:
    return JSONResponse(
        {"galat": f"Permintaan terlalu besar (paling besar {limit // 1024} KB)."}, status_code=413
    )


@dataclass
class Ctx:
    """One request as a route sees it, inside a worker thread."""

    request: Request
    conn: sqlite3.Connection
    now: datetime
    session: akun.Session | None
    body: bytes = b""
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    cookies_out: list[tuple[str, str, int]] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        if not self.body:
            return {}
        try:
            data = json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            raise KerjaError("Badan permintaan bukan JSON yang sah.") from None
        if not isinstance(data, dict):
            raise KerjaError("Badan permintaan harus berupa objek JSON {...}.")
        return data

    def field(self, name: str, default: str | None = None) -> str | None:
        v = self.fields.get(name)
        return v[0] if v else default

    @property
    def client(self) -> str:
        return self.request.client.host if self.request.client else "?"

    @property
    def secure(self) -> bool:
        return self.request.url.scheme == "https"

    @property
    def me(self) -> akun.Session:
        assert self.session is not None
        return self.session


class Service:
    """The store the routes work on: one SQLite connection per worker thread (a connection must
    stay in the thread that opened it), all on the same file."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._local = threading.local()
        self.flash: dict[str, tuple[str, str]] = {}  # session hash -> (kind, message), one page view
        self._flash_lock = threading.Lock()
        # Writes queue here, in order, rather than in SQLite's busy handler: that one sleeps
        # 1, 2, 5 ... 100 ms between tries, so 16 threads racing for BEGIN IMMEDIATE left some
        # check-ins waiting far longer than the writes ahead of them took (the bench's p95).
        self.writes = threading.Lock()

    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            from ..store.db import connect

            c = self._local.conn = connect(self.db)
        return c

    def say(self, s: akun.Session | None, kind: str, message: str) -> None:
        if s is not None:
            with self._flash_lock:
                self.flash[s.token_hash] = (kind, message)

    def heard(self, s: akun.Session | None) -> tuple[str, str] | None:
        if s is None:
            return None
        with self._flash_lock:
            return self.flash.pop(s.token_hash, None)


Handler = Callable[[Ctx], Response]


def route(
    service: Service,
    handler: Handler,
    *,
    kind: str,
    auth: bool = True,
    csrf: bool = False,
    during_password_change: bool = False,
) -> Callable[[Request], Awaitable[Response]]:
    """An async Starlette endpoint around a synchronous handler: the body is read here (under the
    Guard's limit), the handler runs in a worker thread with its connection and session.

    kind "api": errors are {"galat"} with the status of their kind; "page": a missing session
    goes to the login page; "plain": text answers (the ADMS receiver)."""

    # A POST that changes the store: CSRF-checked ones and the machines' pushes (not the login,
    # whose argon2 work must not hold other people's writes up).
    writes = csrf or kind == "plain"

    async def endpoint(request: Request) -> Response:
        body = b""
        fields: dict[str, list[str]] = {}
        files: dict[str, bytes] = {}
        ctype = request.headers.get("content-type", "")
        try:
            if request.method == "POST" and kind == "api" and not ctype.startswith("application/json"):
                # Also what keeps a cross-site HTML form (which cannot send JSON) off the API.
                return galat("Content-Type harus application/json.", 400)
            if request.method == "POST" and kind == "page" and ctype.startswith(FORM_TYPES):
                form = await request.form(max_files=1, max_fields=60)
                for k, v in form.multi_items():
                    if isinstance(v, UploadFile):
                        data = await v.read()
                        if data:
                            files[k] = data
                    else:
                        fields.setdefault(k, []).append(v)
            elif request.method == "POST":
                body = await request.body()
        except Exception as e:
            if isinstance(e, _BodyTooLarge) or isinstance(e.__context__, _BodyTooLarge):
                return _too_large(BODY_LIMITS.get(request.url.path.rstrip("/"), BODY_LIMIT))
            return _error(kind, KerjaError("Isi formulir tidak bisa dibaca."), 400)
        return await run_in_threadpool(_run, request, body, fields, files)

    def _run(
        request: Request, body: bytes, fields: dict[str, list[str]], files: dict[str, bytes]
    ) -> Response:
        token_var = audit.SUMBER.set("web" if kind != "plain" else "mesin")
        try:
            conn = service.conn()
            now = clock.now()
            session = (
                akun.session(conn, request.cookies.get(COOKIE), now=now)
                if COOKIE in request.cookies
                else None
            )
            ctx = Ctx(request, conn, now, session, body, fields, files)
            if auth and session is None:
                if kind == "page":
                    return RedirectResponse("/masuk", status_code=303)
                return galat("Belum masuk atau sesi sudah berakhir; masuk lagi.", 401)
            if csrf and not _csrf_ok(ctx, kind):
                return _error(
                    kind,
                    NotAllowed("Token CSRF tidak ada atau salah; muat ulang halaman lalu coba lagi."),
                    403,
                )
            if session is not None and session.ganti_sandi and auth and not during_password_change:
                if kind == "page":
                    return RedirectResponse("/sandi", status_code=303)
                return galat("Ganti sandi sekali pakai dulu (POST /api/sandi).", 403)
            try:
                with service.writes if writes and request.method == "POST" else nullcontext():
                    response = handler(ctx)
            except KerjaError as e:
                return _error(kind, e, status_of(e), ctx)
            for name, value, age in ctx.cookies_out:
                _set_cookie(response, name, value, age, ctx.secure)
            return response
        except Exception:
            log.exception("kesalahan internal pada %s %s", request.method, request.url.path)
            return _error(kind, KerjaError("Kesalahan internal; coba lagi atau hubungi petugas."), 500)
        finally:
            audit.SUMBER.reset(token_var)

    def _error(kind: str, e: KerjaError, status: int, ctx: Ctx | None = None) -> Response:
        if kind == "api":
            return galat(str(e), status)
        if kind == "plain":
            return PlainTextResponse(str(e), status_code=status)
        if ctx is not None and ctx.session is not None and request_back(ctx):
            service.say(ctx.session, "galat", str(e))
            return RedirectResponse(request_back(ctx), status_code=303)
        from .pages import error_page

        return error_page(ctx, str(e), status)

    return endpoint


def request_back(ctx: Ctx) -> str:
    """Where a page form goes back to after its POST: the page it was sent from."""
    path = ctx.request.url.path
    if ctx.request.method != "POST":
        return ""
    back = ctx.field("kembali") or ""
    # Only a path of this site: "//evil.example", "https://..." or "/\\evil" would send the
    # person elsewhere with our message (an open redirect).
    if not back.startswith("/") or back.startswith("//") or "\\" in back or any(ord(c) < 32 for c in back):
        return path
    return back


def _csrf_ok(ctx: Ctx, kind: str) -> bool:
    if ctx.session is None:
        return False
    sent = ctx.request.headers.get(CSRF_HEADER, "") if kind == "api" else (ctx.field("csrf") or "")
    return bool(sent) and hmac.compare_digest(sent.encode(), ctx.session.csrf.encode())


def _set_cookie(response: Response, name: str, value: str, max_age: int, secure: bool) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite="strict", secure=secure
    )


def new_pre_token() -> str:
    return secrets.token_urlsafe(24)
