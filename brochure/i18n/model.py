"""The three things every rule works with: a catalog, its entries, and findings.

Kept free of any rule logic so the rule modules, the build gate, ``check-po`` and the tests
share one vocabulary; an :class:`Entry` can be built from two strings, which is what the
tests of a single rule do.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

# "# check-po: ignore quotes" or "# check-po: ignore quotes, term"
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SUPPRESSION = re.compile(r"check-po:[ \t]*ignore[ \t]+([\w \t,-]+)")


@dataclass(frozen=True, order=True)
class Finding:
    path: Path
    line: int
    check: str
    message: str

    def format(self) -> str:
        """``file:line: [check] message``, the form editors and CI logs turn into links.

        One line whatever the message quotes: a control character or a line separator from
        a hostile file is written as an escape, so no report can be split or overprinted."""
        message = _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", self.message)
        return f"{display_path(self.path)}:{self.line}: [{self.check}] {message}"


def display_path(path: Path) -> str:
    """Relative to the current directory when below it, so editors can jump to the line."""
    try:
        # The folder resolved, not the file: a symbolic link is named where it is, not where it points.
        full = Path(path).parent.resolve() / Path(path).name
        return os.path.relpath(full) if full.is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


@dataclass(frozen=True)
class Entry:
    """One msgid/msgstr pair (a plural form is an entry of its own)."""

    msgid: str
    msgstr: str
    lang: str | None = None
    # sphinx.po holds English theme strings (HTML templates), not MyST fragments.
    interface: bool = False
    path: Path = Path("<string>")
    msgid_line: int = 0
    msgstr_line: int = 0
    ignored: frozenset[str] = frozenset()
    # Sphinx does not publish fuzzy entries (German shows instead).
    fuzzy: bool = False

    def finding(self, check: str, message: str) -> Finding:
        # The msgstr is what the translator has to change, so point at it.
        return Finding(self.path, self.msgstr_line or self.msgid_line, check, message)


@dataclass
class Catalog:
    path: Path
    # The folder's code (locale/<code>/LC_MESSAGES); the header's when not in such a folder.
    lang: str | None
    folder_lang: str | None
    interface: bool
    metadata: dict[str, str]
    # 1-based line of the header entry's msgstr; 0 when the catalog has no header.
    header_line: int
    lines: list[str]
    entries: list[Entry] = field(default_factory=list)
    # The locale/ directory the catalog lives in: the termbase and word list are there.
    locale_root: Path | None = None
    # The reader's own object (a polib.POFile) the entries came from, for comparisons.
    po: object = field(default=None, repr=False, compare=False)

    def line_of(self, needle: str, default: int) -> int:
        """First line containing ``needle`` (for header fields), else ``default``."""
        for number, text in enumerate(self.lines, start=1):
            if needle in text and not text.startswith("#"):
                return number
        return default


def suppressed_checks(translator_comment: str) -> frozenset[str]:
    ids: set[str] = set()
    for match in _SUPPRESSION.finditer(translator_comment or ""):
        ids.update(part for part in re.split(r"[\s,]+", match.group(1)) if part)
    return frozenset(ids)
