"""From spreadsheet rows to employees: header aliases, one row's rules, and the whole file's
rules (duplicates, supervisors that exist, no supervision cycles)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Any

from .errors import KerjaError, Problem
from .nip import parse_nip, parse_status
from .positions import JENIS_JABATAN, kind_from_post
from .values import control_characters, parse_date, parse_eselon, parse_golongan, parse_rupiah

_HEADER_NOISE = re.compile(r"[\s_./\-]")
# The control characters of values.control_characters (below space and DEL..APC, less the ones
# str.isspace() folds away: tab, newlines, \x1c-\x1f, NEL), as one character class.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def norm_header(text: object) -> str:
    return _HEADER_NOISE.sub("", str(text or "")).lower()


# Normalised header -> field. Unit parts (opd, unit, unit_kerja, sub_unit) are joined into a path.
ALIASES: dict[str, str] = {
    **dict.fromkeys(["nip", "nipbaru", "nik", "idpegawai", "nippegawai", "nipnik", "nip18"], "nip"),
    **dict.fromkeys(["nama", "namalengkap", "namapegawai"], "nama"),
    **dict.fromkeys(["gelardepan"], "gelar_depan"),
    **dict.fromkeys(["gelarbelakang"], "gelar_belakang"),
    **dict.fromkeys(
        ["status", "statuspegawai", "jenispegawai", "statuscpnspns", "statuskepegawaian"], "status"
    ),
    **dict.fromkeys(["kedudukanhukumnama", "kedudukanhukum", "kedudukan"], "kedudukan"),
    **dict.fromkeys(["golid", "golakhirid"], "gol_id"),
    **dict.fromkeys(["unorinduknama", "unorinduk", "unitorganisasiinduk"], "unor_induk"),
    **dict.fromkeys(["unorid"], "unor_id"),
    **dict.fromkeys(["unorindukid"], "unor_induk_id"),
    **dict.fromkeys(["jabatan", "namajabatan", "jabatannama"], "jabatan"),
    **dict.fromkeys(["eselon", "eselonnama"], "eselon"),
    **dict.fromkeys(["jenisjabatan", "jenisjabatannama"], "jenis_jabatan"),
    **dict.fromkeys(
        [
            "golongan",
            "gol",
            "pangkatgolongan",
            "pangkatgol",
            "golakhirnama",
            "golongannama",
            "golruang",
            "pangkatgolruang",
            "pangkatgolonganruang",
            "golonganruang",
        ],
        "golongan",
    ),
    **dict.fromkeys(
        [
            "opd",
            "perangkatdaerah",
            "skpd",
            "satuankerjakerjanama",
            "satuankerjanama",
            "satuankerja",
            "satker",
        ],
        "opd",
    ),
    **dict.fromkeys(["unit", "unor", "unornama", "unitorganisasi"], "unit"),
    **dict.fromkeys(["unitkerja", "bidang"], "unit_kerja"),
    **dict.fromkeys(["subunit", "subunitkerja", "seksi"], "sub_unit"),
    **dict.fromkeys(["nipatasan", "atasanlangsung", "nipatasanlangsung", "atasan"], "nip_atasan"),
    **dict.fromkeys(["tanggallahir", "tgllahir", "tanggallhr"], "tanggal_lahir"),
    # The day a new person is on the books from (SIASN/SAPK: TMT CPNS); ignored for people stored.
    **dict.fromkeys(
        ["tmt", "tmtcpns", "tmtmasuk", "mulaibertugas", "tmtmulaibertugas", "tanggalmulaibertugas"],
        "mulai_tugas",
    ),
    **dict.fromkeys(["jeniskelamin", "jk", "lp", "kelamin"], "jenis_kelamin"),
    **dict.fromkeys(["tpp", "pagutpp", "basictpp", "tppbasic", "tppdasar"], "tpp"),
    **dict.fromkeys(["pin", "pinmesin", "idmesin", "idabsen", "pinabsen"], "pin_mesin"),
}
UNIT_PARTS = ("opd", "unor_induk", "unit", "unit_kerja", "sub_unit")
# Fields a file can fill; a column that is there but empty for a row leaves the stored value
# (SPEC §3, issue 15), unless the import names it in `kosongkan`.
CLEARABLE = (
    "gelar_depan",
    "gelar_belakang",
    "jabatan",
    "eselon",
    "golongan",
    "nip_atasan",
    "tanggal_lahir",
    "jenis_kelamin",
    "tpp",
    "pin_mesin",
)
LABEL = {"unit": "Unit", "nip": "NIP", "nama": "Nama"}


@dataclass(frozen=True)
class Employee:
    nip: str
    nama: str
    unit: str  # path "OPD > Bidang > Seksi"
    status: str = "PNS"
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    jabatan: str | None = None
    jenis_jabatan: str = "PELAKSANA"
    eselon: str | None = None
    golongan: str | None = None
    nip_atasan: str | None = None
    tanggal_lahir: date | None = None
    jenis_kelamin: str | None = None
    tpp: int | None = None
    pin_mesin: str | None = None
    aktif: int = 1
    # The fields this row actually said something about (a non-empty cell, or what follows from
    # one); an existing employee's other fields stay as stored.
    given: frozenset[str] = frozenset()
    # How jenis_jabatan was found: "kolom", "eselon", "nama" (post name) or None (default).
    jenis_dari: str | None = None

    def record(self) -> dict[str, object]:
        """A flat dict with dates as ISO text, as the store keeps it."""
        d = dict(self.__dict__)  # asdict() deep-copies: 4x slower on a 60k import
        del d["given"], d["jenis_dari"]
        d["tanggal_lahir"] = self.tanggal_lahir.isoformat() if self.tanggal_lahir else None
        return d


@dataclass
class HeaderMap:
    columns: dict[str, int]  # field -> column index (unit parts included)
    unit_columns: list[int]
    ignored: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def map_headers(headers: Sequence[object]) -> HeaderMap:
    """Find each field's column; list the columns kerja does not use."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    names = [str(h or "").strip() for h in headers]
    for i, name in enumerate(names):
        f = ALIASES.get(norm_header(name))
        if f is None or f in columns:
            if name:
                ignored.append(name)
            continue
        columns[f] = i
    unit_columns = [columns[p] for p in UNIT_PARTS if p in columns]
    missing = [LABEL[f] for f in ("nip", "nama") if f not in columns]
    if not unit_columns:
        missing.append(
            "Unit (atau OPD / Unit Kerja / Sub Unit Kerja; ekspor SIASN: SATUAN KERJA KERJA NAMA dan "
            "UNOR NAMA; SAPK: SATUAN_KERJA_NAMA)"
        )
    if missing:
        found = ", ".join(n for n in names if n) or "(tidak ada)"
        raise KerjaError(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Judul kolom di baris 1: {found}."
        )
    return HeaderMap(columns, unit_columns, ignored, names)


