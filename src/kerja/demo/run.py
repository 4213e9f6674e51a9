"""`kerja demo`: the whole monthly cycle of the fictional Dinas, through the same services the
clerk's commands call (no subprocesses), into a new store.

"Now" is fixed at DEMO_NOW (1 March 2021, the morning after the month) while the demo runs, so
the audit log, validation stamps and every "is this day past?" check come out the same on every
run; the previous KERJA_SEKARANG, if any, is restored afterwards.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import institution as demo_dinas
from . import simulate

BULAN = "2021-02"
MULAI, SAMPAI = date(2021, 2, 1), date(2021, 2, 28)
DEMO_NOW = "2021-03-01T08:00:00+08:00"


@dataclass
class Result:
    db: Path
    folder: Path
    instansi: str
    recap: dict[str, Any] | None = None
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@contextmanager
def fixed_now(value: str = DEMO_NOW) -> Iterator[None]:
    old = os.environ.get("KERJA_SEKARANG")
    os.environ["KERJA_SEKARANG"] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("KERJA_SEKARANG", None)
        else:
            os.environ["KERJA_SEKARANG"] = old


def _n(x: int) -> str:
    return f"{x:,}".replace(",", ".")


class Demo:
    """One run: each step says what it did through `say`."""

    STEPS = 9

    def __init__(self, db: Path, folder: Path, say: Callable[[str], None], seed: int):
        self.db, self.folder, self.say, self.seed = db, folder, say, seed
        self.dinas = demo_dinas.build(seed)
        self.step = 0
        # The clerk who runs the cycle: the head of the Subbagian Umum dan Kepegawaian.
        self.petugas = next(
            p.nip for p in self.dinas.people if p.jabatan.startswith("Kepala Subbagian Umum")
        )

    def tell(self, text: str) -> None:
        self.step += 1
        self.say(f"[{self.step}/{self.STEPS}] {text}")

    def run(self) -> Result:
        from ..store.db import connect

        self.folder.mkdir(parents=True, exist_ok=True)
        result = Result(self.db, self.folder, self.dinas.instansi)
        with fixed_now():
            self.conn = connect(self.db, create=True)
            try:
                self.init()
                self.employees()
            finally:
                self.conn.close()
        return result

    def init(self) -> None:
        from ..services import institution

        institution.init(self.conn, instansi=self.dinas.instansi, zona=self.dinas.zona,
                         rules=None, oleh=self.petugas)  # fmt: skip
        self.tell(f"Basis data baru {self.db} ({self.dinas.zona}), aturan bawaan")

    def employees(self) -> None:
        from ..services.pegawai import import_employees

        path = demo_dinas.write_csv(self.dinas, self.folder / "pegawai.csv")
        s = import_employees(self.conn, path, oleh=self.petugas)
        status = Counter(p.status for p in self.dinas.people)
        units = len({p.unit for p in self.dinas.people})
        self.tell(
            f"{s.ditambah} pegawai diimpor dari {path} ({units} unit; "
            + ", ".join(f"{status[k]} {k}" for k in ("PNS", "PPPK", "NON-ASN") if status[k])
            + ")"
        )
