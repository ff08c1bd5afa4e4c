"""Readers learn where a translation falls back to German, and how far each translation is.

The real catalogs are complete, so the published site never shows a notice. Two builds make
the cases happen:

* a scratch project (one page with every kind of translatable block, a hand-written Turkish
  catalog that leaves most of them German) shows that each German fallback carries
  ``lang="de"`` and that *incomplete* wins over *outdated*;
* a copy of the project with one Turkish message emptied and one English message marked
  fuzzy, built as the published editions are (HTML for de/en/tr, the Turkish ePub), shows
  the notices on exactly those pages, with the figures of ``brochure.i18n.stats``, links that
  reach the German page, and the status page and ``translation-status.json`` agreeing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from functools import cache
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from brochure.base.editions import publication
from brochure.i18n.stats import catalog_stats, chapter_of, count_words, edition_stats, reader_percent
from brochure.sphinxext.build_facts import percent_text
from brochure.tools.epub_check import epubcheck_report
from brochure.typesetting.hyphenation import strip_soft_hyphens
from support import build_scratch_project, compile_catalogs, copy_project

EXTENSION = "brochure.sphinxext.translation_status"
XHTML = "{http://www.w3.org/1999/xhtml}"


# -- Scratch project: lang="de" on every kind of block ----------------------------------------

SCRATCH_PAGE = """\
# Titel der Seite

Ein übersetzter Absatz.

Ein deutscher Absatz.

Ein veralteter Absatz.

## Zweiter Abschnitt

- Ein Listenpunkt
- Ein zweiter Listenpunkt

| Spalte | Wert |
|---|---|
| Zelle eins | Zelle zwei |

:::{glossary}
Fachbegriff
  Die Erklärung des Fachbegriffs.
:::

:::{admonition} Ein Hinweistitel
Der Text des Hinweises.
:::

:::{note}
Eine Anmerkung.
:::

Stichwort
: Eine Definition des Stichworts.

Siehe {doc}`andere`.

```{translation-status}
```

```{toctree}
andere
```
"""

OTHER_PAGE = """\
# Andere Seite

Ein Absatz der anderen Seite.
"""

# Every German text of the page that stays German in the Turkish build.
GERMAN = [
    "Titel der Seite", "Ein deutscher Absatz.", "Ein veralteter Absatz.", "Zweiter Abschnitt",
    "Ein Listenpunkt", "Ein zweiter Listenpunkt", "Spalte", "Wert", "Zelle eins", "Zelle zwei",
    "Fachbegriff", "Die Erklärung des Fachbegriffs.", "Ein Hinweistitel", "Der Text des Hinweises.",
    "Eine Anmerkung.", "Stichwort", "Eine Definition des Stichworts.",
]

CATALOG_HEADER = """\
msgid ""
msgstr ""
"Language: tr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""
TRANSLATED = {"Ein übersetzter Absatz.": "Çevrilmiş bir paragraf."}
FUZZY_ENTRIES = {"Ein veralteter Absatz.": "Eski bir paragraf."}


OTHER_CATALOG = CATALOG_HEADER + """
msgid "Andere Seite"
msgstr "Başka Sayfa"

msgid "Ein Absatz der anderen Seite."
msgstr "Başka sayfanın bir paragrafı."
"""


def scratch_catalog() -> str:
    """Every message of the page, as `make update-po` leaves it: one translated, one fuzzy."""
    entries = [CATALOG_HEADER]
    for msgid in ["Ein übersetzter Absatz.", *GERMAN, "Siehe {doc}`andere`."]:
        if msgid in FUZZY_ENTRIES:
            entries.append(f'#, fuzzy\nmsgid "{msgid}"\nmsgstr "{FUZZY_ENTRIES[msgid]}"\n')
        else:
            entries.append(f'msgid "{msgid}"\nmsgstr "{TRANSLATED.get(msgid, "")}"\n')
    return "\n".join(entries)


