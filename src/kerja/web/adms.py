"""The ZKTeco ADMS ("iclock") push receiver: what a machine on the office network asks and what
it must be answered, in plain text.

  GET  /iclock/cdata?SN=..&options=all   handshake: the options the machine should use
  POST /iclock/cdata?SN=..&table=ATTLOG  punch lines -> stored, answered "OK: <n>"
  POST /iclock/cdata?SN=..&table=OPERLOG (USER, ATTPHOTO, ...) acknowledged, ignored
  GET  /iclock/getrequest?SN=..          "OK" (no commands for the machine)
  POST /iclock/devicecmd?SN=..           command results: "OK"

Only registered serial numbers (`kerja mesin tambah SN`) are answered; any other gets 403 and is
noted for `kerja mesin daftar --tak-dikenal`."""

from __future__ import annotations

from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ..services import adms
from .core import Ctx, Service, route


def _sn(ctx: Ctx) -> str:
    return adms.check_machine(ctx.conn, ctx.request.query_params.get("SN"), now=ctx.now)


def handshake(ctx: Ctx) -> Response:
    sn = _sn(ctx)
    options = [
        f"GET OPTION FROM: {sn}",
        "ATTLOGStamp=None",
        "OPERLOGStamp=9999",
        "ATTPHOTOStamp=None",
        "ErrorDelay=30",
        "Delay=10",
        "TransTimes=00:00;14:05",
        "TransInterval=1",
        "TransFlag=TransData AttLog",
        "Realtime=1",
        "Encrypt=None",
    ]
    return PlainTextResponse("\n".join(options) + "\n")


def upload(ctx: Ctx) -> Response:
    sn = _sn(ctx)
    table = (ctx.request.query_params.get("table") or "").upper()
    if table == "ATTLOG":
        return PlainTextResponse(f"OK: {adms.receive_attlog(ctx.conn, sn, ctx.body, now=ctx.now)}")
    # OPERLOG, USER, FINGERTMP, ATTPHOTO, ...: acknowledged so the machine moves on; not stored.
    return PlainTextResponse(f"OK: {sum(1 for line in ctx.body.splitlines() if line.strip())}")


def getrequest(ctx: Ctx) -> Response:
    _sn(ctx)
    return PlainTextResponse("OK")


def devicecmd(ctx: Ctx) -> Response:
    _sn(ctx)
    return PlainTextResponse("OK")


def routes(service: Service) -> list[Route]:
    def r(path: str, handler: object, method: str) -> Route:
        return Route(path, route(service, handler, kind="plain", auth=False), methods=[method])  # type: ignore[arg-type]

    return [
        r("/iclock/cdata", handshake, "GET"),
        r("/iclock/cdata", upload, "POST"),
        r("/iclock/getrequest", getrequest, "GET"),
        r("/iclock/devicecmd", devicecmd, "POST"),
    ]
