"""Be honest with readers about unfinished translations.

Where a catalog lacks a translation, or holds one marked fuzzy, Sphinx quietly shows the German
text. A reader of the English or Turkish edition should not have to guess why a paragraph is
German, a screen reader should not read it with an English or Turkish voice, and translators
and publishers want to see at a glance how far each edition is. So this extension

* puts a notice at the top of every translated page that shows German text: *incomplete*
  (messages without a translation) or *outdated* (fuzzy messages: the German original changed
  and the translation awaits review). When a page has both, **incomplete wins**: its share of
  translated words counts the fuzzy passages as untranslated too, so the one notice covers
  both. The notice gives that share (from :mod:`brochure.stats`, the numbers ``make stats``
  prints) and links to the page in the source edition: relatively on the website, by its
  public address (``base_url`` in ``editions.toml``) in the ePub, which has no sibling editions;
* marks every German fallback with ``lang`` of the source language. Sphinx records on each
  translatable node whether its translation was applied (``translated``); those left German
  get docutils' own ``language-<code>`` class, which the HTML writers turn into a ``lang``
  attribute on the element itself (``<p>``, ``<h2>``, ``<dt>``, ``<li>``'s paragraph, a table
  cell's paragraph, an admonition title …), in the website and the ePub alike. Navigation
  entries made from a German heading get it as well, and so do the links to the previous and
  next page when they show a German title;
* provides the ``translation-status`` directive: progress per language and chapter, as an
  inline SVG bar chart (website) and, as its text alternative, a table with the same figures
  (website and ePub; the ePub gets no inline SVG, which EPUB 3 would require to be declared
  in the package document).

The source edition itself never gets a notice or a ``lang`` mark. Interface strings come from
the interface catalog (``sphinx.po``); page content stays in the page catalogs.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.numbers import format_percent
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders._epub_base import EpubBuilder
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import docname_to_domain

from brochure.editions import LOCALE_DIR, publication
from brochure.i18n.direction import direction_attribute, is_rtl
from brochure.i18n.paths import catalog_path, sphinx_locale_dirs, translation_catalogs
from brochure.sphinxext.editions_table import note_table_dependency
from brochure.sphinxext.interface_language import N_, fallback_language
from brochure.stats import (
    CatalogStats,
    EditionStats,
    catalog_stats,
    chapter_of,
    edition_stats,
    reader_percent,
)

INCOMPLETE = "incomplete"
OUTDATED = "outdated"
PRINT_PAGE_CLASS = "print-page"  # brochure.sphinxext.print_page's line under the title


# -- Facts about the build -------------------------------------------------------------------


def source_language() -> str:
    return publication().source_language


def is_translation(language: str | None) -> bool:
    """An edition made from catalogs (not the source language's own)."""
    return bool(language) and language != source_language()


def locale_dir(app: Sphinx) -> Path:
    """The first catalog directory Sphinx reads (``locale_dirs`` is relative to the sources)."""
    for directory in sphinx_locale_dirs(app.srcdir, app.config.locale_dirs):
        return directory
    return LOCALE_DIR


def page_catalog(app: Sphinx, docname: str) -> Path:
    domain = docname_to_domain(docname, app.config.gettext_compact)
    return catalog_path(str(app.config.language), domain, locale_dir(app))


def percent_text(value: Decimal, language: str | None) -> str:
    """``97.3%``, ``97,3 %``, ``%97,3``: the percent as the reader's language writes it."""
    try:
        return format_percent(value / 100, locale=language or "en", decimal_quantization=False)
    except (UnknownLocaleError, ValueError):
        return format_percent(value / 100, locale="en", decimal_quantization=False)


# -- German fallbacks get lang ---------------------------------------------------------------


def untranslated(node: nodes.Node) -> bool:
    """Sphinx's own verdict (``translated`` set by its Locale transform) that German shows.

    Sphinx also marks toctree nodes untranslated even after translating their caption; they
    are rendered by other means and skipped here.
    """
    return (
        isinstance(node, nodes.Element)
        and node.get("translated") is False
        and not isinstance(node, addnodes.translatable)
    )


class MarkGermanFallbacks(SphinxTransform):
    """Give every node left in the source language docutils' ``language-<code>`` class."""

    default_priority = 960  # after sphinx.transforms.i18n.AddTranslationClasses (950)

    def apply(self, **kwargs) -> None:
        if not is_translation(self.config.language):
            return
        mark = f"language-{source_language()}"
        for node in self.document.findall(untranslated):
            if mark not in node["classes"]:
                node["classes"].append(mark)


class MarkEditionTitlesInFallbacks(SphinxPostTransform):
    """A link in a German passage may show a page title in the edition's language.

    ``{doc}`/page``` without its own text shows the target's title, which Sphinx takes from
    the edition (translated); inside a German paragraph it gets the edition's language back.
    """

    default_priority = 11  # after sphinx.transforms.post_transforms.ReferencesResolver (10)

    def run(self, **kwargs) -> None:
        language = self.config.language
        if not is_translation(language):
            return
        mark = f"language-{source_language()}"
        german = german_titles(self.env)
        titles = {title.astext() for docname, title in self.env.titles.items() if docname not in german}
        for fallback in list(self.document.findall(nodes.Element)):
            if mark not in fallback["classes"]:
                continue
            for inline in fallback.findall(nodes.inline):
                if "doc" in inline["classes"] and inline.astext() in titles:
                    inline["classes"].append(f"language-{language}")


def _mark_navigation_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Table-of-contents entries copy a heading's text but not its classes: mark them too."""
    toc = app.env.tocs.get(app.env.docname)
    if toc is None or not is_translation(app.config.language):
        return
    mark = f"language-{source_language()}"
    sections = list(doctree.findall(nodes.section))
    by_id = {section_id: section for section in sections for section_id in section["ids"]}
    for reference in toc.findall(nodes.reference):
        anchor = reference.get("anchorname", "")
        section = by_id.get(anchor[1:]) if anchor else (sections[0] if sections else None)
        title = section[0] if section is not None and section.children else None
        if isinstance(title, nodes.title) and untranslated(title) and mark not in reference["classes"]:
            reference["classes"].append(mark)


def _mark_neighbour_titles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The links to the previous and next page show their titles: German ones get lang too."""
    if not is_translation(app.config.language):
        return
    german = german_titles(app.env)
    if not german:
        return
    parent, previous, following = app.env.collect_relations().get(pagename, (None, None, None))
    for key, docname in (("prev", previous), ("next", following)):
        link = context.get(key)
        if link and docname in german:
            # dir too when the edition runs the other way (a German title in an Arabic page).
            direction = direction_attribute(source_language(), app.config.language)
            link["title"] = f'<span lang="{source_language()}"{direction}>{link["title"]}</span>'


def german_titles(env: BuildEnvironment) -> set[str]:
    """Pages whose title is shown in German (their first navigation entry is marked)."""
    mark = f"language-{source_language()}"
    german = set()
    for docname, toc in env.tocs.items():
        first = next(iter(toc.findall(nodes.reference)), None)
        if first is not None and mark in first["classes"]:
            german.add(docname)
    return german


# -- The notice on pages that show German text -----------------------------------------------


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
    """The same page in the source edition: absolute in an ePub, relative on the website."""
    source = source_language()
    if isinstance(app.builder, EpubBuilder):
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


def _lang_attributes(shown_in: str | None, page_language: str | None) -> str:
    """`` lang="en"`` (and ``dir`` where it differs) for text shown in another language."""
    if not shown_in:
        return ""
    return f' lang="{escape(shown_in)}"{direction_attribute(shown_in, page_language)}'


def visit_translation_notice(self, node: translation_notice) -> None:
    self.body.append(self.starttag(node, "div", CLASS="translation-status", role="note",
                                   **{"data-status": node["status"]}))
    language = self.config.language
    message_lang = _lang_attributes(node.get("message_lang"), language)
    link_lang = _lang_attributes(node.get("link_lang"), language)
    self.body.append(f"<p{message_lang}>{escape(node['message'])}</p>\n")
    self.body.append(
        f'<p><a class="reference external" href="{escape(node["href"])}" '
        f'hreflang="{escape(node["hreflang"])}"{link_lang}>{escape(node["link_text"])}</a></p>\n'
    )
    self.body.append("</div>\n")
    raise nodes.SkipNode


# -- The status page -------------------------------------------------------------------------


class translation_status_report(nodes.General, nodes.Element):
    """Placeholder for the directive, filled with the figures when the page is written."""


class status_chart(nodes.General, nodes.Element):
    """An inline SVG bar chart; its figures are in attributes, its text alternative is a table."""


class TranslationStatusDirective(SphinxDirective):
    """``translation-status``: the translation progress of every edition, by chapter."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        # The figures come from every catalog: re-read this page when any of them changes.
        for catalog in translation_catalogs():
            self.env.note_dependency(str(catalog))
        note_table_dependency(self.env)  # an edition added or removed
        return [translation_status_report()]


@dataclass(frozen=True)
class Row:
    """One line of the chart and the table: a chapter (or all pages) in every translation."""

    label: str
    docname: str | None  # the chapter's page, linked from the table
    label_language: str | None  # set when the label is shown in another language (German, English)
    percents: tuple[Decimal | None, ...]  # per translation; None: it has no such chapter


def chapter_order(env: BuildEnvironment, chapters: set[str]) -> list[str]:
    """The root page first, then the root toctree's order; anything else after, sorted."""
    root = env.config.root_doc
    ordered = [root]
    for docname in env.toctree_includes.get(root, []):
        key = chapter_of(docname)
        if key not in ordered:
            ordered.append(key)
    return [c for c in ordered if c in chapters] + sorted(chapters - set(ordered))


def chapter_docname(env: BuildEnvironment, chapter: str) -> str | None:
    for docname in (chapter, f"{chapter}/index"):
        if docname in env.titles:
            return docname
    return None


def status_rows(env: BuildEnvironment, editions: list[EditionStats]) -> list[Row]:
    chapters = {chapter for edition in editions for chapter in edition.chapters}
    german = german_titles(env) if is_translation(env.config.language) else set()
    rows = []
    for chapter in chapter_order(env, chapters):
        docname = chapter_docname(env, chapter)
        label = env.titles[docname].astext() if docname else chapter
        label_language = source_language() if docname in german else None
        percents = tuple(
            reader_percent(e.chapters[chapter]) if chapter in e.chapters else None for e in editions
        )
        rows.append(Row(label, docname, label_language, percents))
    # Translators: last row of the table and chart on the translation status page:
    # the whole brochure.
    all_pages = N_("All pages")
    rows.append(Row(_(all_pages), None, fallback_language(env, all_pages),
                    tuple(reader_percent(e.totals) for e in editions)))
    return rows


def shown(value: Decimal | None, language: str | None) -> str:
    return "–" if value is None else percent_text(value, language)


def _paragraph(text: str, language: str | None = None) -> nodes.paragraph:
    classes = [f"language-{language}"] if language else []
    return nodes.paragraph("", text, classes=classes)


def _row(*cells: nodes.Node) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", cell)
    return row


def label_cell(app: Sphinx, docname: str, row: Row) -> nodes.paragraph:
    if row.docname in (None, docname) or app.builder.format != "html":
        return _paragraph(row.label, row.label_language)
    uri = app.builder.get_relative_uri(docname, row.docname)
    paragraph = _paragraph("", row.label_language)
    paragraph += nodes.reference("", row.label, internal=True, refuri=uri)
    return paragraph


def status_table(app: Sphinx, docname: str, codes: list[str], rows: list[Row], serial: int) -> nodes.table:
    """The figures as a table: the chart's text alternative, and all the ePub shows."""
    language = app.config.language
    names = publication().native_names
    # The id gives the caption its permalink, as every captioned table has one.
    table = nodes.table(ids=[f"translation-status-table-{serial}"], classes=["translation-status-table"])
    # Translators: caption of the table on the translation status page.
    caption = N_("Share of words translated, by chapter and language")
    table += nodes.title("", _(caption), classes=_language_classes(app, caption))
    group = nodes.tgroup(cols=1 + len(codes))
    table += group
    for _column in range(1 + len(codes)):
        group += nodes.colspec(colwidth=1)
    # Translators: column heading on the translation status page.
    chapter = N_("Chapter")
    heading = [_paragraph(_(chapter), fallback_language(app, chapter))] + [_paragraph(names[code], code) for code in codes]
    group += nodes.thead("", _row(*heading))
    body = nodes.tbody()
    for row in rows:
        body += _row(label_cell(app, docname, row), *(_paragraph(shown(v, language)) for v in row.percents))
    group += body
    return table


def _language_classes(app: Sphinx, msgid: str) -> list[str]:
    """docutils' class for ``lang`` when the interface string *msgid* is shown in English."""
    language = fallback_language(app, msgid)
    return [f"language-{language}"] if language else []


def make_chart(app: Sphinx, codes: list[str], rows: list[Row], serial: int) -> status_chart:
    language = app.config.language
    names = publication().native_names
    groups = [
        (row.label, row.label_language or "", [(names[code], str(value or 0), shown(value, language))
                                                for code, value in zip(codes, row.percents, strict=False)])
        for row in rows
    ]
    # Translators: title of the bar chart on the translation status page.
    title = N_("Translation progress by chapter")
    # Translators: description of the bar chart for screen readers.
    desc = N_("One bar per chapter and language: the share of the German original's words "
              "that are translated. The table that follows gives the same figures.")
    return status_chart(
        ids_prefix=f"translation-status-{serial}",
        title=_(title),
        desc=_(desc),
        # lang="en" on <title> and <desc> while they are shown untranslated
        title_lang=fallback_language(app, title) or "",
        desc_lang=fallback_language(app, desc) or "",
        rtl=is_rtl(app.config.language),
        groups=groups,
    )


# Layout of the chart, in CSS pixels; bar lengths are percentages of the chart's width, so
# the chart fits any screen without scaling its text. SVG text does not wrap: chapter titles
# are broken into lines short enough for a phone.
CHAPTER_LINE = 24
LABEL_LINE = 20
LABEL_WIDTH = 34  # characters
LANGUAGE_LINE = 18
BAR_HEIGHT = 8
BAR_GAP = 6
CHAPTER_GAP = 10


def chart_svg(node: status_chart) -> str:
    prefix = node["ids_prefix"]
    parts, y = [], 0
    # SVG does not mirror itself: in a right-to-left page (its text runs right to left by the
    # inherited CSS direction) labels start at the right edge and bars grow from it.
    rtl = node.get("rtl", False)
    start, end = ("100%", "0") if rtl else ("0", "100%")
    for title, title_lang, bars in node["groups"]:
        lines = textwrap.wrap(title, LABEL_WIDTH) or [title]
        y += CHAPTER_LINE
        spans = "".join(f'<tspan x="{start}" dy="{0 if index == 0 else LABEL_LINE}">{escape(line)}</tspan>'
                        for index, line in enumerate(lines))
        parts.append(f'<text class="chapter"{_svg_lang(title_lang)} x="{start}" y="{y - 6}" '
                     f'font-weight="bold">{spans}</text>')
        y += LABEL_LINE * (len(lines) - 1)
        for name, value, text in bars:
            y += LANGUAGE_LINE
            parts.append(f'<text class="language" x="{start}" y="{y - 4}" font-size="14">{escape(name)}</text>')
            parts.append(f'<text class="value" x="{end}" y="{y - 4}" font-size="14" '
                         f'text-anchor="end">{escape(text)}</text>')
            parts.append(f'<rect class="track" x="0" y="{y}" width="100%" height="{BAR_HEIGHT}" fill="#d9d9d9"/>')
            bar_x = f"{Decimal(100) - Decimal(value)}%" if rtl else "0"
            parts.append(f'<rect class="bar" x="{bar_x}" y="{y}" width="{value}%" height="{BAR_HEIGHT}" fill="#2b6cb0"/>')
            y += BAR_HEIGHT + BAR_GAP
        y += CHAPTER_GAP
    body = "\n".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="translation-status-chart" width="100%" '
        f'height="{y}" role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" '
        f'fill="currentColor">\n'
        f'<title id="{prefix}-title"{_svg_lang(node.get("title_lang"))}>{escape(node["title"])}</title>\n'
        f'<desc id="{prefix}-desc"{_svg_lang(node.get("desc_lang"))}>{escape(node["desc"])}</desc>\n'
        f"{body}\n</svg>\n"
    )


