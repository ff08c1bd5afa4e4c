"""[file]: which files a build may take for a catalog, decided by name before any is opened.

gettext and Sphinx would read more than the catalogs the rules check:

* a compiled ``.mo`` with no ``.po`` beside it (nothing checks a binary catalog);
* a folder gettext tries before the language's own: Python's ``gettext.find`` expands ``tr``
  through ``locale.normalize`` to ``tr_TR.ISO8859-9``, ``tr_TR`` and ``tr.ISO8859-9`` before
  ``tr``, and other readers try ``tr.UTF-8``, ``tr@…`` or ``TR``;
* a symbolic link to anything on the machine (``/dev/zero`` never ends, ``/proc/self/environ``
  holds the build's secrets), a device, a FIFO (blocks the reader), a directory named ``*.po``;
* a file so large that reading and checking it would stall the build.

So :func:`survey` lists an edition's catalogs from the directory entries themselves (``lstat``:
a link is never followed) and admits only regular ``.po`` files of at most
:data:`MAX_CATALOG_BYTES` in ``<locale dir>/<code>/LC_MESSAGES``; everything else there that a
reader could take for a catalog becomes a ``[file]`` finding naming it, with nothing read.
:func:`read_admitted` then opens an admitted file without following a link or blocking,
checks again on the open descriptor that it is a regular file within the limit, and returns
its bytes. Those bytes are all the rules judge and all the build compiles
(:func:`brochure.i18n.rules.check_integrity`): the file is not read a second time.

Stale ``.mo`` files beside their ``.po`` (left by older builds, which compiled into
``locale/``) are not refused: no build reads anything in ``locale/`` but the checked ``.po``.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from brochure.base.editions import publication
from brochure.i18n.model import Finding
from brochure.i18n.paths import INTERFACE_CATALOG, MESSAGES

# The largest real catalog is 15 kB; a page's catalog 70 times that is no translation.
MAX_CATALOG_BYTES = 1024 * 1024
# A bound on the work of listing a tree a pull request can fill with anything.
MAX_ENTRIES = 20_000
MAX_DEPTH = 16
CATALOG_SUFFIXES = (".po", ".mo")
_LANGUAGE_PART = re.compile(r"[_.@-]")


def survey(code: str, locale_dir: Path) -> tuple[list[Path], list[Finding]]:
    """(the edition's admitted ``.po`` files in a stable order, [file] findings for the rest).

    Looks at ``<locale_dir>/<code>/LC_MESSAGES`` and at every folder of *locale_dir* that
    gettext could read for *code* instead.
    """
    locale_dir = Path(locale_dir)
    admitted: list[Path] = []
    findings: list[Finding] = []
    try:
        top = sorted(os.scandir(locale_dir), key=lambda entry: entry.name)
    except OSError:
        return [], []
    for entry in top:
        path = Path(entry.path)
        if entry.name == code:
            if entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
                findings.append(_refuse(path, f"{_kind(path)}, not a folder: the catalogs of "
                                              f"'{code}' live in a real folder {path}/{MESSAGES}"))
                continue
            messages = path / MESSAGES
            kind = _kind(messages)
            if kind == "a folder":
                _walk(messages, code, messages, admitted, findings, depth=0)
            elif kind != "missing":
                findings.append(_refuse(messages, f"{kind}, not a folder"))
        elif is_variant(entry.name, code) and (entry.is_symlink() or not entry.is_file(follow_symlinks=False)):
            findings.append(_refuse(
                path, f"a folder gettext reads for the '{code}' edition instead of {code}/ "
                      f"({_kind(path)}); every catalog of '{code}' lives in "
                      f"{locale_dir / code / MESSAGES}, nowhere else: move or delete it"))
    return admitted, findings


def is_variant(name: str, code: str) -> bool:
    """*name* is a locale folder gettext or another reader may take for *code*
    (``tr_TR``, ``tr.UTF-8``, ``tr@latin``, ``TR``), but not *code* itself."""
    if name == code:
        return False
    return _LANGUAGE_PART.split(name, maxsplit=1)[0].lower() == code.lower()


def _walk(folder: Path, code: str, messages: Path, admitted: list[Path], findings: list[Finding], depth: int) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        findings.append(_refuse(folder, f"cannot list the folder: {err.strerror or err}"))
        return
    if len(entries) > MAX_ENTRIES:
        findings.append(_refuse(folder, f"{len(entries)} entries, more than the limit of {MAX_ENTRIES}"))
        return
    source_language = code == publication().source_language
    for entry in entries:
        path = Path(entry.path)
        catalog_name = entry.name.endswith(CATALOG_SUFFIXES)
        if entry.is_symlink():
            # A linked folder would bring catalogs from anywhere; a linked file is read elsewhere.
            if catalog_name or entry.is_dir():
                findings.append(_refuse(path, "a symbolic link, not a file: catalogs must be regular "
                                              "files in the project (replace the link by the file)"))
            continue
        if entry.is_dir(follow_symlinks=False):
            if catalog_name:
                findings.append(_refuse(path, "a folder, not a catalog file"))
            elif depth >= MAX_DEPTH:
                findings.append(_refuse(path, f"folders nested deeper than {MAX_DEPTH} levels"))
            else:
                _walk(path, code, messages, admitted, findings, depth + 1)
            continue
        if not catalog_name:
            continue  # nothing reads it
        info = entry.stat(follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            findings.append(_refuse(path, f"{_kind(path)}, not a regular file"))
        elif entry.name.endswith(".mo"):
            if not path.with_suffix(".po").is_file():
                findings.append(_refuse(path, "a compiled catalog without its .po: nothing can check "
                                              "it, and no build reads it; delete it"))
        elif info.st_size > MAX_CATALOG_BYTES:
            findings.append(_refuse(path, _too_large(info.st_size)))
        elif source_language and path.relative_to(messages).as_posix() != INTERFACE_CATALOG:
            findings.append(_refuse(path, f"'{code}' is the source language: its pages are the "
                                          f"original, translated by no catalog; only {INTERFACE_CATALOG} "
                                          "belongs here"))
        else:
            admitted.append(path)


def read_admitted(path: Path) -> tuple[bytes | None, list[Finding]]:
    """The bytes of *path*, read at most once and bounded, or (None, [a finding]).

    Opened with ``O_NOFOLLOW`` (a link is refused, not followed) and ``O_NONBLOCK`` (a FIFO
    does not hang the reader); the open file must be regular and within the limit.
    """
    path = Path(path)
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return None, [_refuse(path, "a symbolic link, not a file: catalogs must be regular files")]
        if err.errno == errno.ENOENT:
            return None, [Finding(path, 1, "file", "no such file")]
        return None, [_refuse(path, f"cannot open the file: {err.strerror or err}")]
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return None, [_refuse(path, f"{_mode_kind(info.st_mode)}, not a regular file")]
        if info.st_size > MAX_CATALOG_BYTES:
            return None, [_refuse(path, _too_large(info.st_size))]
        chunks, size = [], 0
        while size <= MAX_CATALOG_BYTES:
            chunk = os.read(descriptor, MAX_CATALOG_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_CATALOG_BYTES:  # grew while being read
            return None, [_refuse(path, _too_large(size))]
        return b"".join(chunks), []
    except OSError as err:
        return None, [_refuse(path, f"cannot read the file: {err.strerror or err}")]
    finally:
        os.close(descriptor)


def is_admissible(path: Path) -> bool:
    """A regular file (not a link) within the size limit: safe to hand to a reader."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= MAX_CATALOG_BYTES


def _too_large(size: int) -> str:
    return f"{size} bytes, more than the limit of {MAX_CATALOG_BYTES} bytes for a catalog"


def _refuse(path: Path, message: str) -> Finding:
    return Finding(path, 1, "file", message)


def _kind(path: Path) -> str:
    try:
        return _mode_kind(os.lstat(path).st_mode)
    except OSError:
        return "missing"


def _mode_kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
