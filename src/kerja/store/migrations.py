"""The schema as an ordered list of named steps (the llm / sqlite-utils `Migrations` way).

Each step is a function decorated with `@step`; its name is recorded in the `_sqlite_migrations`
table when it has run, and `PRAGMA user_version` holds how many steps the file has. A newer kerja
migrates an older file in place: first a backup copy beside it (`kerja.db.bak-vN`), then every
pending step in one transaction (all of them or none). An older kerja refuses a newer file.

To change the schema, append a step at the end of this module, named `mNNN_what` with the next
number, taking the sqlite-utils `Database` (use `db[table].add_column`, `.transform`,
`.create_index` or plain `db.execute`). Never edit or reorder a step once it is on main: stores
in the field have already run it. Tables are meant to be read by a person in `sqlite3` or
Datasette: clear names, dates as ISO text, money as integer Rupiah.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import now_iso
from ..domain.errors import KerjaError

if TYPE_CHECKING:
    from sqlite_utils import Database

Step = Callable[["Database"], None]
SET = "kerja"  # the migration set's name in _sqlite_migrations
TABLE = "_sqlite_migrations"

# In order; `step` appends. Never edit a released one.
STEPS: list[Step] = []


def step(fn: Step) -> Step:
    """Register a schema step (its function name is its recorded name)."""
    if any(s.__name__ == fn.__name__ for s in STEPS):
        raise ValueError(f"schema step {fn.__name__} registered twice")
    STEPS.append(fn)
    return fn


V1 = """
CREATE TABLE meta (kunci TEXT PRIMARY KEY, nilai TEXT NOT NULL);

-- Institution rules (SPEC §4), one full set per start month; '0000-01' is the set from the start.
CREATE TABLE aturan (
  mulai TEXT PRIMARY KEY, isi TEXT NOT NULL, dipasang_pada TEXT NOT NULL, oleh TEXT NOT NULL
);

CREATE TABLE unit (
  id INTEGER PRIMARY KEY,
  jalur TEXT NOT NULL UNIQUE,          -- 'OPD > Bidang > Seksi'
  nama TEXT NOT NULL,
  induk_id INTEGER REFERENCES unit(id),
  opd_id INTEGER,                      -- the first-level unit (itself for an OPD)
  tingkat INTEGER NOT NULL,            -- 1 = OPD
  zona TEXT                            -- NULL: the institution's zone
);

CREATE TABLE pegawai (
  nip TEXT PRIMARY KEY,
  nama TEXT NOT NULL,
  gelar_depan TEXT,
  gelar_belakang TEXT,
  status TEXT NOT NULL,
  jabatan TEXT,
  jenis_jabatan TEXT NOT NULL,
  eselon TEXT,
  golongan TEXT,
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  nip_atasan TEXT,
  tanggal_lahir TEXT,
  jenis_kelamin TEXT,
  tpp INTEGER,
  pin_mesin TEXT,
  aktif INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX pegawai_pin ON pegawai(pin_mesin) WHERE pin_mesin IS NOT NULL;
CREATE INDEX pegawai_unit ON pegawai(unit_id);
CREATE INDEX pegawai_atasan ON pegawai(nip_atasan);

-- Append-only: who changed what, when, from what to what, and why.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  waktu TEXT NOT NULL,
  oleh TEXT NOT NULL,
  nip TEXT,
  aksi TEXT NOT NULL,
  sebelum TEXT,
  sesudah TEXT,
  alasan TEXT
);
CREATE INDEX audit_nip ON audit(nip, waktu);
CREATE TRIGGER audit_tanpa_ubah BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'log audit hanya bisa ditambah'); END;
CREATE TRIGGER audit_tanpa_hapus BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'log audit hanya bisa ditambah'); END;

-- Local holidays; nama NULL cancels a national holiday or cuti bersama of that date.
CREATE TABLE libur (tanggal TEXT PRIMARY KEY, nama TEXT);

CREATE TABLE kondisi (
  id INTEGER PRIMARY KEY,
  nip TEXT NOT NULL REFERENCES pegawai(nip),
  jenis TEXT NOT NULL,
  mulai TEXT NOT NULL,
  sampai TEXT,                          -- NULL: open-ended
  keterangan TEXT,
  oleh TEXT NOT NULL,
  dicatat_pada TEXT NOT NULL
);
CREATE INDEX kondisi_nip ON kondisi(nip);

