"""The German original beside every translated block (brochure.sphinxext.bilingual).

A scratch project with one block of each kind, a catalog translating most of them, and
builds as the website (html), the print source (singlehtml) and the ePub: each translated
block is followed by exactly its German, fallbacks and identical translations are not
doubled, no id exists twice, the copies are German (``lang``, and ``dir`` in a right-to-left
edition), their links resolve as the page's do, and they stay out of the search index, the
page description and the ePub.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import build_scratch_project

EXTENSIONS = ["myst_parser", "brochure.sphinxext.translation_status", "brochure.sphinxext.bilingual",
              "brochure.sphinxext.page_meta", "brochure.sphinxext.text_direction"]

PAGE = """\
# Titel der Seite

Ein übersetzter Absatz mit {doc}`einem Verweis <andere>` und [einer Adresse](https://example.org/).

Ein deutscher Absatz, Wegweiserwort.

Mehmet Yılmaz

Ein Satz mit Fußnote.[^quelle]

*Betont* am Anfang.

[^quelle]: Eine Quelle.

## Zweiter Abschnitt

- Ein Listenpunkt
- Ein zweiter Listenpunkt

| Spalte | Wert |
|---|---|
| Zelle eins | Zelle zwei |

:::{glossary}
Fachbegriff
  Die Erklärung des Fachbegriffs.
:::

```{toctree}
andere
deutsch
```
"""

OTHER_PAGE = """\
# Andere Seite

Ein Absatz der anderen Seite.
"""

GERMAN_PAGE = """\
# Deutsche Seite

Noch ohne Übersetzung.
"""

HEADER = """\
msgid ""
msgstr ""
"Language: {language}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""

# German → translation; "" leaves the block German (a fallback).
MESSAGES = {
    "Titel der Seite": "Sayfanın başlığı",
    "Ein übersetzter Absatz mit {doc}`einem Verweis <andere>` und [einer Adresse](https://example.org/).":
        "Bir {doc}`bağlantı <andere>` ve [bir adres](https://example.org/) içeren çevrilmiş paragraf.",
    "Ein deutscher Absatz, Wegweiserwort.": "",
    "Mehmet Yılmaz": "Mehmet Yılmaz",
    "Ein Satz mit Fußnote.[^quelle]": "Dipnotlu bir cümle.[^quelle]",
    "Eine Quelle.": "Bir kaynak.",
    "*Betont* am Anfang.": "*Vurgulu* başta.",
    "Zweiter Abschnitt": "İkinci bölüm",
    "Ein Listenpunkt": "Bir liste maddesi",
    "Ein zweiter Listenpunkt": "İkinci liste maddesi",
    "Spalte": "Sütun",
    "Wert": "Değer",
    "Zelle eins": "Hücre bir",
    "Zelle zwei": "Hücre iki",
    "Fachbegriff": "Uzmanlık terimi",
    "Die Erklärung des Fachbegriffs.": "Uzmanlık teriminin açıklaması.",
}
COPIED = {german for german, translation in MESSAGES.items() if translation and translation != german}
ONLY_IN_GERMAN_STEM = "erklär"  # "Erklärung": in a copied block, in no translated or fallback one


def catalog(language: str) -> str:
    entries = [HEADER.format(language=language)]
    entries += [f'msgid "{msgid}"\nmsgstr "{msgstr}"\n' for msgid, msgstr in MESSAGES.items()]
    return "\n".join(entries)


OTHER_CATALOG = """
msgid "Andere Seite"
msgstr "Başka sayfa"

msgid "Ein Absatz der anderen Seite."
msgstr "Başka sayfanın bir paragrafı."
"""


def build(root: Path, builder: str, language: str = "tr", extensions: list[str] = EXTENSIONS,
          settings: str = "") -> Path:
    outdir, warnings = build_scratch_project(
        root, language=language, extensions=extensions, builder=builder,
        pages={"index.md": PAGE, "andere.md": OTHER_PAGE, "deutsch.md": GERMAN_PAGE},
        catalogs={"index.po": catalog(language), "andere.po": HEADER.format(language=language) + OTHER_CATALOG},
        settings="""\
            myst_enable_extensions = ["colon_fence", "deflist"]
            translation_progress_classes = True
            epub_theme = "epub"
            version = "1"
            copyright = "2014"
            """ + settings,
    )
    problems = [line for line in warnings.splitlines()
                if "Docutils-generated text" not in line and "is already registered" not in line]
    assert not problems
    return outdir


@pytest.fixture(scope="module")
def website(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("html"), "html")


def page(outdir: Path, name: str = "index") -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{name}.html").read_text(encoding="utf-8"), "lxml")


def text(element) -> str:
    """The element's text without its permalink."""
    strings = (s for s in element.find_all(string=True) if not s.find_parent(class_="headerlink"))
    return " ".join("".join(strings).split())


def pairs(document: BeautifulSoup) -> list[tuple[object, object]]:
    """(translated block, its German copy) for every copy of the page."""
    found = []
    for copy in document.select(".bilingual-original"):
        block = copy.find_previous_sibling()
        found.append((block, copy))
    return found


def test_every_translated_block_is_followed_by_its_german(website):
    document = page(website)
    shown = {text(copy): text(block) for block, copy in pairs(document)}
    assert set(shown) == {text_of(german) for german in COPIED}
    for german, translation in shown.items():
        expected = next(MESSAGES[msgid] for msgid in MESSAGES if text_of(msgid) == german)
        assert translation == text_of(expected)


def text_of(markup: str) -> str:
    """The text a message shows: role and link targets dropped."""
    markup = markup.replace("[^quelle]", "[1]").replace("*", "")  # the footnote as numbered
    markup = re.sub(r"\{doc\}`([^<`]*?) <[^>]*>`", r"\1", markup)
    return " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markup).split())


def test_fallbacks_and_identical_translations_are_not_doubled(website):
    document = page(website)
    german = document.find(string=re.compile("Wegweiserwort"))
    assert german.parent.get("lang") == "de"
    assert "bilingual-original" not in german.parent.get("class", [])
    assert len(document.find_all(string=re.compile("Wegweiserwort"))) == 1
    assert len(document.find_all(string=re.compile("Mehmet Yılmaz"))) == 1


def test_copies_are_german_and_hold_no_ids(website):
    document = page(website)
    copies = document.select(".bilingual-original")
    assert copies and all(copy.get("lang") == "de" for copy in copies)
    assert not any(copy.get("dir") for copy in copies)  # a left-to-right page needs none
    assert not any(element.get("id") for copy in copies for element in [copy, *copy.find_all(True)])
    ids = [element["id"] for element in document.find_all(id=True)]
    assert len(ids) == len(set(ids))
    # Each kind as the element its place needs: a heading's copy is no second heading.
    heading = document.find("h1")
    assert heading.find_next_sibling().name == "p"
    assert "bilingual-heading" in heading.find_next_sibling()["class"]
    term = document.select_one("dl.glossary dt.bilingual-original")
    assert text(term) == "Fachbegriff"
    assert not document.select(".bilingual-original h1, .bilingual-original h2, p.bilingual-original + h1")


def test_links_in_a_copy_resolve_like_the_translation(website):
    block, copy = next((block, copy) for block, copy in pairs(page(website)) if copy.find("a"))
    assert [a["href"] for a in copy.find_all("a")] == [a["href"] for a in block.find_all("a")]
    assert copy.find("a", href="andere.html")


def test_copies_stay_out_of_the_search_index_and_the_description(website):
    index = (website / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1: index.rindex(")")])["terms"]
    assert not [term for term in terms if term.startswith(ONLY_IN_GERMAN_STEM)]
    assert [term for term in terms if term.startswith("açıklama")]  # the translation is indexed
    description = page(website).find("meta", attrs={"name": "description"})["content"]
    assert "übersetzter" not in description


