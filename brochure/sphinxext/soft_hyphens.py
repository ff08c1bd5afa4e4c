"""Soft hyphens in the HTML of headings, table cells and navigation (``brochure.typesetting.hyphenation``).

They go into the HTML only, after the search index has been built from the doctree (Sphinx
indexes a page before it renders it), so the index, the page ``<title>``, the meta tags, the
sitemap and the ePub never contain U+00AD:

* the navigation: furo's tree (``furo_navigation_tree``, computed by furo's own
  ``html-page-context`` handler, which runs first) and the page's table of contents (``toc``),
  one unit per link;
* headings and table cells of the whole rendered page, including those that come from
  templates rather than the document (the index's "Stichwortverzeichnis", the downloads
  page). Sphinx has no event after rendering, so this wraps the HTML builder's
  ``templates.render`` (a Sphinx internal: ``StandaloneHTMLBuilder.handle_page`` calls it
  once per page). ``tests/sphinxext/test_soft_hyphens.py`` fails if the wrapper stops
  being called.

``static/soft-hyphens.js`` removes the soft hyphens from whatever a reader copies, so a copied
heading pastes as the word it is; the browser's find-in-page already ignores them.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from brochure.sphinxext.build_facts import is_website
from brochure.typesetting.hyphenation import BODY_UNITS, NAVIGATION_UNITS, hyphenate_html

# After furo's handler (default priority 500) and brochure.speed.fast_navigation.
PRIORITY = 900


def _hyphenate_navigation(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if not is_website(app):
        return
    for key in ("furo_navigation_tree", "toc"):
        if context.get(key):
            context[key] = hyphenate_html(context[key], app.config.language, NAVIGATION_UNITS)


def _wrap_page_rendering(app: Sphinx) -> None:
    if not is_website(app):
        return
    app.add_js_file("soft-hyphens.js")
    templates = app.builder.templates
    render = templates.render
    lang = app.config.language

    def render_with_soft_hyphens(template: str, context: dict) -> str:
        return hyphenate_html(render(template, context), lang, BODY_UNITS)

    templates.render = render_with_soft_hyphens


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _wrap_page_rendering)
    app.connect("html-page-context", _hyphenate_navigation, priority=PRIORITY)
    # Bump when the hyphenation changes: every page is then written again.
    return {"env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
