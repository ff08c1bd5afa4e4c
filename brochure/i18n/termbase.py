"""The termbase, ``locale/termbase.csv``: read one way for every reader of it.

``check-po``'s terminology check (``brochure.tools.check_po.terms``) and the search synonyms
(:mod:`brochure.i18n.synonyms`) read the same file; this module decodes it and splits it into
rows, each with its line number, and turns every way it can be unreadable into one
:class:`TermbaseError` naming the file and the line.
"""

from __future__ import annotations

import csv
from pathlib import Path

TERMBASE = "termbase.csv"


class TermbaseError(ValueError):
    """The termbase cannot be read; the message names the problem, ``path``/``line`` where."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line = path, line


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """Every row of the termbase (the header first) with the line it ends on, cells stripped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise TermbaseError(path, 1, f"termbase is not UTF-8 ({err.reason})") from None
    except OSError as err:
        raise TermbaseError(path, 1, f"cannot read the termbase: {err.strerror or err}") from None
    reader = csv.reader(text.splitlines())
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, [cell.strip() for cell in row]))
    except csv.Error as err:
        raise TermbaseError(path, reader.line_num, f"termbase: {err}") from None
    return rows
