"""A downloads page in every HTML edition (``downloads.html``).

Sphinx renders the page from ``templates/downloads.html`` in the theme and the edition's
language; its rows are filled in by ``brochure.tools.assemble_site``, the step that makes the
files it lists. The ePub has no such page: a book does not link to its own downloads.
The page comes from ``html-collect-pages`` rather than ``html_additional_pages``: changing
the configuration per builder would make Sphinx rewrite every page on every build.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from brochure.sphinxext.build_facts import is_website

PAGE = "downloads"


def _collect(app: Sphinx):
    if is_website(app):
        yield PAGE, {}, f"{PAGE}.html"


def _add_style(app: Sphinx) -> None:
    if is_website(app):
        app.add_css_file("downloads.css")


def setup(app: Sphinx) -> dict:
    app.connect("html-collect-pages", _collect)
    app.connect("builder-inited", _add_style)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
