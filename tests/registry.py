"""Arguments for any registered command, made from its declared parameter types (kerja.cli.params),
so the registry-walking tests cover commands added after they were written."""

from __future__ import annotations

from kerja.cli import params as P
from kerja.cli.reference import Entry, commands

NIP = "197508172000031002"
MISSING_FILE = "tidak-ada.txt"

# A well-formed value of each declared type, and one that must be refused.
VALID = {
    P.DateType: "2021-02-01",
    P.MonthType: "2021-02",
    P.TimeType: "08:00",
    P.DateTimeType: "2021-02-01 07:30",
    P.NipType: NIP,
    P.YearType: "2021",
    P.SeparatorType: ";",
}
BAD = {
    P.DateType: "2021-02-30",
    P.MonthType: "2021-13",
    P.TimeType: "25:61",
    P.DateTimeType: "kemarin pagi",
    P.NipType: "1,97508E+17",  # what Excel leaves of a NIP typed as a number
    P.YearType: "1900",
    P.SeparatorType: "ab",
    P.ChoiceType: "zzz",
}


def leaves() -> list[Entry]:
    return list(commands())


def names(entries: list[Entry]) -> list[str]:
    return [" ".join(e.path) for e in entries]


def valid_value(param) -> str:  # type: ignore[no-untyped-def]
    t = param.type
    if isinstance(t, P.ChoiceType):
        return t.choices[0]
    for cls, value in VALID.items():
        if isinstance(t, cls):
            return value
    kind = getattr(t, "name", "")
    if kind in ("integer", "int"):
        return "1"
    if kind == "float":
        return "1.5"
    if kind in ("path", "file", "filename"):
        return MISSING_FILE
    return "x"


def bad_value(param) -> str | None:  # type: ignore[no-untyped-def]
    t = param.type
    for cls, value in BAD.items():
        if isinstance(t, cls):
            return value
    if getattr(t, "name", "") in ("integer", "int"):
        return "x"
    return None


def is_argument(param) -> bool:  # type: ignore[no-untyped-def]
    return param.param_type_name == "argument"


def required_argv(entry: Entry, replace: object = None, value: str | None = None) -> list[str]:
    """The command's path and its required parameters with valid values; `replace` (a parameter)
    gets `value` instead, and is added when it is an optional option."""
    argv = list(entry.path)
    for p in entry.command.params:  # type: ignore[attr-defined]
        if p.name in ("help",) or getattr(p, "hidden", False):
            continue
        chosen = value if p is replace else None
        if not p.required and chosen is None:
            continue
        text = chosen if chosen is not None else valid_value(p)
        argv += [text] if is_argument(p) else [p.opts[0], text]
    return argv


def typed_params(entry: Entry) -> list:  # type: ignore[type-arg]
    """Parameters of the command whose type refuses some values."""
    return [
        p
        for p in entry.command.params  # type: ignore[attr-defined]
        if bad_value(p) is not None and not getattr(p, "hidden", False)
    ]
