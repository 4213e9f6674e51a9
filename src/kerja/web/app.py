"""The Starlette application of `kerja layan`."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from . import adms, api, pages
from .core import Guard, Service

HERE = Path(__file__).parent


def create_app(db: Path, *, tls: bool = False) -> ASGIApp:
    """The whole service over the store at `db`; `tls`: served over HTTPS (Secure cookies, HSTS)."""
    service = Service(Path(db))
    routes = [
        *api.routes(service),
        *pages.routes(service),
        *adms.routes(service),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Guard(Starlette(routes=routes), tls=tls)
