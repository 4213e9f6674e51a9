"""Three employees of Dinas Kominfo as clerk-sheet lines (kepala, kabid, staf), for the pegawai tests."""

from __future__ import annotations

HEAD = "NIP;Nama;Jabatan;Eselon;Unit Kerja;NIP Atasan;TPP;PIN\n"
KADIS = "19750817 200003 1 002;Budi Santoso;Kepala Dinas;II.b;Dinas Kominfo;;Rp 9.500.000,00;1\n"
KABID = (
    "198001012005012003;Siti Aminah;Kepala Bidang;IIIb;Dinas Kominfo > Bidang Aplikasi;"
    "197508172000031002;6.000.000;2\n"
)
STAF = (
    "198503152010011004;Andi Wijaya;Pranata Komputer;;Dinas Kominfo > Bidang Aplikasi > Seksi Data;"
    "198001012005012003;3500000;3\n"
)
