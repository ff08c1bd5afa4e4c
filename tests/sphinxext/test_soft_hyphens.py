"""``brochure.sphinxext.soft_hyphens`` on the built site: soft hyphens where lines may break,
none where a reader or a program reads the words."""

from __future__ import annotations

import pytest

from brochure.base.editions import publication
from support import SITE, edition_pages

EDITIONS = publication().editions
SHY = "\u00ad"
DEEP_PAGE = "handreichungen/integrationsmonitoring/wiesbaden-burgmeier"


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.code)
def test_search_data_titles_and_meta_tags_have_none(edition, site):
    assert SHY not in (SITE / edition.code / "searchindex.js").read_text(encoding="utf-8")
    assert SHY not in (SITE / edition.code / "sitemap.xml").read_text(encoding="utf-8")
    for name, page in edition_pages(edition.code).items():
        assert SHY not in page.title.get_text(), name
        for meta in page.select("meta[content]"):
            assert SHY not in meta["content"], name
        for element in page.select("[href], [id], [aria-label], [title]"):
            for attribute in ("href", "id", "aria-label", "title"):
                assert SHY not in element.get(attribute, ""), f"{name}: {attribute} of {element.name}"
        for verbatim in page.select("code, pre, kbd, script"):
            assert SHY not in verbatim.get_text(), name


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.code)
def test_long_heading_and_navigation_words_have_break_points(edition, site):
    page = edition_pages(edition.code)[DEEP_PAGE]
    assert SHY in page.select_one("article h1").get_text()
    navigation = page.select_one(".sidebar-tree")
    assert SHY in navigation.get_text()
    # Running text is left to the browser: only headings, table cells and navigation.
    assert not [p for p in page.select("article p") if SHY in p.get_text()]


def test_headings_from_templates_are_hyphenated_too(site):
    """The index page's heading comes from a template, not a document (the render wrapper)."""
    heading = edition_pages("de")["genindex"].select_one("article h1").get_text()
    assert heading.replace(SHY, "") == "Stichwortverzeichnis" and SHY in heading


def test_the_copy_script_is_on_every_page(site):
    for name, page in edition_pages("de").items():
        assert page.select_one('script[src*="_static/soft-hyphens.js"]'), name
    assert (SITE / "de" / "_static" / "soft-hyphens.js").is_file()