def _svg_lang(language: str | None) -> str:
    return f' lang="{escape(language)}"' if language else ""


def visit_status_chart(self, node: status_chart) -> None:
    self.body.append(chart_svg(node))
    raise nodes.SkipNode


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def fill_report(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(translation_status_report))
    if not placeholders:
        return
    directory = locale_dir(app)
    editions = [edition_stats(e.code, directory, Path(app.srcdir)) for e in publication().translations]
    codes = [edition.code for edition in editions]
    rows = status_rows(app.env, editions)
    for serial, placeholder in enumerate(placeholders, start=1):
        report = nodes.container(classes=["translation-status-report"])
        if app.builder.format == "html" and not isinstance(app.builder, EpubBuilder):
            report += make_chart(app, codes, rows, serial)
        report += status_table(app, docname, codes, rows, serial)
        placeholder.replace_self(report)


# -- Wiring ----------------------------------------------------------------------------------


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    fill_report(app, doctree, docname)
    if app.builder.format == "html" and is_translation(app.config.language):
        notice = make_notice(app, docname)
        if notice is not None:
            insert_at_top(doctree, notice)


def setup(app: Sphinx) -> dict:
    app.add_transform(MarkGermanFallbacks)
    app.add_post_transform(MarkEditionTitlesInFallbacks)
    app.add_directive("translation-status", TranslationStatusDirective)
    app.add_node(translation_status_report)
    no_output = (skip, None)
    others = {"latex": no_output, "text": no_output, "man": no_output, "texinfo": no_output}
    app.add_node(translation_notice, html=(visit_translation_notice, None), **others)
    app.add_node(status_chart, html=(visit_status_chart, None), **others)
    # After the table-of-contents collector (priority 500) has built the page's entries.
    app.connect("doctree-read", _mark_navigation_entries, priority=600)
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.connect("html-page-context", _mark_neighbour_titles)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
