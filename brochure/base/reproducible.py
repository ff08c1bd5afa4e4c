"""Byte-for-byte reproducible zip files (ePubs, HTML archives) and the build's date.

A zip stores each entry's modification time and the order entries were added; both are
fixed here — times from SOURCE_DATE_EPOCH (the Makefile sets it to the last commit), entries
in the order given — so two builds of one commit give identical files.
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

ZIP_EPOCH = 315532800  # 1980-01-01: zip cannot store earlier times
# What the pages are made with besides sources and catalogs: the project's code, templates
# and static files (relative to the project root).
CODE_FOLDERS = ("brochure", "templates", "static")
CODE_SUFFIXES = frozenset({".py", ".html", ".css", ".js", ".toml", ".txt", ".svg"})


def source_epoch() -> int:
    """SOURCE_DATE_EPOCH when set, else now."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def source_date() -> datetime:
    """The build's date: SOURCE_DATE_EPOCH (the last commit, set by the Makefile), else now."""
    return datetime.fromtimestamp(source_epoch(), tz=UTC)


def code_digest(root: Path | None = None) -> str:
    """A digest of the project's own code, templates and static files.

    Sphinx re-reads a page when its source, a catalog or a configuration value changed, never
    when the code that renders it did: after a change to an extension, an incremental build
    would keep pages the new code would write differently, unlike a clean build. Given to
    Sphinx as a configuration value that rebuilds the environment (``brochure_code``), it makes
    the first build after such a change a full one."""
    import hashlib

    from brochure.base.editions import ROOT

    root = root or ROOT
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_zip(target: Path | BinaryIO, entries: Iterable[tuple[str, bytes]], stored: frozenset[str] = frozenset()) -> None:
    """Write *entries* (name, data) in order; names in *stored* are not compressed."""
    stamp = time.gmtime(max(source_epoch(), ZIP_EPOCH))[:6]
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
