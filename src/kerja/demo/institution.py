"""A fictional Dinas of about 120 people: a Kepala Dinas, a Sekretariat with subbagian, four bidang
with seksi, leaders with eselon, fungsional and pelaksana staff, some PPPK and non-ASN, supervisors,
TPP ceilings and machine PINs; a few people over 55, two pregnant, one ODP.

Every name is invented: given names and family names are drawn separately and combined, and the
institution's regency ("Sungai Lestari") does not exist. NIPs follow the real layout
(kerja.domain.nip) so the rows pass `kerja pegawai impor` unchanged.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..domain.positions import is_leader
from ..domain.values import format_number

INSTANSI = "Dinas Komunikasi dan Informatika Kabupaten Sungai Lestari"
OPD = "Diskominfo Sungai Lestari"
ZONA = "WITA"  # East Kalimantan, like Kutai Kartanegara whose circular the demo follows
SEED = 2021
ON = date(2021, 2, 1)  # ages, TMT and conditions are set relative to the demo month

# (bidang, head's title, eselon, [(seksi, head's title)]); the Sekretariat's leaves are subbagian.
STRUKTUR: list[tuple[str, str, str, list[str]]] = [
    (
        "Sekretariat",
        "Sekretaris",
        "III.a",
        ["Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Subbagian Perencanaan"],
    ),
    (
        "Bidang Informasi dan Komunikasi Publik",
        "Kepala Bidang Informasi dan Komunikasi Publik",
        "III.b",
        ["Seksi Pengelolaan Informasi Publik", "Seksi Kemitraan Media"],
    ),
    (
        "Bidang Aplikasi Informatika",
        "Kepala Bidang Aplikasi Informatika",
        "III.b",
        ["Seksi Layanan E-Government", "Seksi Pengembangan Aplikasi", "Seksi Tata Kelola Data"],
    ),
    (
        "Bidang Persandian dan Statistik",
        "Kepala Bidang Persandian dan Statistik",
        "III.b",
        ["Seksi Persandian", "Seksi Statistik Sektoral"],
    ),
    (
        "Bidang Infrastruktur TIK",
        "Kepala Bidang Infrastruktur TIK",
        "III.b",
        ["Seksi Jaringan dan Pusat Data", "Seksi Keamanan Informasi"],
    ),
]

# Staff posts per kind of leaf: (jabatan, jenis jabatan, golongan band "ahli"/"terampil"/"staf").
FUNGSIONAL = {
    "Umum": ["Analis Kepegawaian Ahli Pertama", "Arsiparis Terampil"],
    "Keuangan": ["Analis Keuangan Ahli Pertama"],
    "Perencanaan": ["Perencana Ahli Pertama", "Perencana Ahli Muda"],
    "Informasi": ["Pranata Hubungan Masyarakat Ahli Pertama", "Pranata Humas Terampil"],
    "Media": ["Pranata Hubungan Masyarakat Ahli Muda"],
    "Government": ["Pranata Komputer Ahli Pertama", "Pranata Komputer Terampil"],
    "Aplikasi": ["Pranata Komputer Ahli Muda", "Pranata Komputer Ahli Pertama"],
    "Data": ["Statistisi Ahli Pertama", "Pranata Komputer Ahli Pertama"],
    "Persandian": ["Sandiman Ahli Pertama", "Sandiman Terampil"],
    "Statistik": ["Statistisi Ahli Muda", "Statistisi Ahli Pertama"],
    "Jaringan": ["Pranata Komputer Ahli Pertama", "Pranata Komputer Terampil"],
    "Keamanan": ["Sandiman Ahli Pertama", "Pranata Komputer Ahli Muda"],
}
PELAKSANA = {
    "Umum": ["Pengadministrasi Umum", "Pengelola Kepegawaian", "Pengadministrasi Persuratan"],
    "Keuangan": ["Penyusun Laporan Keuangan", "Verifikator Keuangan", "Pengelola Gaji"],
    "Perencanaan": ["Penyusun Program dan Anggaran"],
}
PELAKSANA_TEKNIS = [
    "Pengolah Data",
    "Pengelola Layanan Informasi",
    "Operator Layanan Operasional",
    "Pengelola Sistem dan Jaringan",
    "Pengadministrasi Umum",
]
NON_ASN = ["Tenaga Pendukung Teknis", "Operator Komputer", "Tenaga Pendukung Administrasi"]
NON_ASN_UMUM = ["Pengemudi", "Petugas Keamanan", "Petugas Kebersihan"]

# Invented names: combined at random, checked unique. No real official is meant.
DEPAN_L = [
    "Arya",
    "Bagas",
    "Candra",
    "Danang",
    "Erlangga",
    "Fadli",
    "Galih",
    "Haris",
    "Irfan",
    "Jatmiko",
    "Kurnia",
    "Lutfi",
    "Mahesa",
    "Nanda",
    "Oktavian",
    "Prasetya",
    "Raka",
    "Satria",
    "Teguh",
    "Wahyu",
    "Yoga",
    "Zulfan",
    "Bayu",
    "Dimas",
    "Fajar",
    "Gilang",
    "Hendra",
    "Ilham",
    "Rendra",
    "Syahrul",
]
DEPAN_P = [
    "Anisa",
    "Bunga",
    "Citra",
    "Dian",
    "Elok",
    "Fitria",
    "Gendis",
    "Hana",
    "Intan",
    "Juwita",
    "Kirana",
    "Laras",
    "Mega",
    "Nadia",
    "Puspa",
    "Ratih",
    "Sekar",
    "Tiara",
    "Utami",
    "Wulan",
    "Yulia",
    "Ayu",
    "Dewanti",
    "Indri",
    "Larasati",
    "Nurul",
    "Rahma",
    "Salsabila",
    "Tari",
    "Vina",
]
BELAKANG = [
    "Adiwangsa",
    "Banyuputra",
    "Cahyaningrum",
    "Damarjati",
    "Ekaputri",
    "Gunadarma",
    "Hadikusumo",
    "Indrajaya",
    "Jayasentika",
    "Kusumawardana",
    "Lesmana",
    "Mahardika",
    "Nirmalasari",
    "Purbaningrum",
    "Rakasiwi",
    "Sasmitaloka",
    "Tirtawijaya",
    "Udayana",
    "Wirabumi",
    "Yudhistira",
    "Anggraeni",
    "Baskara",
    "Cendana",
    "Dirgantara",
    "Gemilang",
    "Halimunda",
    "Kertajaya",
    "Mandalika",
    "Pangestuti",
    "Sadewa",
]

PANGKAT = {
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
}
HEADERS = [
    "NIP",
    "Nama",
    "Gelar Depan",
    "Gelar Belakang",
    "Status Pegawai",
    "Pangkat/Golongan",
    "Jabatan",
    "Jenis Jabatan",
    "Eselon",
    "OPD",
    "Unit Kerja",
    "Sub Unit Kerja",
    "NIP Atasan",
    "Tgl Lahir",
    "JK",
    "Pagu TPP",
    "PIN Mesin",
]


@dataclass(frozen=True)
class Person:
    nip: str
    nama: str
    status: str  # PNS, CPNS, PPPK, NON-ASN
    jabatan: str
    jenis_jabatan: str
    unit: tuple[str, ...]  # (OPD, bidang, seksi) without empty parts
    tanggal_lahir: date
    jenis_kelamin: str
    pin: str
    eselon: str | None = None
    golongan: str | None = None
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    nip_atasan: str | None = None
    tpp: int | None = None

    @property
    def unit_path(self) -> str:
        return " > ".join(self.unit)

    @property
    def leader(self) -> bool:
        return is_leader(self.jenis_jabatan)


@dataclass(frozen=True)
class Condition:
    nip: str
    jenis: str
    mulai: date
    sampai: date | None
    keterangan: str


@dataclass
class Dinas:
    instansi: str
    zona: str
    people: list[Person]
    conditions: list[Condition] = field(default_factory=list)

    def by_nip(self) -> dict[str, Person]:
        return {p.nip: p for p in self.people}


class _Ids:
    """Unique NIPs, NIKs and names from one random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.names: set[str] = set()

    def name(self, sex: str) -> str:
        pool = DEPAN_L if sex == "L" else DEPAN_P
        while True:
            n = f"{self.rng.choice(pool)} {self.rng.choice(BELAKANG)}"
            if n not in self.names:
                self.names.add(n)
                return n

    def _unique(self, head: str, width: int) -> str:
        while True:
            value = f"{head}{self.rng.randint(1, 9 if width == 3 else 99):0{width}d}"
            if value not in self.used:
                self.used.add(value)
                return value

    def pns(self, born: date, sex: str, tmt_age: tuple[int, int]) -> str:
        year = min(born.year + self.rng.randint(*tmt_age), 2020)
        month = self.rng.randint(1, 12)
        if (year, month) <= (born.year + 18, born.month):
            year = born.year + 19
        return self._unique(f"{born:%Y%m%d}{year}{month:02d}{'1' if sex == 'L' else '2'}", 3)

    def pppk(self, born: date, sex: str) -> str:
        # NI PPPK: birth date + appointment year + contract count + gender + sequence.
        return self._unique(f"{born:%Y%m%d}202001{'1' if sex == 'L' else '2'}", 3)

    def nik(self, born: date, sex: str) -> str:
        # NIK: region (64 = Kalimantan Timur, 13 = no real regency) + kecamatan + DDMMYY + seq;
        # women add 40 to the day.
        day = born.day + (40 if sex == "P" else 0)
        head = f"6413{self.rng.randint(1, 9):02d}{day:02d}{born:%m%y}"
        while True:
            value = f"{head}{self.rng.randint(1, 60):04d}"
            if value not in self.used:
                self.used.add(value)
                return value


