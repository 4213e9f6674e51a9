"""kerja ekspor: a month handed over to engines that read more than one file (SPEC §12)."""

from __future__ import annotations

from pathlib import Path

import typer

from . import params
from .base import App, now, open_db

app = App(help="Ekspor data bulanan untuk mesin analitik (Parquet: DuckDB, Spark, Trino, BigQuery).")


@app.command()
def parquet(
    bulan: str = params.month_option(default=...),
    keluar: Path = typer.Option(
        ...,
        "--keluar",
        help="Folder tujuan; boleh dipakai bersama oleh banyak instansi (satu partisi tiap instansi).",
    ),
    kode: str | None = typer.Option(
        None,
        "--kode",
        help="Nama partisi instansi (huruf, angka, . _ -); bawaan: nama instansi, mis. dinas-kesehatan.",
    ),
    timpa: bool = typer.Option(False, "--timpa", help="Ganti partisi instansi-bulan ini bila sudah ada."),
) -> None:
    r"""Fakta satu bulan sebagai Parquet: satu baris per pegawai per hari kerja (kode, jadwal,
    masuk, pulang, telat/cepat, TL/PSW, potongan %, menit kinerja) di `hari/`, dan satu baris per
    pegawai (baris rekap TPP, sama dengan `rekap bulanan --format json`) di `pegawai/`, dipartisi
    `instansi=KODE/bulan=YYYY-MM`, dengan README arti kolom di folder itu.

    Banyak instansi boleh mengekspor ke folder yang sama; DuckDB lalu menjumlah semuanya dalam
    satu kueri (lihat examples/rollup/). Memerlukan pyarrow: `pip install 'kerja\[parquet]'`.

    Contoh: [bold]kerja ekspor parquet --bulan 2021-02 --keluar /data/provinsi --kode dinkes[/bold]
    """
    from ..services.ekspor import export_parquet
    from . import render

    r = export_parquet(open_db(), bulan, keluar, kode=kode, timpa=timpa, now=now(), progress=render.progress)
    print(
        f"Parquet {r.bulan} instansi={r.kode}: {r.rows['pegawai']} pegawai, {r.rows['hari']} hari-pegawai, "
        f"TPP total {render.rupiah(r.total['tpp_total'])}; ditulis ke {r.folder} "
        f"(hari/ dan pegawai/, arti kolom di README.md)."
    )
