"""The print document (brochure.sphinxext.print_builder) on a scratch project: page order and
depth from the toctree, unique anchors, links, section numbers, the translation notice's public
link, and no soft hyphens (the PDF hyphenates itself)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import html as lxml_html

from brochure.base.editions import publication
from brochure.sphinxext.print_builder import BUILDER, page_anchor
from support import build_scratch_project

EXTENSIONS = ["myst_parser", "brochure.sphinxext.translation_status", "brochure.sphinxext.soft_hyphens",
              "brochure.sphinxext.print_builder"]

PAGES = {
    "index.md": """\
# Startseite

Ein Satz auf der Startseite.

```{toctree}
teil/index
anhang
```
""",
    "teil/index.md": """\
# Ein Teil

## Einleitung

Der Teil verweist auf {ref}`den Abschnitt im Anhang <anhang-abschnitt>`.

## Beiträge

```{toctree}
:numbered: 1

kapitel
```
""",
    "teil/kapitel.md": """\
# Ein Kapitel

## Einleitung

Ein Verweis {doc}`zurück </index>`.
""",
    "anhang.md": """\
# Anhang

(anhang-abschnitt)=
## Ein Abschnitt

Eine Integrationsbeauftragtenkonferenz.
""",
}

HEADER = """\
msgid ""
msgstr ""
"Language: tr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""


def catalog(translations: dict[str, str]) -> str:
    return HEADER + "".join(f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n' for msgid, msgstr in translations.items())


CATALOGS = {
    "index.po": catalog({"Startseite": "Başlangıç", "Ein Satz auf der Startseite.": "Başlangıçta bir cümle."}),
    "teil/index.po": catalog({"Ein Teil": "Bir Bölüm", "Einleitung": "Giriş", "Beiträge": "Katkılar",
                              "Der Teil verweist auf {ref}`den Abschnitt im Anhang <anhang-abschnitt>`.":
                              "Bölüm {ref}`ekteki kısma <anhang-abschnitt>` gönderir."}),
    "teil/kapitel.po": catalog({"Ein Kapitel": "Bir Kısım", "Einleitung": "Giriş",
                                "Ein Verweis {doc}`zurück </index>`.": ""}),  # left German
    "anhang.po": catalog({"Anhang": "Ek", "Ein Abschnitt": "Uluslararasılaştırılamayanlardan",
                          "Eine Integrationsbeauftragtenkonferenz.": "Bir uyum sorumluları konferansı."}),
}


def build(root, builder: str):
    outdir, warnings = build_scratch_project(
        root, language="tr", extensions=EXTENSIONS, pages=PAGES, catalogs=CATALOGS, builder=builder,
        settings='translation_progress_classes = True\n')
    problems = [line for line in warnings.splitlines()
                if "Docutils-generated text" not in line and "is already registered" not in line]
    assert not problems
    return outdir


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    return (build(tmp_path_factory.mktemp("print"), BUILDER) / "index.html").read_text(encoding="utf-8")


def test_pages_follow_the_toctree_with_their_depth(document):
    tree = lxml_html.fromstring(document)
    pages = [(section.get("id"), section.get("class")) for section in tree.xpath("//section[contains(concat(' ', @class, ' '), ' page ')]")]
    assert pages == [(page_anchor("index"), "page depth-0"), (page_anchor("teil/index"), "page depth-1"),
                     (page_anchor("teil/kapitel"), "page depth-2"), (page_anchor("anhang"), "page depth-1")]
    # A part is H1, the chapter its toctree names inside "Beiträge" (H2) is H3.
    in_pages = "//section[contains(@class, 'depth-')]"
    headings = [(h.tag, " ".join(h.text_content().split()))
                for h in tree.xpath(f"{in_pages}//h1|{in_pages}//h2|{in_pages}//h3")]
    assert headings[:4] == [("h1", "Bir Bölüm"), ("h2", "Giriş"), ("h2", "Katkılar"), ("h3", "1. Bir Kısım")]


def test_title_page_and_contents_come_first(document):
    edition = publication().edition("tr")
    tree = lxml_html.fromstring(document)
    assert tree.get("lang") == "tr" and tree.get("dir") == "ltr"
    assert tree.findtext("head/title") == f"{edition.title} – {edition.subtitle}"
    title = tree.xpath("//section[@class='title-page']")[0]
    assert [" ".join(p.text_content().split()) for p in title] == [
        edition.title, edition.subtitle, edition.tagline, edition.editors]
    entries = [(a.getparent().get("class"), a.get("href"), a.text_content()) for a in tree.xpath("//nav[@class='toc']//a")]
    assert entries == [("toc-depth-1", f"#{page_anchor('teil/index')}", "Bir Bölüm"),
                       ("toc-depth-2", f"#{page_anchor('teil/kapitel')}", "1. Bir Kısım"),
                       ("toc-depth-1", f"#{page_anchor('anhang')}", "Ek")]
    # The start page's title is the title page's; its text stays, before the contents.
    assert ">Başlangıç<" not in document and document.index("Başlangıçta bir cümle.") < document.index('class="toc"')


def test_ids_are_unique_and_every_internal_link_has_its_target(document):
    ids = Counter(re.findall(r'\sid="([^"]+)"', document))
    assert [name for name, count in ids.items() if count > 1] == []  # two pages have "Einleitung"
    assert f"{page_anchor('teil/index')}--einleitung" in ids and f"{page_anchor('teil/kapitel')}--einleitung" in ids
    internal = re.findall(r'href="#([^"]*)"', document)
    assert f"{page_anchor('anhang')}--anhang-abschnitt" in internal  # a reference into another page
    assert f"{page_anchor('index')}" in internal
    assert sorted(set(internal) - set(ids)) == []


def test_links_leaving_the_brochure_get_the_public_address(document):
    base = publication().base_url
    # The notice of the page left partly German links to the German page's public address.
    tree = lxml_html.fromstring(document)
    notices = tree.xpath("//div[contains(@class, 'translation-status')]")
    assert len(notices) == 1 and notices[0].getparent().getparent().get("id") == page_anchor("teil/kapitel")
    assert notices[0].xpath(".//a/@href") == [f"{base}de/teil/kapitel.html"]
    assert not re.search(r'<a\s[^>]*href="(?!#|https?://|mailto:)', document)


def test_no_soft_hyphens_and_no_web_furniture(document, tmp_path):
    """Hyphenated once per format: the website's heading gets soft hyphens, the print
    document's none (WeasyPrint hyphenates it: hyphens: auto). No script, navigation or
    permalinks either."""
    website = (build(tmp_path, "html") / "anhang.html").read_text(encoding="utf-8")
    assert "\u00ad" in website.split("<h2")[1].split("</h2>")[0]
    assert "Uluslararasılaştırılamayanlardan" in document and "\u00ad" not in document
    assert "<script" not in document and "headerlink" not in document and "sidebar" not in document
    assert '<link rel="stylesheet" href="_static/print.css">' in document