CREATE TABLE kebijakan (
  nama TEXT PRIMARY KEY,
  judul TEXT,
  mulai TEXT NOT NULL,
  sampai TEXT NOT NULL,
  isi TEXT NOT NULL,                    -- the validated circular as JSON
  dipasang_pada TEXT NOT NULL
);

CREATE TABLE jadwal (
  tanggal TEXT NOT NULL,
  nip TEXT NOT NULL,
  lokasi TEXT NOT NULL CHECK (lokasi IN ('WFO', 'WFH')),
  alasan TEXT NOT NULL,                 -- pejabat, cakupan, rotasi, wfh-wajib:<rule>, rotasi-wfh, manual
  kebijakan TEXT,
  PRIMARY KEY (tanggal, nip)
) WITHOUT ROWID;
-- No (nip, tanggal) index: every reader goes by date (a day, a month); a second index made the
-- 1.3-million-row province month write 1.6x slower (bench/roster_bench.py).

CREATE TABLE presensi (
  id INTEGER PRIMARY KEY,
  nip TEXT NOT NULL,
  waktu TEXT NOT NULL,                  -- ISO timestamp with its offset
  tanggal TEXT NOT NULL,                -- the local day in the employee's unit zone
  jenis TEXT CHECK (jenis IN ('masuk', 'pulang')),   -- NULL: untyped machine punch
  mode TEXT CHECK (mode IN ('WFO', 'WFH')),
  sumber TEXT NOT NULL,                 -- manual, mesin, online
  state TEXT,                           -- the machine's own state column, kept, not trusted
  oleh TEXT,
  dicatat_pada TEXT NOT NULL
);
-- One index for both the day reads (tanggal, nip) and per-punch idempotency of imports
-- (INSERT OR IGNORE): a machine file inserts in (tanggal, nip) order, so a single mostly-appended
-- B-tree is all an import maintains (two indexes made a 2.6M-punch import ~2x slower). Manual
-- rows put NULL in the last column and NULLs never collide: repeated check-ins are all kept.
CREATE UNIQUE INDEX presensi_hari ON presensi(tanggal, nip, waktu, sumber,
  (CASE WHEN sumber = 'manual' THEN NULL ELSE ifnull(jenis, '') END));

CREATE TABLE status_hari (
  id INTEGER PRIMARY KEY,
  nip TEXT NOT NULL,
  kode TEXT NOT NULL,
  mulai TEXT NOT NULL,
  sampai TEXT NOT NULL,
  keterangan TEXT NOT NULL,
  oleh TEXT NOT NULL,
  dicatat_pada TEXT NOT NULL,
  dicabut_pada TEXT,
  dicabut_alasan TEXT
);
CREATE INDEX status_hari_nip ON status_hari(nip, mulai);

CREATE TABLE kinerja (
  id INTEGER PRIMARY KEY,
  nip TEXT NOT NULL,
  tanggal TEXT NOT NULL,
  mulai TEXT NOT NULL,
  selesai TEXT NOT NULL,
  menit INTEGER NOT NULL,
  uraian TEXT NOT NULL,
  output TEXT,
  status TEXT NOT NULL DEFAULT 'diajukan' CHECK (status IN ('diajukan', 'disetujui', 'ditolak')),
  divalidasi_oleh TEXT,
  divalidasi_pada TEXT,
  alasan TEXT,
  dicatat_pada TEXT NOT NULL
);
CREATE INDEX kinerja_nip ON kinerja(nip, tanggal);

CREATE TABLE kunci (bulan TEXT PRIMARY KEY, oleh TEXT NOT NULL, pada TEXT NOT NULL);
"""


def _split(script: str) -> list[str]:
    """Statements of a script (triggers keep their inner ';')."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


@step
def m001_schema_awal(db: Database) -> None:
    """The first released schema (user_version 1 before steps had names)."""
    for statement in _split(V1):
        db.execute(statement)


