"""Every edition's imprint page credits the translators named in the catalogs: the people of
the header comments' credit lines and the team, never an account a platform wrote."""

import io

import polib
import pytest
from translate.storage import pypo

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
            team = header["Language-Team"].split("<")[0].strip()
            assert team in item.get_text()
            assert "@" not in item.get_text()


def credited(code, locale_dir=LOCALE_DIR):
    """What the imprint credits for *code*, from the catalogs in *locale_dir* as the build reads them."""
    return translators(code, (path.read_bytes() for path in edition_catalogs(code, locale_dir)))


def catalog(messages, name, *, credits=(), last="", team="", comment="Test catalog."):
    po = polib.POFile()
    po.header = "\n".join([comment, *credits])
    po.metadata = {"Last-Translator": last, "Language-Team": team,
                   "Content-Type": "text/plain; charset=UTF-8"}
    po.save(str(messages / name))
    return messages / name


@pytest.fixture
def messages(tmp_path):
    path = tmp_path / "tr" / "LC_MESSAGES"
    path.mkdir(parents=True)
    return path


def test_people_come_from_credit_lines_and_the_team_from_language_team(messages):
    catalog(messages, "a.po", credits=["Ayşe Yılmaz <ayse@example.org>, 2025, 2026."],
            last="Somebody Else <else@example.org>", team="Türkçe çeviri ekibi <tr@example.org>")
    catalog(messages, "b.po", credits=["Mehmet Öz <mehmet@example.org>, 2026.", "FULL NAME <EMAIL@ADDRESS>, YEAR."],
            last="FULL NAME <EMAIL@ADDRESS>", team="LANGUAGE <LL@li.org>")
    # Last-Translator alone credits nobody: Weblate writes its account there.
    assert credited("tr", messages.parents[1]) == ["Ayşe Yılmaz", "Mehmet Öz", "Türkçe çeviri ekibi"]


@pytest.mark.parametrize("line", [
    "Admin <admin@example.invalid>, 2026.",
    "admin <admin@weblate.example.org>, 2026.",
    "Weblate Admin <weblate@example.org>, 2026.",
    "ayse <ayse@example.org>, 2026.",
    "Anonymous <noreply@weblate.org>, 2026.",
    "Türkçe çeviri ekibi <tr@example.org>, 2026.",
    "Hosted Translations <noreply+42@example.org>, 2026.",
])
def test_accounts_and_team_addresses_are_never_people(messages, line):
    catalog(messages, "a.po", credits=[line], team="Türkçe çeviri ekibi <tr@example.org>")
    assert credited("tr", messages.parents[1]) == ["Türkçe çeviri ekibi"]


def test_credits_survive_a_weblate_commit(messages):
    """What a Weblate commit writes (translate-toolkit): the account in Last-Translator, the
    language's English name and a link in Language-Team (its project setting *Set
    "Language-Team" header*), and the committer's credit line (add-on "Contributors in
    comment"). The translator who committed is credited, the account and the link are not."""
    path = catalog(messages, "a.po", credits=["Ayşe Yılmaz <ayse@example.org>, 2025."],
                   last="Ayşe Yılmaz <ayse@example.org>", team="Türkçe çeviri ekibi <tr@example.org>")
    for committer, address in (("Admin", "admin@example.invalid"), ("Mehmet Öz", "mehmet@example.org")):
        store = pypo.pofile(io.BytesIO(path.read_bytes()))
        store.updateheader(add=True, last_translator=f"{committer} <{address}>", x_generator="Weblate 5.14.3",
                           language_team="Turkish <http://127.0.0.1:8080/projects/brochure/a/tr/>")
        store.updatecontributor(committer, address)
        path.write_bytes(bytes(store))
    assert credited("tr", messages.parents[1]) == ["Ayşe Yılmaz", "Mehmet Öz"]


def built_imprint(site, code: str):
    """The imprint of one edition as `make editions` published it."""
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / code / "ueber-diese-ausgabe.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("reader", ["tr", "en"])
def test_each_edition_is_credited_in_its_own_language(pub, site, reader):
    items = {li.span["lang"]: li.span.get_text() for li in built_imprint(site, reader).select("ul.translators li")}
    assert items["tr"] == "Türkçe: " + ", ".join(credited("tr"))
    assert "Türkçe çeviri ekibi" in items["tr"]
    assert items["en"] == "English: " + ", ".join(credited("en"))
    page = built_imprint(site, reader).select_one("ul.translators").get_text()
    assert "Turkish" not in page and "translation team" not in items["tr"]


def test_msginit_values_are_not_credited(messages):
    catalog(messages, "a.po", last="Automatically generated", team="none",
            credits=["FIRST AUTHOR <EMAIL@ADDRESS>, YEAR."])
    assert credited("tr", messages.parents[1]) == []


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
    # The hostile name where a translator's editor and Weblate put names: a credit line and
    # Last-Translator; the team written by its members.
    po.header = f"Test catalog.\nAyşe Yılmaz <ayse@example.org>, 2026.\n{value}, 2026."
    po.metadata = {"Language": "xx", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);", "Last-Translator": value,
                   "Language-Team": "Çeviri ekibi <team@example.org>"}
    po.save(str(messages / "a.po"))
    assert credit_name(value)[1] is not None
    [checked] = check_integrity([messages / "a.po"])
    [finding] = [f for f in checked.findings if f.check == "header"]
    assert "Last-Translator" in finding.message
    assert checked.catalog.lines[finding.line - 1].startswith('"Last-Translator:')
    assert translators("xx", [(messages / "a.po").read_bytes()]) == ["Ayşe Yılmaz", "Çeviri ekibi"]


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
        assert printed is not None
        # Marked German where the page is in another language; a German page needs no mark.
        german_page = edition.code == pub.source_language
        assert printed.find_parent(attrs={"lang": pub.source_language}).name == ("html" if german_page else "span")
        for name in ("index", "anhang", "glossar"):
            footer = pages[name].select_one(".copyright").get_text(" ", strip=True)
            assert footer.endswith(edition.editors) and "Arbeitskreis" not in footer, footer