def _born(rng: random.Random, age_min: int, age_max: int) -> date:
    """A birth date giving an age in [age_min, age_max] on ON."""
    latest = ON.replace(year=ON.year - age_min) - timedelta(days=1)
    earliest = ON.replace(year=ON.year - age_max - 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def _leaf_key(seksi: str) -> str:
    for key in FUNGSIONAL:
        if key.lower() in seksi.lower():
            return key
    raise KeyError(seksi)


def build(seed: int = SEED) -> Dinas:
    """The whole Dinas, identical for the same seed."""
    rng = random.Random(seed)
    ids = _Ids(rng)
    people: list[Person] = []
    gelar_s1 = ["S.Kom.", "S.T.", "S.E.", "S.Sos.", "S.I.Kom.", "S.Si.", "S.AP."]

    def add(
        unit: tuple[str, ...],
        jabatan: str,
        jenis: str,
        *,
        eselon: str | None = None,
        golongan: str | None = None,
        status: str = "PNS",
        atasan: str | None = None,
        tpp: int | None = None,
        age: tuple[int, int] = (24, 54),
        sex: str | None = None,
        gelar: tuple[str | None, str | None] = (None, None),
    ) -> Person:
        sex = sex or rng.choice("LP")
        born = _born(rng, *age)
        if status == "NON-ASN":
            nip = ids.nik(born, sex)
        elif status == "PPPK":
            nip = ids.pppk(born, sex)
        else:
            nip = ids.pns(born, sex, (22, 30))
        p = Person(
            nip=nip,
            nama=ids.name(sex),
            status=status,
            jabatan=jabatan,
            jenis_jabatan=jenis,
            unit=unit,
            tanggal_lahir=born,
            jenis_kelamin=sex,
            pin=str(len(people) + 1),
            eselon=eselon,
            golongan=golongan,
            gelar_depan=gelar[0],
            gelar_belakang=gelar[1],
            nip_atasan=atasan,
            tpp=tpp,
        )
        people.append(p)
        return p

    kadis = add(
        (OPD,),
        "Kepala Dinas Komunikasi dan Informatika",
        "JPT",
        eselon="II.b",
        golongan="IV/c",
        tpp=14_250_000,
        age=(50, 54),
        gelar=("Dr.", "S.Kom., M.Si."),
    )
    # Leaders first (so supervisors precede their staff in the file), then staff per leaf.
    leaves: list[tuple[tuple[str, ...], Person]] = []
    for bidang, title, eselon, seksi_list in STRUKTUR:
        head = add(
            (OPD, bidang),
            title,
            "ADMINISTRATOR",
            eselon=eselon,
            golongan="IV/b" if eselon == "III.a" else "IV/a",
            atasan=kadis.nip,
            tpp=9_500_000 if eselon == "III.a" else 8_250_000,
            age=(44, 54),
            gelar=(None, rng.choice(["S.T., M.T.", "S.E., M.M.", "S.Sos., M.Si."])),
        )
        for seksi in seksi_list:
            kepala = "Kepala " + seksi
            # one Kepala Seksi is past 55: the circular sends them home although they lead
            old = seksi == "Seksi Statistik Sektoral"
            leaf_head = add(
                (OPD, bidang, seksi),
                kepala,
                "PENGAWAS",
                eselon="IV.a",
                golongan="III/d",
                atasan=head.nip,
                tpp=5_600_000,
                age=(56, 57) if old else (36, 52),
                gelar=(None, rng.choice(gelar_s1)),
            )
            leaves.append(((OPD, bidang, seksi), leaf_head))

    staff_per_leaf = [8] * len(leaves)
    for i in range(120 - len(people) - sum(staff_per_leaf)):
        staff_per_leaf[i % len(leaves)] += 1
    for (unit, head), n in zip(leaves, staff_per_leaf, strict=True):
        key = _leaf_key(unit[-1])
        for i in range(n):
            kind = "NON-ASN" if i in (n - 1, n - 3) and n > 8 or i == n - 1 else "PPPK" if i == 4 else "PNS"
            if kind == "NON-ASN":
                umum = key == "Umum" and i == n - 1
                add(
                    unit,
                    rng.choice(NON_ASN_UMUM if umum else NON_ASN),
                    "PELAKSANA",
                    status="NON-ASN",
                    atasan=head.nip,
                    age=(22, 45),
                )
            elif kind == "PPPK":
                add(
                    unit,
                    rng.choice(FUNGSIONAL[key]).replace("Terampil", "Ahli Pertama"),
                    "FUNGSIONAL",
                    golongan="IX",
                    status="PPPK",
                    atasan=head.nip,
                    tpp=3_400_000,
                    age=(30, 45),
                    gelar=(None, rng.choice(gelar_s1)),
                )
            elif i < 2:
                jab = rng.choice(FUNGSIONAL[key])
                muda = "Muda" in jab
                ahli = "Ahli" in jab
                gol = "III/c" if muda else rng.choice(["III/a", "III/b"]) if ahli else "II/c"
                add(
                    unit,
                    jab,
                    "FUNGSIONAL",
                    golongan=gol,
                    atasan=head.nip,
                    tpp=4_700_000 if muda else 3_900_000 if ahli else 3_250_000,
                    age=(33, 50) if muda else (24, 45),
                    gelar=(None, rng.choice(gelar_s1) if ahli else "A.Md."),
                )
            else:
                jab = rng.choice(PELAKSANA.get(key, PELAKSANA_TEKNIS))
                if key == "Keuangan" and i == 2:
                    jab = "Bendahara Pengeluaran"  # exactly one: the recap's second signer
                gol = rng.choice(["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"])
                add(
                    unit,
                    jab,
                    "PELAKSANA",
                    golongan=gol,
                    atasan=head.nip,
                    tpp=3_100_000 if gol.startswith("III") else 2_750_000,
                    age=(24, 54),
                    gelar=(None, rng.choice(gelar_s1)) if gol.startswith("III") else (None, None),
                )
    people = _with_elders(rng, people)
    return Dinas(INSTANSI, ZONA, people, _conditions(rng, people))


def _with_elders(rng: random.Random, people: list[Person]) -> list[Person]:
    """Three PNS staff past 55 (the circular keeps them home); pelaksana retire at 58."""
    from dataclasses import replace

    staff = [i for i, p in enumerate(people) if p.status == "PNS" and p.jenis_jabatan == "PELAKSANA"]
    ids = _Ids(rng)
    ids.used = {p.nip for p in people}
    for i in rng.sample(staff, 3):
        p = people[i]
        born = _born(rng, 55, 57)
        people[i] = replace(
            p, tanggal_lahir=born, nip=ids.pns(born, p.jenis_kelamin, (24, 28)), golongan="III/b"
        )
    return people


def _conditions(rng: random.Random, people: list[Person]) -> list[Condition]:
    """Two pregnant staff and one ODP in the demo month."""
    staff = [p for p in people if not p.leader and p.status != "NON-ASN"]
    women = [p for p in staff if p.jenis_kelamin == "P" and (ON - p.tanggal_lahir).days < 40 * 365]
    men = [p for p in staff if p.jenis_kelamin == "L" and (ON - p.tanggal_lahir).days < 50 * 365]
    out = [
        Condition(p.nip, "hamil", date(2020, 11, 2), date(2021, 6, 30), "surat keterangan dokter")
        for p in rng.sample(women, 2)
    ]
    odp = rng.choice(men)
    out.append(
        Condition(
            odp.nip,
            "odp",
            date(2021, 2, 8),
            date(2021, 2, 21),
            "kontak erat keluarga, isolasi mandiri 14 hari",
        )
    )
    return out


def rows(dinas: Dinas) -> list[dict[str, str]]:
    """Rows in the reduced SIMPEG/SIASN layout clerks keep: Indonesian dates and Rupiah."""
    out = []
    for p in dinas.people:
        unit = list(p.unit) + [""] * (3 - len(p.unit))
        gol = ""
        if p.golongan:
            gol = f"{PANGKAT[p.golongan]} ({p.golongan})" if p.golongan in PANGKAT else p.golongan
        out.append(
            {
                "NIP": p.nip,
                "Nama": p.nama,
                "Gelar Depan": p.gelar_depan or "",
                "Gelar Belakang": p.gelar_belakang or "",
                "Status Pegawai": p.status,
                "Pangkat/Golongan": gol,
                "Jabatan": p.jabatan,
                "Jenis Jabatan": p.jenis_jabatan,
                "Eselon": p.eselon or "-",
                "OPD": unit[0],
                "Unit Kerja": unit[1],
                "Sub Unit Kerja": unit[2],
                "NIP Atasan": p.nip_atasan or "",
                "Tgl Lahir": f"{p.tanggal_lahir:%d-%m-%Y}",
                "JK": p.jenis_kelamin,
                "Pagu TPP": format_number(p.tpp) if p.tpp else "",
                "PIN Mesin": p.pin,
            }
        )
    return out


def write_csv(dinas: Dinas, path: str | Path) -> Path:
    """`;`-separated UTF-8 with BOM: what Excel in an Indonesian locale saves."""
    p = Path(path)
    with open(p, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, HEADERS, delimiter=";")
        w.writeheader()
        w.writerows(rows(dinas))
    return p


def write_xlsx(dinas: Dinas, path: str | Path) -> Path:
    """One sheet, NIPs as text cells (a number cell would lose digits 16-18)."""
    import xlsxwriter

    p = Path(path)
    wb = xlsxwriter.Workbook(str(p))
    wb.set_properties({"created": datetime(2021, 2, 1)})  # no clock: same bytes every run
    ws = wb.add_worksheet("Pegawai")
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, HEADERS, bold)
    for r, row in enumerate(rows(dinas), start=1):
        for c, h in enumerate(HEADERS):
            ws.write_string(r, c, row[h])
    ws.set_column(0, 0, 21)
    ws.set_column(1, 1, 24)
    ws.set_column(6, 6, 36)
    ws.set_column(9, 11, 30)
    ws.freeze_panes(1, 0)
    wb.close()
    return p


def circular_toml(month_start: date = ON, month_end: date = date(2021, 2, 28)) -> str:
    """A circular like Kutai Kartanegara's 75% WFH / 25% WFO one, for the demo month (SPEC §5)."""
    return f"""# Surat edaran fiktif untuk demo, meniru pola SE Bupati Kutai Kartanegara
# B-104/BKPSDM/065.11/01/2021 (75% WFH / 25% WFO; pejabat di kantor; usia lanjut, hamil
# dan ODP bekerja dari rumah).
nama = "demo-75-25"
judul = "SE Bupati Sungai Lestari (fiktif) 065/021/BKPSDM/2021 tentang sistem kerja ASN"
mulai = {month_start.isoformat()}
sampai = {month_end.isoformat()}

[kuota]
wfo_persen = 25
tingkat = "opd"
pembulatan = "terdekat"
pejabat_dihitung = true

[cakupan]
pejabat_wfo = true
min_wfo_per_unit = 1

[wfh_wajib]
usia_min = 55
hamil = true
menyusui = true
kondisi = ["odp", "pdp", "positif", "kontak-erat"]
perjalanan_hari = 14

[rotasi]
pola = "bergilir"
"""