def start_dates(
    rows: Mapping[int, Sequence[object]], good: Iterable[tuple[int, Employee]], hm: HeaderMap
) -> tuple[dict[str, date], list[Problem]]:
    """NIP -> the start date a row's TMT column gives (mulai_tugas), and the rows whose cell is no
    date. Empty cells give nothing (the import's --mulai or date applies)."""
    col = hm.columns.get("mulai_tugas")
    out: dict[str, date] = {}
    problems: list[Problem] = []
    if col is None:
        return out, problems
    for row_no, e in good:
        cells = rows[row_no]
        v = cells[col] if col < len(cells) else None
        if _text(v) in (None, "-"):
            continue
        try:
            out[e.nip] = parse_date(v)
        except ValueError as err:
            problems.append(Problem(row_no, hm.names[col], str(v), str(err)))
    return out, problems


def first_unlocked_day(start: date, locked: Iterable[str]) -> date:
    """`start`, or the first day of the first month after it that is not locked when its own month
    is: a new hire added later never changes a locked month's recap."""
    months = set(locked)
    d = start
    while d.isoformat()[:7] in months:
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return d


def unit_path(parts: Iterable[object]) -> str:
    """'OPD > Bidang > Seksi' from one path cell or several columns, whitespace tidied."""
    pieces: list[str] = []
    for part in parts:
        for p in str(part or "").split(">"):
            p = " ".join(p.split())
            if p and (not pieces or pieces[-1] != p):  # SIASN: a head's UNOR is the OPD itself
                pieces.append(p)
    return " > ".join(pieces)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _jenis_jabatan(value: str | None, eselon: str | None) -> str:
    """The kind from the file's own column, else from the eselon (SPEC §3)."""
    if value:
        key = norm_header(value)
        if "pimpinantinggi" in key or key.startswith("jpt"):
            return "JPT"
        if "fungsionalumum" in key or "pelaksana" in key:
            return "PELAKSANA"
        for j in JENIS_JABATAN:
            if j.lower() in key:
                return j
        if "struktural" not in key:
            raise ValueError(f"jenis jabatan tidak dikenal; pakai {', '.join(JENIS_JABATAN)}")
    if eselon is None:
        return "PELAKSANA"
    level = eselon.split(".")[0]
    return {"I": "JPT", "II": "JPT", "III": "ADMINISTRATOR"}.get(level, "PENGAWAS")


