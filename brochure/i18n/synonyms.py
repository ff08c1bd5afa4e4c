"""Search synonyms from the termbase: the words readers type for an edition's approved terms.

``locale/termbase.csv`` may have a ``<code>_synonyms`` column next to an edition's column
(``tr_synonyms`` next to ``tr``): the other words a reader of that edition may search for
instead of the approved term, separated by ``;``. Turkish readers type the loanword
"entegrasyon" where the edition says "uyum"; the Turkish search then finds the pages that say
"uyum" (``brochure.sphinxext.search_folding``). A synonym needs the approved term in its row;
a row without one is an error that names the file and line, as is a ``_synonyms`` column for
which the termbase has no language column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

SUFFIX = "_synonyms"
SEPARATOR = ";"


class SynonymError(ValueError):
    """The termbase's synonyms cannot be used; the message names file and line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.reason = path, line, message


@dataclass(frozen=True)
class Synonyms:
    """One approved term of a language and the words readers may type instead."""

    approved: str
    alternatives: tuple[str, ...]


def column(lang: str) -> str:
    return f"{lang}{SUFFIX}"


def load_synonyms(path: Path, lang: str) -> tuple[Synonyms, ...]:
    """The synonyms of *lang* in the termbase at *path*, in file order (none if no column)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise SynonymError(path, 1, f"termbase is not UTF-8 ({err.reason})") from None
    except OSError as err:
        raise SynonymError(path, 1, f"cannot read the termbase: {err.strerror or err}") from None
    try:
        reader = csv.reader(text.splitlines())
        header = [name.strip() for name in next(reader, [])]
        for name in header:
            if name.endswith(SUFFIX) and name[: -len(SUFFIX)] not in header:
                raise SynonymError(path, 1, f"column {name!r} has no language column {name[: -len(SUFFIX)]!r}")
        if column(lang) not in header:
            return ()
        approved_at, synonyms_at = header.index(lang), header.index(column(lang))
        found = []
        for row in reader:
            def cell(index: int, row: list[str] = row) -> str:
                return row[index].strip() if index < len(row) else ""
            alternatives = tuple(word.strip() for word in cell(synonyms_at).split(SEPARATOR) if word.strip())
            if not alternatives:
                continue
            if not cell(approved_at):
                raise SynonymError(
                    path, reader.line_num,
                    f"synonyms {', '.join(alternatives)!s} in column {column(lang)!r} need the approved term "
                    f"in column {lang!r} of the same row",
                )
            found.append(Synonyms(cell(approved_at), alternatives))
    except csv.Error as err:
        raise SynonymError(path, reader.line_num, f"termbase: {err}") from None
    return tuple(found)
