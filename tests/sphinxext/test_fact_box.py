"""The fact box of an article page: what the printed table of contents says about it, from
the page's front matter alone, in the edition's language; and the prose below it does not
say the heading again."""

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from brochure.base.editions import ROOT
from brochure.i18n.interface import interface_gettext
from brochure.sphinxext.fact_box import facts, front_matter_list
from printed_toc import AUTHORS_IN_PRINT_ORDER
from support import build_scratch_project, edition_pages

EXTENSIONS = ["myst_parser", "brochure.sphinxext.fact_box"]
SETTINGS = 'myst_enable_extensions = ["colon_fence"]\nroot_doc = "index"\n'
PAGES = {
    "index.md": "# Start\n\n```{toctree}\nteil\nschluss\n```\n",
    "schluss.md": "---\ncontributors: [Ida Ende]\n---\n\n# Schluss\n\n```{factbox}\n```\n",
    "teil.md": "# Der Teil\n\n```{toctree}\nerster\nzweiter\n```\n",
    "erster.md": (
        "---\nprint_page: 7\ncontributors: [Erika Muster, Max Muster]\nrole: Beauftragte der Stadt\n"
        "municipality: Musterstadt\nglossary: [Wort]\nsee_also: [glossar]\n---\n\n"
        "# Erster Beitrag\n\n```{factbox}\n```\n\nEin Satz.\n"
    ),
    "zweiter.md": "---\nprint_page: 8\ncontributors: Hans Beispiel\n---\n\n# Zweiter Beitrag\n\n```{factbox}\n```\n",
    "glossar.md": "---\norphan: true\n---\n\n# Glossar\n\n```{glossary}\nWort\n  Eine Erklärung.\n```\n",
}
ROLE_PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "Beauftragte der Stadt"\nmsgstr "City officer"\n\n'
    'msgid "{term}`Wort`"\nmsgstr "{term}`word <Wort>`"\n'
)


def _box(html_path) -> dict[str, BeautifulSoup]:
    page = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    box = page.select_one("dl.fact-box")
    assert box is not None
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in box.find_all("dt")}


def test_the_box_shows_the_front_matter_the_toctree_and_translates_words(tmp_path):
    out, warnings = build_scratch_project(tmp_path, language="en", extensions=EXTENSIONS, pages=PAGES,
                                          catalogs={"erster.po": ROLE_PO}, settings=SETTINGS)
    # Other scratch builds in the same process re-register Sphinx's nodes; nothing else may warn.
    assert [line for line in warnings.splitlines() if "is already registered" not in line] == []
    rows = _box(out / "erster.html")
    assert rows["Contribution by"].get_text(strip=True) == "Erika Muster, Max Muster"
    # names are the same in every edition: not German in a translation, not for page translators
    assert "notranslate" in rows["Contribution by"].p["class"] and "notranslate" in rows["Municipality"].p["class"]
    assert rows["Role"].get_text(strip=True) == "City officer"  # the page catalog's translation
    assert rows["Municipality"].get_text(strip=True) == "Musterstadt"
    assert [a.get_text() for a in rows["Part of the brochure"].find_all("a")] == ["Der Teil"]
    assert rows["In the glossary"].a["href"]== "glossar.html#term-Wort"
    assert rows["In the glossary"].get_text(strip=True) == "word"
    # the other contribution of the chapter, then the page named in see_also
    assert [a.get_text() for a in rows["See also"].find_all("a")] == ["Zweiter Beitrag", "Glossar"]
    second = _box(out / "zweiter.html")
    assert set(second) == {"Contribution by", "Part of the brochure", "See also"}
    assert second["Contribution by"].get_text(strip=True) == "Hans Beispiel"
    # a part of its own: no part above it, and the other parts are not its neighbours
    assert set(_box(out / "schluss.html")) == {"Contribution by"}


