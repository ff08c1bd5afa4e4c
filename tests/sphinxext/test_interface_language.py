"""English interface text in another edition is marked: lang="en", dir where the page runs the
other way, and nothing of the marking left in the page."""

from __future__ import annotations

import gettext

import pytest
from bs4 import BeautifulSoup

from brochure.sphinxext.interface_language import CLOSE, OPEN, mark_fallbacks, marking_gettext


def marked(text: str) -> str:
    return OPEN + text + CLOSE


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def test_text_that_fills_its_element_marks_the_element():
    page = mark_fallbacks(f'<p><a class="skip" href="#c">{marked("Skip to content")}</a></p>', "en", "fr")
    assert soup(page).a.attrs == {"lang": "en", "class": ["skip"], "href": "#c"}


def test_text_beside_other_text_is_wrapped_in_a_span():
    page = mark_fallbacks(f'<div>{marked("Made with")} <a href="x">Sphinx</a></div>', "en", "fr")
    assert str(soup(page).div) == '<div><span lang="en">Made with</span> <a href="x">Sphinx</a></div>'


def test_attribute_marks_its_element_except_where_the_element_holds_the_editions_text():
    page = mark_fallbacks(f'<input placeholder="{marked("Search")}" aria-label="{marked("Search")}">'
                          f'<a title="{marked("Next")}">Suivant</a>', "en", "fr")
    document = soup(page)
    assert document.input["lang"] == "en" and document.input["placeholder"] == "Search"
    assert "lang" not in document.a.attrs and document.a["title"] == "Next"


def test_right_to_left_page_gets_dir_on_english_text():
    page = mark_fallbacks(f'<span>{marked("Back to top")}</span>', "en", "ar")
    assert str(soup(page).span) == '<span dir="ltr" lang="en">Back to top</span>'


@pytest.mark.parametrize("html, expected", [
    (f"<title>{marked('Search')} - Brochure</title>", "<title>Search - Brochure</title>"),
    (f"<title>{marked('Search')}</title>", '<title lang="en">Search</title>'),
    (f'<script>const s = "{marked("a")} b";</script>', '<script>const s = "a b";</script>'),
])
def test_no_markup_inside_title_and_script(html, expected):
    assert mark_fallbacks(html, "en", "fr") == expected


def test_an_element_with_its_own_lang_keeps_it():
    page = mark_fallbacks(f'<a lang="ar" href="x">{marked("English")}</a>', "en", "fr")
    assert soup(page).a["lang"] == "ar" and soup(page).find("span", lang="en")


def test_page_without_marks_is_unchanged():
    html = "<p>Bonjour</p>"
    assert mark_fallbacks(html, "en", "fr") is html


def test_only_untranslated_messages_are_marked():
    catalog = gettext.NullTranslations()
    gettext_, ngettext = marking_gettext(catalog, frozenset({"Index"}))
    assert gettext_("Back to top") == marked("Back to top")
    assert gettext_("Index") == "Index"  # translated as itself (German "Index")
    assert gettext_("") == ""
    assert ngettext("one page", "%(n)s pages", 2) == marked("%(n)s pages")