def jenis_and_source(value: str | None, eselon: str | None, post: str | None) -> tuple[str, str | None]:
    """(kind, how it was found): an explicit kind in the jenis jabatan column ("kolom") wins; then
    the eselon ("eselon"); then, when the column is absent or only says 'struktural', the post
    name ("nama": Kepala Dinas, Kepala Bidang, Lurah, 'Fungsional ...'); else PELAKSANA."""
    key = norm_header(value) if value else ""
    vague = not key or "struktural" in key or key in ("jabatan", "-")
    if not vague:
        return _jenis_jabatan(value, eselon), "kolom"
    if eselon is not None:
        return _jenis_jabatan(None, eselon), "eselon"
    kind = kind_from_post(post)
    if kind is not None and (kind != "FUNGSIONAL" or not key):
        return kind, "nama"
    return "PELAKSANA", None


def kind_for_eselon(eselon: str | None, current: str | None) -> str:
    """The jenis jabatan after an eselon change that names no kind (`pegawai ubah --eselon`):
    the kind the eselon implies; without an eselon, a FUNGSIONAL or PELAKSANA stays as they are
    and a structural post (JPT, ADMINISTRATOR, PENGAWAS) becomes PELAKSANA."""
    if eselon is None and current in ("FUNGSIONAL", "PELAKSANA"):
        return current
    return _jenis_jabatan(None, eselon)


# Titles written inside a name: 'drh. Siti Aminah, MP', 'Dr. Ir. H. Budi, S.T., M.T.'.
_FRONT_TITLES = frozenset("dr drh drg dra drs dr ir prof h hj ns apt kh r rr ak".split())


def split_titles(name: str) -> tuple[str | None, str, str | None]:
    """(gelar depan, name, gelar belakang) of a name with titles inside it."""
    head, _, tail = name.partition(",")
    words = head.split()
    front: list[str] = []
    while (
        len(words) > 1
        and words[0].rstrip(".").lower() in _FRONT_TITLES
        and (
            words[0].endswith(".")
            or words[0].rstrip(".").lower() in ("dr", "drh", "drg", "ir", "prof", "hj", "h")
        )
    ):
        front.append(words.pop(0))
    back = ", ".join(t.strip() for t in tail.split(",") if t.strip()) if tail else ""
    return (" ".join(front) or None, " ".join(words), back or None)


# KEDUDUKAN HUKUM (SIASN): these no longer work for the institution.
_GONE = (
    "pensiun",
    "meninggal",
    "berhenti",
    "pemberhentian",
    "diberhentikan",
    "mutasi keluar",
    "pindah keluar",
)


def active_from_kedudukan(value: str | None) -> int | None:
    """1 (still employed: Aktif, CLTN, Tugas Belajar, MPP, ...) or 0 (pensiun, meninggal,
    diberhentikan ...) from a KEDUDUKAN HUKUM name; None when empty."""
    key = " ".join(str(value or "").lower().split())
    if not key:
        return None
    if "sementara" in key:
        return 1
    return 0 if any(w in key for w in _GONE) else 1


