"""No English interface string in the German and Turkish editions; every furo string localized."""

import gettext
import re
from pathlib import Path

import polib
import pytest
import sphinx

from brochure.editions import LOCALE_DIR
from brochure.i18n.interface import HARD_CODED
from support import SITE, edition_pages

SPHINX_LOCALE = Path(sphinx.__file__).parent / "locale"
CHROME_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


def translator(code):
    ours = gettext.translation("sphinx", str(LOCALE_DIR), [code])
    ours.add_fallback(gettext.translation("sphinx", str(SPHINX_LOCALE), [code], fallback=True))
    return ours


def english_interface_strings(code):
    """Every English message the interface may show, minus those the language keeps as is."""
    strings, same = set(), set()
    for path in (SPHINX_LOCALE / "sphinx.pot", LOCALE_DIR / code / "LC_MESSAGES" / "sphinx.po",
                 SPHINX_LOCALE / code / "LC_MESSAGES" / "sphinx.po"):
        for entry in polib.pofile(str(path)):
            if "%" in entry.msgid or "<" in entry.msgid or len(entry.msgid) < 3:
                continue
            strings.add(entry.msgid.strip())
            if entry.msgstr.strip() == entry.msgid.strip():
                same.add(entry.msgid.strip())
    return strings - same


def chrome_strings(page):
    """Interface text: attributes everywhere, text outside the article's own content."""
    for element in page.find_all(True):
        for attribute in CHROME_ATTRIBUTES:
            if element.has_attr(attribute):
                yield f"@{attribute}", " ".join(str(element[attribute]).split())
    for text in page.find_all(string=True):
        if text.find_parent("article") is None and text.find_parent(["script", "style"]) is None:
            value = " ".join(text.split())
            if value:
                yield "text", value


@pytest.mark.parametrize("code", ["de", "tr"])
def test_no_english_interface_string(code, site):
    english = english_interface_strings(code)
    found = set()
    for name, page in edition_pages(code).items():
        for where, value in chrome_strings(page):
            if value in english or value.startswith("Toggle navigation of"):
                found.add(f"{name} {where}: {value!r}")
    assert not found, "\n".join(sorted(found))


@pytest.mark.parametrize("code", ["de", "tr"])
def test_hard_coded_furo_strings_are_translated(code, site):
    _ = translator(code).gettext
    page = (SITE / code / "index.html").read_text(encoding="utf-8")
    for _template, _literal, msgid in HARD_CODED:
        assert _(msgid) != msgid, f"{code}: no translation for {msgid!r}"
        assert _(msgid) in page or _(msgid).replace("/", "&#x2F;") in page, msgid


@pytest.mark.parametrize("code", ["de", "tr"])
def test_navigation_toggles_name_their_chapter_in_the_language(code, site):
    _ = translator(code).gettext
    index = edition_pages(code)["index"]
    labels = [c["aria-label"] for c in index.select("input.toctree-checkbox")]
    assert labels
    prefix = _("Toggle navigation of %(title)s").split("%(title)s")[0]
    assert all(label.startswith(prefix) for label in labels)


@pytest.mark.parametrize("code", ["de", "tr"])
def test_search_messages_come_from_the_project_catalog(code, site):
    script = (SITE / code / "_static" / "translations.js").read_text(encoding="utf-8")
    po = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "sphinx.po"))
    plural = next(e for e in po if e.msgid_plural)
    assert plural.msgstr_plural[1] in script
    assert re.search(r'"locale": "%s"' % code, script)
