"""Search that finds a word however a reader types its capitals: Turkish İ/ı, German ß/ss.

Sphinx lowercases index words with Python's ``str.lower()`` and query words with
JavaScript's ``toLowerCase()``. Both follow the language-neutral Unicode rules, which are
wrong for Turkish: ``"İ"`` becomes ``"i̇"`` (i plus a combining dot above, U+0307) and ``"I"``
becomes ``"i"`` instead of ``"ı"``. The Turkish stemmer then sees a word with a stray mark, the
index stores ``"i̇leri"`` for "İleriye", and a reader typing "ileriye" — or "İLERİYE", whose
lowercase is ``"i̇leri̇ye"`` — finds nothing. For German, "Grußworte" and "Grussworte" (and
"GRUSSWORTE", the upper case of "Grußworte") have to meet in one index word. Snowball's German
stemmer happens to spell ß as ss already; folding it here as well puts the rule where it is
tested, independent of the stemmer, and lets the query's stop-word check see the same word.

This extension replaces Sphinx's Turkish and German search languages with subclasses that
fold every word by the language's own rules before stemming, on both sides:

* index side: :meth:`FoldingSearchLanguage.stem` folds before Sphinx's Snowball stemmer;
* query side: Sphinx's ``js_splitter_code`` hook (``splitQuery`` in ``language_data.js``)
  folds the typed query. It is the one hook that sees the reader's original capitals —
  ``searchtools.js`` lowercases every word itself before handing it to the stemmer, and
  ``"I"``/``"i"`` can no longer be told apart after that. ``searchtools.js`` also passes an
  already lowercased copy through ``splitQuery`` (for object names); the splitter folds the
  stray ``"i̇"`` of that copy too, so the copy is not cut in two at the combining dot.

The character mappings live in :mod:`brochure.i18n.folding` (the catalog checks compare
terms with them too). The Python and JavaScript folds are the same mappings (tested in
``tests/sphinxext/test_search_folding.py``), so the two sides cannot drift apart. Every other
language, English included, keeps Sphinx's own search language untouched.

Synonyms
--------
Readers search for words the edition does not use: a Turkish reader types "entegrasyon" where
the edition says "uyum". The termbase's ``<code>_synonyms`` column
(:mod:`brochure.i18n.synonyms`) lists them per approved term. At ``config-inited`` the
edition's search language (whichever Sphinx or this module provides for it) is wrapped in a
subclass whose ``split`` adds a term's synonyms to the words of every text that contains the
term; the index then sends each synonym's stem to the same pages as the term. A term matches
by its stems, so "uyumu" and "uyuma" count as "uyum" (multi-word terms match as a run of
stems). The query side needs nothing: the synonym is stemmed there as it was here. The table
is a configuration value, so a termbase change re-indexes every page.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import sphinx.search
from sphinx.application import Sphinx
from sphinx.search import SearchEnglish, SearchLanguage
from sphinx.search.de import SearchGerman
from sphinx.search.tr import SearchTurkish
from sphinx.util import import_object, logging

from brochure.base.editions import LOCALE_DIR
from brochure.i18n.folding import (
    GERMAN_AFTER_LOWER,
    GERMAN_BEFORE_LOWER,
    TURKISH_AFTER_LOWER,
    TURKISH_BEFORE_LOWER,
    fold_german,
    fold_with,
)
from brochure.i18n.synonyms import SynonymError, load_synonyms

logger = logging.getLogger(__name__)


def termbase_path() -> Path:
    """``locale/termbase.csv``; ``BROCHURE_TERMBASE`` names another one (tests use that)."""
    return Path(os.environ.get("BROCHURE_TERMBASE") or LOCALE_DIR / "termbase.csv")

# Bump when the folding changes: Sphinx then rereads every page, so no index keeps old keys.
ENV_VERSION = 2

# The default splitter of searchtools.js: runs of letters, numbers, "_" and emoji.
_JS_SPLIT = r"/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu"


def _js_replacements(pairs: tuple) -> str:
    return "".join(f".replaceAll({json.dumps(old)}, {json.dumps(new)})" for old, new in pairs)


def js_splitter(before: tuple, after: tuple) -> str:
    """``splitQuery`` for language_data.js: fold as the index did, then split as Sphinx does.

    Declared with ``var`` so it replaces the default that searchtools.js (loaded first by
    furo's search page) defined; searchtools.js looks the name up at query time.
    """
    return (
        "/* Fold the query as the search index was folded"
        " (brochure/sphinxext/search_folding.py). */\n"
        "var splitQuery = (query) =>\n"
        '  query.normalize("NFC")'
        f"{_js_replacements(before)}.toLowerCase(){_js_replacements(after)}\n"
        f"    .split({_JS_SPLIT})\n"
        "    .filter((term) => term);\n"
    )


class FoldingSearchLanguage(SearchLanguage):
    """A Snowball search language that folds words by its own rules before stemming."""

    fold_before: tuple = ()
    fold_after: tuple = ()

    def fold(self, word: str) -> str:
        return fold_with(word, self.fold_before, self.fold_after)

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(self.fold(word))


class FoldingSearchTurkish(FoldingSearchLanguage, SearchTurkish):
    fold_before = TURKISH_BEFORE_LOWER
    fold_after = TURKISH_AFTER_LOWER
    js_splitter_code = js_splitter(TURKISH_BEFORE_LOWER, TURKISH_AFTER_LOWER)


class FoldingSearchGerman(FoldingSearchLanguage, SearchGerman):
    fold_before = GERMAN_BEFORE_LOWER
    fold_after = GERMAN_AFTER_LOWER
    js_splitter_code = js_splitter(GERMAN_BEFORE_LOWER, GERMAN_AFTER_LOWER)
    # The query's stop-word check compares folded words ("dass", not "daß").
    stopwords = frozenset(fold_german(word) for word in SearchGerman.stopwords)


class SynonymSearchLanguage(SearchLanguage):
    """Adds the synonyms of every approved term a text contains to the text's words."""

    # ((stems of the approved term), (words of its synonyms)) pairs; set per edition.
    synonym_table: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    base_language: type[SearchLanguage] = SearchLanguage

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        if not self.synonym_table:
            return words
        stems = [self.stem(word).lower() for word in words]
        added = []
        for term, synonyms in self.synonym_table:
            size = len(term)
            if any(tuple(stems[i:i + size]) == term for i in range(len(stems) - size + 1)):
                added.extend(synonyms)
        return words + added


def _base_language(lang: str) -> type[SearchLanguage]:
    """The search language Sphinx would use for *lang* (ours for tr and de), unwrapped."""
    found = sphinx.search.languages.get(lang) or sphinx.search.languages.get(lang.partition("_")[0])
    if found is None:
        return SearchEnglish  # Sphinx's own fallback for languages it has no stemmer for
    if isinstance(found, str):
        found = import_object(found)
    while issubclass(found, SynonymSearchLanguage):
        found = found.base_language
    return found


def _synonym_table(language: SearchLanguage, lang: str) -> tuple:
    entries = load_synonyms(termbase_path(), lang)
    table = []
    for entry in entries:
        term = tuple(language.stem(word).lower() for word in language.split(entry.approved))
        synonyms = tuple(word for alternative in entry.alternatives for word in language.split(alternative))
        if term:
            table.append((term, synonyms))
    return tuple(table)


def _add_synonyms(app: Sphinx, config) -> None:
    lang = config.html_search_language or config.language
    base = _base_language(lang)
    try:
        table = _synonym_table(base({}), lang)
    except SynonymError as err:
        # Logged, not raised: Sphinx reports an exception with a traceback, an error as
        # "file:line: ERROR: …" (and -W, which every build uses, fails the build on it).
        logger.error(err.reason, location=f"{err.path}:{err.line}", type="brochure", subtype="synonyms")
        return
    config.brochure_search_synonyms = table
    if not table:
        return
    wrapped = type(
        f"Synonym{base.__name__}",
        (SynonymSearchLanguage, base),
        {"lang": lang, "synonym_table": table, "base_language": base},
    )
    app.add_search_language(wrapped)


def setup(app: Sphinx) -> dict:
    app.add_search_language(FoldingSearchTurkish)
    app.add_search_language(FoldingSearchGerman)
    # The synonym table, so that a termbase change counts as a configuration change.
    app.add_config_value("brochure_search_synonyms", (), "html", types=frozenset({tuple}))
    app.connect("config-inited", _add_synonyms)
    return {"env_version": ENV_VERSION, "parallel_read_safe": True, "parallel_write_safe": True}
