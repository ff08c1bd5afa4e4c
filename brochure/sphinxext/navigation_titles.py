"""A changed page title reaches every page that shows it.

furo prints the edition's whole table of contents in every page's sidebar, and each page links
to the previous and the next page by their titles. Sphinx writes only the pages it read again,
so after a title changed (in the German source or in its translation) every other page kept the
old title until a build from scratch: an incremental ``make html-tr`` and the live preview
showed other pages than a fresh build. When a page that was read again comes out with another
title or table of contents, or includes other pages than before, every page is written again
from its doctree (not read again: that costs about a second for an edition).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_BEFORE: WeakKeyDictionary[BuildEnvironment, dict[str, tuple]] = WeakKeyDictionary()


def navigation_of(env: BuildEnvironment, docname: str) -> tuple:
    """What other pages show of *docname*: its title, its headings, the pages it includes."""
    title = env.titles.get(docname)
    toc = env.tocs.get(docname)
    return (title.astext() if title is not None else None, toc.astext() if toc is not None else None,
            tuple(env.toctree_includes.get(docname, ())))


def remember(_app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _BEFORE[env] = {docname: navigation_of(env, docname) for docname in docnames}


def everything_if_navigation_changed(_app: Sphinx, env: BuildEnvironment) -> list[str]:
    before = _BEFORE.pop(env, {})
    if any(navigation_of(env, docname) != shown for docname, shown in before.items()):
        return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> dict:
    app.connect("env-before-read-docs", remember)
    app.connect("env-get-updated", everything_if_navigation_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