# The lock freezes the result (issue 10): the recap document `rekap kunci` stored, byte for byte
# what `rekap bulanan --format json` printed then, with its SHA-256. A table of its own so a lock
# row stays the small (bulan, oleh, pada) it was; a lock of an older kerja has no row here.
# Unknown PINs seen by imports, per month, for the list `rekap kunci` shows before locking.
M002 = """
CREATE TABLE kunci_rekap (
  bulan TEXT PRIMARY KEY REFERENCES kunci(bulan) ON DELETE CASCADE,
  rekap TEXT NOT NULL,                  -- the JSON document as printed
  sha256 TEXT NOT NULL                  -- hex digest of its UTF-8 bytes
);
CREATE TABLE pin_tak_dikenal (
  pin TEXT NOT NULL,
  bulan TEXT NOT NULL,
  jumlah INTEGER NOT NULL,              -- punches seen (the most one import saw)
  terakhir TEXT NOT NULL,               -- when an import last saw it
  PRIMARY KEY (pin, bulan)
) WITHOUT ROWID;
"""


LAYAN = """
-- kerja layan (SPEC §13): the unit's office for check-in locations, web accounts and sessions,
-- failed logins (throttling), employees' requests. The audit gains its source.
ALTER TABLE unit ADD COLUMN lat REAL;
ALTER TABLE unit ADD COLUMN lon REAL;
ALTER TABLE unit ADD COLUMN radius_m INTEGER;
ALTER TABLE presensi ADD COLUMN lat REAL;
ALTER TABLE presensi ADD COLUMN lon REAL;
ALTER TABLE presensi ADD COLUMN akurasi_m REAL;
ALTER TABLE presensi ADD COLUMN jarak_m INTEGER;       -- metres from the unit's office
ALTER TABLE presensi ADD COLUMN di_luar_radius INTEGER; -- 1: farther than the unit's radius
ALTER TABLE audit ADD COLUMN sumber TEXT;              -- NULL: the command line; 'web'; 'mesin'

CREATE TABLE akun (
  nip TEXT PRIMARY KEY REFERENCES pegawai(nip),
  peran TEXT NOT NULL CHECK (peran IN ('pegawai', 'atasan', 'petugas')),
  sandi TEXT NOT NULL,                  -- argon2id hash, never the password
  ganti_sandi INTEGER NOT NULL DEFAULT 1,   -- 1: a one-time password, change at next login
  terkunci INTEGER NOT NULL DEFAULT 0,  -- 1: `akun kunci`; `akun reset` opens it again
  dibuat_pada TEXT NOT NULL,
  sandi_diubah_pada TEXT,
  terakhir_masuk TEXT
);

-- Times in UTC ISO text so that they compare as text.
CREATE TABLE sesi (
  token_hash TEXT PRIMARY KEY,          -- sha256 of the cookie value; the value is never stored
  nip TEXT NOT NULL,
  csrf TEXT NOT NULL,
  dibuat_pada TEXT NOT NULL,
  terakhir_pada TEXT NOT NULL,
  klien TEXT
);
CREATE INDEX sesi_nip ON sesi(nip);

CREATE TABLE gagal_masuk (
  id INTEGER PRIMARY KEY, waktu TEXT NOT NULL, nip TEXT NOT NULL, klien TEXT NOT NULL
);
CREATE INDEX gagal_masuk_nip ON gagal_masuk(nip, waktu);
CREATE INDEX gagal_masuk_klien ON gagal_masuk(klien, waktu);

CREATE TABLE permohonan (
  id INTEGER PRIMARY KEY,
  nip TEXT NOT NULL REFERENCES pegawai(nip),
  jenis TEXT NOT NULL CHECK (jenis IN ('koreksi', 'status')),
  tanggal TEXT NOT NULL,
  sampai TEXT,
  kode TEXT,
  masuk TEXT,
  pulang TEXT,
  mode TEXT,
  alasan TEXT NOT NULL,
  lampiran TEXT,                        -- file name in the folder <db>.lampiran beside the store
  status TEXT NOT NULL DEFAULT 'menunggu' CHECK (status IN ('menunggu', 'disetujui', 'ditolak')),
  diajukan_pada TEXT NOT NULL,
  diputus_oleh TEXT,
  diputus_pada TEXT,
  alasan_putusan TEXT,
  hasil TEXT                            -- JSON: what the approval recorded (event or status ids)
);
CREATE INDEX permohonan_nip ON permohonan(nip, status);
"""