def build_scratch(tmp_path: Path, language: str) -> Path:
    """The scratch project built in *language*; its output directory."""
    outdir, warnings = build_scratch_project(
        tmp_path, language=language, extensions=["myst_parser", EXTENSION],
        pages={"index.md": SCRATCH_PAGE, "andere.md": OTHER_PAGE},
        catalogs={"index.po": scratch_catalog(), "andere.po": OTHER_CATALOG}, catalog_language="tr",
        settings="""\
            myst_enable_extensions = ["colon_fence", "deflist"]
            translation_progress_classes = True
            """,
    )
    # Docutils has no Turkish labels of its own (the page uses none), and a second Sphinx
    # application in one process re-registers Sphinx's nodes: neither concerns this page.
    problems = [line for line in warnings.splitlines()
                if "Docutils-generated text" not in line and "is already registered" not in line]
    assert not problems
    return outdir


def scratch_page(outdir: Path, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{page}.html").read_text(encoding="utf-8"), "lxml")


def element_with_text(page: BeautifulSoup, text: str):
    """The innermost element of the page body whose own text starts with ``text``."""
    found = page.select_one("div.body").find(string=lambda s: s and s.strip() == text)
    assert found is not None, text
    return found.parent


@pytest.fixture(scope="module")
def scratch_tr_out(tmp_path_factory) -> Path:
    return build_scratch(tmp_path_factory.mktemp("scratch-tr"), "tr")


@pytest.fixture(scope="module")
def scratch_tr(scratch_tr_out) -> BeautifulSoup:
    return scratch_page(scratch_tr_out)


@pytest.mark.parametrize("text", GERMAN)
def test_every_german_fallback_carries_lang_de(scratch_tr, text):
    element = element_with_text(scratch_tr, text)
    assert element.get("lang") == "de", element
    assert element.name in {"p", "h1", "h2", "dt", "span"}  # the block itself, not a wrapper


def test_translated_text_has_no_lang_of_its_own(scratch_tr):
    element = element_with_text(scratch_tr, "Çevrilmiş bir paragraf.")
    assert element.name == "p" and not element.has_attr("lang")
    assert scratch_tr.html["lang"] == "tr"


def test_navigation_entries_of_german_headings_carry_lang_de(scratch_tr):
    entries = {a.get_text(): a for a in scratch_tr.select("div.sphinxsidebar a.reference")}
    assert entries["Titel der Seite"]["lang"] == "de"
    assert entries["Zweiter Abschnitt"]["lang"] == "de"


def test_translated_page_title_in_a_german_passage_keeps_the_edition_language(scratch_tr):
    link_text = scratch_tr.select_one("div.body p[lang=de] span.doc")
    assert link_text.get_text() == "Başka Sayfa" and link_text["lang"] == "tr"


def test_status_table_marks_a_german_chapter_title(scratch_tr):
    labels = {row.td.get_text(): row.td.p for row in scratch_tr.select("table.translation-status-table tbody tr")}
    assert labels["Titel der Seite"]["lang"] == "de"
    assert not labels["Başka Sayfa"].has_attr("lang")


def test_incomplete_wins_over_outdated(scratch_tr):
    # The page has untranslated and fuzzy messages: one notice, "incomplete".
    notices = scratch_tr.select("div.translation-status")
    assert [n["data-status"] for n in notices] == ["incomplete"]
    # Directly under the page title.
    assert notices[0].find_previous_sibling().name == "h1"


def test_links_to_neighbouring_pages_mark_a_german_title(scratch_tr, scratch_tr_out):
    # The basic theme's "previous/next topic" links (furo's footer uses the same context).
    # The start page links to the next page, whose title is translated: no lang of its own.
    following = scratch_tr.select_one("div.sphinxsidebar p.topless a[href='andere.html']")
    assert following.get_text() == "Başka Sayfa" and not following.select("[lang]")
    # That page links back to the start page, whose title stayed German.
    other = scratch_page(scratch_tr_out, "andere")
    previous = other.select_one("div.sphinxsidebar p.topless a[href='index.html']")
    assert previous.get_text() == "Titel der Seite"
    assert previous.select_one("span")["lang"] == "de"


def test_source_edition_gets_neither_lang_nor_notice(tmp_path):
    page = scratch_page(build_scratch(tmp_path, "de"))
    assert not page.select("div.body [lang=de]")
    assert not page.select("div.translation-status")


# -- Copy of the project: notices, links, ePub, status page, JSON -----------------------------

EMPTIED = ("tr", "arbeitskreis/rueckblicke", "den Umgang mit religiöser Vielfalt in den Kommunen")
FUZZY = ("en", "schlusswort", "Die Stadt Stuttgart koordinierte den Arbeitskreis damals")


def catalog(project: Path, code: str, page: str) -> Path:
    return project / "locale" / code / "LC_MESSAGES" / f"{page}.po"


def break_catalogs(project: Path) -> None:
    code, page, msgid = EMPTIED
    po = polib.pofile(str(catalog(project, code, page)))
    po.find(msgid).msgstr = ""
    po.save()
    code, page, start = FUZZY
    po = polib.pofile(str(catalog(project, code, page)))
    entry = next(e for e in po if e.msgid.startswith(start))
    entry.flags.append("fuzzy")
    po.save()


def sphinx(project: Path, builder: str, code: str, out: Path, doctrees: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sphinx", "-b", builder, "-c", ".", "-D", f"language={code}", "-q", "-W",
         "--keep-going", "-d", str(doctrees), "source", str(out)],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The copy, with the site (html of every edition, the Turkish ePub, the JSON) in out/."""
    base = tmp_path_factory.mktemp("translation-status")
    project = copy_project(base / "project")
    break_catalogs(project)
    out = base / "out"
    # Compiled once before the parallel builds (two of them are Turkish).
    for code in publication().codes:
        compile_catalogs(project, code)
    builds = [sphinx(project, "html", code, out / "site" / code, out / "doctrees" / f"html-{code}")
              for code in publication().codes]
    builds.append(sphinx(project, "epub", "tr", out / "epub-tr", out / "doctrees" / "epub-tr"))
    for build in builds:
        output, _ = build.communicate()
        assert build.returncode == 0, output
    subprocess.run([sys.executable, "-m", "brochure.tools.status_json", str(out / "site")],
                   cwd=project, check=True, capture_output=True)
    return base


@cache
def html_pages(site: Path, code: str) -> dict[str, BeautifulSoup]:
    base = site / code
    return {
        path.relative_to(base).with_suffix("").as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for path in sorted(base.rglob("*.html"))
        if not path.relative_to(base).as_posix().startswith("_")
    }


def expected_percent(project: Path, code: str, page: str, msgid_start: str) -> str:
    """The page's share of translated words, counted here from the msgids, as readers see it."""
    po = polib.pofile(str(catalog(project, code, page)))
    entries = [e for e in po if not e.obsolete]
    total = sum(count_words(e.msgid) for e in entries)
    missing = sum(count_words(e.msgid) for e in entries if e.msgid.startswith(msgid_start))
    stats = catalog_stats(catalog(project, code, page))
    assert (stats.words, stats.translated_words) == (total, total - missing)
    return percent_text(reader_percent(stats), code)


def interface(project: Path, code: str, msgid: str) -> str:
    if code == "en":
        return msgid
    entry = polib.pofile(str(project / "locale" / code / "LC_MESSAGES" / "sphinx.po")).find(msgid)
    assert entry is not None and entry.msgstr and "fuzzy" not in entry.flags, msgid
    return entry.msgstr


INCOMPLETE = ("Part of this page is not yet translated (%(percent)s translated); "
              "untranslated passages are shown in German.")
OUTDATED = ("The German original of this page has changed since it was translated "
            "(%(percent)s up to date); the changed passages are shown in German until "
            "their translation has been revised.")
LINK = "Read this page in German"


@pytest.mark.parametrize(("case", "status", "message"), [(EMPTIED, "incomplete", INCOMPLETE),
                                                          (FUZZY, "outdated", OUTDATED)],
                         ids=["incomplete", "outdated"])
def test_notice_on_exactly_the_affected_page(built, case, status, message):
    code, affected, msgid = case
    project, site = built / "project", built / "out" / "site"
    pages = html_pages(site, code)
    with_notice = {name for name, page in pages.items() if page.select("div.translation-status")}
    assert with_notice == {affected}
    notice = pages[affected].select_one("article div.translation-status")
    assert notice["data-status"] == status
    percent = expected_percent(project, code, affected, msgid)
    assert notice.p.get_text() == interface(project, code, message) % {"percent": percent}
    link = notice.select_one("a")
    assert link.get_text() == interface(project, code, LINK)
    assert link["hreflang"] == "de"
    assert link["href"] == "../" * (affected.count("/") + 1) + f"de/{affected}.html"
    target = (site / code / affected).parent / link["href"]
    assert target.resolve() == (site / "de" / f"{affected}.html").resolve() and target.is_file()
    german = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
    assert german.html["lang"] == "de" and german.select_one("article h1") is not None


def test_german_fallback_carries_lang_de_in_html(built):
    site = built / "out" / "site"
    for code, page, msgid in (EMPTIED, FUZZY):
        paragraph = html_pages(site, code)[page].find(
            lambda tag, msgid=msgid: tag.name == "p" and tag.get_text().startswith(msgid))
        assert paragraph is not None and paragraph["lang"] == "de", (code, page)
    # Everything else of those pages is translated: no other German mark.
    tr_page = html_pages(site, "tr")[EMPTIED[1]]
    assert len(tr_page.select("article [lang=de]:not(.bilingual-original)")) == 1


def test_source_edition_has_no_notice_and_no_lang_de(built):
    for name, page in html_pages(built / "out" / "site", "de").items():
        assert not page.select("div.translation-status"), name
        assert not page.select("article [lang=de]"), name


def epub_documents(built: Path) -> dict[str, etree._Element]:
    epub = next((built / "out" / "epub-tr").glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        return {name.removesuffix(".xhtml"): etree.fromstring(archive.read(name))
                for name in archive.namelist() if name.endswith(".xhtml")}


def test_epub_carries_notice_with_absolute_link_and_lang_de(built):
    code, page, msgid = EMPTIED
    documents = epub_documents(built)
    with_notice = {name for name, doc in documents.items()
                   if doc.findall(f".//{XHTML}div[@class='translation-status']")}
    assert with_notice == {page}
    notice = documents[page].find(f".//{XHTML}div[@class='translation-status']")
    assert notice.get("data-status") == "incomplete"
    percent = expected_percent(built / "project", code, page, msgid)
    assert percent in "".join(notice.itertext())
    link = notice.find(f".//{XHTML}a")
    assert link.get("href") == f"{publication().base_url}de/{page}.html"
    german = [p for p in documents[page].iter(f"{XHTML}p") if "".join(p.itertext()).startswith(msgid)]
    assert [p.get("lang") for p in german] == ["de"]


def test_epub_with_notice_passes_epubcheck(built):
    epub = next((built / "out" / "epub-tr").glob("*.epub"))
    assert epubcheck_report(epub) == []


def chart_values(page: BeautifulSoup) -> dict[str, list[str]]:
    """Chapter label -> the percent texts of its bars, read from the SVG in document order."""
    svg = page.select_one("svg.translation-status-chart")
    assert svg["role"] == "img"
    for reference in ("aria-labelledby", "aria-describedby"):
        assert svg.find(id=svg[reference]) is not None  # title and desc inside the chart
    values: dict[str, list[str]] = {}
    for text in svg.find_all("text"):
        if "chapter" in text["class"]:  # a long title is broken into lines (tspans)
            current = values.setdefault(" ".join(line.get_text() for line in text.find_all("tspan")), [])
        elif "value" in text["class"]:
            current.append(text.get_text())
    return values


def read(element) -> str:
    """Text as a reader copies it: without the soft hyphens table cells and headings carry."""
    return strip_soft_hyphens(element.get_text())


def table_values(page: BeautifulSoup) -> dict[str, list[str]]:
    table = page.select_one("table.translation-status-table")
    return {read(row.find("td")): [read(cell) for cell in row.find_all("td")[1:]]
            for row in table.select("tbody tr")}


@pytest.mark.parametrize("code", publication().codes)
def test_status_page_shows_the_new_figures_in_chart_and_table(built, code):
    project, site = built / "project", built / "out" / "site"
    page = html_pages(site, code)["uebersetzungsstand"]
    table, chart = table_values(page), chart_values(page)
    assert chart == table  # the table is the chart's text alternative: the same figures
    headings = [read(th) for th in page.select("table.translation-status-table thead th")]
    assert headings[1:] == [e.native_name for e in publication().translations]
    columns = {e.code: index for index, e in enumerate(publication().translations)}
    titles = {name: read(p.select_one("article h1")).rstrip("#")
              for name, p in html_pages(site, code).items() if p.select_one("article h1")}
    full = percent_text(reader_percent(catalog_stats(catalog(project, "en", "anhang"))), code)
    for changed_code, changed_page, _msgid in (EMPTIED, FUZZY):
        chapter = chapter_of(changed_page)
        label = titles[chapter if chapter in titles else f"{chapter}/index"]
        stats = sum_chapter(project, changed_code, chapter)
        assert table[label][columns[changed_code]] == percent_text(reader_percent(stats), code)
        assert table[label][columns[changed_code]] != full
        other = next(c for c in columns if c != changed_code)
        assert table[label][columns[other]] == full
    # The table links each chapter to its page.
    links = page.select("table.translation-status-table tbody a")
    assert len(links) == len(table) - 2  # all but the status page itself and "all pages"
    for link in links:
        assert (site / code / link["href"]).is_file()


def stats_rows(project: Path, code: str) -> dict[str, list[str]]:
    """``make stats CODE=code`` in the copy: page (or "total") -> [fuzzy, untranslated, %]."""
    out = subprocess.run([sys.executable, "-m", "brochure.tools.stats", "--lang", code], cwd=project,
                         check=True, capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines()[3:]:
        cells = line.split()
        if len(cells) == 6 and not line.startswith("-"):
            rows[cells[0]] = [cells[2], cells[3], cells[5]]
    return rows


def page_tables(page: BeautifulSoup, site: Path, code: str) -> dict[str, dict[str, list[str]]]:
    """Edition code -> page (by the docname its row links to, or "total") -> its three figures."""
    tables = {}
    for table in page.select("table.translation-status-pages"):
        edition = table.select_one("caption span[lang]")["lang"]
        rows = {}
        for row in table.select("tbody tr"):
            cells = [read(cell) for cell in row.find_all("td")]
            link = row.td.select_one("a")
            if link is not None:
                name = (site / code / link["href"]).resolve().relative_to((site / code).resolve())
                rows[name.with_suffix("").as_posix()] = cells[1:]
            elif row is table.select("tbody tr")[-1]:
                rows["total"] = cells[1:]
            else:
                rows["uebersetzungsstand"] = cells[1:]  # the status page itself is not linked
        tables[edition] = rows
    return tables


@pytest.mark.parametrize("code", publication().codes)
def test_status_page_shows_every_page_as_make_stats_does(built, code):
    project, site = built / "project", built / "out" / "site"
    tables = page_tables(html_pages(site, code)["uebersetzungsstand"], site, code)
    assert list(tables) == [e.code for e in publication().translations]
    for edition, rows in tables.items():
        expected = {name: [fuzzy, untranslated, percent_text(Decimal(percent), code)]
                    for name, (fuzzy, untranslated, percent) in stats_rows(project, edition).items()}
        # The same figures, in this edition's way of writing a percent: fuzzy and
        # untranslated apart, and the one broken page of each edition is not at 100.
        assert {name: [c[2], c[0], c[1]] for name, c in expected.items()} == rows
    assert tables["tr"][EMPTIED[1]][1:] == ["0", "1"] and tables["en"][FUZZY[1]][1:] == ["1", "0"]
    assert tables["tr"][EMPTIED[1]][0] != percent_text(Decimal(100), code)


def sum_chapter(project: Path, code: str, chapter: str):
    return edition_stats(code, project / "locale", project / "source").chapters[chapter]


def test_status_json_has_the_new_figures(built):
    data = json.loads((built / "out" / "site" / "translation-status.json").read_text(encoding="utf-8"))
    assert data["source_language"] == "de"
    assert set(data["editions"]) == {e.code for e in publication().translations}
    tr, en = data["editions"]["tr"], data["editions"]["en"]
    assert tr["pages"][EMPTIED[1]]["untranslated"] == 1 and tr["pages"][EMPTIED[1]]["fuzzy"] == 0
    assert tr["chapters"]["arbeitskreis"]["untranslated"] == 1
    assert en["pages"][FUZZY[1]]["fuzzy"] == 1 and en["chapters"]["schlusswort"]["fuzzy"] == 1
    assert not tr["complete"] and not en["complete"] and tr["native_name"] == "Türkçe"
    stats = catalog_stats(catalog(built / "project", *EMPTIED[:2]))
    assert tr["pages"][EMPTIED[1]]["percent"] == round(stats.percent, 2) < 100
