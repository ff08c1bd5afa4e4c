"""``brochure.sphinxext.page_meta``: description, Open Graph and favicon on every page."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from brochure.base.editions import publication
from brochure.sphinxext.page_meta import MAX_DESCRIPTION, first_paragraph, og_locale, shorten
from support import SITE, edition_pages

EDITIONS = publication().editions
DEEP_PAGE = "handreichungen/integrationsmonitoring/leipzig-gugutschkow"


def test_open_graph_locales_have_a_territory():
    assert [og_locale(code) for code in ("de", "en", "tr")] == ["de_DE", "en_US", "tr_TR"]


def test_a_long_description_is_cut_at_a_word():
    text = "Integration " * 40
    short = shorten(text)
    assert len(short) <= MAX_DESCRIPTION and short.endswith("Integration…")
    assert shorten("  kurz   und\nklar ") == "kurz und klar"


def test_the_description_skips_notes_and_untranslated_paragraphs():
    document = new_document("test", get_default_settings(Parser))
    section = nodes.section()
    untranslated = nodes.paragraph(text="Deutscher Text", classes=["untranslated"])
    print_page = nodes.paragraph(text="Druckausgabe, S. 3", classes=["print-page"])
    note = nodes.note("", nodes.paragraph(text="A note"))
    section += [nodes.title(text="T"), print_page, note, untranslated, nodes.paragraph(text="Own text", classes=["translated"])]
    document += section
    assert first_paragraph(document) == "Own text"


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.code)
def test_every_page_has_one_description_and_open_graph_in_its_language(edition, site):
    others = sorted(og_locale(e.code) for e in EDITIONS if e != edition)
    for name, page in edition_pages(edition.code).items():
        descriptions = page.select('meta[name="description"]')
        assert len(descriptions) == 1, name
        assert 0 < len(descriptions[0]["content"]) <= MAX_DESCRIPTION, name
        og = {meta["property"]: meta["content"] for meta in page.select("meta[property^='og:']")}
        assert og["og:locale"] == og_locale(edition.code), name
        assert sorted(m["content"] for m in page.select('meta[property="og:locale:alternate"]')) == others
        assert og["og:url"] == page.select_one('link[rel="canonical"]')["href"], name
        assert og["og:title"] and og["og:description"] == descriptions[0]["content"], name
        icon = page.select_one('link[rel~="icon"]')
        assert icon and (SITE / edition.code / name).parent.joinpath(icon["href"]).resolve().is_file(), name


@pytest.mark.parametrize(("code", "start"), [
    ("de", "Für die Jubiläumstagung in Berlin"),
    ("en", "For the anniversary conference in Berlin"),
    ("tr", "Basın bülteni, Berlin’deki"),
])
def test_a_pages_description_is_its_first_paragraph_in_the_editions_language(code, start, site):
    page = edition_pages(code)[DEEP_PAGE]
    assert page.select_one('meta[name="description"]')["content"].startswith(start)
