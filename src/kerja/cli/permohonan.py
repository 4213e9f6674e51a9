"""kerja permohonan: the employees' correction and status requests sent through `kerja layan`."""

from __future__ import annotations

import typer

from .base import OPT_JSON, App, open_db

app = App(help="Permohonan pegawai (koreksi presensi, izin/sakit/cuti/DL) dari `kerja layan`.")


@app.command()
def daftar(
    menunggu: bool = typer.Option(False, "--menunggu", help="Hanya yang belum diputus atasan."),
    as_json: bool = OPT_JSON,
) -> None:
    """Daftar permohonan: siapa, apa, alasannya, dan putusan atasan.

    Contoh: [bold]kerja permohonan daftar --menunggu[/bold]
    """
    from ..services import permohonan
    from . import render

    rows = permohonan.listing(open_db(), menunggu=menunggu)
    if as_json:
        render.emit_json(rows)
        return

    def what(r: dict) -> str:
        if r["jenis"] == "status":
            span = r["tanggal"] + (
                f" s.d. {r['sampai']}" if r["sampai"] and r["sampai"] != r["tanggal"] else ""
            )
            return f"status {r['kode']} {span}"
        jam = " ".join(
            x for x in (r["masuk"] and f"masuk {r['masuk']}", r["pulang"] and f"pulang {r['pulang']}") if x
        )
        return f"koreksi {r['tanggal']} {jam}" + (f" {r['mode']}" if r["mode"] else "")

    render.table(
        f"{len(rows)} permohonan",
        ["#", "NIP", "Nama", "Permohonan", "Alasan", "Status", "Diputus oleh"],
        (
            (
                r["id"],
                r["nip"],
                r["nama"],
                what(r),
                r["alasan"] + (" [lampiran]" if r["lampiran"] else ""),
                r["status"] + (f": {r['alasan_putusan']}" if r["alasan_putusan"] else ""),
                r["diputus_oleh"] or "-",
            )
            for r in rows
        ),
    )
