"""No English interface string in the German and Turkish editions, in HTML, ePub and PDF; every
furo string localized."""

import gettext
import re
import zipfile
from pathlib import Path

import pikepdf
import polib
import pytest
import sphinx
from bs4 import Comment, Doctype
from lxml import etree
from pypdf import PdfReader

from brochure.base.editions import LOCALE_DIR, ROOT
from brochure.i18n.interface import HARD_CODED
from brochure.i18n.paths import edition_checked_locale_dir
from support import SITE, edition_pages

SPHINX_LOCALE = Path(sphinx.__file__).parent / "locale"
CHROME_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


def translator(code):
    ours = gettext.translation("sphinx", str(edition_checked_locale_dir(code)), [code])  # what the build loaded
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
        if isinstance(text, (Comment, Doctype)):
            continue  # not shown to readers
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
    assert re.search(rf'"locale": "{code}"', script)


# Names every edition shows alike: the products credited in the footer.
PRODUCT_NAMES = {"Furo", "Sphinx"}


def shown_alike(pub, value: str, german_text: str) -> bool:
    """Text that is the same in every language: names, numbers, the German original's words."""
    return (value in {edition.native_name for edition in pub.editions} or value in PRODUCT_NAMES
            or re.search(r"[^\W\d_]{2}", value) is None or value in german_text)


def test_no_interface_string_is_the_same_in_every_edition(pub, site):
    """A new hard-coded English literal in a furo release shows up in all editions alike."""
    german_text = " ".join(" ".join(p.read_text(encoding="utf-8").split())
                           for p in (ROOT / "source").rglob("*.md"))
    pages = {edition.code: edition_pages(edition.code) for edition in pub.editions}
    common = set.intersection(*(set(found) for found in pages.values()))
    assert len(common) > 40
    untranslated = set()
    for name in sorted(common):
        shown = [set(chrome_strings(found[name])) for found in pages.values()]
        for where, value in set.intersection(*shown):
            if not shown_alike(pub, value, german_text):
                untranslated.add(f"{name} {where}: {value!r}")
    assert not untranslated, "\n".join(sorted(untranslated))


# -- ePub and PDF: every word a reader sees, in the edition's language ----------------------

EPUB_ATTRIBUTES = ("title", "alt", "aria-label", "content")


def epub_strings(path: Path):
    """(file, text) of every text and reader-facing attribute in the ePub: its content
    documents, the navigation document, the package metadata and guide, the NCX."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith((".xhtml", ".opf", ".ncx")):
                continue
            root = etree.fromstring(archive.read(name))
            for element in root.iter():
                if not isinstance(element.tag, str):
                    continue  # comments, processing instructions
                for attribute in EPUB_ATTRIBUTES:
                    if value := element.get(attribute):
                        yield name, " ".join(value.split())
                if element.text and element.text.strip():
                    yield name, " ".join(element.text.split())


def english_words_in(code: str, strings) -> set[str]:
    english = english_interface_strings(code) | {"unknown"}  # also Sphinx's default contributor
    return {f"{where}: {value!r}" for where, value in strings if value in english}


@pytest.mark.parametrize("code", ["de", "tr"])
def test_no_english_interface_string_in_the_epub(pub, code, site):
    edition = pub.edition(code)
    found = english_words_in(code, epub_strings(SITE / code / edition.epub_filename))
    assert not found, "\n".join(sorted(found))


def pdf_strings(path: Path):
    """(where, text) of the PDF's metadata, bookmarks and every line of its pages."""
    with pikepdf.open(path) as pdf:
        for key, value in pdf.docinfo.items():
            if key != "/Producer":  # the name of the program that wrote the file
                yield f"info {key}", str(value)
        with pdf.open_outline() as tree:
            stack = list(tree.root)
            while stack:
                item = stack.pop()
                yield "bookmark", item.title
                stack.extend(item.children)
    for number, page in enumerate(PdfReader(path).pages, 1):
        for line in page.extract_text().splitlines():
            if line.strip():
                yield f"page {number}", " ".join(line.split())


@pytest.mark.parametrize("code", ["de", "tr"])
def test_no_english_interface_string_in_the_pdf(pub, code, site):
    edition = pub.edition(code)
    found = english_words_in(code, pdf_strings(SITE / code / edition.pdf_filename))
    assert not found, "\n".join(sorted(found))


def test_the_epub_search_reads_the_navigation_document(tmp_path):
    """The ePub test above catches Sphinx's English title of the navigation document."""
    book = tmp_path / "book.epub"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("nav.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
                         "<title>Table of Contents</title></head><body/></html>")
    english = {"Table of Contents"}
    assert {value for _where, value in epub_strings(book)} & english == english
