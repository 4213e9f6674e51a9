"""Parquet files of a month (`kerja ekspor parquet`, SPEC §12), written with pyarrow.

pyarrow is the optional extra `parquet` (`pip install 'kerja[parquet]'`): it is imported only
here and only when an export runs, so the base install stays light and start-up untouched.

Two tables, each partitioned Hive-style by institution and month, the layout Spark, Trino,
BigQuery and DuckDB read as one table per folder:

    DIR/README.md                                          the column meanings (README_TEXT)
    DIR/hari/instansi=KODE/bulan=YYYY-MM/data.parquet      one row per person and working day
    DIR/pegawai/instansi=KODE/bulan=YYYY-MM/data.parquet   one row per person: the recap row

The partition columns (instansi, bulan) are in the folder names only, as Hive does it; every
engine named above adds them back as columns when it reads the folder with partitioning on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..domain.errors import KerjaError

INSTALL_HINT = "pip install 'kerja[parquet]'"

# (column, Arrow type name, meaning) - the README lists these, the writer builds its schema
# from them, and tests compare both with what the files hold.
HARI: list[tuple[str, str, str]] = [
    ("tanggal", "date32", "tanggal hari kerja (YYYY-MM-DD)"),
    ("nip", "string", "NIP/NIK pegawai"),
    (
        "unit",
        "string",
        "jalur unit, mis. `Dinas A > Bidang B > Seksi C` (unit yang berlaku di rekap)",
    ),
    ("opd", "string", "bagian pertama jalur unit (OPD)"),
    ("jadwal", "string", "lokasi jadwal hari itu: WFO, WFH, atau kosong (tanpa jadwal)"),
    ("kode", "string", "kode hari: H (hadir), TK (tanpa keterangan), atau kode status (S, I, CT, DL, ...)"),
    ("masuk", "string", "jam masuk setempat HH:MM, kosong bila tidak ada"),
    ("pulang", "string", "jam pulang setempat HH:MM, kosong bila tidak ada"),
    ("mode", "string", "mode presensi yang tercatat: WFO atau WFH"),
    ("telat_menit", "int32", "menit terlambat masuk"),
    ("cepat_menit", "int32", "menit pulang sebelum waktunya"),
    ("tl", "int8", "tingkat terlambat (TL) 1-4; 4 juga bila tidak presensi masuk; kosong bila tidak telat"),
    ("psw", "int8", "tingkat pulang sebelum waktu (PSW) 1-4; 4 juga bila tidak presensi pulang"),
    ("potongan_persen", "float64", "potongan disiplin hari itu, persen (TL + PSW, atau TK)"),
    ("aturan", "string", "aturan yang menetapkan potongan itu, kalimat yang bisa dibaca"),
    ("catatan", "string", "keterangan hari itu (status, koreksi), bila ada"),
    ("menit_kinerja", "int32", "menit kegiatan e-Kinerja yang disetujui dan dihitung pada hari itu"),
]

PEGAWAI: list[tuple[str, str, str]] = [
    ("nip", "string", "NIP/NIK pegawai"),
    ("nama", "string", "nama lengkap dengan gelar"),
    ("unit", "string", "jalur unit yang berlaku pada hari terakhir yang dihitung"),
    ("opd", "string", "bagian pertama jalur unit (OPD)"),
    ("status_pegawai", "string", "status kepegawaian (PNS, CPNS, PPPK, non-ASN, ...), bila tercatat"),
    ("hari_kerja", "int32", "hari kerja bulan itu selama pegawai aktif"),
    ("hadir_wfo", "int32", "hari hadir di kantor"),
    ("hadir_wfh", "int32", "hari hadir dari rumah"),
    ("sakit", "int32", "hari sakit (S, CS)"),
    ("izin", "int32", "hari izin"),
    ("cuti", "int32", "hari cuti (CT, CB, CM, CAP, CLTN)"),
    ("dinas_luar", "int32", "hari dinas luar dan tugas belajar (DL, TB)"),
    ("tk", "int32", "hari tanpa keterangan"),
    *((f"tl_{i}", "int32", f"jumlah hari terlambat tingkat {i}") for i in range(1, 5)),
    *((f"psw_{i}", "int32", f"jumlah hari pulang sebelum waktu tingkat {i}") for i in range(1, 5)),
    ("potongan_disiplin_persen", "float64", "jumlah potongan disiplin bulan itu, persen (paling banyak 100)"),
    ("menit_kinerja", "int64", "menit kegiatan yang dihitung"),
    ("target_menit", "int64", "target menit kinerja bulan itu"),
    ("capaian_kinerja_persen", "float64", "capaian kinerja, persen (2 desimal)"),
    ("pagu_tpp", "int64", "pagu TPP, Rupiah"),
    ("tpp_kinerja", "int64", "TPP bagian kinerja, Rupiah (dibulatkan setengah ke atas)"),
    ("tpp_disiplin", "int64", "TPP bagian disiplin, Rupiah"),
    ("tpp_total", "int64", "TPP yang dibayar: tpp_kinerja + tpp_disiplin, Rupiah"),
    ("tk_tahun_ini", "int32", "hari TK sejak 1 Januari s.d. akhir bulan"),
    ("peringatan", "string", "tingkat PP 94/2021 yang dicapai, kosong bila tidak ada"),
    (
        "tk_berturut",
        "int32",
        "TK berturut-turut terpanjang (aturan PP 94 lengkap); kosong: tidak dipakai",
    ),
    ("potongan_hukdis_persen", "float64", "potongan karena hukuman disiplin, persen, kosong bila tidak ada"),
]

README_MARK = "# Ekspor Parquet kerja"


def _columns_md(cols: Sequence[tuple[str, str, str]]) -> str:
    return "\n".join(f"| `{n}` | {t} | {m} |" for n, t, m in cols)


README_TEXT = f"""{README_MARK}

