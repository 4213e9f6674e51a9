"""A simulated month of the demo Dinas: sick and leave days, a few absences without reason, machine
punches (ZKTeco attlog) on office days, online check-ins on home days, and daily activities with
what each supervisor does with them.

Each person-day draws from its own random stream seeded by (seed, NIP, day), so a change to one
day's roster does not reshuffle everybody else's month. Times are local wall-clock times of the
institution's zone, as the attendance machine writes them.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from .institution import Dinas, Person


@dataclass(frozen=True)
class Status:
    nip: str
    kode: str  # S, I, CT, DL, ... (SPEC §7)
    mulai: date
    sampai: date
    keterangan: str


@dataclass(frozen=True)
class Punch:
    nip: str
    pin: str
    waktu: datetime  # naive local time
    mode: str  # WFO or WFH
    jenis: str | None = None  # masuk/pulang for online check-ins; machines leave it open


@dataclass(frozen=True)
class Activity:
    nip: str
    tanggal: date
    mulai: time
    selesai: time
    uraian: str
    output: str
    hasil: str  # "setuju", "tolak" or "tunggu" (what the supervisor will do)
    alasan: str | None = None

    @property
    def menit(self) -> int:
        return (self.selesai.hour * 60 + self.selesai.minute) - (self.mulai.hour * 60 + self.mulai.minute)


@dataclass
class Month:
    statuses: list[Status]
    absent: list[tuple[str, date]]  # TK: no punch, no status
    punches: list[Punch]
    activities: list[Activity]

    @property
    def machine(self) -> list[Punch]:
        return [p for p in self.punches if p.jenis is None]

    @property
    def online(self) -> list[Punch]:
        return [p for p in self.punches if p.jenis is not None]


def _rng(seed: int, *parts: object) -> random.Random:
    # str seeds hash with SHA-512: stable across runs and Python versions (unlike hash()).
    return random.Random(":".join(map(str, (seed, *parts))))


def plan_absences(
    dinas: Dinas, days: Sequence[date], seed: int = 2021
) -> tuple[list[Status], list[tuple[str, date]]]:
    """Declared days off (sick, leave, permission, official travel) and a few TK days."""
    rng = _rng(seed, "absen")
    people = dinas.people
    staff = [p for p in people if not p.leader]
    taken: set[str] = set()
    statuses: list[Status] = []

    def span(p: Person | None, kode: str, length: int, why: str) -> None:
        if p is None or not days:
            return  # a small institution or a short period: fewer absences
        length = min(length, len(days))
        i = rng.randrange(0, len(days) - length + 1)
        statuses.append(Status(p.nip, kode, days[i], days[i + length - 1], why))
        taken.add(p.nip)

    def pick(pool: list[Person]) -> Person | None:
        free = [p for p in pool if p.nip not in taken]
        return rng.choice(free) if free else None

    span(pick([p for p in people if p.jenis_jabatan == "JPT"]), "DL", 2, "rapat koordinasi di Samarinda")
    for length in (1, 2, 1, 3):
        span(pick(staff), "S", length, "surat keterangan dokter")
    for length in (3, 2, 5):
        span(pick(staff), "CT", length, "cuti tahunan")
    span(pick(staff), "I", 1, "mengurus keperluan keluarga")
    absent: list[tuple[str, date]] = []
    for n in (1, 2):
        p = pick([q for q in staff if q.status != "NON-ASN"])
        if p is not None and days:
            taken.add(p.nip)
            absent += [(p.nip, d) for d in sorted(rng.sample(list(days), min(n, len(days))))]
    return statuses, absent


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _at(day: date, minute: float, rng: random.Random) -> datetime:
    return datetime.combine(day, time()) + timedelta(minutes=int(minute), seconds=rng.randrange(60))


def _habit(seed: int, nip: str) -> tuple[float, float]:
    """(chance of coming late, chance of leaving early): most are punctual, a few are not."""
    r = _rng(seed, "kebiasaan", nip).random()
    if r < 0.70:
        return 0.03, 0.02
    if r < 0.92:
        return 0.12, 0.05
    return 0.35, 0.10


def _day_punches(p: Person, day: date, mode: str, hours: tuple[time, time], seed: int) -> list[Punch]:
    rng = _rng(seed, "presensi", p.nip, day)
    late_p, early_p = _habit(seed, p.nip)
    if mode == "WFH":
        late_p /= 2  # an online check-in from home is rarely late
    start, end = _minutes(hours[0]), _minutes(hours[1])
    r = rng.random()
    if r < late_p:
        tier = rng.random()
        minute = start + (
            rng.uniform(1, 30) if tier < 0.8 else rng.uniform(31, 60) if tier < 0.92 else rng.uniform(61, 130)
        )
    else:
        minute = start - rng.uniform(2, 40 if mode == "WFO" else 12) - 1
    check_in = _at(day, minute, rng)
    if rng.random() < early_p:
        out_minute = end - (rng.uniform(1, 30) if rng.random() < 0.85 else rng.uniform(31, 75))
    else:
        out_minute = end + rng.uniform(0, 50)
    check_out = _at(day, out_minute, rng)
    jenis = (None, None) if mode == "WFO" else ("masuk", "pulang")
    punches = [Punch(p.nip, p.pin, check_in, mode, jenis[0])]
    if mode == "WFO" and rng.random() < 0.04:  # pressed twice: machines log both
        punches.append(Punch(p.nip, p.pin, check_in + timedelta(seconds=rng.randint(3, 40)), mode))
    if rng.random() >= 0.015:  # now and then the check-out is forgotten
        punches.append(Punch(p.nip, p.pin, check_out, mode, jenis[1]))
    return punches


URAIAN = {
    "JPT": [
        ("Memimpin rapat koordinasi pimpinan", "1 notulen"),
        ("Menelaah dan mendisposisi surat masuk", "15 disposisi"),
        ("Menandatangani dokumen kedinasan", "10 dokumen"),
        ("Menerima audiensi mitra", "1 catatan audiensi"),
    ],
    "ADMINISTRATOR": [
        ("Mengoordinasikan pelaksanaan program bidang", "1 catatan koordinasi"),
        ("Memeriksa laporan kegiatan seksi", "2 laporan diperiksa"),
        ("Menyusun telaah staf untuk pimpinan", "1 telaah staf"),
        ("Memimpin rapat internal bidang", "1 notulen"),
    ],
    "PENGAWAS": [
        ("Membagi dan memantau tugas staf seksi", "1 daftar tugas"),
        ("Memverifikasi hasil kerja staf", "5 kegiatan diperiksa"),
        ("Menyusun laporan mingguan seksi", "1 laporan"),
        ("Menyiapkan bahan rapat bidang", "1 bahan paparan"),
    ],
    "FUNGSIONAL": [
        ("Menganalisis kebutuhan sistem informasi", "1 dokumen analisis"),
        ("Menyusun bahan publikasi informasi", "2 naskah"),
        ("Mengolah data sektoral", "1 tabel data"),
        ("Melakukan pemeliharaan aplikasi", "1 laporan pemeliharaan"),
        ("Menyusun kajian teknis", "1 draf kajian"),
    ],
    "PELAKSANA": [
        ("Mengagendakan surat masuk dan keluar", "20 surat"),
        ("Menginput data ke aplikasi", "50 data"),
        ("Menyiapkan ruang dan bahan rapat", "1 rapat"),
        ("Mengarsipkan dokumen", "30 berkas"),
        ("Melayani permintaan informasi", "4 layanan"),
        ("Merekap daftar hadir kegiatan", "1 rekap"),
    ],
}
TOLAK = [
    "uraian terlalu umum; sebutkan keluarannya",
    "kegiatan tidak sesuai rencana kerja (SKP)",
    "waktu kegiatan tumpang tindih dengan rapat dinas",
]


def _day_activities(p: Person, day: date, seed: int) -> list[Activity]:
    rng = _rng(seed, "kinerja", p.nip, day)
    diligent = _rng(seed, "rajin", p.nip).random() >= 0.12
    if rng.random() < (0.03 if diligent else 0.15):
        return []  # forgot to log this day
    target = rng.uniform(300, 400) if diligent else rng.uniform(180, 300)
    pool = URAIAN[p.jenis_jabatan]
    out: list[Activity] = []
    minute, done = 8 * 60 + rng.choice([0, 5, 10, 15]), 0
    while done < target and minute < 15 * 60 + 30:
        length = min(rng.choice([60, 75, 90, 105, 120, 150]), int(target - done) + 15)
        length = max(30, length // 5 * 5)
        if minute < 12 * 60 < minute + length:  # the midday break splits the day
            minute = 13 * 60
        end = min(minute + length, 16 * 60)
        uraian, output = rng.choice(pool)
        r = rng.random()
        # The Kepala Dinas answers to the Sekda, who is outside this store: nobody can validate.
        if p.nip_atasan is None:
            hasil = "tunggu"
        else:
            hasil = "tolak" if r < 0.03 else "tunggu" if r < 0.08 else "setuju"
        out.append(
            Activity(
                p.nip,
                day,
                time(minute // 60, minute % 60),
                time(end // 60, end % 60),
                uraian,
                output,
                hasil,
                rng.choice(TOLAK) if hasil == "tolak" else None,
            )
        )
        done += end - minute
        minute = end + rng.choice([0, 5, 10, 15])
    return out


def simulate(
    dinas: Dinas,
    days: Sequence[date],
    hours: Callable[[date], tuple[time, time]],
    roster: Mapping[tuple[date, str], str] | None = None,
    seed: int = 2021,
) -> Month:
    """The month: roster None means everybody works at the office (a machine punch every day)."""
    statuses, absent = plan_absences(dinas, days, seed)
    off = {(s.nip, d) for s in statuses for d in days if s.mulai <= d <= s.sampai}
    off |= set(absent)
    punches: list[Punch] = []
    activities: list[Activity] = []
    for day in days:
        h = hours(day)
        for p in dinas.people:
            if (p.nip, day) in off:
                continue
            mode = roster.get((day, p.nip), "WFO") if roster is not None else "WFO"
            punches += _day_punches(p, day, mode, h, seed)
            activities += _day_activities(p, day, seed)
    return Month(statuses, absent, punches, activities)


def attlog_lines(punches: Sequence[Punch]) -> list[str]:
    """ZKTeco USB `1_attlog.dat` lines: PIN right-aligned to 9, time, device number 1, state,
    verify, workcode. Like many machines, state is 0 for every punch (SPEC §7: untyped); verify
    1 = fingerprint, 15 = face."""
    out = []
    for p in sorted(punches, key=lambda q: (q.waktu, int(q.pin))):
        verify = 15 if int(p.pin) % 4 == 0 else 1
        out.append(f"{p.pin:>9}\t{p.waktu:%Y-%m-%d %H:%M:%S}\t1\t0\t{verify}\t0")
    return out


def write_attlog(punches: Sequence[Punch], path: str | Path) -> Path:
    p = Path(path)
    p.write_text("".join(line + "\r\n" for line in attlog_lines(punches)), encoding="ascii")
    return p


def write_online_csv(punches: Sequence[Punch], path: str | Path) -> Path:
    """Online (WFH) check-ins for `presensi impor --format csv`: nip, waktu, jenis, mode."""
    p = Path(path)
    with open(p, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["nip", "waktu", "jenis", "mode"])
        for q in sorted(punches, key=lambda q: (q.waktu, q.nip)):
            w.writerow([q.nip, f"{q.waktu:%Y-%m-%d %H:%M:%S}", q.jenis, q.mode.lower()])
    return p
