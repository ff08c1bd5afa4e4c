"""One edition as a single print document: the HTML that the PDF is rendered from.

The PDF is made from the edition's finished HTML build (``_build/html/<code>/``), not from a
second Sphinx build: every page there already carries what the brochure needs — the
translation, the German fallbacks marked ``lang="de"``, the notices of an incomplete
translation, the print-page line ("Druckausgabe, S. 18"), the glossary. Reading those pages
instead of building again means no second reading of the sources and no doctree directory
shared with another build, so ``make pdf-xx`` can run beside ``make epub-xx``.

What this module writes by hand, because no tool does it for a furo build:

* the **reading order and depth** of the pages, taken from the navigation tree every page of
  the build carries (``.sidebar-tree``, ``li.toctree-l<N>``): the order of the printed table
  of contents;
* the **merge** of those pages into one document: each page's ``<article>`` body becomes a
  ``<section>``, its ids are prefixed with the page's id (two pages may use the same id),
  its headings are shifted by its depth (a part is H1, a chapter H2, …: PDF headings and
  bookmarks nest as the brochure does), and every link is rewritten — to an anchor when it
  points into the brochure, to the page's public address (``base_url`` in ``editions.toml``)
  when it leaves it (downloads page, the German edition linked from a notice);
* the **front matter** a web site does not have: a title page (title, subtitle, tagline
  from the editions table) and a table of contents whose page numbers the print stylesheet
  fills in (``target-counter``).

The layout itself (A4, running heads, page numbers, hyphenation) is the print stylesheet's
job (``brochure/tools/print.css``), rendered by WeasyPrint (``brochure.tools.build_pdf``).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from lxml import etree
from lxml import html as lxml_html

from brochure.base.editions import Edition, Publication
from brochure.base.reproducible import source_date
from brochure.i18n.interface import interface_gettext
from brochure.typesetting.hyphenation import strip_soft_hyphens

STYLESHEET = Path(__file__).with_name("print.css")
MAX_HEADING = 6


class PrintDocumentError(RuntimeError):
    """The HTML build cannot be made into a print document; the message names the file."""


@dataclass(frozen=True)
class Page:
    """One page of the edition: its file in the HTML build and its depth in the brochure."""

    path: str  # relative to the build, POSIX: "grussworte/kuhn.html"
    depth: int  # 0 for the start page, 1 for a part, 2 for a chapter, …

    @property
    def anchor(self) -> str:
        return "page-" + re.sub(r"[^A-Za-z0-9]+", "-", self.path.removesuffix(".html")).strip("-")


def _parse(path: Path) -> etree._Element:
    """A page of the HTML build, without the web pages' soft hyphens: the PDF hyphenates by
    its own patterns (print.css), and bookmarks and running heads take the words whole."""
    try:
        return lxml_html.fromstring(strip_soft_hyphens(path.read_bytes().decode("utf-8")))
    except FileNotFoundError:
        raise PrintDocumentError(f"{path}: missing (build the HTML edition first)") from None
    except etree.ParserError as err:
        raise PrintDocumentError(f"{path}: not readable as HTML ({err})") from None


def reading_order(html_dir: Path) -> list[Page]:
    """The start page, then every page of the navigation tree in its order, with its depth."""
    start = html_dir / "index.html"
    tree = _parse(start).find_class("sidebar-tree")
    if not tree:
        raise PrintDocumentError(f"{start}: no navigation tree (.sidebar-tree) to take the page order from")
    pages = [Page("index.html", 0)]
    for item in tree[0].iter("li"):
        level = next((int(c[len("toctree-l"):]) for c in item.get("class", "").split()
                      if c.startswith("toctree-l") and c[len("toctree-l"):].isdigit()), None)
        link = item.find("a")
        if level is None or link is None or not link.get("href"):
            continue
        path = urldefrag(link.get("href")).url
        if path and all(p.path != path for p in pages):
            pages.append(Page(path, level))
    return pages


@dataclass(frozen=True)
class Context:
    """What rewriting one page needs to know about the whole document."""

    edition: Edition
    publication: Publication
    anchors: dict[str, str]  # page path -> its section's id

    def public_url(self, path: str) -> str:
        return f"{self.publication.base_url}{self.edition.code}/{path}"


def _target(href: str, page: Page, context: Context) -> str:
    """Where a link of *page* points in the print document."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return href
    if not parts.path:  # a fragment of the same page
        return f"#{context.anchors[page.path]}--{parts.fragment}" if parts.fragment else f"#{context.anchors[page.path]}"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), parts.path))
    if target in context.anchors:
        anchor = context.anchors[target]
        return f"#{anchor}--{parts.fragment}" if parts.fragment else f"#{anchor}"
    # Outside the brochure (the downloads page, another edition): its public address.
    if target.startswith("../"):
        url = context.publication.base_url + target[len("../"):]
    else:
        url = context.public_url(target)
    return f"{url}#{parts.fragment}" if parts.fragment else url