def test_the_control_links_to_itself_without_javascript(website):
    document = page(website)
    control = document.select_one("#bilingual-view")
    assert control.select_one("a.bilingual-show")["href"] == "#bilingual-view"
    assert control.select_one("a.bilingual-hide")
    assert control["data-label"]
    assert document.find("script", src=re.compile("bilingual.js"))
    assert document.find("link", href=re.compile("bilingual.css"))
    assert page(website, "andere").select_one("#bilingual-view") is not None
    # A page with nothing translated has nothing to show beside it.
    assert page(website, "deutsch").select_one("#bilingual-view") is None


def test_a_bilingual_print_source_has_the_copies_and_the_ebook_has_none(tmp_path):
    single = build(tmp_path / "single", "singlehtml", settings="bilingual_print = True\n")
    document = page(single)
    assert {text(copy) for copy in document.select(".bilingual-original.bilingual-print")} >= {
        "Zweiter Abschnitt", "Zelle eins"}
    assert document.select_one("#bilingual-view") is None  # no control on paper
    edition = page(build(tmp_path / "edition", "singlehtml"))  # the edition's own print source
    assert edition.select_one(".bilingual-original") is None
    # With the translation notice of the incomplete page: other nodes keep their ePub handlers.
    from brochure.base.editions import ROOT

    epub = build(tmp_path / "epub", "epub", settings=f"html_static_path = [{str(ROOT / 'static')!r}]\n")
    assert "_static/bilingual.css" not in (epub / "content.opf").read_text(encoding="utf-8")
    for xhtml in epub.glob("*.xhtml"):
        body = xhtml.read_text(encoding="utf-8")
        assert "bilingual-original" not in body and "bilingual-view" not in body
        assert "Zelle eins" not in body


