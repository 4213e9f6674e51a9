"""Running `kerja layan`: uvicorn, one log line per request (method, path, status, client; never a
body, a password or a cookie), a clean stop on SIGTERM and Ctrl-C."""

from __future__ import annotations

import logging
import signal
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(message)s", "datefmt": "%Y-%m-%dT%H:%M:%S%z"},
        "access": {
            "()": "uvicorn.logging.AccessFormatter",
            "fmt": '%(asctime)s %(client_addr)s "%(request_line)s" %(status_code)s',
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "use_colors": False,
        },
    },
    "handlers": {
        "err": {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "uvicorn": {"handlers": ["err"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "kerja.layan": {"handlers": ["err"], "level": "INFO", "propagate": False},
    },
}


def config(
    db: Path,
    *,
    host: str,
    port: int,
    certfile: Path | None = None,
    keyfile: Path | None = None,
    threads: int = 16,
    access_log: bool = True,
    proxies: list[str] | None = None,
) -> Any:
    """The uvicorn configuration. `proxies`: the peers whose X-Forwarded-For/-Proto are believed
    (uvicorn then takes the right-most address that is not one of them as the client); from any
    other peer the headers are ignored and the client is the peer itself."""
    import anyio.to_thread
    import uvicorn

    from .app import create_app

    app = create_app(db, tls=certfile is not None)

    @asynccontextmanager
    async def lifespan(_app: Any) -> Any:
        # Routes run in worker threads (SQLite is synchronous); this many at once.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        logging.getLogger("kerja.layan").info(
            "kerja layan: %s di %s://%s:%d", db, "https" if certfile else "http", host, port
        )
        yield

    async def with_lifespan(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            async with lifespan(app):
                message = await receive()  # lifespan.startup
                await send({"type": "lifespan.startup.complete"})
                message = await receive()  # lifespan.shutdown
                del message
                await send({"type": "lifespan.shutdown.complete"})
            return
        await app(scope, receive, send)

    return uvicorn.Config(
        with_lifespan,
        host=host,
        port=port,
        ssl_certfile=str(certfile) if certfile else None,
        ssl_keyfile=str(keyfile) if keyfile else None,
        log_config=LOG_CONFIG,
        access_log=access_log,
        proxy_headers=True,
        forwarded_allow_ips=proxies if proxies is not None else ["127.0.0.1", "::1"],
        server_header=False,
        date_header=True,
        timeout_graceful_shutdown=10,
        lifespan="on",
    )


def serve(
    db: Path,
    *,
    host: str,
    port: int,
    certfile: Path | None,
    keyfile: Path | None,
    threads: int,
    proxies: list[str] | None = None,
) -> None:
    import uvicorn

    server = uvicorn.Server(
        config(db, host=host, port=port, certfile=certfile, keyfile=keyfile, threads=threads, proxies=proxies)
    )
    # uvicorn catches SIGINT/SIGTERM while it runs (stops accepting, finishes the requests in
    # flight, closes), then raises the signal again under the handlers it found installed. With
    # these, that second delivery is only noted: the process ends with exit code 0 and one log
    # line, instead of dying by the signal (-15) or a KeyboardInterrupt traceback.
    got: list[int] = []

    def note(sig: int, _frame: object) -> None:
        got.append(sig)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, note)
    server.run()
    if got:
        logging.getLogger("kerja.layan").info("kerja layan berhenti (%s).", signal.Signals(got[0]).name)
