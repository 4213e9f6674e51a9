"""kerja layan: run the web service (pages, JSON API, ADMS receiver) over the store."""

from __future__ import annotations

from pathlib import Path

import typer

from .base import db_path, fail, open_db


def layan(
    host: str = typer.Option("127.0.0.1", "--host", help="Alamat dengar; 0.0.0.0 untuk jaringan kantor."),
    port: int = typer.Option(8080, "--port", help="Port TCP."),
    sertifikat: Path | None = typer.Option(None, "--sertifikat", help="Sertifikat TLS (PEM) untuk HTTPS."),
    kunci: Path | None = typer.Option(None, "--kunci", help="Kunci privat TLS (PEM) pasangan --sertifikat."),
    utas: int = typer.Option(16, "--utas", help="Jumlah utas pekerja untuk permintaan."),
) -> None:
    """Jalankan layanan web: halaman pegawai/atasan/petugas, API JSON, dan penerima mesin ADMS.

    Berhenti dengan Ctrl-C atau SIGTERM. Lokasi browser hanya diberikan lewat HTTPS: pakai
    --sertifikat/--kunci, atau taruh di belakang nginx/caddy (lihat README).

    Contoh: [bold]kerja layan --host 0.0.0.0 --port 8080[/bold]
    """
    if (sertifikat is None) != (kunci is None):
        raise fail("--sertifikat dan --kunci dipakai berpasangan.")
    for p in (sertifikat, kunci):
        if p is not None and not p.is_file():
            raise fail(f"Berkas {p} tidak ditemukan.")
    if not 1 <= port <= 65535:
        raise fail(f"--port {port} di luar 1-65535.")
    open_db().close()  # a missing or newer store is refused before the server starts
    try:
        from ..web.server import serve
    except ImportError as e:
        raise fail(f"`kerja layan` memerlukan paket tambahan: pip install 'kerja[web]' ({e.name}).") from None
    serve(db_path(), host=host, port=port, certfile=sertifikat, keyfile=kunci, threads=utas)
