"""tomllib's error messages in Indonesian, with the line and column a clerk looks at.

tomllib says e.g. "Expected '=' after a key in a key/value pair (at line 3, column 7)"; the
clerk reads "baris 3, kolom 7: sesudah nama kunci harus ada '='". Unknown messages (a newer
Python) keep the position and say the line is not valid TOML, never the English text alone."""

from __future__ import annotations

import re

_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")

_FIXED = {
    "Invalid statement": "baris ini bukan pernyataan TOML yang sah (tulis kunci = nilai, atau [bagian])",
    "Expected newline or end of document after a statement": (
        "sesudah satu pernyataan harus ganti baris (dua pernyataan dalam satu baris?)"
    ),
    "Expected '=' after a key in a key/value pair": "sesudah nama kunci harus ada '=' lalu nilainya",
    "Expected ']' at the end of a table declaration": "judul bagian harus ditutup dengan ']'",
    "Expected ']]' at the end of an array declaration": "judul daftar bagian harus ditutup dengan ']]'",
    "Cannot overwrite a value": "kunci ini sudah diberi nilai sebelumnya",
    "Invalid initial character for a key part": "nama kunci diawali karakter yang tidak sah",
    "Unclosed array": "daftar [...] tidak ditutup dengan ']'",
    "Unclosed inline table": "tabel {...} tidak ditutup dengan '}'",
    "Invalid hex value": "kode heksadesimal tidak sah",
    "Unterminated string": "teks tidak ditutup dengan tanda kutip",
    "Unescaped '\\' in a string": "garis miring terbalik '\\' di dalam teks harus ditulis '\\\\'",
    "Escaped character is not a Unicode scalar value": "kode karakter di dalam teks tidak sah",
    "Invalid date or datetime": "tanggal/waktu tidak sah (pakai YYYY-MM-DD, mis. 2021-02-01)",
    "Invalid value": (
        'nilai tidak sah (teks harus di antara tanda kutip, mis. "08:00"; angka tanpa titik ribuan)'
    ),
}

_PATTERNS = [
    (re.compile(r"^Cannot declare (.+) twice$"), "bagian {0} ditulis dua kali"),
    (re.compile(r"^Cannot mutate immutable namespace (.+)$"), "bagian {0} tidak bisa ditambah di sini"),
    (re.compile(r"^Cannot redefine namespace (.+)$"), "bagian {0} sudah ditetapkan sebelumnya"),
    (re.compile(r"^Duplicate inline table key (.+)$"), "kunci {0} ditulis dua kali"),
    (re.compile(r"^Expected (.+)$"), "seharusnya ada {0}"),
    (re.compile(r"^Found invalid character (.+)$"), "karakter {0} tidak sah di sini"),
    (re.compile(r"^Illegal character (.+)$"), "karakter {0} tidak boleh ada di dalam teks"),
]


def _key(text: str) -> str:
    """tomllib names a table by its key tuple, "('jam_kerja', 'khusus')": shown as
    [jam_kerja.khusus], as it is written in the file."""
    parts = re.findall(r"'([^']*)'", text)
    return f"[{'.'.join(parts)}]" if text.startswith("(") and parts else text


def indonesian(message: str) -> str:
    """'baris N, kolom M: <what is wrong>' for a tomllib error message."""
    at = _AT.search(message)
    core = message[: at.start()] if at else message
    where = ""
    if at:
        where = f"baris {at[1]}, kolom {at[2]}: " if at[1] else "akhir berkas: "
    text = _FIXED.get(core)
    if text is None:
        for pattern, template in _PATTERNS:
            m = pattern.match(core)
            if m:
                text = template.format(*(_key(g) for g in m.groups()))
                break
    return where + (text or "sintaks TOML tidak sah")
