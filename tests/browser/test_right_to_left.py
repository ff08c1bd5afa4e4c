"""The pseudo-localised Arabic edition (and the French one) in Chromium: right-to-left layout,
accessibility, search, and screenshots for review.

The site is the copy of the tree that ``tests/test_new_editions.py`` builds (fixture
``new_editions``): French added with `make new-edition`, Arabic with that target's first two
steps, then a plain `make editions`. Screenshots of the Arabic pages, light and dark, phone and
desktop, go to ``$BUILDDIR/test-artifacts/screenshots/ar-<page>-<screen>-<mode>.png``.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from pseudo_locale import pseudo
from test_accessibility import SET_MODE, light_and_dark_problems
from test_screenshots import HORIZONTAL_OVERFLOW
from test_search import RESULT_PAGES, SEARCH_FINISHED

from browsing import DESKTOP, PHONE, Server

ARABIC_PAGES = {"home": "index", "chapter": "grussworte/kuhn", "status": "uebersetzungsstand",
                "downloads": "downloads", "search": "search"}
# A word of a heading the pseudo-localisation translated ("Zu dieser Ausgabe").
ARABIC_QUERY = pseudo("Ausgabe")


@pytest.fixture(scope="module")
def new_site(new_editions):
    with Server(new_editions.site) as server:
        yield server


@pytest.mark.parametrize("kind", ARABIC_PAGES)
def test_axe_page_passes_axe_in_light_and_dark_mode(kind, axe_page, new_site):
    axe_page.goto(f"{new_site.url}/ar/{ARABIC_PAGES[kind]}.html")
    problems = light_and_dark_problems(axe_page, f"ar/{ARABIC_PAGES[kind]}")
    assert not problems, f"ar/{ARABIC_PAGES[kind]}: accessibility violations\n" + "\n".join(problems)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("kind", ["home", "chapter", "status"])
def test_arabic_screenshot(kind, screen, mode, new_context, new_site, artifacts):
    options = {"viewport": DESKTOP} if screen == "desktop" else {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    context = new_context(color_scheme=mode, **options)
    try:
        page = context.new_page()
        page.goto(f"{new_site.url}/ar/{ARABIC_PAGES[kind]}.html")
        page.evaluate(SET_MODE, mode)
        page.evaluate("document.fonts.ready")
        target = artifacts / "screenshots" / f"ar-{kind}-{screen}-{mode}.png"
        page.screenshot(path=target, full_page=True, animations="disabled")
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"ar/{kind} scrolls sideways on a {screen}"
    finally:
        context.close()


BOXES = """() => Object.fromEntries(
  ["article", ".sidebar-drawer", ".toc-drawer", ".related-pages a.next-page",
   ".related-pages a.prev-page", "nav.edition-switcher li:first-child a",
   "nav.edition-switcher li:last-child a", "div.translation-status"].map((selector) => {
    const element = document.querySelector(selector);
    const box = element && element.getBoundingClientRect();
    return [selector, box && box.width > 0 ? {left: box.left, right: box.right} : null];
  }))"""


# furo shows the table of contents beside the page from 82em (1312 px) on.
WIDE = {"width": 1600, "height": 900}


@pytest.fixture(scope="module")
def wide_page(new_context):
    context = new_context(viewport=WIDE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("code, mirrored", [("ar", True), ("fr", False)])
def test_layout_runs_in_the_pages_direction(code, mirrored, wide_page, new_site):
    """Navigation sidebar at the start of the line, contents at its end, "next" at the end:
    on the right, left and left in Arabic; the other way round in French."""
    wide_page.goto(f"{new_site.url}/{code}/handreichungen/interkulturelle-oeffnung/index.html")  # has a contents list
    box = wide_page.evaluate(BOXES)
    article, sidebar, toc = box["article"], box[".sidebar-drawer"], box[".toc-drawer"]
    next_link, previous = box[".related-pages a.next-page"], box[".related-pages a.prev-page"]
    assert None not in (article, sidebar, toc, next_link, previous), box
    if mirrored:
        assert sidebar["left"] >= article["right"] - 1 and toc["right"] <= article["left"] + 1, box
        assert next_link["right"] <= previous["left"] + 1, box
    else:
        assert sidebar["right"] <= article["left"] + 1 and toc["left"] >= article["right"] - 1, box
        assert previous["right"] <= next_link["left"] + 1, box
    # The switcher in the header bar lists the editions in reading order: from the right in Arabic.
    first, last = box["nav.edition-switcher li:first-child a"], box["nav.edition-switcher li:last-child a"]
    assert (first["left"] >= last["right"] - 1) if mirrored else (first["right"] <= last["left"] + 1), box


def test_translation_notice_border_is_on_the_start_side_in_arabic(page, new_site):
    page.goto(f"{new_site.url}/ar/grussworte/kuhn.html")
    widths = page.evaluate("""() => {
      const style = getComputedStyle(document.querySelector("div.translation-status"));
      return [parseFloat(style.borderRightWidth), parseFloat(style.borderLeftWidth)];
    }""")
    assert widths[0] > 0 and widths[1] == 0, widths


@pytest.mark.parametrize("code, query", [("ar", ARABIC_QUERY), ("fr", "Ausgabe")])
def test_search_works_in_the_new_editions(code, query, page, new_site):
    page.goto(f"{new_site.url}/{code}/search.html?q={quote(query)}")
    page.wait_for_function(SEARCH_FINISHED)
    found = page.evaluate(RESULT_PAGES)
    summary = page.locator("#search-results .search-summary").text_content(timeout=2000).strip()
    assert not page.errors, f"script error on the {code} search page: {page.errors}"
    assert len(found) > 1 and str(len(found)) in summary, (found, summary)
    if code == "ar":  # the pseudo-localised plural form, chosen by Arabic's plural rule
        assert summary.startswith(pseudo("Search finished")), summary
    else:  # Sphinx's own French, its plural forms rearranged for Babel's French rule
        assert summary.startswith("Recherche terminée"), summary
