"""Every edition's imprint page credits the translators named in the catalogs."""

import polib
import pytest

from brochure.editions import LOCALE_DIR
from brochure.sphinxext.credits import translators
from support import edition_pages


def test_imprint_credits_every_translation_with_the_catalogs_translators(pub, site):
    for reader in pub.editions:
        page = edition_pages(reader.code)["ueber-diese-ausgabe"]
        items = page.select("ul.translators li")
        assert [li.span["lang"] for li in items] == [e.code for e in pub.translations]
        for item, edition in zip(items, pub.translations, strict=True):
            header = polib.pofile(str(LOCALE_DIR / edition.code / "LC_MESSAGES" / "index.po")).metadata
            team = header["Last-Translator"].split("<")[0].strip()
            assert team in item.get_text()
            assert "@" not in item.get_text()


def test_placeholders_and_addresses_are_not_credited(tmp_path):

    messages = tmp_path / "xx" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for name, last in (("a.po", "Ayşe Yılmaz <ayse@example.org>"), ("b.po", "FULL NAME <EMAIL@ADDRESS>")):
        po = polib.POFile()
        po.metadata = {"Last-Translator": last, "Language-Team": "LANGUAGE <LL@li.org>",
                       "Content-Type": "text/plain; charset=UTF-8"}
        po.save(str(messages / name))
    assert translators("xx", tmp_path) == ["Ayşe Yılmaz"]


def built_imprint(site, code: str):
    """The imprint of one edition as `make editions` published it."""
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / code / "ueber-diese-ausgabe.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("reader", ["tr", "en"])
def test_each_edition_is_credited_in_its_own_language(pub, site, reader):
    items = {li.span["lang"]: li.span.get_text() for li in built_imprint(site, reader).select("ul.translators li")}
    assert items["tr"] == "Türkçe: " + ", ".join(translators("tr"))
    assert "Türkçe çeviri ekibi" in items["tr"]
    assert items["en"] == "English: " + ", ".join(translators("en"))
    page = built_imprint(site, reader).select_one("ul.translators").get_text()
    assert "Turkish" not in page and "translation team" not in items["tr"]


def test_msginit_values_are_not_credited(tmp_path):
    messages = tmp_path / "xx" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Last-Translator": "Automatically generated", "Language-Team": "none",
                   "Content-Type": "text/plain; charset=UTF-8"}
    po.save(str(messages / "a.po"))
    assert translators("xx", tmp_path) == []


def test_imprint_and_footer_name_the_editions_editors_and_the_print_brochure(pub, site):
    """The imprint page and every page's footer agree, and neither names the working group
    as author or publisher (no source does)."""
    for edition in pub.editions:
        pages = edition_pages(edition.code)
        imprint = pages["ueber-diese-ausgabe"].select_one(".imprint")
        assert edition.editors in imprint.get_text(" ")
        printed = imprint.find(string=pub.print_edition)
        assert printed is not None and printed.parent["lang"] == pub.source_language
        for name in ("index", "anhang", "glossar"):
            footer = pages[name].select_one(".copyright").get_text(" ", strip=True)
            assert footer.endswith(edition.editors) and "Arbeitskreis" not in footer, footer
