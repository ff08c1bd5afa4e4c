"""Each edition's own search page finds a word however the reader types its capitals.

Turkish has two i's: İ/i and I/ı. A reader types "İleriye", "ileriye" or "İLERİYE" and means
the same word; "KATILIM" is "katılım", not "katilim". German readers write ß or ss ("Grußworte",
"Grussworte", "GRUSSWORTE"). ``brochure.sphinxext.search_folding`` folds the index and the query
by these rules; this test types the words into the real search page (``search.html?q=``), as a
reader's browser runs it, and looks for the expected page among the results. The English
edition keeps Sphinx's own search, and still finds its words. A synonym of an approved term
(the termbase's ``<code>_synonyms`` columns) finds the pages of the term.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from brochure.base.editions import publication

# (edition, what the reader types, a page that must be among the results)
QUERIES = [
    ("tr", "İleriye", "arbeitskreis/ausblicke"),
    ("tr", "ileriye", "arbeitskreis/ausblicke"),
    ("tr", "İLERİYE", "arbeitskreis/ausblicke"),
    ("tr", "İLERİYE BAKIŞ", "arbeitskreis/ausblicke"),
    ("tr", "KATILIM", "handreichungen/partizipation/index"),
    ("tr", "izleme", "handreichungen/integrationsmonitoring/index"),
    ("tr", "İZLEME", "handreichungen/integrationsmonitoring/index"),
    ("de", "Grußworte", "grussworte/index"),
    ("de", "Grussworte", "grussworte/index"),
    ("de", "grußworte", "grussworte/index"),
    ("de", "GRUSSWORTE", "grussworte/index"),
    ("de", "GRUẞWORTE", "grussworte/index"),
    ("de", "Maßnahmen", "glossar"),
    ("de", "MASSNAHMEN", "glossar"),
    ("en", "Forewords", "grussworte/index"),
    ("en", "FOREWORDS", "grussworte/index"),
    ("en", "welcome", "handreichungen/schwerpunktthemen/willkommenskultur"),
    # Synonyms from the termbase (brochure.i18n.synonyms): the edition says "uyum".
    ("tr", "entegrasyon", "handreichungen/integrationsmonitoring/index"),
    ("tr", "ENTEGRASYON", "handreichungen/integrationsmonitoring/index"),
    ("tr", "entegrasyon izleme", "handreichungen/integrationsmonitoring/index"),
    ("en", "naturalisation", "handreichungen/schwerpunktthemen/einbuergerung"),
    ("de", "Naturalisierung", "handreichungen/schwerpunktthemen/einbuergerung"),
    # Headings carry soft hyphens in the HTML; the index is made from the text without them.
    ("de", "Übersetzungsstand", "uebersetzungsstand"),
]

# One query per edition (its first) for the status-line test.
QUERIES_BY_CODE = {code: query for code, query, _ in reversed(QUERIES)}

# searchtools.js replaces the "Searching…" heading (with its animated dots) once every result
# is listed; the status line after it is checked separately below.
SEARCH_FINISHED = """() => {
  const heading = document.querySelector("#search-results h2");
  return heading !== null && heading.querySelector("span") === null;
}"""

RESULT_PAGES = """() => [...document.querySelectorAll("#search-results ul.search > li > a")]
  .map((a) => a.getAttribute("href").split("#")[0].replace(/\\.html$/, ""))"""


@pytest.mark.parametrize(("code", "query", "expected"), QUERIES)
def test_search_finds_the_word_however_it_is_typed(code, query, expected, page, server):
    page.goto(f"{server.url}/{code}/search.html?q={quote(query)}")
    page.wait_for_function(SEARCH_FINISHED)
    found = page.evaluate(RESULT_PAGES)
    assert expected in found, f"{code}: searching {query!r} did not find {expected}; found {found}"


@pytest.mark.parametrize("code", publication().codes)
def test_search_page_reports_how_many_pages_it_found(code, page, server):
    """The status line announces the result count (a screen reader's only summary of the search)."""
    page.goto(f"{server.url}/{code}/search.html?q={quote(QUERIES_BY_CODE[code])}")
    page.wait_for_function(SEARCH_FINISHED)
    count = len(page.evaluate(RESULT_PAGES))
    summary = page.locator("#search-results .search-summary").text_content(timeout=2000).strip()
    assert not page.errors, f"script error on the search page: {page.errors}"
    assert summary, "no status line after the search"
    if count > 1:  # the singular message says "one page" in words
        assert str(count) in summary, f"status line {summary!r} does not give the {count} results"
