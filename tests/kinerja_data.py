"""A small institution for the e-Kinerja and recap tests (imported by tests, not collected)."""

from __future__ import annotations

from pathlib import Path

# kepala <- kabid <- kasi <- staf; staf2 reports to kabid directly; luar heads another OPD.
KEPALA = "196801011990031001"
KABID = "197002021995031002"
KASI = "197503032000032003"
STAF = "198504042010011004"
STAF2 = "199001012015011005"
LUAR = "197201012000011006"

STAFF_CSV = f"""NIP;Nama;Unit;Eselon;NIP Atasan;TPP
{KEPALA};Kepala Dinas;Dinas Uji;II.a;;8.000.000
{KABID};Kepala Bidang;Dinas Uji > Bidang A;III.a;{KEPALA};5.000.000
{KASI};Kepala Seksi;Dinas Uji > Bidang A > Seksi 1;IV.a;{KABID};4.000.000
{STAF};Staf Satu;Dinas Uji > Bidang A > Seksi 1;;{KASI};3.500.000
{STAF2};Staf Dua;Dinas Uji > Bidang A;;{KABID};3.000.000
{LUAR};Kepala Badan Lain;Badan Lain;II.a;;8.000.000
"""


def load_staff(kerja, folder: Path) -> None:  # type: ignore[no-untyped-def]
    path = folder / "pegawai.csv"
    path.write_text(STAFF_CSV, encoding="utf-8")
    kerja("pegawai", "impor", path)


def punches(kerja, folder: Path, rows) -> None:  # type: ignore[no-untyped-def]
    """(nip, 'YYYY-MM-DD', 'HH:MM' in or None, 'HH:MM' out or None, mode): check-ins and
    check-outs imported as an online-presence CSV through `kerja presensi impor`."""
    lines = ["nip,waktu,jenis,mode"]
    for nip, day, masuk, pulang, mode in rows:
        for jenis, hhmm in (("masuk", masuk), ("pulang", pulang)):
            if hhmm:
                lines.append(f"{nip},{day} {hhmm}:00,{jenis},{mode.lower()}")
    path = folder / f"presensi-{len(list(folder.glob('presensi-*.csv')))}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kerja("presensi", "impor", path, "--format", "csv")


def status(kerja, nip: str, kode: str, mulai: str, sampai: str) -> None:  # type: ignore[no-untyped-def]
    kerja(
        "presensi",
        "status",
        nip,
        "--kode",
        kode,
        "--mulai",
        mulai,
        "--sampai",
        sampai,
        "--keterangan",
        "Surat uji",
        "--oleh",
        "petugas",
    )


def catat(kerja, nip, tanggal, mulai, selesai, code=0, uraian="Menyusun laporan"):
    return kerja(
        "kinerja",
        "catat",
        nip,
        "--tanggal",
        tanggal,
        "--mulai",
        mulai,
        "--selesai",
        selesai,
        "--uraian",
        uraian,
        code=code,
    )
