"""What search engines and link previews read about a page: description, Open Graph, favicon.

Every HTML page gets

* ``<meta name="description">`` in the edition's language: the page's ``description`` front
  matter in the source edition (front matter is not translated, so the other editions do not
  use it), else the page's first paragraph of running text that is translated (a German
  fallback paragraph in the Turkish edition would describe a Turkish page in German), else
  the edition's title and subtitle (editions.toml). Cut at a word to :data:`MAX_DESCRIPTION`
  characters, the length search engines show;
* Open Graph: ``og:title``, ``og:description``, ``og:type``, ``og:url`` (the canonical
  address), ``og:site_name``, ``og:locale`` and one ``og:locale:alternate`` per other edition,
  as ``language_TERRITORY`` from Babel's likely subtags (``tr`` → ``tr_TR``);
* the favicon (``static/favicon.svg``, through Sphinx's ``html_favicon``), so no browser asks
  the server for a missing ``/favicon.ico``.

The search page is ``noindex`` already (Sphinx's own template says so).
"""

from __future__ import annotations

from html import escape, unescape

from babel import Locale
from babel.core import get_global
from docutils import nodes
from sphinx.application import Sphinx

from brochure.base.editions import ROOT, publication
from brochure.base.html_tokens import text as html_text
from brochure.sphinxext.alternates import edition_url
from brochure.sphinxext.build_facts import is_website

MAX_DESCRIPTION = 160
FAVICON = ROOT / "static" / "favicon.svg"


def og_locale(code: str) -> str:
    """``de`` → ``de_DE``: Open Graph wants language and territory."""
    likely = get_global("likely_subtags").get(code, code)
    locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return f"{cut}…"


def first_paragraph(doctree: nodes.document) -> str | None:
    """The first paragraph of running text that is in the edition's language."""
    for paragraph in doctree.findall(nodes.paragraph):
        if not isinstance(paragraph.parent, (nodes.section, nodes.document)):
            continue  # admonitions, tables, footnotes, the translation-status note
        if set(paragraph["classes"]) - {"translated"}:
            continue  # "print-page" lines, untranslated fallbacks
        text = paragraph.astext().strip()
        if text:
            return text
    return None


def description(app: Sphinx, pagename: str, context: dict, doctree) -> str:
    edition = publication().edition(app.config.language)
    if app.config.language == publication().source_language:
        own = (context.get("meta") or {}).get("description")
        if own:
            return shorten(str(own))
    if doctree is not None:
        text = first_paragraph(doctree)
        if text:
            return shorten(text)
    return shorten(f"{edition.title} – {edition.subtitle}")


def _plain_title(context: dict) -> str:
    return unescape(html_text(context.get("title") or "")).strip()


def _add_meta(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if not is_website(app):
        return
    pub = publication()
    edition = pub.edition(app.config.language)
    text = description(app, pagename, context, doctree)
    url = f"{edition_url(edition.code)}{app.builder.get_target_uri(pagename)}"
    properties = [
        ("og:title", _plain_title(context) or edition.title),
        ("og:description", text),
        ("og:type", "website" if pagename == app.config.root_doc else "article"),
        ("og:url", url),
        ("og:site_name", edition.title),
        ("og:locale", og_locale(edition.code)),
    ]
    properties += [("og:locale:alternate", og_locale(other.code)) for other in pub.editions if other != edition]
    tags = [f'<meta name="description" content="{escape(text)}">']
    tags += [f'<meta property="{name}" content="{escape(value)}">' for name, value in properties]
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def _set_favicon(app: Sphinx, config) -> None:
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _set_favicon)
    app.connect("html-page-context", _add_meta)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
