"""``brochure.tools.landing_page``: the root page speaks every edition's language."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from brochure.base.editions import publication
from brochure.tools.landing_page import landing_page, prompt
from support import SITE

EDITIONS = publication().editions
# The page is rendered with the interface catalogs as the edition builds compile them (.mo).
pytestmark = pytest.mark.site


def root() -> BeautifulSoup:
    return BeautifulSoup(landing_page(publication()), "lxml")


def test_the_prompt_is_there_once_per_edition_each_in_its_language():
    prompts = root().select(".prompt > span")
    assert [span["lang"] for span in prompts] == [e.code for e in EDITIONS]
    assert [span.get_text() for span in prompts] == [prompt(e) for e in EDITIONS]
    assert len({span.get_text() for span in prompts}) == len(EDITIONS), "a prompt is not translated"


def test_every_edition_is_offered_in_its_own_language():
    entries = root().select("li.edition-choice")
    assert [entry["lang"] for entry in entries] == [e.code for e in EDITIONS]
    for entry, edition in zip(entries, EDITIONS, strict=True):
        assert entry.select_one(".name").get_text() == edition.native_name
        assert entry.select_one(".title").get_text() == edition.title
        assert entry.select_one("a")["href"] == f"{edition.code}/index.html"
        assert entry.select_one(".suggestion").has_attr("hidden")


def test_the_page_never_redirects():
    page = root()
    assert not page.select('meta[http-equiv="refresh"]')
    script = page.select_one("script").get_text()
    assert "location" not in script and "navigator.languages" in script


def test_the_published_root_page_uses_the_editions_stylesheet_and_favicon(site):
    page = BeautifulSoup((SITE / "index.html").read_text(encoding="utf-8"), "lxml")
    for link in page.select('link[rel="stylesheet"], link[rel~="icon"]'):
        assert (SITE / link["href"]).is_file(), link["href"]
    assert page.select_one('meta[name="description"]')["content"]
