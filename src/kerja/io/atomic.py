"""Every file kerja writes besides the store: checked first, then written whole or not at all.

`check_target` refuses what must never be written over: a folder, the store itself and its
`-wal`/`-shm`/`-journal` and migration backups, any other SQLite database (a backup made by
`kerja cadangkan`), and an existing file unless the command was told to replace it (`--timpa`).

`write_atomic` writes beside the target under a temporary name `.NAME.PID.sebagian`, created
0600 from its first byte (the files hold personal data, whatever the umask), and renames it into
place once complete: a reader sees the old file or the new one, never half of one. A failure
removes the temporary file; a killed process cannot, so every write first removes the temporary
files of its target that belong to processes no longer running.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..domain.errors import KerjaError

PRIVATE = 0o600
SQLITE_HEADER = b"SQLite format 3\x00"
TEMP_SUFFIX = ".sebagian"
STORE_SIDECARS = ("-wal", "-shm", "-journal")


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _store_files(store: Path) -> tuple[set[Path], Path, str]:
    real = store.resolve()
    return {real, *(real.with_name(real.name + s) for s in STORE_SIDECARS)}, real.parent, real.name + ".bak-v"


def check_target(
    target: str | os.PathLike[str],
    *,
    stores: Iterable[str | os.PathLike[str]] = (),
    timpa: bool = False,
    option: str = "--keluar",
    replace_database: bool = False,
) -> Path:
    """The path a command may write to, or a KerjaError that names it and says what to do.

    `stores` are the databases in use (their sidecar files and backups are protected too);
    `timpa` allows replacing an existing file that is not a database (`replace_database` also
    one that is: an older backup that `kerja cadangkan --timpa` replaces)."""
    t = Path(target)
    if "\x00" in str(t):
        raise KerjaError(f"{option}: nama berkas memuat karakter NUL; pilih nama lain.")
    if t.is_dir():
        raise KerjaError(f"{option} {t} adalah folder; tulis nama berkasnya, mis. {t / 'rekap.xlsx'}.")
    parent = t.parent
    if not parent.is_dir():
        raise KerjaError(
            f"Folder {parent} untuk {option} {t} tidak ada; buat dulu (mkdir -p {parent}) "
            "atau pilih nama lain."
        )
    real = t.resolve()
    for store in stores:
        protected, folder, backup_prefix = _store_files(Path(store))
        same = real in protected or (real.parent == folder and real.name.startswith(backup_prefix))
        if not same and t.exists():
            try:
                same = os.path.samefile(t, store)
            except OSError:
                same = False
        if same:
            raise KerjaError(
                f"{option} {t} adalah basis data kerja ({Path(store)}) atau berkas pendampingnya; "
                "kerja tidak pernah menimpanya. Pilih nama berkas lain."
            )
    if t.exists():
        if _is_sqlite(t) and not replace_database:
            raise KerjaError(
                f"{option} {t} adalah berkas basis data SQLite (mungkin cadangan); kerja tidak "
                "menimpanya. Pilih nama berkas lain."
            )
        if not timpa:
            raise KerjaError(f"{t} sudah ada; tambahkan --timpa untuk menimpanya, atau pilih nama lain.")
    return t


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(target: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files of `target` left by processes that were killed; returns them."""
    t = Path(target)
    removed: list[Path] = []
    try:
        # The temporary file and, for a database being built, its -wal/-shm/-journal.
        candidates = list(t.parent.glob(f".{t.name}.*{TEMP_SUFFIX}*"))
    except OSError:
        return removed
    for c in candidates:
        pid_text = c.name[len(t.name) + 2 :].partition(TEMP_SUFFIX)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        try:
            c.unlink()
            removed.append(c)
        except OSError:
            pass
    return removed


def temp_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}{TEMP_SUFFIX}")


def write_atomic(
    target: str | os.PathLike[str], write: Callable[[Path], None], *, mode: int = PRIVATE
) -> Path:
    """Call `write(tmp)` to fill a private temporary file beside `target`, then rename it into
    place. On any error (or interruption) the temporary file is removed and `target` is as before."""
    t = Path(target)
    sweep(t)
    tmp = temp_path(t)
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    except FileExistsError:
        os.unlink(tmp)
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    except OSError as e:
        raise KerjaError(f"Tidak bisa menulis {t}: {e.strerror}.") from None
    os.close(fd)
    try:
        write(tmp)
        # Writers that reopen the file by name (xlsxwriter, fpdf2, SQLite) keep its mode; a
        # writer that replaced it would not, so the mode is set again before the rename.
        os.chmod(tmp, mode)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, t)
    finally:
        if tmp.exists():
            tmp.unlink()
    return t


@contextmanager
def open_atomic(
    target: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO[str]]:
    """A text file to write into; it appears at `target` only when the block ends without error."""
    t = Path(target)
    sweep(t)
    tmp = temp_path(t)
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE)
    except OSError as e:
        raise KerjaError(f"Tidak bisa menulis {t}: {e.strerror}.") from None
    try:
        with open(fd, "w", encoding=encoding, newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, PRIVATE)
        os.replace(tmp, t)
    finally:
        if tmp.exists():
            tmp.unlink()
