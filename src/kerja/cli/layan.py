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
    proksi: str = typer.Option(
        "127.0.0.1,::1",
        "--proksi",
        help="Alamat (atau jaringan CIDR, dipisah koma) proksi balik yang X-Forwarded-For dan "
        "X-Forwarded-Proto-nya dipercaya; dari alamat lain header itu diabaikan.",
    ),
) -> None:
    """Jalankan layanan web: halaman pegawai/atasan/petugas, API JSON, dan penerima mesin ADMS.

    Berhenti dengan Ctrl-C atau SIGTERM. Lokasi browser hanya diberikan lewat HTTPS: pakai
    --sertifikat/--kunci, atau taruh di belakang nginx/caddy (lihat README).

    Alamat klien (untuk penguncian 5 kali sandi salah dan log) adalah alamat koneksi, atau
    X-Forwarded-For bila koneksi datang dari --proksi.

    Contoh: [bold]kerja layan --host 0.0.0.0 --port 8080[/bold]
    """
    if (sertifikat is None) != (kunci is None):
        raise fail("--sertifikat dan --kunci dipakai berpasangan.")
    for p in (sertifikat, kunci):
        if p is not None and not p.is_file():
            raise fail(f"Berkas {p} tidak ditemukan.")
    if not 1 <= port <= 65535:
        raise fail(f"--port {port} di luar 1-65535.")
    import ipaddress  # here: every kerja run imports this module, few run the server

    trusted = [a.strip() for a in proksi.split(",") if a.strip()]
    for a in trusted:
        try:
            ipaddress.ip_network(a, strict=False)
        except ValueError:
            raise fail(
                f"--proksi: {a!r} bukan alamat IP atau jaringan CIDR (mis. 10.0.0.5 atau 10.0.0.0/24)."
            ) from None
    open_db().close()  # a missing or newer store is refused before the server starts
    try:
        from ..web.server import serve
    except ImportError as e:
        raise fail(f"`kerja layan` memerlukan paket tambahan: pip install 'kerja[web]' ({e.name}).") from None
    serve(db_path(), host=host, port=port, certfile=sertifikat, keyfile=kunci, threads=utas, proxies=trusted)