Berkas ini ditulis oleh `kerja ekspor parquet`. Setiap ekspor menambah (atau dengan `--timpa`
mengganti) satu partisi `instansi=KODE/bulan=YYYY-MM`; banyak instansi boleh mengekspor ke
folder yang sama, lalu satu kueri menjumlah semuanya (lihat `examples/rollup/` di repositori).

    hari/instansi=KODE/bulan=YYYY-MM/data.parquet      satu baris per pegawai per hari kerja
    pegawai/instansi=KODE/bulan=YYYY-MM/data.parquet   satu baris per pegawai: baris rekap TPP

Kolom `instansi` dan `bulan` ada di nama folder (partisi gaya Hive), tidak di dalam berkas:
DuckDB, Spark, Trino dan BigQuery menambahkannya sebagai kolom bila partisi Hive dinyalakan,
mis. DuckDB `read_parquet('pegawai/*/*/*.parquet', hive_partitioning = true)`.

Baris `pegawai` sama dengan `kerja rekap bulanan --format json` (bulan yang dikunci: rekap yang
disimpan saat dikunci); jumlah Rupiahnya sama sampai ke Rupiah. Baris `hari` dihitung dari data
sekarang, seperti `kerja rekap rincian`; hanya hari kerja yang sudah terjadi. Menit kinerja pada
hari libur ikut dihitung di `pegawai.menit_kinerja` tetapi tidak punya baris di `hari`.
Metadata berkas (kunci `kerja.instansi`, `kerja.bulan`, `kerja.dibuat`) memuat nama instansi.

## hari

| kolom | tipe | arti |
| --- | --- | --- |
{_columns_md(HARI)}

## pegawai

| kolom | tipe | arti |
| --- | --- | --- |
{_columns_md(PEGAWAI)}

Berkas memuat data pribadi (NIP, nama): simpan dan kirim seperti rekap TPP.
"""


def require() -> Any:
    """pyarrow (and its parquet module), or a KerjaError that says how to install it."""
    try:
        import pyarrow as pa
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise KerjaError(
            "Ekspor parquet memerlukan paket pyarrow, yang belum terpasang. Pasang dengan "
            f"`{INSTALL_HINT}` (atau `pip install pyarrow`), lalu ulangi."
        ) from None
    return pa


def schema(cols: Sequence[tuple[str, str, str]], meta: Mapping[str, str]) -> Any:
    pa = require()
    types = {
        "string": pa.string(),
        "date32": pa.date32(),
        "int8": pa.int8(),
        "int32": pa.int32(),
        "int64": pa.int64(),
        "float64": pa.float64(),
    }
    return pa.schema([(n, types[t]) for n, t, _ in cols], metadata=dict(meta))


class TableWriter:
    """One Parquet file filled a batch of columns at a time (a row group each): a province's
    1.3 million person-days never sit in memory at once."""

    def __init__(self, path: Path, cols: Sequence[tuple[str, str, str]], meta: Mapping[str, str]) -> None:
        import pyarrow.parquet as pq

        self.schema = schema(cols, meta)
        self.names = [n for n, _, _ in cols]
        self.rows = 0
        self._w = pq.ParquetWriter(str(path), self.schema, compression="zstd")

    def write(self, columns: Mapping[str, Sequence[Any]]) -> None:
        pa = require()
        n = len(columns[self.names[0]]) if self.names else 0
        if not n:
            return
        arrays = [pa.array(columns[name], type=self.schema.field(name).type) for name in self.names]
        self._w.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows += n

    def close(self) -> None:
        self._w.close()
