"""[term]: key terms rendered as the termbase approves.

``locale/termbase.csv`` has a ``de`` column (the German term as the glossary spells it) and
one column per translation; an empty cell means no approved rendering yet. A new edition
adds a column, nothing here changes.

Matching is deliberately tolerant, since the aim is to catch a *different* rendering, not to
police grammar:

* German side: each word of the term matches by its stem (a trailing inflection ending
  dropped) plus up to three letters, so "Integrationsbeauftragte" matches
  "Integrationsbeauftragten" but "Teilhabe" does not match the compound "Teilhabechancen".
  Terms shorter than four letters are ignored unless they are acronyms ("EU"), which match
  as whole words, case-sensitively.
* Translated side: the approved term, case-insensitively, each of its words allowed to lose
  its last one or two letters and gain others (English plurals, Turkish suffixes and
  consonant changes: "kitap" → "kitabı", "uyum sorumlusu" → "uyum sorumluları").

Role targets count as text: ``{term}`recommendations <recommendation for action>``` uses the
approved term in its target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from brochure.i18n.folding import fold
from brochure.i18n.model import Entry, Finding
from brochure.i18n.myst import iter_term_targets, parse
from brochure.i18n.termbase import TermbaseError, read_rows

SOURCE_COLUMN = "de"
_GERMAN_ENDINGS = ("en", "em", "er", "es", "e", "n", "s")
_MIN_STEM = 4


@dataclass(frozen=True)
class Term:
    german: str
    translations: dict[str, str] = field(hash=False)
    pattern: re.Pattern[str] = field(hash=False)


@dataclass(frozen=True)
class Termbase:
    path: Path
    terms: tuple[Term, ...]

    def approved(self, term: Term, lang: str) -> str:
        return term.translations.get(lang, "").strip()

    def words(self, lang: str) -> set[str]:
        """Every word of the approved terms of one language, hyphenated parts included."""
        words: set[str] = set()
        for term in self.terms:
            for word in self.approved(term, lang).split():
                words.add(word)
                words.update(part for part in word.split("-") if part)
        return words


def load_termbase(path: Path) -> Termbase:
    rows = read_rows(path)
    header = rows[0][1] if rows else []
    if SOURCE_COLUMN not in header:
        raise TermbaseError(path, 1, f"termbase has no {SOURCE_COLUMN!r} column in its header line")
    terms = []
    for _line, cells in rows[1:]:
        row = {name: cells[index] if index < len(cells) else "" for index, name in enumerate(header) if name}
        german = row.get(SOURCE_COLUMN, "")
        pattern = german_pattern(german)
        if pattern is not None:
            terms.append(Term(german, row, pattern))
    return Termbase(Path(path), tuple(terms))


def _is_acronym(term: str) -> bool:
    """"EU", "BAMF", "KGSt": short, one word, mostly capitals."""
    letters = [char for char in term if char.isalpha()]
    return " " not in term and len(letters) <= 5 and sum(char.isupper() for char in letters) >= 2


def german_pattern(term: str) -> re.Pattern[str] | None:
    """A regex finding the term, inflected, in German text; None for terms too short to tell."""
    term = term.strip()
    if not term:
        return None
    if _is_acronym(term):
        return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
    if sum(char.isalpha() for char in term) < _MIN_STEM:
        return None
    parts = [_word_pattern(word) for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _word_pattern(word: str) -> str:
    if len(word) < _MIN_STEM:
        return re.escape(word)
    return re.escape(german_stem(word)) + r"\w{0,3}"


def german_stem(word: str) -> str:
    for ending in _GERMAN_ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def contains_approved(text: str, approved: str, lang: str | None) -> bool:
    return approved_pattern(approved, lang).search(fold(text, lang)) is not None


@cache
def approved_pattern(approved: str, lang: str | None) -> re.Pattern[str]:
    """Each word of the approved term, allowing an inflected ending.

    Inflection hits any word of a phrase ("recommendations for action", Turkish "uyum
    sorumluları"), so every word longer than three letters may lose up to two final letters
    and gain others.
    """
    words = []
    for word in fold(approved, lang).split():
        drop = min(2, len(word) - 3)
        if drop > 0:
            words.append(re.escape(word[:-drop]) + r"\w+")
        else:
            words.append(re.escape(word) + r"\w*")
    return re.compile(r"(?<!\w)" + r"\s+".join(words))


def searchable_text(message: str) -> str:
    parsed = parse(message)
    return " ".join([parsed.visible, *iter_term_targets(parsed)])


def check_term(entry: Entry, termbase: Termbase | None) -> list[Finding]:
    if termbase is None or entry.interface or not entry.lang:
        return []
    source = searchable_text(entry.msgid)
    target = None
    findings = []
    for term in termbase.terms:
        approved = termbase.approved(term, entry.lang)
        if not approved or not term.pattern.search(source):
            continue
        target = searchable_text(entry.msgstr) if target is None else target
        if not contains_approved(target, approved, entry.lang):
            findings.append(
                entry.finding(
                    "term",
                    f"msgid uses {term.german!r}; the approved {language_name(entry.lang)} "
                    f"term is {approved!r}: use it, inflected as the sentence needs "
                    "(locale/termbase.csv lists every approved term)",
                )
            )
    return findings


@cache
def language_name(code: str) -> str:
    try:
        return Locale.parse(code).english_name or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code
