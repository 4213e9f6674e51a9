"""Kinds of position (jenis jabatan) and which of them lead (pejabat: SPEC §6 rule 4)."""

from __future__ import annotations

JENIS_JABATAN = ("JPT", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL", "PELAKSANA")
LEADER_KINDS = frozenset({"JPT", "ADMINISTRATOR", "PENGAWAS"})  # structural positions


def is_leader(jenis_jabatan: str | None) -> bool:
    """Whether a position of this kind is a leader's (pejabat struktural)."""
    return (jenis_jabatan or "").upper() in LEADER_KINDS


# Post names (nama jabatan) of structural leaders, most specific first: SIASN and clerk sheets
# name the post but carry no eselon. (prefix of the normalised name, kind).
_POST_KINDS: tuple[tuple[str, str], ...] = (
    ("sekretaris daerah", "JPT"),
    ("asisten ", "JPT"),
    ("staf ahli", "JPT"),
    ("inspektur pembantu", "ADMINISTRATOR"),
    ("inspektur", "JPT"),
    ("kepala dinas", "JPT"),
    ("kepala badan", "JPT"),
    ("kepala pelaksana", "JPT"),
    ("sekretaris camat", "ADMINISTRATOR"),
    ("sekretaris kecamatan", "ADMINISTRATOR"),
    ("sekretaris lurah", "PENGAWAS"),
    ("sekretaris kelurahan", "PENGAWAS"),
    ("sekretaris", "ADMINISTRATOR"),
    ("camat", "ADMINISTRATOR"),
    ("kepala bidang", "ADMINISTRATOR"),
    ("kabid ", "ADMINISTRATOR"),
    ("kepala bagian", "ADMINISTRATOR"),
    ("kabag ", "ADMINISTRATOR"),
    ("kepala kantor", "ADMINISTRATOR"),
    ("direktur", "ADMINISTRATOR"),
    ("kepala sub bagian", "PENGAWAS"),
    ("kepala subbagian", "PENGAWAS"),
    ("kasubbag", "PENGAWAS"),
    ("kepala sub bidang", "PENGAWAS"),
    ("kepala subbidang", "PENGAWAS"),
    ("kasubbid", "PENGAWAS"),
    ("kepala seksi", "PENGAWAS"),
    ("kasi ", "PENGAWAS"),
    ("kepala upt", "PENGAWAS"),
    ("kepala unit pelaksana teknis", "PENGAWAS"),
    ("kepala tata usaha", "PENGAWAS"),
    ("lurah", "PENGAWAS"),
)


def kind_from_post(post: str | None) -> str | None:
    """The kind a post name implies: a structural leader's kind (Kepala Dinas/Badan JPT;
    Sekretaris, Camat, Kepala Bidang/Bagian, Direktur ADMINISTRATOR; Kepala Seksi/Subbagian/UPT,
    Lurah PENGAWAS), FUNGSIONAL for 'Fungsional ...', else None (nothing said)."""
    text = " ".join(str(post or "").lower().replace(".", " ").split()) + " "
    if text.startswith("fungsional") or text.startswith("jabatan fungsional"):
        return "FUNGSIONAL"
    if text.startswith("plt ") or text.startswith("plh "):
        text = text[4:]
    for prefix, kind in _POST_KINDS:
        if text.startswith(prefix):
            return kind
    return None