@step
def m002_kunci_rekap(db: Database) -> None:
    """Stored recaps of locked months; unknown PINs per month."""
    for statement in _split(M002):
        db.execute(statement)


# Second release, step "mesin": attendance machines as things the store knows. A PIN is unique
# per machine (every OPD's machine numbers its users 1..N); `pegawai.mesin` NULL keeps the first
# release's meaning (the PIN holds on any machine), so a one-machine institution needs no
# registration. `presensi.mesin` is the machine a punch came from (device column, ADMS SN,
# cloud `sn` or `presensi impor --mesin`). Unknown serial numbers that tried to push (ADMS) are
# kept in `mesin_tak_dikenal` for `kerja mesin daftar --tak-dikenal`.
V2_MESIN = """
CREATE TABLE mesin (
  id TEXT PRIMARY KEY,                 -- as the machine names itself: serial number or device number
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  nama TEXT,
  dicatat_pada TEXT NOT NULL
);
CREATE TABLE mesin_tak_dikenal (
  sn TEXT PRIMARY KEY,
  pertama TEXT NOT NULL,               -- first and last time it was seen (ISO with offset)
  terakhir TEXT NOT NULL,
  kali INTEGER NOT NULL DEFAULT 1
);
ALTER TABLE pegawai ADD COLUMN mesin TEXT;
DROP INDEX pegawai_pin;
CREATE UNIQUE INDEX pegawai_pin ON pegawai(ifnull(mesin, ''), pin_mesin) WHERE pin_mesin IS NOT NULL;
ALTER TABLE presensi ADD COLUMN mesin TEXT;
"""


@step
def m003_mesin(db: Database) -> None:
    """Attendance machines, PINs per machine, the machine of each punch (see V2_MESIN)."""
    for statement in _split(V2_MESIN):
        db.execute(statement)


@step
def m004_audit_tanpa_timpa(db: Database) -> None:
    """REPLACE / INSERT OR REPLACE into the audit deletes the old row without firing its DELETE
    trigger (SQLite fires it only with recursive_triggers on): refuse any insert that names an
    id already there, so the log stays append-only whatever the verb. UPSERT (ON CONFLICT DO
    UPDATE) already meets the UPDATE trigger."""
    db.execute(
        "CREATE TRIGGER audit_tanpa_timpa BEFORE INSERT ON audit "
        "WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit WHERE id = NEW.id) "
        "BEGIN SELECT RAISE(ABORT, 'log audit hanya bisa ditambah'); END"
    )


@step
def m005_layan(db: Database) -> None:
    """kerja layan: web accounts, sessions, failed logins, requests, office locations, audit source."""
    for statement in _split(LAYAN):
        db.execute(statement)


# Undo (issue 10): a wrong event is voided, never deleted: it stays, marked, and every reader
# leaves it out. A voided imported punch keeps its place in the unique index, so the nightly
# cumulative import does not bring it back.
M006 = """
ALTER TABLE presensi ADD COLUMN batal_pada TEXT;      -- NULL: the event stands
ALTER TABLE presensi ADD COLUMN batal_oleh TEXT;
ALTER TABLE presensi ADD COLUMN batal_alasan TEXT;
"""


@step
def m006_presensi_batal(db: Database) -> None:
    """Voided presence events (presensi hapus)."""
    for statement in _split(M006):
        db.execute(statement)


@step
def m007_presensi_kunci_lokal(db: Database) -> None:
    """An imported punch's key is its local clock reading, not the offset it was stored with:
    the same machine file imported again after `unit ubah --zona` used to add every punch a
    second time (the stored text differed only in its offset). Duplicates that made are removed
    first (the earliest row of each key stays), then the index is rebuilt on the reading."""
    removed = db.execute(
        "DELETE FROM presensi WHERE sumber <> 'manual' AND id NOT IN ("
        "SELECT min(id) FROM presensi WHERE sumber <> 'manual' "
        "GROUP BY tanggal, nip, substr(waktu, 1, 19), sumber, ifnull(jenis, ''))"
    ).rowcount
    db.execute("DROP INDEX presensi_hari")
    db.execute(
        "CREATE UNIQUE INDEX presensi_hari ON presensi(tanggal, nip, substr(waktu, 1, 19), sumber, "
        "(CASE WHEN sumber = 'manual' THEN NULL ELSE ifnull(jenis, '') END))"
    )
    if removed:
        db.execute(
            "INSERT INTO audit (waktu, oleh, aksi, sesudah, alasan) "
            "VALUES (?, 'kerja', 'presensi.migrasi', ?, ?)",
            [
                now_iso(),
                f'{{"dihapus": {removed}}}',
                "presensi ganda dari impor ulang sesudah zona unit diubah",
            ],
        )


