"""The editions follow the printed brochure: every author in the navigation, in print order,
every page and heading really translated."""

import polib
import pytest

from brochure.base.editions import LOCALE_DIR
from printed_toc import PRINT_PAGES, missing_or_out_of_order
from support import edition_pages, source_pages


def navigation_titles(code: str) -> list[str]:
    index = edition_pages(code)["index"]
    return [a.get_text(" ", strip=True) for a in index.select(".sidebar-tree a.reference")]


@pytest.mark.parametrize("code", ["de", "en", "tr"])
def test_every_author_in_navigation_in_print_order(code, site):
    assert missing_or_out_of_order(navigation_titles(code)) == [], f"{code}: missing or out of order"


def test_every_source_page_is_in_every_edition(pub, site):
    for edition in pub.editions:
        assert set(source_pages()) <= set(edition_pages(edition.code)), edition.code


def test_print_pages_shown_match_the_printed_table_of_contents(site):
    shown = set()
    for page in edition_pages("de").values():
        line = page.select_one("p.print-page")
        if line:
            shown.add(int(line.get_text().rsplit(" ", 1)[-1]))
    assert shown == PRINT_PAGES


def _kept_on_purpose(code: str, text: str) -> bool:
    """A heading may stay identical when the catalog says so (a name, an acronym)."""
    for po_path in (LOCALE_DIR / code / "LC_MESSAGES").rglob("*.po"):
        for entry in polib.pofile(str(po_path)):
            if entry.msgid == text and entry.msgstr == text:
                return True
    return False


@pytest.mark.parametrize("code", ["en", "tr"])
def test_titles_and_headings_are_translated(code, site):
    german = edition_pages("de")
    sources = set(source_pages())
    for name, page in edition_pages(code).items():
        if name not in sources:  # generated pages (index, search, downloads) use the interface catalog
            continue
        for level in ("h1", "h2", "h3"):
            ours_all, theirs_all = page.select(f"article {level}"), german[name].select(f"article {level}")
            assert len(ours_all) == len(theirs_all), f"{code}/{name}: {level} headings differ in number"
            for ours, theirs in zip(ours_all, theirs_all, strict=True):
                text = ours.get_text(" ", strip=True).rstrip("#").strip()
                if text == theirs.get_text(" ", strip=True).rstrip("#").strip():
                    bare = text.split(" ", 1)[1] if text[:1].isdigit() else text
                    assert _kept_on_purpose(code, bare), f"{code}/{name}: {level} {text!r} is German"


@pytest.mark.parametrize("code", ["en", "tr"])
def test_no_german_fallback_anywhere(code, site):
    for name, page in edition_pages(code).items():
        assert not page.select(".untranslated"), f"{code}/{name} shows untranslated German text"