def _shift_headings(body: etree._Element, depth: int) -> None:
    """A page's own H1 becomes H<depth>, its H2 H<depth+1>, …, at most H6."""
    shift = max(depth, 1) - 1
    for heading in body.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        heading.tag = f"h{min(int(heading.tag[1]) + shift, MAX_HEADING)}"


def page_section(page: Page, html_dir: Path, context: Context) -> etree._Element:
    """The page's content as one ``<section>`` of the print document."""
    path = html_dir / page.path
    article = next(iter(_parse(path).xpath("//article[@role='main']")), None)
    if article is None:
        raise PrintDocumentError(f"{path}: no <article role=\"main\"> with the page's content")
    for permalink in article.xpath(".//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
        permalink.drop_tree()
    anchor = context.anchors[page.path]
    for element in article.xpath(".//*[@id]"):
        element.set("id", f"{anchor}--{element.get('id')}")
    for link in article.xpath(".//a[@href]"):
        link.set("href", _target(link.get("href"), page, context))
    _shift_headings(article, page.depth)
    section = article.makeelement("section", {"id": anchor, "class": f"page depth-{page.depth}"})
    section.text = article.text
    for child in list(article):
        section.append(child)
    return section


def _start_page_section(section: etree._Element, edition: Edition) -> etree._Element:
    """The start page without what the title page already says: its title, subtitle and
    tagline, and its list of pages (the table of contents replaces it)."""
    repeated = {edition.title, edition.subtitle, edition.tagline}
    for element in section.xpath(".//h1 | .//p | .//div[contains(@class, 'toctree-wrapper')]"):
        if element.tag == "h1" or "toctree-wrapper" in element.get("class", "") \
                or element.text_content().strip() in repeated:
            element.drop_tree()
    return section


def _heading_text(section: etree._Element) -> str:
    heading = next(iter(section.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")), None)
    return heading.text_content().strip() if heading is not None else ""


def _heading_lang(section: etree._Element) -> str | None:
    heading = next(iter(section.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")), None)
    return heading.get("lang") if heading is not None else None


def table_of_contents(entries: list[tuple[Page, str, str | None]], heading: str) -> str:
    """Nested lists of links, one per page; the stylesheet adds leaders and page numbers."""
    out = [f'<nav class="toc" aria-labelledby="toc-title">\n<h1 id="toc-title">{html.escape(heading)}</h1>']
    current = 0
    for page, title, lang in entries:
        depth = max(page.depth, 1)
        if depth > current:
            out.append("<ol>" + "<li><ol>" * (depth - current - 1))
        else:
            out.append("</li>" + "</ol></li>" * (current - depth))
        current = depth
        language = f' lang="{lang}"' if lang else ""
        out.append(f'<li class="toc-depth-{depth}"><a href="#{page.anchor}"{language}>{html.escape(title)}</a>')
    if current:
        out.append("</li>" + "</ol></li>" * (current - 1) + "</ol>")
    out.append("</nav>")
    return "\n".join(out)


def title_page(pub: Publication, edition: Edition) -> str:
    return (
        '<section class="title-page">\n'
        f'<h1 class="title">{html.escape(edition.title)}</h1>\n'
        f'<p class="subtitle">{html.escape(edition.subtitle)}</p>\n'
        f'<p class="tagline">{html.escape(edition.tagline)}</p>\n'
        f'<p class="author">{html.escape(edition.editors)}</p>\n'
        "</section>"
    )


def print_document(pub: Publication, edition: Edition, html_dir: Path) -> str:
    """The whole edition as one HTML document, ready for the print stylesheet."""
    pages = reading_order(html_dir)
    context = Context(edition, pub, {page.path: page.anchor for page in pages})
    sections = [page_section(page, html_dir, context) for page in pages]
    sections[0] = _start_page_section(sections[0], edition)
    entries = [(page, _heading_text(section), _heading_lang(section))
               for page, section in zip(pages[1:], sections[1:], strict=False)]
    translate = interface_gettext(edition.code)
    body = "\n".join(etree.tostring(section, encoding="unicode", method="html") for section in sections[1:])
    intro = etree.tostring(sections[0], encoding="unicode", method="html")
    created = source_date().strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<!doctype html>
<html lang="{edition.code}">
<head>
<meta charset="utf-8">
<title>{html.escape(edition.title)} – {html.escape(edition.subtitle)}</title>
<meta name="author" content="{html.escape(edition.editors)}">
<meta name="description" content="{html.escape(edition.subtitle)}: {html.escape(edition.tagline)}">
<meta name="dcterms.created" content="{created}">
<meta name="dcterms.modified" content="{created}">
<link rel="stylesheet" href="{STYLESHEET.as_uri()}">
</head>
<body>
{title_page(pub, edition)}
{intro}
{table_of_contents(entries, translate("Contents"))}
{body}
</body>
</html>
"""