# Effective-dated employee facts (issue 10): the facts a person had before a dated change, each row
# holding up to and including `sampai` (domain/facts.py). The `pegawai` row is the last segment,
# so an older store is migrated by creating the table: today's values hold from the beginning.
M008 = """
CREATE TABLE pegawai_riwayat (
  nip TEXT NOT NULL REFERENCES pegawai(nip),
  sampai TEXT NOT NULL,                 -- last day these facts held
  tpp INTEGER,
  unit_id INTEGER NOT NULL,             -- no REFERENCES: `unit hapus` may remove a unit left behind
  status TEXT NOT NULL,
  eselon TEXT,
  jenis_jabatan TEXT NOT NULL,
  nip_atasan TEXT,
  aktif INTEGER NOT NULL,
  PRIMARY KEY (nip, sampai)
) WITHOUT ROWID;
"""


@step
def m008_pegawai_riwayat(db: Database) -> None:
    """Employee facts before their dated changes (pegawai ubah --mulai)."""
    for statement in _split(M008):
        db.execute(statement)


@step
def m009_aturan_tpp(db: Database) -> None:
    """Regulations of the second release: disciplinary sanctions (hukdis) that cut the TPP for
    their months, an e-Kinerja activity catalogue (volume x norm), imported monthly achievement
    (SKP predicate or %), and validators outside the store for the heads of OPDs."""
    db.execute(
        """CREATE TABLE hukdis (
  id INTEGER PRIMARY KEY,
  nip TEXT NOT NULL,
  jenis TEXT NOT NULL,            -- domain.rules.HUKDIS
  mulai TEXT NOT NULL,            -- first day (YYYY-MM-DD); the cut lasts whole months from it
  bulan INTEGER NOT NULL,         -- months the TPP cut lasts (0: recorded, no cut)
  keterangan TEXT,
  oleh TEXT NOT NULL,
  dicatat_pada TEXT NOT NULL
)"""
    )
    db.execute("CREATE INDEX hukdis_nip ON hukdis(nip, mulai)")
    db.execute(
        """CREATE TABLE katalog_kinerja (
  kode TEXT PRIMARY KEY,
  nama TEXT NOT NULL,
  norma_menit INTEGER NOT NULL,   -- standard minutes per unit of output
  satuan TEXT
)"""
    )
    db.table("kinerja").add_column("volume", int)
    db.table("kinerja").add_column("kegiatan", str)
    db.execute(
        """CREATE TABLE capaian (
  nip TEXT NOT NULL,
  bulan TEXT NOT NULL,            -- YYYY-MM
  persen TEXT NOT NULL,           -- exact decimal text, e.g. '92.5'
  predikat TEXT,                  -- SKP predicate when the file gave one
  PRIMARY KEY (nip, bulan)
)"""
    )
    db.execute(
        """CREATE TABLE validator_luar (
  nip TEXT PRIMARY KEY,           -- the employee (head of an OPD) whose supervisor is outside
  nip_luar TEXT NOT NULL,         -- who validates them (e.g. the Sekda)
  nama TEXT,
  jabatan TEXT,
  oleh TEXT NOT NULL,
  dicatat_pada TEXT NOT NULL
)"""
    )


# Append new steps here, e.g.:
#
# @step
# def m00N_pegawai_catatan(db: Database) -> None:
#     db["pegawai"].add_column("catatan", str)


