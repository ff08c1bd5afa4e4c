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


# How much of the source text a finding quotes: enough to find the entry with a PO editor's
# search (Poedit shows no line numbers), short enough for one line.
SOURCE_WORDS = 6
SOURCE_CHARACTERS = 48


@dataclass(frozen=True, order=True)
class Finding:
    path: Path
    line: int
    check: str
    message: str
    # The first words of the entry's source text (msgid), "" for a finding about the file.
    source: str = ""

    def format(self) -> str:
        """``file:line: [check] in “first words of the msgid …”: message``, the form editors and
        CI logs turn into links, with the words a PO editor's search finds the entry by.

        One line whatever the message quotes: a control character or a line separator from
        a hostile file is written as an escape, so no report can be split or overprinted."""
        where = f"in “{self.source}”: " if self.source else ""
        message = _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", where + self.message)
        return f"{display_path(self.path)}:{self.line}: [{self.check}] {message}"


def source_excerpt(msgid: str) -> str:
    """The first words of a source text, as a translator searches for it: ``Zum Begriff der …``."""
    words = msgid.split()
    excerpt = ""
    for count, word in enumerate(words):
        longer = f"{excerpt} {word}".strip()
        if count >= SOURCE_WORDS or len(longer) > SOURCE_CHARACTERS:
            return (excerpt or word[:SOURCE_CHARACTERS]) + " …"
        excerpt = longer
    return excerpt


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
    # Where the msgstr's text is in the file: (offset in msgstr, line) for each of its lines,
    # in order; empty when unknown (an Entry built from two strings).
    msgstr_lines: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int | None = None) -> int:
        """The file's line holding character *offset* of the msgstr; without an offset, its
        first line with text (``msgstr ""`` is followed by the text on the next line)."""
        line = self.msgstr_line or self.msgid_line
        for start, number in self.msgstr_lines:
            if start > (offset or 0):
                break
            line = number
        return line

    def finding(self, check: str, message: str, at: int | None = None) -> Finding:
        """A finding on this entry, at the line of msgstr offset *at* (the problem's place).

        The msgstr is what the translator has to change, so the line is one of its lines."""
        return Finding(self.path, self.line_at(at), check, message, source_excerpt(self.msgid))


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
