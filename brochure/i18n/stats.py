"""Translation statistics: one definition of "how far is edition X" for every consumer.

``make stats``, the translation-status page and the release check all read these numbers,
so they cannot disagree about what counts. The rules:

* a message is *translated* when it has a msgstr and is not fuzzy (Sphinx shows exactly
  these), *fuzzy* when flagged fuzzy (Sphinx shows the German text), *untranslated*
  otherwise; obsolete (``#~``) entries and the header are not messages;
* words are counted on the msgid (the German text), after removing MyST markup that is not
  read (role names, ``<targets>``, link URLs, ``%(name)s`` placeholders), so a page's weight does not depend on how far
  its translation got;
* percent is translated words / all words; a catalog without words counts as 0 %;
* a page is a catalog below ``LC_MESSAGES`` (its docname, e.g. ``grussworte/kuhn``); the
  interface catalog ``sphinx.po`` is reported separately and not part of the page totals;
* a source page without a catalog is listed as ``missing`` (its words are unknown until
  ``make update-po`` creates the catalog);
* a chapter is a top-level part of the brochure, named by the first segment of its pages'
  docnames (``grussworte/kuhn`` belongs to ``grussworte``; ``schlusswort`` is a chapter of one
  page); its counts are the sum of its pages';
* every report shows the percent as :func:`reader_percent` gives it: rounded half up to one
  decimal, except that a page or chapter still showing German text never reads "100 %" and
  one with a translated word never reads "0 %". ``make stats`` prints that number (``66.7``),
  the status page and the notices print the same number in the reader's locale (``66,7``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import polib

from brochure.base.editions import LOCALE_DIR, SOURCE_DIR, publication
from brochure.i18n.myst import TARGET_ROLES
from brochure.i18n.paths import INTERFACE_CATALOG, messages_dir
from brochure.i18n.reading import read_catalog
from brochure.i18n.safety import without_placeholders

SOURCE_SUFFIXES = (".md", ".rst")

# A bare {doc}`/path` shows the page's title, which is counted on that page.
_BARE_TARGET_ROLE = re.compile(r"\{(?:" + "|".join(sorted(TARGET_ROLES)) + r")\}`[^`<>]*`")
_ROLE_NAME = re.compile(r"\{[\w:.-]+\}(?=`)")
_ROLE_TARGET = re.compile(r"\s*<[^<>`]*>(?=`)")
_LINK_URL = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(msgid: str) -> int:
    text = _BARE_TARGET_ROLE.sub(" ", msgid)
    text = _ROLE_NAME.sub(" ", text)
    text = _ROLE_TARGET.sub("", text)
    text = _LINK_URL.sub("]", text)
    text = without_placeholders(text)  # filled in by the program, not read
    return len(_WORD.findall(text))


def chapter_of(page: str) -> str:
    """The top-level part a page belongs to: ``grussworte/kuhn`` -> ``grussworte``."""
    return page.split("/", 1)[0]


@dataclass(frozen=True)
class CatalogStats:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def messages(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def percent(self) -> float:
        return 100.0 * self.translated_words / self.words if self.words else 0.0

    @property
    def complete(self) -> bool:
        return self.messages > 0 and self.fuzzy == 0 and self.untranslated == 0

    def __add__(self, other: CatalogStats) -> CatalogStats:
        return CatalogStats(
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
            self.translated_words + other.translated_words,
            self.fuzzy_words + other.fuzzy_words,
            self.untranslated_words + other.untranslated_words,
        )

    def as_dict(self) -> dict:
        return {
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "messages": self.messages,
            "translated_words": self.translated_words,
            "fuzzy_words": self.fuzzy_words,
            "untranslated_words": self.untranslated_words,
            "words": self.words,
            "percent": round(self.percent, 2),
            "complete": self.complete,
        }


@dataclass(frozen=True)
class EditionStats:
    code: str
    pages: dict[str, CatalogStats] = field(default_factory=dict)  # docname -> stats
    interface: CatalogStats | None = None  # sphinx.po, None when the edition has none
    missing: tuple[str, ...] = ()  # source pages without a catalog

    @property
    def totals(self) -> CatalogStats:
        return sum(self.pages.values(), CatalogStats())

    @property
    def complete(self) -> bool:
        return not self.missing and bool(self.pages) and all(p.complete for p in self.pages.values())

    @property
    def chapters(self) -> dict[str, CatalogStats]:
        """Chapter -> summed stats of its pages, in the order the pages are listed."""
        chapters: dict[str, CatalogStats] = {}
        for name, stats in self.pages.items():
            key = chapter_of(name)
            chapters[key] = chapters.get(key, CatalogStats()) + stats
        return chapters

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "pages": {name: stats.as_dict() for name, stats in self.pages.items()},
            "interface": self.interface.as_dict() if self.interface else None,
            "chapters": {name: stats.as_dict() for name, stats in self.chapters.items()},
            "missing": list(self.missing),
            "totals": self.totals.as_dict(),
            "complete": self.complete,
        }


ONE_DECIMAL = Decimal("0.1")


def reader_percent(stats: CatalogStats) -> Decimal:
    """The percent every report shows: one decimal, rounded half up from the exact ratio.

    Never 100 while a word is untranslated or fuzzy, never 0 once a word is translated, so
    a rounded figure cannot claim a page is done (or untouched) when it is not. A whole
    number comes without its ``.0`` (``100``, ``0``), which the locale's formatter then
    writes as the reader expects; ``f"{value:.1f}"`` gives ``make stats``' column."""
    if not stats.words:
        return Decimal(0)
    value = (Decimal(100 * stats.translated_words) / stats.words).quantize(ONE_DECIMAL, ROUND_HALF_UP)
    if value == 100 and stats.translated_words < stats.words:
        value = Decimal("99.9")
    elif value == 0 and stats.translated_words:
        value = ONE_DECIMAL
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def catalog_stats(po_path: Path) -> CatalogStats:
    """Counts of one catalog. Raises OSError/ValueError for unreadable or broken files."""
    counts = {"translated": [0, 0], "fuzzy": [0, 0], "untranslated": [0, 0]}
    for entry in read_catalog(po_path):
        if entry.obsolete or entry.msgid == "":
            continue
        state = _state(entry)
        counts[state][0] += 1
        counts[state][1] += count_words(entry.msgid)
    return CatalogStats(
        translated=counts["translated"][0],
        fuzzy=counts["fuzzy"][0],
        untranslated=counts["untranslated"][0],
        translated_words=counts["translated"][1],
        fuzzy_words=counts["fuzzy"][1],
        untranslated_words=counts["untranslated"][1],
    )


