"""Sphinx's own translations as the starting point of a new edition's interface catalog.

Sphinx ships catalogs for some sixty languages (``sphinx/locale/<lang>/LC_MESSAGES/sphinx.po``);
many of the interface strings (search, navigation, "Next", "Previous", "Index" …) are
Sphinx's own, so a new edition's ``sphinx.po`` starts with their translations. GNU
``msgmerge --compendium`` is the reference way to fill a catalog from another one; this module
only prepares the compendium, for two things msgmerge does not do:

* plural forms: Sphinx's catalogs were made with other plural rules than Babel's CLDR rule the
  project writes (French: three forms there, two here); each plural translation is rearranged
  for the new catalog's rule (:func:`brochure.i18n.interface.plural_forms_in`) or left out;
* the project's rules: a Sphinx translation that breaks an integrity rule of this project (a
  placeholder, a tag, a quote the message lacks) is left out, so the new catalog passes the
  build gate and ``msgfmt -c``. What is left out is reported, never silently dropped.

Fuzzy and untranslated entries of Sphinx's catalog are never copied.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
import sphinx
from babel import Locale, UnknownLocaleError

from brochure.i18n import gettext_tools
from brochure.i18n.headers import PluralFormsError, plural_forms
from brochure.i18n.interface import plural_forms_in
from brochure.i18n.paths import INTERFACE_CATALOG, MESSAGES
from brochure.i18n.rules import check_integrity

SPHINX_LOCALE = Path(sphinx.__file__).parent / "locale"
_ROUNDS = 5  # each round leaves out what broke a rule; one is enough in practice


@dataclass
class Prefilled:
    data: bytes  # the new catalog
    source: Path | None  # Sphinx's catalog it was filled from
    taken: int  # messages translated from it
    left_out: list[str]  # msgids of Sphinx translations that break a project rule


def sphinx_catalog(language: str, sphinx_locale: Path = SPHINX_LOCALE) -> Path | None:
    """Sphinx's catalog for *language* (``fr``, ``pt_BR``; ``uk`` finds ``uk_UA``), if any."""
    names = [language, language.replace("-", "_")]
    try:
        locale = Locale.parse(language.replace("-", "_"))
        names += [str(locale), locale.language]
    except (UnknownLocaleError, ValueError):
        pass
    base = names[-1]
    candidates = [sphinx_locale / name / MESSAGES / INTERFACE_CATALOG for name in dict.fromkeys(names)]
    candidates += sorted(sphinx_locale.glob(f"{base}_*/{MESSAGES}/{INTERFACE_CATALOG}"))
    # Sphinx ships some languages' catalogs empty (pt: the translations are in pt_BR, pt_PT).
    return next((path for path in candidates if path.is_file() and _translates(path)), None)


def _translates(path: Path) -> bool:
    return any(entry.translated() and not entry.obsolete for entry in polib.pofile(str(path)))


def compendium(source: Path, plural_rule: str, leave_out: set[str]) -> bytes:
    """The translated messages of Sphinx's catalog *source*, plural forms for *plural_rule*."""
    rule = plural_forms(plural_rule)
    shipped = polib.pofile(str(source))
    try:
        source_expression = plural_forms(shipped.metadata.get("Plural-Forms", "")).expression
    except PluralFormsError:
        source_expression = None
    kept = polib.POFile()
    kept.metadata = {"Content-Type": "text/plain; charset=UTF-8",
                     "Plural-Forms": str(rule)}
    for entry in shipped:
        if (entry.obsolete or entry.fuzzy or not entry.translated()
                or entry.msgid in leave_out or (entry.msgid_plural or None) in leave_out):
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
            forms = plural_forms_in(forms, source_expression, rule) if source_expression else None
            if forms is None:
                continue
            entry.msgstr_plural = dict(enumerate(forms))
        entry.occurrences = []
        entry.comment = entry.tcomment = ""
        kept.append(entry)
    return kept.__unicode__().encode("utf-8")


def prefilled(draft: Path, template: Path, language: str) -> Prefilled:
    """The new interface catalog *draft* merged with *template* and Sphinx's translations."""
    source = sphinx_catalog(language)
    if source is None:
        return Prefilled(gettext_tools.msgmerge(draft, template), None, 0, [])
    rule = polib.pofile(str(draft)).metadata.get("Plural-Forms", "")
    left_out: set[str] = set()
    with tempfile.TemporaryDirectory() as scratch:
        # msgmerge takes no plural translation from a compendium for a message the catalog
        # already holds untranslated (gettext 0.21): merge into the header alone.
        header = Path(scratch) / "header.po"
        header.write_bytes(draft.read_bytes().split(b"\n\n", 1)[0] + b"\n")
        draft = header
        compendium_path = Path(scratch) / "sphinx-compendium.po"
        merged_path = Path(scratch) / MESSAGES / INTERFACE_CATALOG
        merged_path.parent.mkdir()
        for _ in range(_ROUNDS):
            compendium_path.write_bytes(compendium(source, rule, left_out))
            data = gettext_tools.msgmerge(draft, template, compendium=compendium_path)
            merged_path.write_bytes(data)
            [checked] = check_integrity([merged_path])
            broken = _broken_msgids(checked)
            if not broken:
                taken = sum(1 for e in polib.pofile(str(merged_path)) if e.translated())
                return Prefilled(data, source, taken, sorted(left_out))
            left_out |= broken
        return Prefilled(gettext_tools.msgmerge(draft, template), source, 0, sorted(left_out))


def _broken_msgids(checked) -> set[str]:
    """The msgids of the entries the findings point into (a finding names a line)."""
    if checked.catalog is None:
        return set()
    entries = sorted(checked.catalog.entries, key=lambda entry: entry.msgid_line)
    broken = set()
    for finding in checked.findings:
        owner = [entry for entry in entries if entry.msgid_line and entry.msgid_line <= finding.line]
        if owner:
            broken.add(owner[-1].msgid)
    return broken
