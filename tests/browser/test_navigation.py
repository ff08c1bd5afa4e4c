"""The language switcher and the ePub link do what a reader expects when used.

The HTML tests (``tests/sphinxext/test_alternates.py``) prove the links are right on paper;
these click them, in a real browser, on a web server and from a folder on disk (``base_url``
runs every test both ways): the switcher opens the same page in the other edition, also with
the keyboard alone, and the ePub link downloads exactly the file that was built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.base.editions import publication

EDITIONS = publication().editions
# The home page and a page two folders down, where relative links most easily go wrong.
PAGES = ["index", "handreichungen/integrationsmonitoring/wiesbaden-burgmeier"]


def code(edition) -> str:
    return edition.code


def switcher_link(page, edition):
    return page.locator(f'nav.edition-switcher a[hreflang="{edition.code}"]')


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("edition", EDITIONS, ids=code)
def test_switcher_click_opens_the_same_page_in_the_other_edition(edition, name, page, base_url):
    for other in EDITIONS:
        if other == edition:
            continue
        page.goto(f"{base_url}/{edition.code}/{name}.html")
        switcher_link(page, other).click()
        page.wait_for_url(f"{base_url}/{other.code}/{name}.html")
        assert page.locator("html").get_attribute("lang") == other.code
    assert not page.errors


FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]"


def tab_to(page, link, what: str) -> None:
    """Press Tab from the top of the page until ``link`` has the focus."""
    stops = page.evaluate(f"document.querySelectorAll({FOCUSABLE!r}).length")
    for _ in range(stops + 5):
        page.keyboard.press("Tab")
        if link.evaluate("(element) => element === document.activeElement"):
            return
    pytest.fail(f"{what} is not reachable with the Tab key")


@pytest.mark.parametrize("edition", EDITIONS, ids=code)
def test_switcher_works_with_the_keyboard(edition, page, base_url):
    name = PAGES[-1]
    other = EDITIONS[(EDITIONS.index(edition) + 1) % len(EDITIONS)]
    page.goto(f"{base_url}/{edition.code}/{name}.html")
    link = switcher_link(page, other)
    tab_to(page, link, f"the switcher link to {other.native_name}")
    # WCAG 2.4.7: a keyboard user must see where the focus is.
    outline = link.evaluate("(e) => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]")
    assert outline[0] != "none" and outline[1] != "0px", f"no visible focus indicator: {outline}"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/{other.code}/{name}.html")
    assert page.locator("html").get_attribute("lang") == other.code


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("edition", EDITIONS, ids=code)
def test_epub_link_downloads_the_editions_epub(edition, name, page, base_url, site):
    page.goto(f"{base_url}/{edition.code}/{name}.html")
    with page.expect_download() as info:
        page.locator("a.edition-download").click()
    download = info.value
    assert download.suggested_filename == edition.epub_filename
    built = site / edition.code / edition.epub_filename
    downloaded = Path(download.path()).read_bytes()
    assert downloaded == built.read_bytes(), f"the download differs from {built}"
    download.delete()
