"""Show where a page stands in the printed brochure ("Druckausgabe, S. 18").

Pages carry the print page as front matter (``print_page: 18``). The line is rendered in the
edition's language from the interface catalog, so translators do not translate the same
label once per page, and it appears in HTML and ePub alike.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _

from brochure.sphinxext.interface_language import N_, fallback_language


def _insert_print_page(app: Sphinx, doctree: nodes.document) -> None:
    page = app.env.metadata.get(app.env.docname, {}).get("print_page")
    if not page:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    # Translators: the page number of the printed brochure, e.g. "Print edition, p. 18".
    # No `source` on the node: Sphinx's gettext builder does not extract it for the catalogs.
    msgid = N_("Print edition, p. %(page)s")
    line = nodes.paragraph("", _(msgid) % {"page": page}, classes=["print-page"])
    if language := fallback_language(app, msgid):  # shown in English until translated
        line["classes"].append(f"language-{language}")
    section.insert(1, line)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", _insert_print_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
