"""Runs every rule over catalogs and collects the findings.

The integrity rules come from the translation core (:func:`brochure.i18n.rules.check_integrity`,
the same call the build gate makes); this module adds the editorial checks. Those are plain
functions ``Entry -> list[Finding]`` listed in ``EDITORIAL_ENTRY_CHECKS``, plus [term] and
[spelling], which gets all catalogs at once so hunspell starts once per language. Shared
resources (hunspell, termbase, word list) live in a :class:`Context`, so a run over a
hundred catalogs reads them once and reports a missing dictionary or a broken termbase once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from brochure.base.editions import LOCALE_DIR
from brochure.i18n.gettext_tools import canonical_problem
from brochure.i18n.model import Catalog, Entry, Finding
from brochure.i18n.paths import survey_all
from brochure.i18n.rules import check_integrity
from brochure.i18n.termbase import TERMBASE
from brochure.tools.check_po.spelling import Speller, Wordlist, check_spelling, load_wordlist
from brochure.tools.check_po.terms import (
    SOURCE_COLUMN,
    Termbase,
    TermbaseError,
    check_term,
    load_termbase,
)
from brochure.tools.check_po.text import check_quotes, check_whitespace

WORDLIST = "wordlist.txt"

EDITORIAL_ENTRY_CHECKS: dict[str, Callable[[Entry], list[Finding]]] = {
    "whitespace": check_whitespace,
    "quotes": check_quotes,
}


@dataclass
class Context:
    speller: Speller = field(default_factory=Speller)
    termbases: dict[Path, Termbase | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # Termbase problems are reported once, not once per catalog.
    pending: list[Finding] = field(default_factory=list)

    def termbase(self, locale_root: Path) -> Termbase | None:
        path = locale_root / TERMBASE
        if path not in self.termbases:
            self.termbases[path] = self._load_termbase(path)
        return self.termbases[path]

    def _load_termbase(self, path: Path) -> Termbase | None:
        if not path.exists():
            self.notes.append(f"no termbase at {path}: terminology not checked")
            return None
        try:
            return load_termbase(path)
        except TermbaseError as err:
            self.pending.append(Finding(err.path, err.line, "term", str(err)))
            return None


def resources_root(catalog: Catalog) -> Path:
    """The locale/ directory holding the termbase and word list for this catalog."""
    return catalog.locale_root or LOCALE_DIR


def check_catalog(path: Path, context: Context | None = None) -> list[Finding]:
    return check_paths([path], context)


def check_paths(paths: Iterable[Path], context: Context | None = None) -> list[Finding]:
    """All findings for ``paths``, sorted by file and line."""
    context = context or Context()
    findings: list[Finding] = []
    to_spell: list[tuple[Catalog, Wordlist, frozenset[Entry]]] = []
    for checked in check_integrity(paths):
        findings += checked.findings
        if checked.catalog is not None and not any(f.check == "syntax" for f in checked.findings):
            findings += check_format(checked.path)
        if checked.catalog is not None:
            findings += _check_entries(checked.catalog, context, checked.broken)
            to_spell.append((checked.catalog, _wordlist(checked.catalog, context), checked.broken))
    findings += check_spelling(to_spell, context.speller)
    findings += context.pending
    context.pending = []
    return sorted(findings)


def check_locale(locale_dir: Path = LOCALE_DIR, context: Context | None = None) -> tuple[list[Path], list[Finding]]:
    """(the catalogs checked, all findings) for every edition's catalogs under *locale_dir*,
    with the [file] findings of what no build may read (:func:`brochure.i18n.paths.survey_all`,
    the listing each edition's build gate makes)."""
    paths, refused = survey_all(locale_dir)
    return paths, sorted(refused + check_paths(paths, context))


def check_format(path: Path) -> list[Finding]:
    """[format]: the catalog is in the layout msgcat writes, so no editor's save churns it."""
    problem = canonical_problem(path)
    if problem is None:
        return []
    return [Finding(path, problem[0], "format", f"{problem[1]}; and set your editor to keep this layout "
                    "(Poedit: Preferences → Advanced, Wrap at unchecked, Preserve formatting checked)")]


def _check_entries(catalog: Catalog, context: Context, broken: frozenset[Entry] = frozenset()) -> list[Finding]:
    """The editorial checks; fuzzy entries too, so a translator sees them before publishing.
    Not on *broken* entries: their integrity finding says what is wrong with them."""
    findings: list[Finding] = []
    termbase = context.termbase(resources_root(catalog))
    for entry in catalog.entries:
        if not entry.msgstr.strip() or entry in broken:
            continue  # untranslated: completeness is the stats' business
        for check_id, check in EDITORIAL_ENTRY_CHECKS.items():
            if check_id not in entry.ignored:
                findings += check(entry)
        if "term" not in entry.ignored:
            findings += check_term(entry, termbase)
    return findings


def _wordlist(catalog: Catalog, context: Context) -> Wordlist:
    wordlist = load_wordlist(resources_root(catalog) / WORDLIST)
    termbase = context.termbase(resources_root(catalog))
    if termbase is not None and catalog.lang:
        # Approved terms are vetted vocabulary ("intra-EU migration"), and so are the German
        # key terms a translation quotes ("from the German Migrantenselbstorganisation").
        wordlist = wordlist.extended(termbase.words(catalog.lang) | termbase.words(SOURCE_COLUMN))
    return wordlist
