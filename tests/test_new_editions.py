"""Adding editions in any language, either direction: `make new-edition CODE=fr` and `CODE=ar`
in a copy of the tree, the Arabic catalogs pseudo-localised, then one plain `make editions`
(fixture ``new_editions`` in conftest.py).

What a publisher relies on: the new catalogs are valid and complete from the start, every
edition links the new ones without a forced rebuild, Arabic is right-to-left in HTML and ePub,
and the French interface shows no English that is not marked as English.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from brochure.i18n.catalog_headers import cldr_plural_forms
from brochure.i18n.headers import plural_forms
from brochure.i18n.rules import check_integrity
from brochure.i18n.sphinx_translations import sphinx_catalog
from brochure.tools.epub_check import epubcheck_report

ALL = ("de", "en", "tr", "fr", "ar")
PAGES = ("index.html", "grussworte/kuhn.html", "search.html", "downloads.html", "uebersetzungsstand.html")


def page(site: Path, code: str, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / code / name).read_text(encoding="utf-8"), "lxml")


def catalogs(root: Path, code: str) -> list[Path]:
    return sorted((root / "locale" / code / "LC_MESSAGES").rglob("*.po"))


# -- 1. Complete new editions ----------------------------------------------------------------

# CLDR's plural categories as the locked Babel has them (French: one, many, other since CLDR 46).
@pytest.mark.parametrize("code, nplurals", [("fr", 3), ("ar", 6)])
def test_every_new_catalog_has_cldr_plural_forms_and_passes_msgfmt_check(new_editions, code, nplurals):
    paths = catalogs(new_editions.root, code)
    assert len(paths) > 40
    for path in paths:
        header = polib.pofile(str(path)).metadata["Plural-Forms"]
        assert header == cldr_plural_forms(code), path
        assert plural_forms(header).nplurals == nplurals  # the expression fits nplurals
        check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_pseudo_localised_arabic_catalogs_pass_every_integrity_rule(new_editions):
    checked = check_integrity(catalogs(new_editions.root, "ar"))
    assert [finding.format() for result in checked for finding in result.findings] == []
    translated = sum(1 for path in catalogs(new_editions.root, "ar")
                     for entry in polib.pofile(str(path)) if entry.translated())
    assert translated > 200  # the pseudo-localisation did fill the edition


def test_french_interface_catalog_starts_with_sphinxs_own_translations(new_editions):
    ours = {e.msgid: e for e in polib.pofile(str(new_editions.root / "locale/fr/LC_MESSAGES/sphinx.po"))}
    shipped = {e.msgid: e for e in polib.pofile(str(sphinx_catalog("fr")))}
    assert ours["Search"].msgstr == shipped["Search"].msgstr == "Recherche"
    assert ours["Searching"].msgstr == shipped["Searching"].msgstr
    assert not any(entry.fuzzy for entry in ours.values())
    # Sphinx's French catalog and CLDR's rule both have three plural forms: one, many, other.
    finished = "Search finished, found one page matching the search query."
    forms = shipped[finished].msgstr_plural
    assert len(forms) == 3 and ours[finished].msgstr_plural == forms
    # The project's own strings are not Sphinx's: they wait for a translator.
    assert ours["Download this edition as ePub"].msgstr == ""


def test_new_editions_are_not_credited_before_a_translator_signs(new_editions):
    for code in ALL:
        imprint = page(new_editions.site, code, "ueber-diese-ausgabe.html")
        credits = imprint.select_one("ul.translators").get_text(" ", strip=True)
        assert "Français" not in credits and "العربية" not in credits
        assert "translators" not in credits and "Translation team" not in credits


# -- 2. Linked everywhere without a forced rebuild -------------------------------------------

def test_the_pages_built_before_did_not_know_the_new_editions(new_editions):
    assert 'hreflang="ar"' not in new_editions.before["de/index.html"]
    assert "Français" not in new_editions.before["tr/uebersetzungsstand.html"]


@pytest.mark.parametrize("code", ALL)
@pytest.mark.parametrize("name", ["index.html", "grussworte/kuhn.html", "downloads.html"])
def test_every_page_links_every_edition(new_editions, code, name):
    soup = page(new_editions.site, code, name)
    switcher = [a["hreflang"] for a in soup.select("nav.edition-switcher a[hreflang]")]
    assert switcher == list(ALL)
    alternates = [link["hreflang"] for link in soup.select('head link[rel="alternate"][hreflang]')]
    assert alternates == [*ALL, "x-default"]
    for link in soup.select("nav.edition-switcher a[hreflang]"):
        assert (new_editions.site / code / Path(name).parent / link["href"]).resolve().is_file()


def test_root_chooser_downloads_status_and_sitemaps_list_the_new_editions(new_editions):
    site = new_editions.site
    chooser = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert [a["hreflang"] for a in chooser.select("a[hreflang]")] == list(ALL)
    for code in ALL:
        downloads = (site / code / "downloads.html").read_text(encoding="utf-8")
        for new in ("fr", "ar"):
            assert f"qualitaetszirkel-jubilaeumsbroschuere-{new}.epub" in downloads
        status = page(site, code, "uebersetzungsstand.html").select_one("table.translation-status-table")
        heading = [th.get_text(strip=True) for th in status.select("thead th")]
        assert heading[-2:] == ["Français", "العربية"]
        sitemap = (site / code / "sitemap.xml").read_text(encoding="utf-8")
        assert 'hreflang="fr"' in sitemap and 'hreflang="ar"' in sitemap
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/fr/sitemap.xml" in index and "/ar/sitemap.xml" in index


# -- 3. Right-to-left --------------------------------------------------------------------------

@pytest.mark.parametrize("code, direction", [("ar", "rtl"), ("fr", "ltr"), ("de", "ltr"), ("tr", "ltr")])
def test_html_direction_comes_from_the_language(new_editions, code, direction):
    for name in PAGES:
        assert page(new_editions.site, code, name).html["dir"] == direction


def test_direction_style_sheet_is_linked_in_every_html_page(new_editions):
    for code in ("ar", "fr"):
        links = [link["href"] for link in page(new_editions.site, code, "index.html").select('link[rel="stylesheet"]')]
        assert any(href.split("?")[0].endswith("_static/direction.css") for href in links)


def test_german_fallbacks_in_the_arabic_edition_are_german_and_left_to_right(new_editions):
    fallbacks = 0
    for name in ("index.html", "grussworte/kuhn.html", "arbeitskreis/ausblicke.html"):
        soup = page(new_editions.site, "ar", name)
        for element in soup.select("article [lang=de]"):
            assert element.get("dir") == "ltr", element
            fallbacks += 1
        # the pseudo-translated ones (names of people and places are the same in every edition)
        for element in soup.select("article p:not([lang]):not(.notranslate)"):
            assert not re.search(r"[A-Za-zÄÖÜäöüß]{4}", element.get_text()) or element.find_parent(attrs={"lang": "de"}), element
    assert fallbacks > 5


def test_french_fallbacks_carry_no_direction(new_editions):
    soup = page(new_editions.site, "fr", "index.html")
    assert soup.select("article [lang=de]")
    assert not soup.select("[dir]:not(html)")


def _epub(new_editions, code: str) -> zipfile.ZipFile:
    [path] = (new_editions.root / "_build" / "epub" / code).glob("*.epub")
    return zipfile.ZipFile(path)


@pytest.mark.parametrize("code, direction", [("ar", "rtl"), ("fr", "ltr")])
def test_epub_spine_and_documents_follow_the_language(new_editions, code, direction):
    with _epub(new_editions, code) as book:
        opf = book.read("content.opf").decode("utf-8")
        assert f'<spine toc="ncx" page-progression-direction="{direction}">' in opf
        documents = [name for name in book.namelist() if name.endswith(".xhtml")]
        for name in documents:
            tag = re.search(r"<html[^>]*>", book.read(name).decode("utf-8")).group(0)
            assert f'dir="{direction}"' in tag and f'lang="{code}"' in tag, name
        assert not any(name.endswith("direction.css") for name in book.namelist())


def test_arabic_epub_passes_epubcheck(new_editions):
    [epub] = (new_editions.root / "_build" / "epub" / "ar").glob("*.epub")
    assert epubcheck_report(epub) == []


def test_arabic_pdf_is_right_to_left_with_german_passages_tagged_german(new_editions):
    """The print document of a right-to-left edition: dir="rtl", German fallbacks left-to-right
    and tagged German in the PDF, the notices linking to the German pages' public addresses."""
    import pikepdf

    from brochure.base.editions import publication

    document = (new_editions.root / "_build" / "print" / "ar" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(document, "lxml")
    assert soup.html["dir"] == "rtl" and soup.html["lang"] == "ar"
    german = soup.select("section.page [lang=de]")
    assert len(german) > 5 and all(element.get("dir") == "ltr" for element in german)
    links = [a["href"] for a in soup.select("div.translation-status a")]
    assert links and all(href.startswith(f"{publication().base_url}de/") and href.endswith(".html") for href in links)
    [pdf_path] = (new_editions.root / "_build" / "pdf" / "ar").glob("*.pdf")
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == "ar"
        languages, stack = [], [pdf.Root.StructTreeRoot]
        while stack:
            kids = stack.pop().get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    languages.append(str(kid.get("/Lang", "")))
                    stack.append(kid)
        assert languages.count("de") > 5


def test_arabic_search_catalog_has_a_form_for_every_plural_index(new_editions):
    script = (new_editions.site / "ar" / "_static" / "translations.js").read_text(encoding="utf-8")
    data = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    plurals = [value for value in data["messages"].values() if isinstance(value, list)]
    assert plurals and all(len(forms) == new_editions.arabic_plurals and all(forms) for forms in plurals)


# -- No unmarked English in the French interface ------------------------------------------------

def _english_interface_strings(root: Path) -> set[str]:
    """Interface msgids the French edition shows in English (neither catalog translates them)."""
    ours = polib.pofile(str(root / "locale/fr/LC_MESSAGES/sphinx.po"))
    shipped = {e.msgid for e in polib.pofile(str(sphinx_catalog("fr"))) if e.translated()}
    return {e.msgid for e in ours if not e.translated() and e.msgid not in shipped
            and "%" not in e.msgid and "<" not in e.msgid and "&" not in e.msgid}


def _language_of(element) -> str | None:
    while element is not None and getattr(element, "attrs", None) is not None:
        if element.get("lang"):
            return element["lang"]
        element = element.parent
    return None


@pytest.mark.parametrize("name", PAGES)
def test_no_unmarked_english_in_the_french_interface(new_editions, name):
    english = _english_interface_strings(new_editions.root)
    assert "Back to top" in english and "Download this edition as ePub" in english
    soup = page(new_editions.site, "fr", name)
    seen = 0
    for text in soup.find_all(string=True):
        if text.strip() in english and text.parent.name not in ("script", "style", "head", "title"):
            seen += 1
            assert _language_of(text.parent) == "en", (text, text.parent)
    for element in soup.select("[aria-label], [placeholder]"):
        for attribute in ("aria-label", "placeholder"):
            if element.get(attribute) in english:
                seen += 1
                assert _language_of(element) == "en", element
    for toggle in soup.select('[aria-label^="Toggle navigation of "]'):  # furo's, from Python
        seen += 1
        assert _language_of(toggle) == "en", toggle
    assert seen > 3  # the test looked at English strings, not at an empty page
