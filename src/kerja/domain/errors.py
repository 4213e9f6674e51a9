"""Errors a clerk can act on. Messages are Indonesian and name the row, field, value and fix."""

from __future__ import annotations

from dataclasses import dataclass


class KerjaError(Exception):
    """A rejected input or a failed rule: exit 1, nothing written."""


@dataclass(frozen=True)
class Problem:
    """One bad cell of an imported file."""

    baris: int  # row number as the spreadsheet shows it (header is row 1)
    kolom: str
    nilai: str
    alasan: str

    def __str__(self) -> str:
        nilai = f" = {self.nilai!r}" if self.nilai != "" else ""
        return f"baris {self.baris}, kolom {self.kolom}{nilai}: {self.alasan}"


class ImportRejected(KerjaError):
    """Every bad row of a file, so the clerk can fix them all at once."""

    def __init__(self, berkas: str, problems: list[Problem]):
        self.problems = problems
        head = f"{berkas}: {len(problems)} masalah, tidak ada yang disimpan."
        lines = [head, *(f"  {p}" for p in problems[:200])]
        if len(problems) > 200:
            lines.append(f"  ... dan {len(problems) - 200} masalah lain (pakai --lewati-galat FILE)")
        super().__init__("\n".join(lines))


class NotAllowed(KerjaError):
    """The person may not do this (someone else's record, outside their chain): HTTP 403."""


class Refused(KerjaError):
    """A valid request that a rule refuses (a locked month, a decided request): HTTP 409."""


class NotFound(KerjaError):
    """The thing named does not exist: HTTP 404."""


class NotLoggedIn(KerjaError):
    """No valid session, or a wrong NIP/password (the same answer for both): HTTP 401."""


class TooManyAttempts(KerjaError):
    """Too many failed logins for a NIP or a client: HTTP 429."""
