"""Catalog headers without template placeholders: for new catalogs and for existing ones.

``msginit`` and the template writers (Sphinx, Babel) leave placeholders a translator is meant
to replace — ``SOME DESCRIPTIVE TITLE``, ``FIRST AUTHOR <EMAIL@ADDRESS>, YEAR``,
``PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE``, ``PACKAGE VERSION``, a fuzzy header — and msginit
takes Plural-Forms from its own table, not from Babel's CLDR data the build uses. No gettext
tool replaces them non-interactively, so this module does, on the header entry alone: polib
renders the header, everything after it stays byte for byte, and msgcat gives the result
gettext's layout.

A new catalog names no translator (``Last-Translator`` and ``Language-Team`` empty): the
credits list only names a translator or a PO editor put there, never an English placeholder.
Headers written by editors and platforms (``X-Generator``, ``Last-Translator`` …) are kept.
"""

from __future__ import annotations

import re

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog

from brochure.base.editions import publication
from brochure.base.reproducible import source_date
from brochure.i18n import gettext_tools

# Values the template writers put where a person or date belongs.
PLACEHOLDERS = ("SOME DESCRIPTIVE TITLE", "FIRST AUTHOR", "EMAIL@ADDRESS", "FULL NAME",
                "YEAR-MO-DA", "PACKAGE VERSION", "ORGANIZATION", "LL@li.org",
                "Automatically generated")
_VERSION_PLACEHOLDER = re.compile(r"\s*\bVERSION$")
# Header fields that name a person or team and must not hold a placeholder.
_PEOPLE = ("Last-Translator", "Language-Team", "Report-Msgid-Bugs-To")


def has_placeholder(text: str) -> bool:
    return any(p in text for p in PLACEHOLDERS) or bool(_VERSION_PLACEHOLDER.search(text))


def cldr_plural_forms(language: str) -> str:
    """Babel's (CLDR-based) Plural-Forms for *language*, as ``pybabel init`` writes it."""
    try:
        return Catalog(locale=Locale.parse(language)).plural_forms
    except (UnknownLocaleError, ValueError):
        return "nplurals=2; plural=(n != 1);"


def english_name(language: str) -> str:
    try:
        return Locale.parse(language).english_name or language
    except (UnknownLocaleError, ValueError):
        return language


def _project(metadata: dict[str, str]) -> str:
    name = _VERSION_PLACEHOLDER.sub("", metadata.get("Project-Id-Version", "")).strip()
    if name == "PACKAGE":  # msginit's placeholder
        return ""
    release = publication().release
    return name[: -len(release)].strip() if release and name.endswith(" " + release) else name


def header_comment(language: str, project: str) -> str:
    pub = publication()
    return (f"{english_name(language)} translation of {project}.\n"
            f"Copyright (C) {pub.edition(pub.source_language).editors}\n"
            f"This file is distributed under the same license as {project}.")


def _split(data: bytes) -> tuple[bytes, bytes]:
    """(header entry with its comments, the rest) of a catalog in gettext's layout.

    The header is the first entry if its msgid is empty (msgstr follows ``msgid ""`` at once);
    a catalog without one gets an empty head, so no message is ever taken for a header.
    """
    head, sep, rest = data.partition(b"\n\n")
    lines = head.split(b"\n")
    starts = [n for n, line in enumerate(lines) if line.startswith((b"msgid ", b"msgctxt "))]
    is_header = (bool(starts) and lines[starts[0]] == b'msgid ""'
                 and starts[0] + 1 < len(lines) and lines[starts[0] + 1].startswith(b"msgstr "))
    return (head + b"\n", sep[1:] + rest) if is_header else (b"", data)


def repaired(data: bytes, language: str, *, new: bool = False, name: str = "<catalog>") -> bytes:
    """The catalog *data* with a header free of placeholders, in gettext's layout.

    *new*: a catalog just made from a template — it names no translator and takes its
    Plural-Forms from Babel. Otherwise only placeholders are replaced, the rest kept.
    """
    data = gettext_tools.msgcat_text(data, name)
    head, rest = _split(data)
    header = polib.pofile(head.decode("utf-8"))
    metadata = dict(header.metadata)
    pub = publication()
    # msginit's "PACKAGE VERSION": the name Sphinx gives the page templates.
    project = _project(metadata) or pub.edition(pub.source_language).title
    metadata["Project-Id-Version"] = f"{project} {pub.release}".strip()
    if has_placeholder(metadata.get("PO-Revision-Date", "YEAR-MO-DA")) or new:
        metadata["PO-Revision-Date"] = source_date().strftime("%Y-%m-%d %H:%M%z")
    for field in _PEOPLE:
        if (new and field != "Report-Msgid-Bugs-To") or has_placeholder(metadata.get(field, "")):
            metadata[field] = ""
    metadata["Language"] = language
    if new or "Plural-Forms" not in metadata:
        metadata["Plural-Forms"] = cldr_plural_forms(language)
    metadata.setdefault("MIME-Version", "1.0")
    metadata.setdefault("Content-Type", "text/plain; charset=UTF-8")
    metadata.setdefault("Content-Transfer-Encoding", "8bit")
    fresh = _InFileOrder()
    keep = [line for line in header.header.splitlines() if _credit_line(line)]
    fresh.header = "\n".join([header_comment(language, project), *keep])
    fresh.metadata = metadata
    fresh.metadata_is_fuzzy = False
    rendered = fresh.__unicode__().encode("utf-8")
    return gettext_tools.msgcat_text(rendered.rstrip(b"\n") + b"\n\n" + rest, name)


class _InFileOrder(polib.POFile):
    """polib sorts header fields into its own order; keep the catalog's (small diffs)."""

    def ordered_metadata(self):
        return list(self.metadata.items())


def _credit_line(line: str) -> bool:
    """A translator's line (``Name <address>, 2025.``), as PO editors and Weblate add them; the
    rest of a template's comment is replaced."""
    from brochure.i18n.contributors import credit  # it reads placeholders from this module

    return not has_placeholder(line) and credit(line) is not None
