"""Soft hyphens in the HTML of headings, table cells and navigation (``brochure.typesetting.hyphenation``).

They go into the website's HTML only, after the search index has been built from the doctree
(Sphinx indexes a page before it renders it), so the index, the page ``<title>``, the meta
tags, the sitemap and the ePub never contain U+00AD. Two passes of
``brochure.sphinxext.rendered_html`` put them in:

* :func:`hyphenate_navigation`, a navigation pass: furo's tree (``furo_navigation_tree``) and
  the page's table of contents (``toc``), one unit per link. The tree is the same on every
  page but for its links and current branch, so where ``brochure.speed.fast_navigation``
  renders it once per build it is hyphenated once per build too;
* :func:`hyphenate_page`, a page pass: headings and table cells of the whole rendered page,
  including those that come from templates rather than the document (the index's
  "Stichwortverzeichnis", the downloads page), but not the navigation tree, which the first
  pass did.

``static/soft-hyphens.js`` removes the soft hyphens from whatever a reader copies, so a copied
heading pastes as the word it is; the browser's find-in-page already ignores them.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from brochure.sphinxext.build_facts import is_website
from brochure.typesetting.hyphenation import BODY_UNITS, NAVIGATION_UNITS, hyphenate_html


def hyphenate_navigation(app: Sphinx, fragment: str) -> str:
    """Navigation pass: every link text of a navigation fragment is a unit."""
    return hyphenate_html(fragment, app.config.language, NAVIGATION_UNITS)


def hyphenate_page(app: Sphinx, page: str) -> str:
    """Page pass: headings, table cells and captions."""
    return hyphenate_html(page, app.config.language, BODY_UNITS)


def _add_copy_script(app: Sphinx) -> None:
    if is_website(app):
        app.add_js_file("soft-hyphens.js")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_copy_script)
    # Bump when the hyphenation changes: every page is then written again.
    return {"env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
