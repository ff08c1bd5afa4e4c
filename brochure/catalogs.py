"""The gettext catalogs under ``locale/``: their names, and reading each version once.

Content is translated in one catalog per page; the interface (theme, extensions, search) in
the ``sphinx`` domain, the catalog domain Sphinx itself uses for templates. Several readers
of one build need the same catalogs (the status page's figures, the translator credits, the
notices): :func:`read_catalog` parses each file once per version, not once per reader.
"""

from __future__ import annotations

import functools
from pathlib import Path

import polib

from brochure.editions import LOCALE_DIR, publication

INTERFACE_DOMAIN = "sphinx"
INTERFACE_CATALOG = f"{INTERFACE_DOMAIN}.po"


def read_catalog(path: Path) -> polib.POFile:
    """The parsed catalog, shared by every caller until the file changes: do not modify it.

    Raises OSError/ValueError for unreadable or broken files.
    """
    stat = Path(path).stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _read(path: str, mtime_ns: int, size: int) -> polib.POFile:
    return polib.pofile(path)


def translation_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every catalog of every translated edition: what a page built from all of them depends on."""
    paths: list[Path] = []
    for edition in publication().translations:
        messages = locale_dir / edition.code / "LC_MESSAGES"
        paths += sorted(messages.rglob("*.po")) if messages.is_dir() else []
    return paths