def test_copies_run_left_to_right_in_a_right_to_left_edition(tmp_path):
    # (page_meta needs an edition of editions.toml; Arabic is a test edition only.)
    document = page(build(tmp_path, "html", language="ar",
                          extensions=[name for name in EXTENSIONS if not name.endswith("page_meta")]))
    copies = document.select(".bilingual-original")
    assert copies and all(copy.get("dir") == "ltr" and copy.get("lang") == "de" for copy in copies)


def test_the_source_edition_has_no_copies(tmp_path):
    outdir, _warnings = build_scratch_project(
        tmp_path, language="de", extensions=EXTENSIONS, pages={"index.md": PAGE, "andere.md": OTHER_PAGE, "deutsch.md": GERMAN_PAGE},
        catalogs={}, settings='myst_enable_extensions = ["colon_fence", "deflist"]\n')
    document = page(outdir)
    assert not document.select(".bilingual-original") and document.select_one("#bilingual-view") is None


# -- The published editions: every copy is exactly its block's German -------------------------

WILDCARD = object()  # text the catalog does not hold: a page title a bare {doc} shows, a number


def rendered_pattern(markup: str) -> re.Pattern:
    """What a message shows, as a pattern over its text without white space: the words of
    its MyST markup as the page parser reads them (links and roles by their text)."""
    from brochure.i18n.myst import CODE_ROLES, explicit_target, parser

    parts: list[object] = []
    for token in parser().parse(markup):
        for child in token.children or []:
            if child.type in ("text", "text_special", "code_inline"):
                parts.append(child.content)
            elif child.type == "myst_role":
                explicit = explicit_target(child.content)
                parts.append(explicit[0] if explicit else
                             child.content if child.meta.get("name") in CODE_ROLES else WILDCARD)
            elif child.type == "footnote_ref":
                parts.append(WILDCARD)
    pattern = "".join(".+?" if part is WILDCARD else re.escape(re.sub(r"\s+", "", part)) for part in parts)
    return re.compile(pattern)


def compact(element) -> str:
    """An element's text without permalinks, section numbers, soft hyphens and white space."""
    strings = (s for s in element.find_all(string=True)
               if not s.find_parent(class_=("headerlink", "section-number")))
    return re.sub(r"\s+", "", "".join(strings).replace("\u00ad", ""))


def checked_messages(code: str, docname: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of the page's catalog as its build checked and compiled it."""
    import polib

    from brochure.i18n.paths import catalog_path, edition_checked_locale_dir

    path = catalog_path(code, docname, edition_checked_locale_dir(code)).with_suffix(".mo")
    if not path.exists():
        return []
    return [(entry.msgid, entry.msgstr) for entry in polib.mofile(str(path)) if entry.msgid]


@pytest.mark.parametrize("code", ["en", "tr"])
def test_every_translated_block_of_the_editions_shows_exactly_its_own_german(code, site):
    from support import edition_pages

    checked = 0
    for docname, document in edition_pages(code).items():
        article = document.select_one("article")
        if article is None:
            continue
        messages = [(rendered_pattern(msgid), rendered_pattern(msgstr), msgid == msgstr)
                    for msgid, msgstr in checked_messages(code, docname)]
        for block in article.select("p.translated, h1.translated, h2.translated, h3.translated, "
                                    "h4.translated, dt.translated"):
            shown = compact(block)
            candidates = [(german, same) for german, translation, same in messages
                          if translation.fullmatch(shown)]
            assert candidates, f"{code}/{docname}: no checked message shows {shown[:60]!r}"
            copy = block.find_next_sibling()
            if copy is None or "bilingual-original" not in copy.get("class", []):
                assert any(same for _german, same in candidates), f"{code}/{docname}: no German beside {shown[:60]!r}"
                continue
            assert copy["lang"] == "de" and not copy.find_all(id=True) and not copy.get("id")
            assert any(german.fullmatch(compact(copy)) for german, _same in candidates), (
                f"{code}/{docname}: beside {shown[:60]!r} stands {compact(copy)[:60]!r}")
            checked += 1
        # Nothing else is doubled: a copy only ever follows a translated block.
        for copy in article.select(".bilingual-original"):
            assert "translated" in copy.find_previous_sibling().get("class", []), f"{code}/{docname}"
    assert checked > 100


def test_an_editions_pdf_prints_no_german_copy(site):
    """The edition's own PDF is in its language: the website's copies stay on the website."""
    from pypdf import PdfReader

    from brochure.base.editions import publication
    from support import soup

    edition = publication().edition("tr")
    glossary = soup(site / "tr" / "glossar.html")
    copies = [re.sub(r"\W+", "", copy.get_text()) for copy in glossary.select("p.bilingual-original")]
    assert copies
    pdf = next((site / "tr").glob(f"{edition.epub_basename}*.pdf"), None) or next((site / "tr").glob("*.pdf"))
    printed = re.sub(r"\W+", "", "".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert not [copy for copy in copies if copy[:40] in printed]
