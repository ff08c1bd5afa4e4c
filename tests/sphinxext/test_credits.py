"""Every edition's imprint page credits the translators named in the catalogs."""

import polib
import pytest

from brochure.base.editions import LOCALE_DIR
from brochure.i18n.headers import credit_name
from brochure.i18n.paths import edition_catalogs
from brochure.i18n.rules import check_integrity
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
    assert translators(path.read_bytes() for path in edition_catalogs("xx", tmp_path)) == ["Ayşe Yılmaz"]


def built_imprint(site, code: str):
    """The imprint of one edition as `make editions` published it."""
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / code / "ueber-diese-ausgabe.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("reader", ["tr", "en"])
def test_each_edition_is_credited_in_its_own_language(pub, site, reader):
    items = {li.span["lang"]: li.span.get_text() for li in built_imprint(site, reader).select("ul.translators li")}
    assert items["tr"] == "Türkçe: " + ", ".join(translators(path.read_bytes() for path in edition_catalogs("tr")))
    assert "Türkçe çeviri ekibi" in items["tr"]
    assert items["en"] == "English: " + ", ".join(translators(path.read_bytes() for path in edition_catalogs("en")))
    page = built_imprint(site, reader).select_one("ul.translators").get_text()
    assert "Turkish" not in page and "translation team" not in items["tr"]


def test_msginit_values_are_not_credited(tmp_path):
    messages = tmp_path / "xx" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Last-Translator": "Automatically generated", "Language-Team": "none",
                   "Content-Type": "text/plain; charset=UTF-8"}
    po.save(str(messages / "a.po"))
    assert translators(path.read_bytes() for path in edition_catalogs("xx", tmp_path)) == []


HOSTILE_NAMES = {
    "bidi override": "Ali \u202eTXT.EXE\u202c <a@b.c>",
    "zero-width space": "Ali\u200bVeli",
    "control character": "Ali\x1b[31m Veli",
    "HTML": '<b>Team</b> onmouseover=alert(2)',
    "quote out of the attribute": 'Ali "><script>alert(1)</script>',
    "template": "{{ 7*7 }} %(x)s",
    "URL": "Ali https://evil.example/get-the-real-brochure",
    "scheme": "javascript:alert(3)",
    "www": "Ali www.evil",
    "domain": "Visit evil.example",
    "e-mail outside the brackets": "ali@evil.example",
    "too long": "Ali " + "X" * 3000,
}


@pytest.mark.parametrize("value", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_a_hostile_name_is_refused_by_the_header_rule_and_never_credited(tmp_path, value):
    messages = tmp_path / "xx" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Language": "xx", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);", "Last-Translator": value,
                   "Language-Team": "Ayşe Yılmaz <https://translate.example/xx/>"}
    po.save(str(messages / "a.po"))
    assert credit_name(value)[1] is not None
    [checked] = check_integrity([messages / "a.po"])
    [finding] = [f for f in checked.findings if f.check == "header"]
    assert "Last-Translator" in finding.message
    assert checked.catalog.lines[finding.line - 1].startswith('"Last-Translator:')
    assert translators([(messages / "a.po").read_bytes()]) == ["Ayşe Yılmaz"]  # the team's URL in brackets is never shown


@pytest.mark.parametrize("value", ["Ayşe Yılmaz <ayse@example.org>", "Dr. J. O'Brien-Smith (Lektorat)",
                                   "Müller & Partner", "A.B. Team", "Türkçe çeviri ekibi", "فريق الترجمة العربية",
                                   "Turkish <https://hosted.weblate.org/projects/brochure/tr/>"])
def test_names_as_translators_write_them_are_credited(value):
    name, problem = credit_name(value)
    assert problem is None and name and "<" not in name


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
