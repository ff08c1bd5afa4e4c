"""The print document: one edition as one HTML page, made by Sphinx from its own structure.

``sphinx-build -b print`` (``make pdf-xx``, after the edition's HTML and ePub builds, from
their doctree directory: nothing is read again) writes ``_build/print/<code>/index.html``,
which ``brochure.tools.build_pdf`` renders with WeasyPrint. The builder is Sphinx's
single-page builder (``singlehtml``) with what a printed brochure needs and a web page does
not:

* **page order and depth from the toctree.** The start page's toctrees name the parts, each
  part's toctree its chapters, and so on, exactly as Sphinx's navigation does; every page
  becomes a ``<section class="page depth-N">`` at the place its toctree names it, so its
  headings nest by section depth (a part is H1, a chapter H2, …: PDF headings and bookmarks
  nest as the brochure does) and section numbers of numbered toctrees stay;
* **every page resolved as itself**: cross-references, and the extensions that act per page
  when Sphinx resolves it (``doctree-resolved``: the translation notices, the status report)
  see the page's own name, as in the HTML and ePub builds. ``singlehtml`` resolves the merged
  document once, as its start page;
* **unique anchors**: a page's section has the id ``page-<docname>`` and every id inside it is
  prefixed with that (two pages may both have a section "Einleitung"); references between
  pages point there. The one link that leaves the brochure, a translation notice's link to
  the German page, has its public address (``base_url`` in ``editions.toml``:
  ``translation_notice.german_page_href``), as in the ePub;
* **front matter**: a title page (title, subtitle, tagline and editors from the editions
  table), the start page's own text without what the title page already says, and a table
  of contents whose page numbers the print stylesheet fills in (``target-counter``).

The page template and the print stylesheet are the theme ``brochure-print`` beside this module
(``print_theme/``): no navigation, no scripts, nothing of furo. This builder is not the
website (``build_facts.is_website``), so no soft hyphens are written: WeasyPrint hyphenates
the print document itself by the same patterns (``hyphens: auto`` in the stylesheet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import _

from brochure.base.editions import publication
from brochure.base.reproducible import source_date
from brochure.i18n.direction import direction_attribute
from brochure.sphinxext.interface_language import N_, fallback_language
from brochure.sphinxext.text_direction import passage_language

BUILDER = "print"
THEME = "brochure-print"
THEME_DIR = Path(__file__).with_name("print_theme")
ID_SEPARATOR = "--"


def page_anchor(docname: str) -> str:
    """The id of a page's section in the print document: ``grussworte/kuhn`` → ``page-grussworte-kuhn``."""
    return "page-" + re.sub(r"[^A-Za-z0-9]+", "-", docname).strip("-")


class print_page(nodes.Element):
    """One page of the edition in the print document (attributes ``depth``, ``ids``)."""


class title_page(nodes.Element):
    """The printed brochure's title page (attributes ``title``, ``subtitle``, ``tagline``, ``editors``)."""


class contents(nodes.Element):
    """The table of contents (attributes ``heading``, ``heading_lang`` and ``entries``)."""


class toctree_pages(nodes.Element):
    """Where the pages a toctree names go (attribute ``docnames``): right after its list."""


@dataclass(frozen=True)
class Entry:
    """A line of the table of contents: one page, its depth and its title as printed."""

    anchor: str
    depth: int
    title: str
    lang: str | None  # the title's own language (a German fallback heading), else None


def visit_print_page(self, node: print_page) -> None:
    self.body.append(f'<section id="{node["ids"][0]}" class="page depth-{node["depth"]}">\n')


def depart_print_page(self, node: print_page) -> None:
    self.body.append("</section>\n")


def visit_title_page(self, node: title_page) -> None:
    self.body.append(
        '<section class="title-page">\n'
        f'<h1 class="title">{escape(node["title"])}</h1>\n'
        f'<p class="subtitle">{escape(node["subtitle"])}</p>\n'
        f'<p class="tagline">{escape(node["tagline"])}</p>\n'
        f'<p class="author">{escape(node["editors"])}</p>\n'
        "</section>\n"
    )
    raise nodes.SkipNode


