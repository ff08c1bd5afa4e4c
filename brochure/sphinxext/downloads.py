"""A downloads page in every HTML edition (``downloads.html``).

Sphinx renders the page from ``templates/downloads.html`` in the theme and the edition's
language; its rows are filled in by ``brochure.tools.assemble_site``, the step that makes the
files it lists. The ePub has no such page: a book does not link to its own downloads.
"""

from __future__ import annotations

from sphinx.application import Sphinx

PAGE = "downloads"


def _add_page(app: Sphinx) -> None:
    if app.builder.name == "html":
        app.config.html_additional_pages = {**app.config.html_additional_pages, PAGE: f"{PAGE}.html"}


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _add_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
