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

from dataclasses import dataclass
from pathlib import Path

from brochure.i18n.termbase import TermbaseError, read_rows

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
        rows = read_rows(path)
    except TermbaseError as err:
        raise SynonymError(path, err.line, str(err)) from None
    header = rows[0][1] if rows else []
    for name in header:
        if name.endswith(SUFFIX) and name[: -len(SUFFIX)] not in header:
            raise SynonymError(path, 1, f"column {name!r} has no language column {name[: -len(SUFFIX)]!r}")
    if column(lang) not in header:
        return ()
    approved_at, synonyms_at = header.index(lang), header.index(column(lang))
    found = []
    for line, cells in rows[1:]:
        approved = cells[approved_at] if approved_at < len(cells) else ""
        listed = cells[synonyms_at] if synonyms_at < len(cells) else ""
        alternatives = tuple(word.strip() for word in listed.split(SEPARATOR) if word.strip())
        if not alternatives:
            continue
        if not approved:
            raise SynonymError(
                path, line,
                f"synonyms {', '.join(alternatives)!s} in column {column(lang)!r} need the approved term "
                f"in column {lang!r} of the same row",
            )
        found.append(Synonyms(approved, alternatives))
    return tuple(found)