def _language(lang: str | None, page_language: str) -> str:
    return f' lang="{escape(lang)}"{direction_attribute(lang, page_language)}' if lang else ""


def visit_contents(self, node: contents) -> None:
    """Nested lists of links, one per page; the stylesheet adds leaders and page numbers."""
    page_language = self.config.language
    out = [f'<nav class="toc" aria-labelledby="toc-title">\n<h1 id="toc-title"'
           f'{_language(node["heading_lang"], page_language)}>{escape(node["heading"])}</h1>']
    current = 0
    for entry in node["entries"]:
        depth = max(entry.depth, 1)
        if depth > current:
            out.append("<ol>" + "<li><ol>" * (depth - current - 1))
        else:
            out.append("</li>" + "</ol></li>" * (current - depth))
        current = depth
        out.append(f'<li class="toc-depth-{depth}"><a href="#{entry.anchor}"'
                   f'{_language(entry.lang, page_language)}>{escape(entry.title)}</a>')
    if current:
        out.append("</li>" + "</ol></li>" * (current - 1) + "</ol>")
    out.append("</nav>\n")
    self.body.append("\n".join(out))
    raise nodes.SkipNode


def _toctree_holder(toctree: addnodes.toctree) -> nodes.Element:
    """Where a toctree's list of links stays once resolved: the wrapper that holds only it
    (Sphinx's ``toctree-wrapper``), else the toctree itself."""
    parent = toctree.parent
    if isinstance(parent, nodes.compound) and "toctree-wrapper" in parent["classes"] and len(parent) == 1:
        return parent
    return toctree


class PrintBuilder(SingleFileHTMLBuilder):
    """The print document of one edition (``_build/print/<code>/index.html``)."""

    name = BUILDER
    epilog = "The print document is in %(outdir)s."
    search = False  # a printed brochure has no search page
    add_permalinks = False  # no "#" after every heading on paper

    def get_theme_config(self) -> tuple[str, dict]:
        return THEME, {}

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname in self.env.all_docs:
            return "#" + page_anchor(docname)
        return super().get_target_uri(docname, typ)

    # -- The document ----------------------------------------------------------------------

    def assemble_doctree(self) -> nodes.document:
        root = self.config.root_doc
        edition = publication().edition(self.config.language)
        self._seen = {root}
        self._entries: list[Entry] = []
        document = self._resolved(root)
        parts = []
        for place in list(document.findall(toctree_pages)):
            parts += self._pages(place["docnames"], 1)
            position = place.parent.index(place)
            holder = place.parent[position - 1] if position else None
            if holder is not None and "toctree-wrapper" in holder.get("classes", []):
                holder.parent.remove(holder)  # the table of contents replaces the start page's list
            place.parent.remove(place)
        intro = print_page("", *_without_front_matter(document, edition), depth=0, ids=[page_anchor(root)])
        heading_msgid = N_("Contents")
        document.children = []
        document += title_page(title=edition.title, subtitle=edition.subtitle, tagline=edition.tagline,
                               editors=edition.editors)
        document += intro
        document += contents(heading=_(heading_msgid), heading_lang=fallback_language(self.env, heading_msgid),
                             entries=self._entries)
        document.extend(parts)
        document["docname"] = root
        return document

    def _resolved(self, docname: str) -> nodes.document:
        """The page's doctree as the HTML build writes it (references and toctrees resolved,
        ``doctree-resolved`` emitted for the page), its ids prefixed with its anchor, and a
        ``toctree_pages`` after each toctree's list."""
        tree = self.env.get_doctree(docname)
        for toctree in list(tree.findall(addnodes.toctree)):
            holder = _toctree_holder(toctree)
            holder.parent.insert(holder.parent.index(holder) + 1,
                                 toctree_pages(docnames=list(map(str, toctree["includefiles"]))))
        tree = self.env.get_and_resolve_doctree(docname, self, tags=self.tags, doctree=tree)
        _number_sections(tree, self.env.toc_secnumbers.get(docname, {}))
        _make_ids_unique(tree, page_anchor(docname))
        return tree

    def _pages(self, docnames: list[str], depth: int) -> list[print_page]:
        """The pages a toctree names, each with the pages its own toctrees name inside it,
        right after the list of links its toctree shows (as on the website)."""
        pages = []
        for docname in docnames:
            if docname in self._seen:
                continue
            self._seen.add(docname)
            tree = self._resolved(docname)
            title = next(iter(tree.findall(nodes.title)), None)
            if title is not None:
                number = title.get("secnumber")
                prefix = ".".join(map(str, number)) + self.config.html_secnumber_suffix if number else ""
                self._entries.append(Entry(page_anchor(docname), depth, prefix + title.astext().strip(),
                                           passage_language(title)))
            for place in list(tree.findall(toctree_pages)):
                place.parent.replace(place, self._pages(place["docnames"], depth + 1))
            pages.append(print_page("", *tree.children, depth=depth, ids=[page_anchor(docname)]))
        return pages

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict:
        edition = publication().edition(self.config.language)
        created = source_date().strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "parents": [], "prev": None, "next": None, "docstitle": None, "meta": None,
            "rellinks": [], "sourcename": "", "toc": "", "display_toc": False, "metatags": "",
            "title": f"{edition.title} – {edition.subtitle}",
            "body": body,
            "print_language": edition.code,
            "print_author": edition.editors,
            "print_description": f"{edition.subtitle}: {edition.tagline}",
            "print_created": created,
        }