def _state(entry: polib.POEntry) -> str:
    if "fuzzy" in entry.flags:
        return "fuzzy"
    if entry.msgid_plural:
        forms = entry.msgstr_plural.values()
        return "translated" if forms and all(form.strip() for form in forms) else "untranslated"
    return "translated" if entry.msgstr.strip() else "untranslated"


def source_pages(source_dir: Path) -> list[str]:
    return sorted(
        path.relative_to(source_dir).with_suffix("").as_posix()
        for path in source_dir.rglob("*")
        if path.suffix in SOURCE_SUFFIXES and path.is_file()
    )


def edition_stats(
    code: str, locale_dir: Path = LOCALE_DIR, source_dir: Path | None = SOURCE_DIR,
    admit: Callable[[list[Path]], list[Path]] | None = None,
) -> EditionStats:
    """The figures of edition *code*. *admit* keeps the catalogs that may be read (a build
    reads only catalogs that pass the integrity rules); a catalog left out counts as missing."""
    messages = messages_dir(code, locale_dir)
    pages: dict[str, CatalogStats] = {}
    interface = None
    paths = sorted(messages.rglob("*.po")) if messages.is_dir() else []
    for path in admit(paths) if admit is not None else paths:
        name = path.relative_to(messages).with_suffix("").as_posix()
        if path.relative_to(messages).as_posix() == INTERFACE_CATALOG:
            interface = catalog_stats(path)
        else:
            pages[name] = catalog_stats(path)
    missing = ()
    if source_dir is not None and Path(source_dir).is_dir():
        missing = tuple(page for page in source_pages(Path(source_dir)) if page not in pages)
    return EditionStats(code=code, pages=pages, interface=interface, missing=missing)


def all_stats(locale_dir: Path = LOCALE_DIR, source_dir: Path | None = SOURCE_DIR) -> list[EditionStats]:
    """Every translation edition of editions.toml, in table order."""
    return [edition_stats(e.code, locale_dir, source_dir) for e in publication().translations]


def to_json(stats: CatalogStats | EditionStats | list[EditionStats]) -> str:
    """Stable JSON (sorted keys) for diffs and for other tools."""
    if isinstance(stats, list):
        return stable_json({edition.code: edition.as_dict() for edition in stats})
    return stable_json(stats.as_dict())


def stable_json(data: dict) -> str:
    """Sorted keys, no timestamps: an unchanged state gives a byte-identical file."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
