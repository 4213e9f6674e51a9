"""`kerja demo`: the whole monthly cycle of the fictional Dinas, through the same services the
clerk's commands call (no subprocesses), into a new store.

"Now" is fixed at DEMO_NOW (1 March 2021, the morning after the month) while the demo runs, so
the audit log, validation stamps and every "is this day past?" check come out the same on every
run; the previous KERJA_SEKARANG, if any, is restored afterwards.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import institution as demo_dinas
from . import simulate

BULAN = "2021-02"
MULAI, SAMPAI = date(2021, 2, 1), date(2021, 2, 28)
DEMO_NOW = "2021-03-01T08:00:00+08:00"
NOW = datetime.fromisoformat(DEMO_NOW)  # handed to every service that asks for "now"


@dataclass
class Result:
    db: Path
    folder: Path
    instansi: str
    recap: dict[str, Any] | None = None
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a reader of the recap may wonder about


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


class _Quiet:
    def advance(self, n: int = 1) -> None:
        pass


@contextmanager
def _quiet_progress(description: str, total: int) -> Iterator[_Quiet]:
    yield _Quiet()


def _n(x: int) -> str:
    from ..domain.values import format_number

    return format_number(x)


class Demo:
    """One run: each step says what it did through `say`."""

    STEPS = 9

    def __init__(
        self,
        db: Path,
        folder: Path,
        say: Callable[[str], None],
        seed: int = 2021,
        progress: Callable[[str, int], AbstractContextManager[Any]] | None = None,
    ):
        """`progress(description, total)` gives a bar with advance() (the CLI passes its own);
        without it the long steps run silently."""
        self.db, self.folder, self.say, self.seed = db, folder, say, seed
        self.progress = progress or _quiet_progress
        self.dinas = demo_dinas.build(seed)
        self.by_nip = self.dinas.by_nip()
        self.step = 0
        # The clerk who runs the cycle: the head of the Subbagian Umum dan Kepegawaian.
        self.petugas = next(p.nip for p in self.dinas.people if p.jabatan.startswith("Kepala Subbagian Umum"))
        self.roster: dict[tuple[date, str], str] = {}
        self.days: list[date] = []

    def tell(self, *lines: str) -> None:
        """One step: its first line numbered, the rest indented under it (80 columns)."""
        self.step += 1
        self.say(f"[{self.step}/{self.STEPS}] {lines[0]}")
        for line in lines[1:]:
            self.say(f"      {line}")

    def run(self) -> Result:
        from ..services.database import create_store

        self.folder.mkdir(parents=True, exist_ok=True)
        result = Result(self.db, self.folder, self.dinas.instansi)
        with fixed_now():
            self.conn = create_store(self.db)
            try:
                self.init()
                self.employees()
                self.conditions()
                self.circular()
                absences = self.statuses()
                self.schedule()
                month = self.presence(absences)
                self.activities(month)
                result.recap, result.files = self.recap()
                result.notes = self.notes(result.recap)
            finally:
                self.conn.close()
        return result

    def init(self) -> None:
        from ..services import institution

        institution.init(
            self.conn, instansi=self.dinas.instansi, zona=self.dinas.zona, rules=None, oleh=self.petugas
        )
        self.tell(f"Basis data baru {self.db} (zona {self.dinas.zona}, aturan bawaan)")

    def employees(self) -> None:
        from ..services.pegawai import import_employees

        path = demo_dinas.write_csv(self.dinas, self.folder / "pegawai.csv")
        s = import_employees(self.conn, path, oleh=self.petugas)
        status = Counter(p.status for p in self.dinas.people)
        units = len({p.unit for p in self.dinas.people})
        self.tell(
            f"{s.ditambah} pegawai diimpor dari {path}",
            f"{units} unit; "
            + ", ".join(f"{status[k]} {k}" for k in ("PNS", "PPPK", "NON-ASN") if status[k]),
        )

    def conditions(self) -> None:
        from ..domain.calendar import age_on
        from ..services.kalender import add_condition

        for c in self.dinas.conditions:
            add_condition(self.conn, c.nip, c.jenis, c.mulai, c.sampai, c.keterangan, self.petugas, now=NOW)
        kinds = Counter(c.jenis for c in self.dinas.conditions)
        old = sum(1 for p in self.dinas.people if age_on(p.tanggal_lahir, MULAI) >= 55)
        self.tell(
            f"Kondisi: {kinds['hamil']} hamil, {kinds['odp']} ODP; {old} pegawai berusia 55+",
            "(edaran: mereka bekerja dari rumah)",
        )

    def circular(self) -> None:
        from ..services.kalender import install_circular

        path = self.folder / "kebijakan-demo.toml"
        path.write_text(demo_dinas.circular_toml(MULAI, SAMPAI), encoding="utf-8")
        c, _ = install_circular(self.conn, path, self.petugas)
        self.tell(f"Surat edaran {c.nama}: 25% WFO / 75% WFH, {c.mulai} s.d. {c.sampai}")

    def statuses(self) -> tuple[list[simulate.Status], list[tuple[str, date]]]:
        from ..services.kalender import working_days
        from ..services.presensi import declare_status

        self.days = working_days(self.conn, MULAI, SAMPAI)
        statuses, absent = simulate.plan_absences(self.dinas, self.days, self.seed)
        for s in statuses:
            declare_status(
                self.conn, s.nip, s.kode, s.mulai, s.sampai, s.keterangan, oleh=self.petugas, now=NOW
            )
        kinds = Counter(s.kode for s in statuses)
        names = {"S": "sakit", "CT": "cuti tahunan", "I": "izin", "DL": "dinas luar"}
        self.tell(
            "Status: " + ", ".join(f"{kinds[k]} {names[k]}" for k in names if kinds[k]),
            f"(dan {len(absent)} hari tanpa keterangan, nanti terbaca TK)",
        )
        return statuses, absent

    def schedule(self) -> None:
        from ..services import jadwal

        s = jadwal.generate(self.conn, oleh=self.petugas, mulai=MULAI, sampai=SAMPAI, now=NOW)
        for tanggal, nip, _nama, _unit, lokasi, _alasan in jadwal.export_rows(self.conn, MULAI, SAMPAI):
            self.roster[(date.fromisoformat(tanggal), nip)] = lokasi
        share = 100 * s.wfo / max(1, s.wfo + s.wfh)
        self.tell(
            f"Jadwal Februari 2021: {len(s.hari)} hari kerja, {_n(s.sel)} sel",
            f"{_n(s.wfo)} WFO ({share:.0f}%) / {_n(s.wfh)} WFH; "
            f"{len(s.pelanggaran)} pelanggaran kuota/cakupan",
        )

    def presence(self, absences: tuple[list[simulate.Status], list[tuple[str, date]]]) -> simulate.Month:
        from ..domain.calendar import hours
        from ..services.institution import rules_by_day
        from ..services.presensi import import_file

        rules_for = rules_by_day(self.conn)
        month = simulate.simulate(
            self.dinas, self.days, lambda d: hours(d, rules_for(d)), self.roster, self.seed
        )
        attlog = simulate.write_attlog(month.machine, self.folder / "1_attlog.dat")
        online = simulate.write_online_csv(month.online, self.folder / "presensi-daring.csv")
        a = import_file(self.conn, attlog, oleh=self.petugas, now=NOW, fmt="attlog")
        b = import_file(self.conn, online, oleh=self.petugas, now=NOW, fmt="csv")
        self.tell(
            f"Presensi: {_n(a.ditambah)} ketukan mesin ({attlog.name})",
            f"{_n(b.ditambah)} presensi daring saat WFH ({online.name})",
        )
        return month

    def activities(self, month: simulate.Month) -> None:
        from ..services import kinerja

        verdict: dict[tuple[str, str, str | None], list[int]] = defaultdict(list)
        with self.progress("Mencatat kegiatan", len(month.activities)) as bar:
            for a in month.activities:
                row = kinerja.record(
                    self.conn,
                    a.nip,
                    tanggal=a.tanggal,
                    mulai=a.mulai,
                    selesai=a.selesai,
                    uraian=a.uraian,
                    output=a.output,
                    oleh=a.nip,
                    now=NOW,
                )
                atasan = self.by_nip[a.nip].nip_atasan
                if atasan and a.hasil != "tunggu":
                    verdict[(atasan, a.hasil, a.alasan)].append(row["id"])
                bar.advance()
        # Each supervisor validates their team's month in a few sittings, as `kinerja validasi`
        # does with many ids at once.
        for (atasan, hasil, alasan), ids in sorted(verdict.items(), key=lambda kv: kv[0][:2]):
            kinerja.validate(self.conn, ids, oleh=atasan, tolak=hasil == "tolak", alasan=alasan, now=NOW)
        counts = Counter(a.hasil for a in month.activities)
        self.tell(
            f"Kinerja: {_n(len(month.activities))} kegiatan dicatat",
            f"{_n(counts['setuju'])} disetujui atasan, {_n(counts['tolak'])} ditolak, "
            f"{_n(counts['tunggu'])} menunggu validasi",
        )

    def recap(self) -> tuple[dict[str, Any], list[Path]]:
        from ..domain.names import full_name_of
        from ..io import export
        from ..services.pegawai import get
        from ..services.rekap import monthly_recap

        recap = monthly_recap(self.conn, BULAN)

        def signer(jabatan: str, prefix: str) -> export.Signer:
            p = next(p for p in self.dinas.people if p.jabatan.startswith(prefix))
            return export.Signer(jabatan, full_name_of(get(self.conn, p.nip)), p.nip)

        signers = [
            signer("Kepala OPD", "Kepala Dinas"),
            signer("Bendahara Pengeluaran", "Bendahara Pengeluaran"),
            signer("Pengelola Kepegawaian", "Kepala Subbagian Umum"),
        ]
        files = [
            export.save_xlsx(recap, self.folder / f"rekap-{BULAN}.xlsx", unit=None, signers=signers),
            export.save_pdf(recap, self.folder / f"rekap-{BULAN}.pdf", unit=None, signers=signers),
        ]
        self.tell(f"Rekap TPP {BULAN}: {len(recap['pegawai'])} pegawai")
        return recap, files

    def notes(self, recap: dict[str, Any]) -> list[str]:
        """The warnings `rekap bulanan` gives for this month: here, the Kepala Dinas answers to
        the Sekda, who is outside the store, so nobody can validate the head's activities."""
        from ..domain.activities import unvalidatable_warning
        from ..services.kinerja import unvalidatable

        inside = {r["nip"] for r in recap["pegawai"]}
        heads = [h for h in unvalidatable(self.conn, BULAN) if h["nip"] in inside]
        capaian = {r["nip"]: r["capaian_kinerja_persen"] for r in recap["pegawai"]}
        out = unvalidatable_warning(heads)
        for h in heads:
            out.append(
                f"  Contoh: capaian kinerja {h['nip']} {capaian[h['nip']]:g}%; bila Sekda yang "
                f"memvalidasi: kerja pegawai ubah {h['nip']} --validator-luar "
                '"NIP_SEKDA|Nama Sekda, Sekretaris Daerah"'
            )
        return out