def version() -> int:
    """The schema version this kerja writes: the number of steps."""
    return len(STEPS)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _newer(path: Path, current: int, target: int) -> KerjaError:
    return KerjaError(
        f"{path} memakai skema versi {current}, lebih baru dari yang dikenal kerja ini "
        f"(versi {target}). Perbarui kerja; berkas tidak diubah."
    )


def ensure_schema(conn: sqlite3.Connection, path: Path, *, new: bool) -> None:
    current, target = _user_version(conn), version()
    if current == target:
        return
    if current > target:
        raise _newer(path, current, target)
    if current == 0 and not new:
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        raise KerjaError(
            f"{path} bukan basis data kerja"
            + (" (berisi tabel lain)." if has_tables else " (kosong). Jalankan `kerja init`.")
        )
    if new:
        # A new store is built in a private temporary file (store.db._create): nobody else has it.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            _apply(conn, current)
            conn.execute(f"PRAGMA user_version = {target}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return
    _migrate(conn, path, target)


# How long a process that finds the store being migrated by another waits for it (a backup of a
# province's store and its steps take well under a minute on a clerk's machine).
MIGRATION_WAIT_S = 600.0


def _migrate(conn: sqlite3.Connection, path: Path, target: int) -> None:
    """Migrate an older store in place, with many processes opening it at once.

    The store's own write lock (BEGIN IMMEDIATE) is the migration lock: the first process to get
    it migrates, the others wait for it (longer than for an ordinary write) and then find, reading
    the version again inside the lock, that there is nothing left to do. Under the lock, before
    any step runs, the store as it is (the old version, committed, nobody can change it now) is
    copied with SQLite's backup API to `NAME.bak-vN` under a temporary name and renamed whole
    (0600): the backup is always a complete, consistent copy of the old version, never empty,
    never half-migrated (a backup of the same version left by an earlier, failed attempt is
    replaced by this newer one). Then every pending step runs in that same transaction."""
    _begin_migration(conn, path)
    try:
        current = _user_version(conn)  # again, inside the lock: another process may have migrated
        if current > target:
            raise _newer(path, current, target)
        if current < target:
            _backup(path, current)
            _apply(conn, current)
            conn.execute(f"PRAGMA user_version = {target}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _backup(path: Path, current: int) -> None:
    """The store as committed, copied to NAME.bak-vN. Called with the write lock held, so nobody
    can commit meanwhile; it reads through a second, read-only connection (the backup API cannot
    read through the connection that holds the lock: it would wait for itself)."""
    from .db import BUSY_TIMEOUT_MS, copy_to

    reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        copy_to(reader, path.with_name(f"{path.name}.bak-v{current}"))
    finally:
        reader.close()


def _begin_migration(conn: sqlite3.Connection, path: Path) -> None:
    """BEGIN IMMEDIATE, waiting up to MIGRATION_WAIT_S for the process that holds the lock."""
    deadline = time.monotonic() + MIGRATION_WAIT_S
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")  # itself waits the connection's busy timeout
            return
        except sqlite3.OperationalError as e:
            if ("locked" not in str(e) and "busy" not in str(e)) or time.monotonic() > deadline:
                raise KerjaError(
                    f"{path} sedang diperbarui atau dipakai proses lain terlalu lama "
                    f"(lebih dari {MIGRATION_WAIT_S:.0f} detik); coba lagi sebentar lagi."
                ) from None
            time.sleep(0.05)


def _apply(conn: sqlite3.Connection, current: int) -> None:
    """Run the pending steps inside the caller's transaction, each in a savepoint of it, and
    record each by name (stamped with kerja's clock, so a demo store is the same on every run)."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    db = Database(conn, recursive_triggers=False, execute_plugins=False)
    migrations = Migrations(SET)
    for fn in STEPS:
        migrations(name=fn.__name__)(fn)
    legacy = current and not db.table(TABLE).exists()
    migrations.ensure_migrations_table(db)
    if legacy:
        # A store from before steps had names: its user_version says how many of them it has run.
        _record(db, [fn.__name__ for fn in STEPS[:current]])
    for pending in migrations.pending(db):
        with db.atomic():
            pending.fn(db)
            _record(db, [pending.name])


def _record(db: Database, names: list[str]) -> None:
    at = now_iso()
    db.table(TABLE).insert_all({"migration_set": SET, "name": n, "applied_at": at} for n in names)
