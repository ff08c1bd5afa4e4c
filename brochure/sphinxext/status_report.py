"""The ``translation-status`` directive: how far each edition is, by chapter and by page.

An overview by chapter: an inline SVG bar chart (website) and, as its text alternative, a
table with the same figures (website and ePub; the ePub gets no inline SVG, which EPUB 3 would
require to be declared in the package document). Then, per edition, a table of every page in
reading order: the share of words translated, and the fuzzy (outdated) and untranslated
messages apart, so a translator sees which page needs work. The figures are
:mod:`brochure.i18n.stats`' and the percent is its :func:`~brochure.i18n.stats.reader_percent`,
so every row reads as ``make stats`` prints it, in the reader's locale (66,7 % for 66.7).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from brochure.base.editions import publication
from brochure.i18n.direction import is_rtl
from brochure.i18n.paths import translation_catalogs
from brochure.i18n.stats import (
    CatalogStats,
    EditionStats,
    chapter_of,
    edition_stats,
    reader_percent,
)
from brochure.sphinxext.build_facts import (
    is_ebook,
    is_translation,
    percent_text,
    skip,
    source_language,
    translators_locale_dir,
    writes_pages,
)
from brochure.sphinxext.catalog_gate import checked_catalogs
from brochure.sphinxext.editions_table import note_table_dependency
from brochure.sphinxext.fallback_language import german_titles
from brochure.sphinxext.interface_language import N_, fallback_language


class translation_status_report(nodes.General, nodes.Element):
    """Placeholder for the directive, filled with the figures when the page is written."""


class status_chart(nodes.General, nodes.Element):
    """An inline SVG bar chart; its figures are in attributes, its text alternative is a table."""


class TranslationStatusDirective(SphinxDirective):
    """``translation-status``: the translation progress of every edition, by chapter and page."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        # The figures come from every catalog: re-read this page when any of them changes.
        for catalog in translation_catalogs():
            self.env.note_dependency(str(catalog))
        note_table_dependency(self.env)  # an edition added or removed
        # It lists every page: _reread_on_new_or_removed_pages re-reads it when one comes or goes.
        self.env.metadata[self.env.docname][REPORT_KEY] = True
        return [translation_status_report()]


REPORT_KEY = "translation-status-report"


def _reread_on_new_or_removed_pages(app: Sphinx, env, added: set[str], changed: set[str],
                                    removed: set[str]) -> list[str]:
    """The pages with a status report, when a page was added or removed (the report lists
    every page; a folder's time as a dependency would make Sphinx re-read it on every build,
    as it takes any dependency that is not a file for a missing one)."""
    if not (added or removed):
        return []
    return sorted(name for name, meta in env.metadata.items() if meta.get(REPORT_KEY) and name not in removed)


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
    if row.docname in (None, docname) or not writes_pages(app):
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


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every page as a reader meets it: the root page, then its toctrees depth first."""
    ordered: list[str] = []
    pending = [env.config.root_doc]
    while pending:
        docname = pending.pop()
        if docname in ordered:
            continue
        ordered.append(docname)
        pending.extend(reversed(env.toctree_includes.get(docname, [])))
    return ordered


def page_rows(env: BuildEnvironment, edition: EditionStats) -> list[tuple[str, CatalogStats | None]]:
    """(docname, figures) of every page of *edition*, in reading order; None: no catalog yet."""
    pages = set(edition.pages) | set(edition.missing)
    order = [docname for docname in reading_order(env) if docname in pages]
    order += sorted(pages - set(order))
    return [(docname, edition.pages.get(docname)) for docname in order]


def page_table(app: Sphinx, docname: str, edition: EditionStats, serial: int) -> nodes.table:
    """One edition, page by page: words translated, fuzzy and untranslated messages."""
    env, language = app.env, app.config.language
    german = german_titles(env) if is_translation(language) else set()
    table = nodes.table(ids=[f"translation-status-pages-{edition.code}-{serial}"],
                        classes=["translation-status-pages"])
    # Translators: caption of the table of one edition's pages on the
    # translation status page; the edition's name follows after a colon.
    caption = N_("Translation progress by page")
    title = nodes.title("", "", classes=_language_classes(app, caption))
    title += nodes.Text(f"{_(caption)}: ")
    name = publication().native_names[edition.code]
    title += nodes.inline(name, name, classes=[f"language-{edition.code}"])
    table += title
    headings = [
        # Translators: column heading on the translation status page.
        N_("Page"),
        # Translators: column heading on the translation status page: the
        # share of the page's words that are translated.
        N_("Words translated"),
        # Translators: column heading on the translation status page: the
        # messages whose German text changed after they were translated.
        N_("Outdated messages"),
        # Translators: column heading on the translation status page.
        N_("Untranslated messages"),
    ]
    group = nodes.tgroup(cols=len(headings))
    table += group
    for _column in headings:
        group += nodes.colspec(colwidth=1)
    group += nodes.thead("", _row(*(_paragraph(_(h), fallback_language(app, h)) for h in headings)))
    body = nodes.tbody()
    for page, stats in page_rows(env, edition):
        label = env.titles[page].astext() if page in env.titles else page
        row = Row(label, page if page in env.titles else None,
                  source_language() if page in german else None, ())
        body += _row(label_cell(app, docname, row), *_figures(stats, language))
    total = N_("All pages")
    body += _row(_paragraph(_(total), fallback_language(app, total)), *_figures(edition.totals, language))
    group += body
    return table


def _figures(stats: CatalogStats | None, language: str | None) -> list[nodes.paragraph]:
    if stats is None:
        return [_paragraph("–") for _cell in range(3)]
    return [_paragraph(percent_text(reader_percent(stats), language)),
            _paragraph(format_decimal(stats.fuzzy, locale=_number_locale(language))),
            _paragraph(format_decimal(stats.untranslated, locale=_number_locale(language)))]


def _number_locale(language: str | None) -> str:
    try:
        Locale.parse(language or "en")
    except (UnknownLocaleError, ValueError):
        return "en"
    return language or "en"


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
    desc = N_("One bar per chapter and language: the share of the German original’s words "
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


def fill_report(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(translation_status_report))
    if not placeholders:
        return
    directory = translators_locale_dir(app)
    # Only catalogs that pass the integrity rules: another edition's broken catalog is that
    # edition's refusal, not a crash of this build (it counts as missing here meanwhile).
    def admitted(code: str):
        checked = checked_catalogs(app.doctreedir, code, directory)
        return lambda paths: [path for path in paths if path in checked]

    editions = [edition_stats(e.code, directory, Path(app.srcdir), admitted(e.code))
                for e in publication().translations]
    codes = [edition.code for edition in editions]
    rows = status_rows(app.env, editions)
    for serial, placeholder in enumerate(placeholders, start=1):
        report = nodes.container(classes=["translation-status-report"])
        if writes_pages(app) and not is_ebook(app):
            report += make_chart(app, codes, rows, serial)
        report += status_table(app, docname, codes, rows, serial)
        for edition in editions:
            report += page_table(app, docname, edition, serial)
        placeholder.replace_self(report)


def setup(app: Sphinx) -> dict:
    app.add_directive("translation-status", TranslationStatusDirective)
    app.add_node(translation_status_report)
    no_output = (skip, None)
    others = {"latex": no_output, "text": no_output, "man": no_output, "texinfo": no_output}
    app.add_node(status_chart, html=(visit_status_chart, None), **others)
    app.connect("doctree-resolved", fill_report)
    app.connect("env-get-outdated", _reread_on_new_or_removed_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