def _without_front_matter(document: nodes.document, edition) -> list[nodes.Node]:
    """The start page's text without what the title page says: its title, subtitle and tagline."""
    repeated = {edition.title, edition.subtitle, edition.tagline}
    section = next(iter(document.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.remove(section[0])
    for paragraph in list(document.findall(nodes.paragraph)):
        if paragraph.astext().strip() in repeated:
            paragraph.parent.remove(paragraph)
    return list(document.children)


def _number_sections(tree: nodes.document, secnumbers: dict[str, tuple[int, ...]]) -> None:
    """Section numbers of a numbered toctree on the titles, looked up as the HTML writer does
    for a page of its own (the page's first heading is ``""``, the others ``#id``)."""
    if not secnumbers:
        return
    for section in tree.findall(nodes.section):
        if not section.children or not isinstance(section[0], nodes.title) or not section["ids"]:
            continue
        anchor = "#" + section["ids"][0]
        number = secnumbers.get(anchor if anchor in secnumbers else "")
        if number:
            section[0]["secnumber"] = number


def _make_ids_unique(tree: nodes.document, anchor: str) -> None:
    """Prefix every id (and every reference to one) with the page's anchor; references to
    another page's element (``#page-x#id``, as Sphinx joins page and id) point to its
    prefixed id."""
    def prefixed(value: str) -> str:
        return f"{anchor}{ID_SEPARATOR}{value}"

    for node in tree.findall(nodes.Element):
        if node["ids"]:
            node["ids"] = [prefixed(value) for value in node["ids"]]
        if node.get("backrefs"):
            node["backrefs"] = [prefixed(value) for value in node["backrefs"]]
        if node.get("refid"):
            node["refid"] = prefixed(node["refid"])
        refuri = node.get("refuri", "")
        page, _hash, target = refuri[1:].partition("#")
        if refuri.startswith("#") and target:
            node["refuri"] = f"#{page}{ID_SEPARATOR}{target}"


def setup(app: Sphinx) -> dict:
    app.add_builder(PrintBuilder)
    app.add_html_theme(THEME, str(THEME_DIR))
    app.add_node(print_page, html=(visit_print_page, depart_print_page))
    app.add_node(title_page, html=(visit_title_page, None))
    app.add_node(contents, html=(visit_contents, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
