"""Show where a page stands in the printed brochure, and that its full text is only there.

Pages carry the print page as front matter (``print_page: 18``). Below the heading, every
such page shows two short lines in the edition's language, from the interface catalog:

* "Druckausgabe, S. 18", so readers can cite the print edition;
* "Der vollständige Text steht nur in der Druckausgabe." with a link to the ordering details
  on "Über diese Ausgabe".

The notice is said once per page, in the same words on every page, and translators
translate it once instead of once per page. Both appear in HTML, ePub and PDF alike.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import _

from brochure.sphinxext.interface_language import N_, fallback_language

# The page that says how to order the print edition.
ORDERING_PAGE = "/ueber-diese-ausgabe"


def _interface_text(app: Sphinx, msgid: str, classes: list[str]) -> list[str]:
    """The classes of an element holding *msgid*: marked English while untranslated."""
    if language := fallback_language(app, msgid):
        return [*classes, f"language-{language}"]
    return classes


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
    line = nodes.paragraph("", _(msgid) % {"page": page},
                           classes=_interface_text(app, msgid, ["print-page"]))
    # Translators: shown once on every page of a contribution, below its print page.
    notice_id = N_("The full text is in the print edition only.")
    # Translators: link text after the notice, to the ordering details of the print edition.
    link_id = N_("How to order it")
    link = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=ORDERING_PAGE,
                                 refdoc=app.env.docname, refexplicit=True, refwarn=True)
    link += nodes.inline("", _(link_id))
    notice = nodes.paragraph("", "", classes=["print-only"])
    notice += nodes.inline("", _(notice_id), classes=_interface_text(app, notice_id, []))
    notice += nodes.Text(" ")
    # The reference replaces the classes of its content when it is resolved: the language
    # mark of an untranslated link text goes on an element around it.
    notice += nodes.inline("", "", link, classes=_interface_text(app, link_id, []))
    section.insert(1, notice)
    section.insert(1, line)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", _insert_print_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
