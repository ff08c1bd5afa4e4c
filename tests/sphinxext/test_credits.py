"""Every edition's imprint page credits the translators named in the catalogs."""

import polib

from brochure.editions import LOCALE_DIR
from brochure.sphinxext.credits import translators
from support import edition_pages


def test_imprint_credits_every_translation_with_the_catalogs_translators(pub, site):
    for reader in pub.editions:
        page = edition_pages(reader.code)["ueber-diese-ausgabe"]
        items = page.select("ul.translators li")
        assert [li.span["lang"] for li in items] == [e.code for e in pub.translations]
        for item, edition in zip(items, pub.translations):
            header = polib.pofile(str(LOCALE_DIR / edition.code / "LC_MESSAGES" / "index.po")).metadata
            team = header["Last-Translator"].split("<")[0].strip()
            assert team in item.get_text()
            assert "@" not in item.get_text()


def test_placeholders_and_addresses_are_not_credited(tmp_path, monkeypatch):
    import brochure.sphinxext.credits as credits

    messages = tmp_path / "xx" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for name, last in (("a.po", "Ayşe Yılmaz <ayse@example.org>"), ("b.po", "FULL NAME <EMAIL@ADDRESS>")):
        po = polib.POFile()
        po.metadata = {"Last-Translator": last, "Language-Team": "LANGUAGE <LL@li.org>",
                       "Content-Type": "text/plain; charset=UTF-8"}
        po.save(str(messages / name))
    assert translators("xx", tmp_path) == ["Ayşe Yılmaz"]
