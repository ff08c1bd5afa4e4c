"""Keep the search index whole across incremental builds.

Sphinx 9 collects a page's index entries (here: every glossary term) into the search index
while writing the page, after the build environment has been saved; on the next build it
loads the previous ``searchindex.js`` but not its ``indexentries``. So every incremental build
published a search index without the entries of the pages it did not rewrite: glossary terms
were no longer found as such, and the output differed from a clean build.

Before the environment is saved, this extension puts the previous index's entries back for
every page that still exists, replacing what the saved environment holds: that was recorded
before the previous build wrote its pages, so for a page written then (a glossary term renamed)
it is one build old. Pages written in this build replace theirs as usual.

And a word that only a rewritten page used stayed in the incremental index with no page
(``"word": []``: Sphinx removes the page from each word's pages, never the word), so after a
translation changed and changed back, the index differed from a clean build's. Once every page
is written, words without a page are dropped.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search import js_index
from sphinx.util import logging

from brochure.sphinxext.build_facts import is_website

logger = logging.getLogger(__name__)


def _restore_index_entries(app: Sphinx, env) -> None:
    if not is_website(app):
        return
    path = Path(app.outdir, app.builder.searchindex_filename)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return  # no previous index: a first build indexes every page anyway
    try:
        frozen = js_index.loads(text)
        docnames = frozen["docnames"]
        entries = frozen["indexentries"]
        occurrences_of = [(entry, list(found)) for entry, found in entries.items()]
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        # Sphinx changed its index format: say so (an error under -W) instead of silently
        # publishing an index without the glossary entries.
        logger.warning("search_index: %s has a shape this extension does not know (%r); "
                       "glossary entries may be missing from the search", path, err,
                       type="search_index", subtype="format")
        return
    restored: dict[str, set[tuple[str, str, str]]] = {name: set() for name in docnames}
    for entry, occurrences in occurrences_of:
        for index, target_id, main in occurrences:
            restored[docnames[index]].add((entry, target_id, "main" if main else ""))
    # The saved environment holds, for a page written last time, the entries of the build
    # before (it is saved before pages are written): the previous index is the truth for
    # every page it lists, and a page written in this build replaces its entries again.
    entries_of = env._search_index_index_entries
    for docname in sorted(restored):
        if docname in env.found_docs:
            entries_of[docname] = sorted(restored[docname])


def _drop_words_without_pages(app: Sphinx):
    # html-collect-pages: every page is written (and fed to the index), the index not yet dumped.
    indexer = getattr(app.builder, "indexer", None)
    if app.builder.name == "html" and indexer is not None:
        for mapping in (indexer._mapping, indexer._title_mapping):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]
    return []


def setup(app: Sphinx) -> dict:
    app.connect("env-updated", _restore_index_entries)
    app.connect("html-collect-pages", _drop_words_without_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
