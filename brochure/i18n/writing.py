"""Writing a catalog so that no moment of the write can lose it.

A catalog holds a translator's work and exists nowhere else. Writing it in place (truncate,
then write) leaves it empty or cut when the process is killed or the disk fills up in
between — and a catalog cut at an entry boundary still passes ``msgfmt -c``, so the loss can
go unnoticed until a release. So every tool that writes a catalog or template (update-po,
normalize-po, the interface template, new-edition's table, the benchmark's copies) goes
through :func:`replace_file`:

1. the new content goes into a temporary file in the catalog's own directory (a rename is
   atomic only within one file system), with the old file's permissions;
2. it is flushed to the disk (``fsync``), so a crash after the rename cannot leave a renamed
   but empty file;
3. it is read back and checked: for a catalog, the bytes on disk are the bytes meant, and
   GNU msgfmt (the reference reader) and polib both read it and count the same messages;
4. only then is it renamed over the old file, and the directory is flushed so the rename
   itself survives a crash.

At any moment the catalog is therefore either the old file or the new one. A failure (full
disk, read-only or unwritable directory, a check that fails) removes the temporary file,
leaves the old catalog untouched and raises :class:`WriteError` with a one-line message that
names the catalog; the tools print it and exit with status 1. A temporary file left by a
killed run (``.<name>.<random>.partial``, hidden and not ``*.po``, so no reader takes it
for a catalog) is removed by the next write of the same catalog.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib

from brochure.base.output_files import write_file
from brochure.i18n import gettext_tools
from brochure.i18n.gettext_tools import GettextError
from brochure.i18n.model import display_path

# msgfmt --statistics: "3 translated messages, 1 fuzzy translation, 2 untranslated messages."
_COUNT = re.compile(r"(\d+) (?:translated message|fuzzy translation|untranslated message)")


class WriteError(OSError):
    """A file could not be replaced; the old one is untouched. The message is one line."""


def replace_file(path: Path, data: bytes, check: Callable[[Path], None] | None = None) -> None:
    """Replace *path* by *data* through :func:`brochure.base.output_files.write_file`, which
    writes, syncs, calls *check* on the file on disk and renames; a failure becomes one
    :class:`WriteError` line naming the file. *check* raises WriteError (or ValueError with a
    message) to keep the old file."""
    try:
        write_file(path, data, check)
    except WriteError:
        raise
    except ValueError as err:
        raise WriteError(f"{display_path(path)}: not written, the old file is unchanged: {err}") from None
    except OSError as err:
        raise _failure(path, err) from None


def write_catalog(path: Path, data: bytes) -> None:
    """Replace the catalog or template *path* by *data*, checked as described above."""
    replace_file(path, data, lambda written: check_catalog(written, data))


def check_catalog(written: Path, data: bytes) -> None:
    """Raise ValueError unless *written* holds *data* and both readers count the same messages.

    The byte comparison catches a short or failed write the system did not report; msgfmt
    and polib catch content that is no catalog at all (the count is what both report: the
    non-obsolete messages, header excluded).
    """
    if written.read_bytes() != data:
        raise ValueError("the file read back differs from what was written")
    try:
        msgfmt = gettext_tools.tool("msgfmt")
    except GettextError as err:
        raise ValueError(str(err)) from None
    result = subprocess.run([msgfmt, "--statistics", "-o", os.devnull, "--", str(written)],
                            capture_output=True, text=True, errors="replace",
                            env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""}, timeout=60)
    if result.returncode != 0:
        problem = result.stderr.strip().splitlines()
        raise ValueError(f"msgfmt cannot read the new content ({problem[0] if problem else 'no message'})")
    counted = sum(int(n) for n in _COUNT.findall(result.stderr))
    try:
        po = polib.pofile(str(written))
    except (OSError, ValueError, LookupError) as err:
        raise ValueError(f"polib cannot read the new content ({err})") from None
    messages = sum(1 for entry in po if not entry.obsolete and entry.msgid != "")
    if messages != counted:
        raise ValueError(f"msgfmt reads {counted} messages in the new content, polib {messages}")


def _failure(path: Path, err: OSError) -> WriteError:
    reason = err.strerror or str(err)
    return WriteError(f"{display_path(path)}: cannot write ({reason}); the old file is unchanged")


