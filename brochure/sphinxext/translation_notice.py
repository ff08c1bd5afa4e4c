"""A notice at the top of every translated page that shows German text.

*Incomplete* (messages without a translation) or *outdated* (fuzzy messages: the German
original changed and the translation awaits review). When a page has both, **incomplete
wins**: its share of translated words counts the fuzzy passages as untranslated too, so the
one notice covers both. The notice gives that share (from :mod:`brochure.i18n.stats`, the numbers
``make stats`` prints) and links to the page in the source edition: relatively on the
website, by its public address (``base_url`` in ``editions.toml``) in the ePub and the PDF,
which have no sibling editions. Its text comes from the interface catalog (``sphinx.po``).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _

from brochure.base.editions import publication
from brochure.i18n.direction import lang_attributes
from brochure.i18n.stats import (
    CatalogStats,
    catalog_stats,
    reader_percent,
)
from brochure.sphinxext.build_facts import (
    is_translation,
    is_website,
    page_catalog,
    percent_text,
    skip,
    source_language,
    writes_pages,
)
from brochure.sphinxext.interface_language import N_, fallback_language

INCOMPLETE = "incomplete"
OUTDATED = "outdated"
PRINT_PAGE_CLASS = "print-page"  # brochure.sphinxext.print_page's line under the title


class translation_notice(nodes.General, nodes.Element):
    """Rendered from its attributes only: the notice is not page content (nor searched)."""


def notice_status(stats: CatalogStats | None) -> str | None:
    """incomplete, outdated or None (complete). A page without a catalog is all German."""
    if stats is None or stats.untranslated:
        return INCOMPLETE
    if stats.fuzzy:
        return OUTDATED
    return None


def notice_msgid(status: str) -> str:
    if status == OUTDATED:
        # Translators: notice at the top of a page whose German original changed
        # after it was translated. %(percent)s: share of the page's words whose
        # translation is current, already formatted ("92.5%", "%92,5").
        return N_("The German original of this page has changed since it was translated "
                  "(%(percent)s up to date); the changed passages are shown in German until "
                  "their translation has been revised.")
    # Translators: notice at the top of a page with untranslated passages.
    # %(percent)s: share of the page's words that are translated, already
    # formatted ("92.5%", "%92,5").
    return N_("Part of this page is not yet translated (%(percent)s translated); "
              "untranslated passages are shown in German.")


def notice_message(status: str, percent: str) -> str:
    return _(notice_msgid(status)) % {"percent": percent}


def german_page_href(app: Sphinx, docname: str) -> str:
    """The same page in the source edition: relative on the website, else (ePub, PDF) its
    public address."""
    source = source_language()
    if not is_website(app):
        return f"{publication().base_url}{source}/{docname}.html"
    to_site_root = "../" * (docname.count("/") + 1)
    return f"{to_site_root}{source}/{app.builder.get_target_uri(docname)}"


def make_notice(app: Sphinx, docname: str) -> translation_notice | None:
    path = page_catalog(app, docname)
    stats = catalog_stats(path) if path.exists() else None
    status = notice_status(stats)
    if status is None:
        return None
    percent = reader_percent(stats) if stats is not None else Decimal(0)
    # Translators: link in the notice about untranslated or outdated passages
    # to the same page in the German edition.
    link_msgid = N_("Read this page in German")
    return translation_notice(
        status=status,
        message=notice_message(status, percent_text(percent, app.config.language)),
        href=german_page_href(app, docname),
        hreflang=source_language(),
        link_text=_(link_msgid),
        # The interface language the notice is shown in while untranslated (lang="en").
        message_lang=fallback_language(app, notice_msgid(status)),
        link_lang=fallback_language(app, link_msgid),
    )


def insert_at_top(doctree: nodes.document, node: nodes.Element) -> None:
    """Below the page title (and the print-page line under it), else first in the page."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        doctree.insert(0, node)
        return
    index = 1
    while index < len(section) and PRINT_PAGE_CLASS in section[index].get("classes", []):
        index += 1
    section.insert(index, node)


def visit_translation_notice(self, node: translation_notice) -> None:
    self.body.append(self.starttag(node, "div", CLASS="translation-status", role="note",
                                   **{"data-status": node["status"]}))
    language = self.config.language
    message_lang = lang_attributes(node.get("message_lang"), language)
    link_lang = lang_attributes(node.get("link_lang"), language)
    self.body.append(f"<p{message_lang}>{escape(node['message'])}</p>\n")
    self.body.append(
        f'<p><a class="reference external" href="{escape(node["href"])}" '
        f'hreflang="{escape(node["hreflang"])}"{link_lang}>{escape(node["link_text"])}</a></p>\n'
    )
    self.body.append("</div>\n")
    raise nodes.SkipNode



def _add_notice(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if writes_pages(app) and is_translation(app.config.language):
        notice = make_notice(app, docname)
        if notice is not None:
            insert_at_top(doctree, notice)


def setup(app: Sphinx) -> dict:
    no_output = (skip, None)
    others = {"latex": no_output, "text": no_output, "man": no_output, "texinfo": no_output}
    app.add_node(translation_notice, html=(visit_translation_notice, None), **others)
    app.connect("doctree-resolved", _add_notice)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