def golongan_from_bkn_id(value: object) -> str | None:
    """BKN golongan id -> 'III/a': 11-14 I/a-I/d, 21-24 II/a-II/d, 31-34 III/a-III/d, 41-45 IV/a-IV/e."""
    text = str(value or "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if text in ("", "-"):
        return None
    if not text.isdigit() or len(text) != 2:
        raise ValueError("GOL_ID tidak dikenal; BKN memakai 11-14, 21-24, 31-34, 41-45")
    level, sub = int(text[0]), int(text[1])
    top = {1: 4, 2: 4, 3: 4, 4: 5}.get(level, 0)
    if not 1 <= sub <= top:
        raise ValueError("GOL_ID tidak dikenal; BKN memakai 11-14, 21-24, 31-34, 41-45")
    return f"{('I', 'II', 'III', 'IV')[level - 1]}/{'abcde'[sub - 1]}"


def _sex(value: str) -> str:
    key = norm_header(value)
    if key in ("l", "lk", "lakilaki", "pria", "m", "male"):
        return "L"
    if key in ("p", "pr", "perempuan", "wanita", "f", "female"):
        return "P"
    raise ValueError("jenis kelamin harus L atau P")


def _control_problems(row_no: int, cells: Sequence[object], hm: HeaderMap) -> list[Problem]:
    """Every mapped cell holding a control character, named by its column (the rare slow path)."""
    problems: list[Problem] = []
    for i in hm.columns.values():
        v = cells[i] if i < len(cells) else None
        if isinstance(v, str) and (found := control_characters(v)):
            reason = f"memuat karakter kendali {', '.join(repr(c) for c in found)}; hapus dari sel"
            problems.append(Problem(row_no, hm.names[i], v, reason))
    for i in hm.unit_columns:
        v = cells[i] if i < len(cells) else None
        if isinstance(v, str) and (found := control_characters(v)):
            problems.append(
                Problem(
                    row_no, hm.names[i], v, f"memuat karakter kendali {', '.join(repr(c) for c in found)}"
                )
            )
    return problems


class _Memo(dict[object, Any]):
    """fn's answers for text cells, looked up as `memo[cell]`: a province's 60,000 rows carry a few
    dozen distinct ranks, amounts and statuses, and a hit is a plain dict subscript (no Python
    call). Only text cells are kept (1, 1.0 and True are one key; their answers may differ), at
    most `size` of them; errors are not kept (each row raises its own)."""

    def __init__(self, fn: Callable[[Any], Any], size: int = 1024) -> None:
        super().__init__()
        self.fn, self.size = fn, size

    def __missing__(self, value: object) -> Any:
        answer = self.fn(value)
        if value.__class__ is str:
            if len(self) >= self.size:
                self.clear()
            self[value] = answer
        return answer


_status = _Memo(parse_status)
_atasan = _Memo(lambda v: parse_nip(v, "NON-ASN").nip, 65536)  # a few thousand supervisors
_date = _Memo(parse_date, 65536)
_eselon = _Memo(parse_eselon)
_golongan = _Memo(parse_golongan)
_rupiah = _Memo(parse_rupiah)
_sex_of = _Memo(_sex)
_kedudukan = lru_cache(maxsize=256)(active_from_kedudukan)
_jenis = lru_cache(maxsize=4096)(jenis_and_source)
_titles = lru_cache(maxsize=4096)(split_titles)
_unit_of = lru_cache(maxsize=4096)(lambda parts, _types: unit_path(parts))

_UNSAID = frozenset((None, "-"))
# parse_row's `said` cells, in order, and the field each one gives.
_SAID_FIELDS = (*CLEARABLE, "golongan", "status")


@lru_cache(maxsize=256)
def _given(unsaid: tuple[bool, ...], jenis: bool, titled: bool) -> frozenset[str]:
    """The fields a row said something about, from which of its `said` cells are empty or '-'."""
    given = {"nama", "unit", "aktif"}
    given.update(f for f, u in zip(_SAID_FIELDS, unsaid, strict=True) if not u)
    if jenis:
        given.add("jenis_jabatan")
    if titled:
        given |= {"gelar_depan", "gelar_belakang"}
    return frozenset(given)


# The fields parse_row reads, in the order of its unpacking below.
_READ = (
    "nip",
    "nama",
    "status",
    "eselon",
    "jabatan",
    "jenis_jabatan",
    "golongan",
    "gol_id",
    "nip_atasan",
    "tanggal_lahir",
    "jenis_kelamin",
    "tpp",
    "pin_mesin",
    "kedudukan",
    "gelar_depan",
    "gelar_belakang",
)


@dataclass(frozen=True)
class _RowPlan:
    """Where one header map's fields sit, worked out once per file: a missing field reads the
    padding None after the last mapped column."""

    width: int
    pad: list[None]
    mapped: Callable[[Sequence[object]], tuple[object, ...]]
    fields: Callable[[Sequence[object]], tuple[object, ...]]
    units: Callable[[Sequence[object]], tuple[object, ...]]
    # False when a search over the whole file found no control character: no row needs its own.
    controls: bool = True
    # False when every cell is text already tidy (no space at its ends, none doubled, no tab or
    # line break): a cell is then its own tidy text and only an empty one needs making None.
    tidy: bool = True


def _getter(indices: Sequence[int]) -> Callable[[Sequence[object]], tuple[object, ...]]:
    if len(indices) == 1:
        (i,) = indices
        return lambda row: (row[i],)
    return itemgetter(*indices)


def _row_plan(hm: HeaderMap, controls: bool = True, tidy: bool = True) -> _RowPlan:
    width = max(hm.columns.values()) + 1
    return _RowPlan(
        width,
        [None] * (width + 1),
        _getter(list(hm.columns.values())),
        _getter([hm.columns.get(f, width) for f in _READ]),
        _getter(hm.unit_columns),
        controls,
        tidy,
    )


def _bad(problems: list[Problem], row_no: int, hm: HeaderMap, f: str, value: object, reason: str) -> None:
    shown = "" if value is None else str(value)
    problems.append(Problem(row_no, hm.names[hm.columns[f]], shown, reason))


def parse_row(
    row_no: int, cells: Sequence[object], hm: HeaderMap, plan: _RowPlan | None = None
) -> tuple[Employee | None, list[Problem], list[str]]:
    """One row -> (employee or None, problems, warnings). `plan` is `_row_plan(hm)`, passed in by
    callers that parse many rows with one header map."""
    if plan is None:
        plan = _row_plan(hm)
    problems: list[Problem] = []
    warnings: list[str] = []
    row = cells[: plan.width] if cells.__class__ is list else list(cells[: plan.width])  # a copy
    row += plan.pad[len(row) :]
    # One search over the row's mapped cells as text (a text cell is itself); only a row where it
    # finds something is looked at cell by cell, and refused if a text cell has a control character.
    if plan.controls and _CONTROL.search("".join(map(str, plan.mapped(row)))):
        found = _control_problems(row_no, cells, hm)
        if found:
            return None, found, warnings
    values = plan.fields(row)
    (
        t_nip,
        t_nama,
        t_status,
        t_eselon,
        t_jabatan,
        t_jenis,
        t_gol,
        t_golid,
        t_atasan,
        t_lahir,
        t_sex,
        t_tpp,
        t_pin,
        t_ked,
        t_gd,
        t_gb,
    ) = (
        [
            None if v is None else (" ".join(v.split()) or None) if v.__class__ is str else _text(v)
            for v in values
        ]
        if plan.tidy
        else [v or None for v in values]
    )
    (
        v_nip,
        v_nama,
        v_status,
        v_eselon,
        _,
        v_jenis,
        v_gol,
        v_golid,
        v_atasan,
        v_lahir,
        v_sex,
        v_tpp,
        *_rest,
    ) = values
    cols = hm.columns
    status = None
    if "status" in cols:
        try:
            status = _status[v_status]
        except ValueError as e:
            _bad(problems, row_no, hm, "status", v_status, str(e))
    try:
        nip = parse_nip(v_nip, status)
    except ValueError as e:
        _bad(problems, row_no, hm, "nip", v_nip, str(e))
        nip = None
    if nip and status is None:
        status = nip.status
    nama = t_nama
    if not nama:
        _bad(problems, row_no, hm, "nama", v_nama, "nama tidak boleh kosong")
    parts = plan.units(row)
    unit = _unit_of(parts, tuple(map(type, parts)))
    if not unit:
        problems.append(Problem(row_no, hm.names[hm.unit_columns[0]], "", "unit tidak boleh kosong"))
    eselon = None
    if "eselon" in cols:
        try:
            eselon = _eselon[v_eselon]
        except ValueError as e:
            _bad(problems, row_no, hm, "eselon", v_eselon, str(e))
    jabatan = t_jabatan
    try:
        jenis, jenis_dari = _jenis(t_jenis, eselon, jabatan)
    except ValueError as e:
        _bad(problems, row_no, hm, "jenis_jabatan", v_jenis, str(e))
        jenis, jenis_dari = "PELAKSANA", None
    golongan = None
    if t_gol or "gol_id" not in cols:
        try:
            golongan = _golongan[v_gol]
        except ValueError as e:
            _bad(problems, row_no, hm, "golongan", v_gol, str(e))
    else:
        try:
            golongan = golongan_from_bkn_id(v_golid)
        except ValueError as e:
            _bad(problems, row_no, hm, "gol_id", v_golid, str(e))
    atasan = None
    if t_atasan:
        try:
            atasan = _atasan[v_atasan]
        except ValueError as e:
            _bad(problems, row_no, hm, "nip_atasan", v_atasan, str(e))
    lahir = None
    if t_lahir:
        try:
            lahir = _date[v_lahir]
        except ValueError as e:
            _bad(problems, row_no, hm, "tanggal_lahir", v_lahir, str(e))
    sex = None
    if t_sex:
        try:
            sex = _sex_of[v_sex]
        except ValueError as e:
            _bad(problems, row_no, hm, "jenis_kelamin", v_sex, str(e))
    tpp = None
    if t_tpp:
        try:
            tpp = _rupiah[v_tpp]
        except ValueError as e:
            _bad(problems, row_no, hm, "tpp", v_tpp, str(e))
    pin = t_pin
    aktif = _kedudukan(t_ked)

    # A field is said when its cell is there and neither empty nor '-' (a missing column reads
    # None); which ones are said is the same for most rows of a file, so the set is remembered.
    said = (t_gd, t_gb, t_jabatan, t_eselon, t_gol, t_atasan, t_lahir, t_sex, t_tpp, t_pin, t_golid, t_status)
    unsaid = tuple([t is None or t == "-" for t in said])
    gelar_depan, gelar_belakang = t_gd, t_gb
    titled = False
    if nama and gelar_depan is None and gelar_belakang is None:
        front, bare, back = _titles(nama)
        if (front or back) and bare:
            nama, gelar_depan, gelar_belakang = bare, front, back
            titled = True
    given = _given(unsaid, jenis_dari is not None, titled)

    if nip and nip.tanggal_lahir:
        if lahir and lahir != nip.tanggal_lahir:
            warnings.append(
                f"baris {row_no}: tanggal lahir {lahir.isoformat()} tidak sama dengan NIP "
                f"({nip.tanggal_lahir.isoformat()}); yang di kolom dipakai"
            )
        lahir = lahir or nip.tanggal_lahir
        if sex and nip.jenis_kelamin and sex != nip.jenis_kelamin:
            warnings.append(
                f"baris {row_no}: jenis kelamin {sex} tidak sama dengan NIP ({nip.jenis_kelamin})"
            )
        sex = sex or nip.jenis_kelamin
    if problems or nip is None or not nama or not unit:
        return None, problems, warnings
    # Filled in place of Employee(...): a frozen dataclass's __init__ sets each of its 18 fields
    # through object.__setattr__, a sixth of this function's time on a 60,000-row import.
    emp = object.__new__(Employee)
    emp.__dict__.update(
        nip=nip.nip,
        nama=nama,
        unit=unit,
        status=status or "PNS",
        gelar_depan=gelar_depan,
        gelar_belakang=gelar_belakang,
        jabatan=jabatan,
        jenis_jabatan=jenis or "PELAKSANA",
        eselon=eselon,
        golongan=golongan,
        nip_atasan=atasan,
        tanggal_lahir=lahir,
        jenis_kelamin=sex,
        tpp=tpp,
        pin_mesin=pin,
        aktif=1 if aktif is None else aktif,
        given=given,
        jenis_dari=jenis_dari,
    )
    return emp, problems, warnings


@dataclass
class ParsedFile:
    employees: list[tuple[int, Employee]]  # (row number, employee)
    problems: list[Problem]
    warnings: list[str]
    ignored_columns: list[str]


# Between cells in `_all_text`: neither whitespace nor a control character, so a cell's ends show.
_CELL_GAP = "\ue000"
# Whitespace other than the plain space: a tab, a line break, a non-breaking space.
_ODD_SPACE = re.compile(r"[^\S ]")


def _untidy(text: str) -> bool:
    """Whether a cell of `_all_text` has a space at one end, two running or any other whitespace.
    Substring searches and one character class (50 ms at 60,000 rows; one regex of alternatives
    takes 300). A cell holding _CELL_GAP itself can only make this say True more often."""
    return (
        "  " in text
        or _CELL_GAP + " " in text
        or " " + _CELL_GAP in text
        or text.startswith(" ")
        or text.endswith(" ")
        or _ODD_SPACE.search(text) is not None
    )


def _all_text(rows: list[tuple[int, Sequence[object]]]) -> tuple[str, bool]:
    """Every cell of `rows` run together, and whether every cell was text or None. A CSV's cells
    are: joined as they are, without a str() call per cell (half the time at 60,000 rows); a
    spreadsheet's numbers and dates make that join refuse, and then each cell is made text."""
    try:
        return _CELL_GAP.join(filter(None, itertools.chain.from_iterable(cells for _, cells in rows))), True  # type: ignore[misc]
    except TypeError:
        return _CELL_GAP.join(map(str, itertools.chain.from_iterable(cells for _, cells in rows))), False


def parse_rows(rows: Iterable[tuple[int, Sequence[object]]], hm: HeaderMap) -> ParsedFile:
    """Every row's own rules, then duplicate NIPs and PINs within the file."""
    good: list[tuple[int, Employee]] = []
    problems: list[Problem] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    pins: dict[str, int] = {}
    rows = rows if isinstance(rows, list) else list(rows)
    # Every cell of the file as one text, searched once (in C): most files have no control
    # character at all, and then no row is searched on its own.
    # The same text says whether any cell needs its whitespace tidied; most files need none.
    text, all_text = _all_text(rows)
    plan = _row_plan(hm, _CONTROL.search(text) is not None, not all_text or _untidy(text))
    for row_no, cells in rows:
        # A row whose first cell has text is not blank: the whole test only for the others.
        first = cells[0] if cells else None
        if not (first.__class__ is str and first and not first.isspace()) and all(
            c is None or str(c).strip() == "" for c in cells
        ):
            continue
        emp, probs, warns = parse_row(row_no, cells, hm, plan)
        problems.extend(probs)
        warnings.extend(warns)
        if emp is None:
            continue
        if emp.nip in seen:
            problems.append(
                Problem(
                    row_no,
                    hm.names[hm.columns["nip"]],
                    emp.nip,
                    f"NIP ganda, sudah ada di baris {seen[emp.nip]}",
                )
            )
            continue
        if emp.pin_mesin and emp.pin_mesin in pins:
            problems.append(
                Problem(
                    row_no,
                    hm.names[hm.columns["pin_mesin"]],
                    emp.pin_mesin,
                    f"PIN mesin ganda, sudah dipakai di baris {pins[emp.pin_mesin]}",
                )
            )
            continue
        seen[emp.nip] = row_no
        if emp.pin_mesin:
            pins[emp.pin_mesin] = row_no
        good.append((row_no, emp))
    return ParsedFile(good, problems, warnings, hm.ignored)


def check_supervisors(
    rows: list[tuple[int, Employee]],
    stored: Mapping[str, str | None],
    atasan_label: str = "NIP Atasan",
) -> list[Problem]:
    """Supervisors must exist (in the file or the store) and never form a cycle.

    `stored` maps every stored NIP to its stored supervisor; the file's rows override it.
    """
    chain: dict[str, str | None] = dict(stored)
    for _, e in rows:
        chain[e.nip] = e.nip_atasan
    problems: list[Problem] = []
    for row_no, e in rows:
        if e.nip_atasan and e.nip_atasan not in chain:
            problems.append(
                Problem(
                    row_no,
                    atasan_label,
                    e.nip_atasan,
                    "atasan tidak ada di berkas ini maupun di data pegawai",
                )
            )
    state: dict[str, int] = {}  # 1 = being walked, 2 = known acyclic
    in_cycle: set[str] = set()
    for start in chain:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in chain and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = chain[node]
        if node is not None and state.get(node) == 1:
            in_cycle.update(path[path.index(node) :])
        for p in path:
            state[p] = 2
    for row_no, e in rows:
        if e.nip in in_cycle:
            problems.append(
                Problem(
                    row_no,
                    atasan_label,
                    e.nip_atasan or "",
                    "rantai atasan berputar (siklus): " + describe_cycle(e.nip, chain),
                )
            )
    return problems


def loop_through(nip: str, target: str, chain: Mapping[str, str | None]) -> str | None:
    """'A -> B -> A' when making `target` the supervisor of `nip` closes a loop in `chain` (one
    day's chain), else None."""
    seq = [nip]
    seen = {nip}
    node: str | None = target
    while node is not None and node not in seen:
        seq.append(node)
        seen.add(node)
        node = chain.get(node)
    return " -> ".join([*seq, nip]) if node == nip else None


def describe_cycle(start: str, chain: Mapping[str, str | None]) -> str:
    seq = [start]
    node = chain.get(start)
    while node is not None and node != start and len(seq) < 20:
        seq.append(node)
        node = chain.get(node)
    return " -> ".join([*seq, start])


FIELDS = (
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "jabatan",
    "jenis_jabatan",
    "eselon",
    "golongan",
    "unit",
    "nip_atasan",
    "tanggal_lahir",
    "jenis_kelamin",
    "tpp",
    "pin_mesin",
    "aktif",
)


@dataclass
class ImportPlan:
    added: list[dict[str, object]] = field(default_factory=list)
    changed: list[tuple[dict[str, object], dict[str, object]]] = field(default_factory=list)
    unchanged: int = 0
    inactivated: list[dict[str, object]] = field(default_factory=list)
    per_kolom: dict[str, int] = field(default_factory=dict)
    dikosongkan: dict[str, int] = field(default_factory=dict)

    @property
    def writes(self) -> bool:
        return bool(self.added or self.changed or self.inactivated)


def plan_import(
    stored: Mapping[str, Mapping[str, object]],
    incoming: Iterable[Employee],
    *,
    ganti: bool,
    kosongkan: frozenset[str] = frozenset(),
) -> ImportPlan:
    """Upsert by NIP: what is new, what changed (old, new), what stays; with `ganti`, who leaves.

    An existing employee changes only in the fields the row said something about (`given`); an
    empty cell leaves the stored value, unless its field is in `kosongkan` (then it is cleared).
    A kind of position inferred from the post name does not override a stored eselon's kind when
    the file has no eselon. `plan.per_kolom` counts the changes per field, `plan.dikosongkan` how
    many stored values a field loses."""
    plan = ImportPlan()
    seen: set[str] = set()
    for e in incoming:
        rec = e.record()
        seen.add(e.nip)
        old = stored.get(e.nip)
        if old is None:
            plan.added.append(rec)
            continue
        new = dict(old)
        for f in e.given:
            new[f] = rec[f]
        for f in kosongkan:
            if f not in e.given:
                new[f] = None
        if e.jenis_dari == "nama" and old.get("eselon") and "eselon" not in e.given:
            new["jenis_jabatan"] = old.get("jenis_jabatan")
        changed = [f for f in FIELDS if old.get(f) != new.get(f)]
        if changed:
            plan.changed.append((dict(old), new))
            for f in changed:
                plan.per_kolom[f] = plan.per_kolom.get(f, 0) + 1
                if new.get(f) is None:
                    plan.dikosongkan[f] = plan.dikosongkan.get(f, 0) + 1
        else:
            plan.unchanged += 1
    if ganti:
        plan.inactivated = [dict(r) for nip, r in stored.items() if nip not in seen and r.get("aktif")]
    return plan


def unor_tree_paths(rows: Sequence[tuple[int, Sequence[object]]], hm: HeaderMap) -> dict[int, str]:
    """Row number -> the unit path below the satuan kerja, for files that give the organisation as
    UNOR ids only (SAPK `daftar_pns_aktif`: UNOR_ID, UNOR_INDUK_ID, no UNOR name). A UNOR is named
    after its head's post ('Kepala Bidang Pembinaan SMA' -> 'Bidang Pembinaan SMA', 'Sekretaris'
    -> 'Sekretariat'), else 'UNOR <id>'; the topmost UNOR of the file is the satuan kerja itself."""
    from .positions import is_leader, kind_from_post

    ui, pi, ji = hm.columns["unor_id"], hm.columns["unor_induk_id"], hm.columns.get("jabatan")

    def at(cells: Sequence[object], i: int | None) -> str:
        return _text(cells[i]) or "" if i is not None and i < len(cells) else ""

    parent: dict[str, str] = {}
    name: dict[str, str] = {}
    for _, cells in rows:
        u = at(cells, ui)
        if not u:
            continue
        parent.setdefault(u, at(cells, pi))
        post = at(cells, ji)
        if u not in name and is_leader(kind_from_post(post)):
            low = post.lower()
            if low.startswith("kepala "):
                name[u] = post[len("kepala ") :].strip()
            elif low.startswith("sekretaris") and len(post.split()) <= 2:
                name[u] = "Sekretariat"
    out: dict[int, str] = {}
    for row_no, cells in rows:
        u = at(cells, ui)
        chain: list[str] = []
        seen: set[str] = set()
        while u and u in parent and u not in seen:
            seen.add(u)
            chain.append(u)
            u = parent[u]
        below_top = chain[:-1]  # the topmost is the satuan kerja (its own column names it)
        out[row_no] = " > ".join(name.get(x, f"UNOR {x}") for x in reversed(below_top))
    return out


def match_units(paths: Iterable[str], existing: Iterable[str]) -> dict[str, str]:
    """Each incoming unit path -> the stored unit it names, before anything is created: the path
    itself when stored; else the one stored unit with the same leaf name in the same OPD (SIASN
    gives 'OPD > leaf', a clerk sheet just the leaf), else the path as given (to be created)."""
    known = set(existing)
    by_leaf: dict[str, list[str]] = {}
    for k in known:
        by_leaf.setdefault(k.rsplit(" > ", 1)[-1], []).append(k)
    out: dict[str, str] = {}
    for path in set(paths):
        if path in known:
            out[path] = path
            continue
        parts = path.split(" > ")
        cands = [k for k in by_leaf.get(parts[-1], []) if len(parts) == 1 or k.split(" > ", 1)[0] == parts[0]]
        out[path] = cands[0] if len(cands) == 1 else path
    return out


def new_units(paths: Iterable[str], existing: Iterable[str]) -> list[str]:
    """Every unit (each level of each path) not stored yet, in tree order."""
    known = set(existing)
    out: set[str] = set()
    for path in set(paths):  # 60,000 rows name some 1,500 units
        parts = path.split(" > ")
        for depth in range(1, len(parts) + 1):
            sub = " > ".join(parts[:depth])
            if sub not in known:
                out.add(sub)
    return sorted(out)


def opds_without_leaders(records: Iterable[Mapping[str, object]]) -> list[str]:
    """OPDs (first path level) whose active employees include no structural leader."""
    from .positions import is_leader

    led: dict[str, bool] = {}
    for r in records:
        if not r.get("aktif"):
            continue
        opd = str(r["unit"]).split(" > ", 1)[0]
        led[opd] = led.get(opd, False) or is_leader(str(r.get("jenis_jabatan") or ""))
    return sorted(o for o, ok in led.items() if not ok)


def clearable_field(name: str) -> str | None:
    """The field a `--kosongkan` name means (a field name or a header alias), if it may be cleared."""
    key = norm_header(name)
    f = key if key in CLEARABLE else ALIASES.get(key)
    if f is None:
        f = next((c for c in CLEARABLE if norm_header(c) == key), None)
    return f if f in CLEARABLE else None


def diff(old: Mapping[str, object], new: Mapping[str, object]) -> tuple[dict, dict]:
    """Only the fields that differ, for the audit log."""
    keys = [f for f in FIELDS if old.get(f) != new.get(f)]
    return {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}
