"""Soft hyphens in the HTML of headings, table cells and navigation (``brochure.hyphenation``).

They are inserted into the rendered fragments in ``html-page-context``, after the search index
has been built from the doctree (Sphinx indexes a page before it renders it), so the index,
the page ``<title>``, the sitemap and the ePub never contain U+00AD. The fragments are furo's
navigation tree (``furo_navigation_tree``, computed by furo's own handler, which runs first),
the page's table of contents (``toc``) and the body (``body``).

``static/soft-hyphens.js`` removes the soft hyphens from whatever a reader copies, so a copied
heading pastes as the word it is; the browser's find-in-page already ignores them.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from brochure.hyphenation import BODY_UNITS, NAVIGATION_UNITS, hyphenate_html

# After furo's handler (default priority 500) and brochure.sphinxext.fast_navigation.
PRIORITY = 900


def _hyphenate(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.builder.name != "html":
        return
    lang = app.config.language
    if context.get("body"):
        context["body"] = hyphenate_html(context["body"], lang, BODY_UNITS)
    for key in ("furo_navigation_tree", "toc"):
        if context.get(key):
            context[key] = hyphenate_html(context[key], lang, NAVIGATION_UNITS)


def _add_copy_script(app: Sphinx) -> None:
    if app.builder.name == "html":
        app.add_js_file("soft-hyphens.js")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_copy_script)
    app.connect("html-page-context", _hyphenate, priority=PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
