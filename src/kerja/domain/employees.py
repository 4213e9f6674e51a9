"""From spreadsheet rows to employees: header aliases, one row's rules, and the whole file's
rules (duplicates, supervisors that exist, no supervision cycles)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .errors import KerjaError, Problem
from .nip import parse_nip, parse_status
from .positions import JENIS_JABATAN
from .values import control_characters, parse_date, parse_eselon, parse_golongan, parse_rupiah


def norm_header(text: object) -> str:
    return re.sub(r"[\s_./\-]", "", str(text or "")).lower()


# Normalised header -> field. Unit parts (opd, unit, unit_kerja, sub_unit) are joined into a path.
ALIASES: dict[str, str] = {
    **dict.fromkeys(["nip", "nipbaru", "nik", "idpegawai", "nippegawai", "nipnik", "nip18"], "nip"),
    **dict.fromkeys(["nama", "namalengkap", "namapegawai"], "nama"),
    **dict.fromkeys(["gelardepan"], "gelar_depan"),
    **dict.fromkeys(["gelarbelakang"], "gelar_belakang"),
    **dict.fromkeys(
        ["status", "statuspegawai", "jenispegawai", "statuscpnspns", "statuskepegawaian"], "status"
    ),
    **dict.fromkeys(["jabatan", "namajabatan", "jabatannama"], "jabatan"),
    **dict.fromkeys(["eselon", "eselonnama"], "eselon"),
    **dict.fromkeys(["jenisjabatan", "jenisjabatannama"], "jenis_jabatan"),
    **dict.fromkeys(
        ["golongan", "gol", "pangkatgolongan", "pangkatgol", "golakhirnama", "golongannama", "golruang"],
        "golongan",
    ),
    **dict.fromkeys(["opd", "perangkatdaerah", "skpd"], "opd"),
    **dict.fromkeys(["unit", "unor", "unornama", "unitorganisasi"], "unit"),
    **dict.fromkeys(["unitkerja", "bidang"], "unit_kerja"),
    **dict.fromkeys(["subunit", "subunitkerja", "seksi"], "sub_unit"),
    **dict.fromkeys(["nipatasan", "atasanlangsung", "nipatasanlangsung", "atasan"], "nip_atasan"),
    **dict.fromkeys(["tanggallahir", "tgllahir", "tanggallhr"], "tanggal_lahir"),
    **dict.fromkeys(["jeniskelamin", "jk", "lp", "kelamin"], "jenis_kelamin"),
    **dict.fromkeys(["tpp", "pagutpp", "basictpp", "tppbasic", "tppdasar"], "tpp"),
    **dict.fromkeys(["pin", "pinmesin", "idmesin", "idabsen", "pinabsen"], "pin_mesin"),
}
UNIT_PARTS = ("opd", "unit", "unit_kerja", "sub_unit")
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

    def record(self) -> dict[str, object]:
        """A flat dict with dates as ISO text, as the store keeps it."""
        d = dict(self.__dict__)  # asdict() deep-copies: 4x slower on a 60k import
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
        missing.append("Unit (atau OPD / Unit Kerja / Sub Unit Kerja)")
    if missing:
        found = ", ".join(n for n in names if n) or "(tidak ada)"
        raise KerjaError(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Judul kolom di baris 1: {found}."
        )
    return HeaderMap(columns, unit_columns, ignored, names)


def unit_path(parts: Iterable[object]) -> str:
    """'OPD > Bidang > Seksi' from one path cell or several columns, whitespace tidied."""
    pieces: list[str] = []
    for part in parts:
        for p in str(part or "").split(">"):
            p = " ".join(p.split())
            if p:
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


def _sex(value: str) -> str:
    key = norm_header(value)
    if key in ("l", "lk", "lakilaki", "pria", "m", "male"):
        return "L"
    if key in ("p", "pr", "perempuan", "wanita", "f", "female"):
        return "P"
    raise ValueError("jenis kelamin harus L atau P")


def parse_row(
    row_no: int, cells: Sequence[object], hm: HeaderMap
) -> tuple[Employee | None, list[Problem], list[str]]:
    """One row -> (employee or None, problems, warnings)."""
    problems: list[Problem] = []
    warnings: list[str] = []

    def cell(f: str) -> object:
        i = hm.columns.get(f)
        return cells[i] if i is not None and i < len(cells) else None

    def header(f: str) -> str:
        return hm.names[hm.columns[f]]

    def bad(f: str, value: object, reason: str) -> None:
        shown = "" if value is None else str(value)
        problems.append(Problem(row_no, header(f), shown, reason))

    def attempt(f: str, parser, value: object):
        try:
            return parser(value)
        except ValueError as e:
            bad(f, value, str(e))
            return None

    for f in hm.columns:
        v = cell(f)
        if isinstance(v, str) and (found := control_characters(v)):
            bad(f, v, f"memuat karakter kendali {', '.join(repr(c) for c in found)}; hapus dari sel")
    for i in hm.unit_columns:
        v = cells[i] if i < len(cells) else None
        if isinstance(v, str) and (found := control_characters(v)):
            problems.append(
                Problem(
                    row_no, hm.names[i], v, f"memuat karakter kendali {', '.join(repr(c) for c in found)}"
                )
            )
    if problems:
        return None, problems, warnings
    status = attempt("status", parse_status, cell("status")) if "status" in hm.columns else None
    nip = attempt("nip", lambda v: parse_nip(v, status), cell("nip"))
    if nip and status is None:
        status = nip.status
    nama = _text(cell("nama"))
    if not nama:
        bad("nama", cell("nama"), "nama tidak boleh kosong")
    unit = unit_path(cells[i] if i < len(cells) else None for i in hm.unit_columns)
    if not unit:
        problems.append(Problem(row_no, hm.names[hm.unit_columns[0]], "", "unit tidak boleh kosong"))
    eselon = attempt("eselon", parse_eselon, cell("eselon")) if "eselon" in hm.columns else None
    jenis = (
        attempt("jenis_jabatan", lambda v: _jenis_jabatan(_text(v), eselon), cell("jenis_jabatan"))
        if "jenis_jabatan" in hm.columns
        else _jenis_jabatan(None, eselon)
    )
    golongan = attempt("golongan", parse_golongan, cell("golongan"))
    atasan = None
    if _text(cell("nip_atasan")):
        atasan = attempt("nip_atasan", lambda v: parse_nip(v, "NON-ASN").nip, cell("nip_atasan"))
    lahir = None
    if _text(cell("tanggal_lahir")):
        lahir = attempt("tanggal_lahir", parse_date, cell("tanggal_lahir"))
    sex = attempt("jenis_kelamin", _sex, cell("jenis_kelamin")) if _text(cell("jenis_kelamin")) else None
    tpp = attempt("tpp", parse_rupiah, cell("tpp")) if _text(cell("tpp")) else None
    pin = _text(cell("pin_mesin"))

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
    emp = Employee(
        nip=nip.nip,
        nama=nama,
        unit=unit,
        status=status or "PNS",
        gelar_depan=_text(cell("gelar_depan")),
        gelar_belakang=_text(cell("gelar_belakang")),
        jabatan=_text(cell("jabatan")),
        jenis_jabatan=jenis or "PELAKSANA",
        eselon=eselon,
        golongan=golongan,
        nip_atasan=atasan,
        tanggal_lahir=lahir,
        jenis_kelamin=sex,
        tpp=tpp,
        pin_mesin=pin,
    )
    return emp, problems, warnings


@dataclass
class ParsedFile:
    employees: list[tuple[int, Employee]]  # (row number, employee)
    problems: list[Problem]
    warnings: list[str]
    ignored_columns: list[str]


def parse_rows(rows: Iterable[tuple[int, Sequence[object]]], hm: HeaderMap) -> ParsedFile:
    """Every row's own rules, then duplicate NIPs and PINs within the file."""
    good: list[tuple[int, Employee]] = []
    problems: list[Problem] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    pins: dict[str, int] = {}
    for row_no, cells in rows:
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        emp, probs, warns = parse_row(row_no, cells, hm)
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

    @property
    def writes(self) -> bool:
        return bool(self.added or self.changed or self.inactivated)


def plan_import(
    stored: Mapping[str, Mapping[str, object]], incoming: Iterable[Employee], *, ganti: bool
) -> ImportPlan:
    """Upsert by NIP: what is new, what changed (old, new), what stays; with `ganti`, who leaves."""
    plan = ImportPlan()
    seen: set[str] = set()
    for e in incoming:
        new = e.record() | {"aktif": 1}
        seen.add(e.nip)
        old = stored.get(e.nip)
        if old is None:
            plan.added.append(new)
        elif any(old.get(f) != new.get(f) for f in FIELDS):
            plan.changed.append((dict(old), new))
        else:
            plan.unchanged += 1
    if ganti:
        plan.inactivated = [dict(r) for nip, r in stored.items() if nip not in seen and r.get("aktif")]
    return plan


def diff(old: Mapping[str, object], new: Mapping[str, object]) -> tuple[dict, dict]:
    """Only the fields that differ, for the audit log."""
    keys = [f for f in FIELDS if old.get(f) != new.get(f)]
    return {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}
