"""Writing published files so that no moment of the write leaves a half-written one.

The site, its downloads and ``dist/`` are what readers and hosts take; a build killed or a
disk filled while one of them is being written must not leave a cut ePub or archive there,
with a checksum page that no longer matches. So each file is written to a temporary file
beside it, flushed to the disk and renamed over the old one (a rename within one directory
is atomic), and the directory is flushed so the rename survives a crash: a reader sees the
old file or the new one, never part of one.

A whole directory (``dist/``) is written as a new directory beside it and swapped in with
two renames; between them, for an instant, there is no directory at all, never a partial one.
Temporary names start with a dot and end in ``.partial``, so nothing takes them for output;
the next write removes those a killed run left.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

PARTIAL = ".partial"


def write_file(path: Path, data: bytes, check: Callable[[Path], None] | None = None) -> None:
    """Replace *path* by *data*: temporary file, fsync, *check*, rename, fsync of the directory.

    The one way the project replaces a file it publishes or a translator's catalog
    (``brochure.i18n.writing`` adds the catalog check). The new file keeps the old one's
    permissions (a new one gets the umask's). *check* is called with the temporary file once it
    is on disk; whatever it raises keeps the old file. Any failure removes the temporary file
    and leaves the old one as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PARTIAL, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        if check is not None:
            check(Path(name))
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(name).unlink()
        raise
    sync_directory(path.parent)


def remove_leftovers(path: Path) -> None:
    """Temporary files of *path* left by a run that was killed before its rename."""
    with contextlib.suppress(OSError):
        for leftover in path.parent.glob(f".{glob.escape(path.name)}.*{PARTIAL}"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def sync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_directory(target: Path, fill: Callable[[Path], None]) -> None:
    """Make *target* what ``fill(new_directory)`` writes, or leave it as it was if fill fails.

    *fill* writes complete files into an empty directory beside *target* (use
    :func:`write_file`); only when it returns is the old directory replaced.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}.*{PARTIAL}"):
        shutil.rmtree(leftover, ignore_errors=True)
    new = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=PARTIAL, dir=target.parent))
    try:
        fill(new)
        sync_directory(new)
        new.chmod(0o755)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", suffix=PARTIAL, dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(new, target)
    sync_directory(target.parent)
    if old is not None:
        shutil.rmtree(old)