def test_a_box_without_its_data_is_an_error_naming_the_page_and_line(tmp_path):
    pages = {"index.md": "# Start\n\nText.\n\n```{factbox}\n```\n"}
    _out, warnings = build_scratch_project(tmp_path, language="de", extensions=EXTENSIONS, pages=pages,
                                           catalogs={}, settings=SETTINGS)
    assert re.search(r"index\.md:5: ERROR: factbox: the page's front matter has neither", warnings), warnings


def test_front_matter_values_are_read_as_myst_stores_them():
    assert front_matter_list('["A", "B"]') == ["A", "B"]
    assert front_matter_list("A") == ["A"]
    assert front_matter_list(None) == []
    with pytest.raises(ValueError):
        front_matter_list('[1, 2]')
    assert facts({"contributors": '["A"]', "role": " R "})["role"] == "R"


def _front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}


def article_pages() -> dict[str, dict]:
    """Pages with a fact box, in no particular order: name → front matter."""
    pages = {}
    for path in (ROOT / "source").rglob("*.md"):
        if "```{factbox}" in path.read_text(encoding="utf-8"):
            pages[path.relative_to(ROOT / "source").with_suffix("").as_posix()] = _front_matter(path)
    return pages


@pytest.mark.parametrize("code", ["de", "en", "tr"])
def test_every_contribution_has_a_box_from_its_one_source(code, site):
    """The box's names and the print-page line come from the page's front matter, and together
    they are the printed table of contents (the oracle), contribution by contribution."""
    label = interface_gettext(code)("Contribution by")
    pages = edition_pages(code)
    shown = []
    for name, matter in article_pages().items():
        rows = {dt.get_text(strip=True): dt.find_next_sibling("dd")
                for dt in pages[name].select("article dl.fact-box > dt")}
        names = rows[label].get_text(strip=True).split(", ")
        assert names == matter["contributors"], f"{code}/{name}"
        page = int(pages[name].select_one("article p.print-page").get_text().rsplit(" ", 1)[-1])
        assert page == int(matter["print_page"])
        shown += [(author, page) for author in names]
    assert sorted(shown) == sorted(AUTHORS_IN_PRINT_ORDER)


SHINGLE = 3  # consecutive words of the heading that prose below it may not repeat


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def repeated_heading(heading: str, prose: str) -> str | None:
    """The first run of SHINGLE consecutive heading words found in *prose*, if any."""
    heading_words, prose_words = words(heading), words(prose)
    runs = {tuple(heading_words[i:i + SHINGLE]) for i in range(len(heading_words) - SHINGLE + 1)}
    for i in range(len(prose_words) - SHINGLE + 1):
        if tuple(prose_words[i:i + SHINGLE]) in runs:
            return " ".join(prose_words[i:i + SHINGLE])
    return None


def test_repeated_heading_finds_a_run_of_heading_words_in_any_case():
    assert repeated_heading("Leipzig, A B: Gesamtkonzept zur Integration", "Das gesamtkonzept zur integration.") == (
        "gesamtkonzept zur integration")
    assert repeated_heading("Leipzig, A B: Gesamtkonzept zur Integration", "Leipzig war vertreten.") is None


@pytest.mark.parametrize("code", ["de", "en", "tr"])
def test_no_article_page_repeats_its_heading_or_print_page_in_prose(code, site):
    """Below the heading, the print-page line and the box say what the table of contents says;
    the prose adds context and never repeats three words of the heading in a row, nor the
    print page."""
    print_edition = interface_gettext(code)("Print edition, p. %(page)s").split(",")[0]
    problems = []
    for name in sorted(article_pages()):
        article = edition_pages(code)[name].select_one("article")
        heading = article.h1.get_text(" ", strip=True).replace("\xad", "").rstrip("#")
        prose = " ".join(p.get_text(" ") for p in article.select("section > p:not(.print-page):not(.print-only):not(.bilingual-original)"))
        if run := repeated_heading(heading, prose):
            problems.append(f"{code}/{name}: repeats “{run}”")
        if print_edition.casefold() in prose.casefold():
            problems.append(f"{code}/{name}: names the print edition")
    assert problems == []
