"""``brochure.sphinxext.search_folding``: one word, one index entry, however its capitals are typed.

The folding functions are checked directly; tiny one-page builds check that the search index
and the query code Sphinx writes use them, and that the English edition's search output stays
exactly Sphinx's own. The same behaviour in a real browser on the real editions is tested in
``tests/browser/test_search.py``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sphinx
from sphinx.search import SearchEnglish
from sphinx.search.tr import SearchTurkish

from brochure.base.editions import ROOT
from brochure.i18n.folding import fold_german, fold_turkish
from brochure.sphinxext import search_folding
from brochure.sphinxext.search_folding import FoldingSearchGerman, FoldingSearchTurkish

EXTENSION = "brochure.sphinxext.search_folding"


@pytest.mark.parametrize(("typed", "folded"), [
    ("İleriye", "ileriye"),
    ("İLERİYE", "ileriye"),
    ("ileriye", "ileriye"),
    ("I\u0307leriye", "ileriye"),  # decomposed İ
    ("i\u0307leriye", "ileriye"),  # what a language-neutral lower() makes of "İleriye"
    ("KATILIM", "katılım"),  # Turkish capital I is dotless ı
    ("Katılım", "katılım"),
    ("ÇEMBERİ", "çemberi"),
])
def test_turkish_folding(typed, folded):
    assert fold_turkish(typed) == folded


@pytest.mark.parametrize(("typed", "folded"), [
    ("Grußworte", "grussworte"),
    ("Grussworte", "grussworte"),
    ("GRUSSWORTE", "grussworte"),
    ("GRUẞWORTE", "grussworte"),  # capital sharp s
    ("Straße", "strasse"),
    ("Übersetzungsstand", "übersetzungsstand"),
])
def test_german_folding(typed, folded):
    assert fold_german(typed) == folded


@pytest.mark.parametrize(("language", "spellings"), [
    (FoldingSearchTurkish, ["İleriye", "ileriye", "İLERİYE"]),
    (FoldingSearchTurkish, ["Katılım", "katılım", "KATILIM"]),
    (FoldingSearchGerman, ["Grußworte", "Grussworte", "GRUSSWORTE", "GRUẞWORTE", "grußworte"]),
    (FoldingSearchGerman, ["Maßnahmen", "Massnahmen", "MASSNAHMEN"]),
])
def test_every_spelling_stems_to_one_index_word(language, spellings):
    stems = {language({}).stem(word) for word in spellings}
    assert len(stems) == 1, stems


def test_sphinx_alone_splits_the_turkish_word():
    """Why the extension exists. If this fails, Sphinx folds Turkish itself: reconsider it."""
    stock = SearchTurkish({})
    assert stock.stem("İleriye") != stock.stem("ileriye")


def simulate_js_fold(js: str, word: str) -> str:
    """Apply the splitter's .replaceAll()/.toLowerCase() chain to *word*, in its order."""
    steps = re.findall(r'\.replaceAll\(("(?:[^"\\]|\\.)*"), ("(?:[^"\\]|\\.)*")\)|(\.toLowerCase\(\))', js)
    assert any(lower for *_, lower in steps), "the splitter no longer lowercases"
    for old, new, lower in steps:
        word = word.lower() if lower else word.replace(json.loads(old), json.loads(new))
    return word


@pytest.mark.parametrize(("language", "fold", "words"), [
    (FoldingSearchTurkish, fold_turkish, ["İleriye", "İLERİYE", "KATILIM", "i\u0307leri\u0307ye", "Straße"]),
    (FoldingSearchGerman, fold_german, ["GRUẞWORTE", "Grußworte", "İleriye", "KATILIM"]),
])
def test_query_is_folded_like_the_index(language, fold, words):
    js = language.js_splitter_code
    for word in words:  # NFC words: the JS normalizes first, as fold() does
        assert simulate_js_fold(js, word) == fold(word), word


def test_query_is_split_like_sphinx_splits_it():
    """The splitter replaces searchtools.js's default; it must cut words at the same places."""
    searchtools = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"
    default = re.search(r"\.split\((/[^\n]*?/gu)\)", searchtools.read_text(encoding="utf-8")).group(1)
    for language in (FoldingSearchTurkish, FoldingSearchGerman):
        assert f".split({default})" in language.js_splitter_code


def test_only_turkish_and_german_search_are_replaced():
    registered = []

    class App:
        def add_search_language(self, cls):
            registered.append(cls)

        def add_config_value(self, *args, **kwargs):
            pass

        def connect(self, *args, **kwargs):
            pass

    search_folding.setup(App())
    assert sorted(cls.lang for cls in registered) == ["de", "tr"]


# -- tiny builds ----------------------------------------------------------------------------

PAGE = """\
İleriye Bakış
=============

Toplumsal KATILIM ve Grußworte an der Straße.
"""

CONF = """\
import os, sys
sys.path.insert(0, os.environ["BROCHURE_ROOT"])
extensions = [name for name in os.environ["TEST_EXTENSIONS"].split(",") if name]
html_theme = "basic"
"""


def build(tmp_path: Path, language: str, with_extension: bool) -> Path:
    """Build a one-page project in a fresh interpreter (search languages are process-global)."""
    project = tmp_path / "project"
    if not project.exists():
        (project / "source").mkdir(parents=True)
        (project / "source" / "conf.py").write_text(CONF, encoding="utf-8")
        (project / "source" / "index.rst").write_text(PAGE, encoding="utf-8")
    out = tmp_path / f"{language}-{'with' if with_extension else 'without'}"
    env = {**os.environ, "BROCHURE_ROOT": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000",
           "TEST_EXTENSIONS": EXTENSION if with_extension else ""}
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-E", "-b", "html", "-D", f"language={language}",
         "-d", str(out / "doctrees"), str(project / "source"), str(out / "html")],
        check=True, env=env, capture_output=True, text=True,
    )
    return out / "html"


def search_index(html: Path) -> dict:
    text = (html / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[len("Search.setIndex("):-1])


def index_words(html: Path) -> set[str]:
    index = search_index(html)
    return set(index["terms"]) | set(index["titleterms"])


def test_turkish_index_and_query_are_folded(tmp_path):
    html = build(tmp_path, "tr", with_extension=True)
    words = index_words(html)
    stem = FoldingSearchTurkish({}).stem
    assert {stem("ileriye"), stem("katılım")} <= words
    assert not [word for word in words if "\u0307" in word or word != fold_turkish(word)]
    assert "var splitQuery" in (html / "_static" / "language_data.js").read_text(encoding="utf-8")


def test_german_index_and_query_are_folded(tmp_path):
    html = build(tmp_path, "de", with_extension=True)
    words = index_words(html)
    stem = FoldingSearchGerman({}).stem
    assert {stem("grussworte"), stem("strasse")} <= words
    assert not [word for word in words if "ß" in word]
    assert "var splitQuery" in (html / "_static" / "language_data.js").read_text(encoding="utf-8")


def test_english_search_output_is_sphinxs_own(tmp_path):
    with_extension = build(tmp_path, "en", with_extension=True)
    without = build(tmp_path, "en", with_extension=False)
    index, stock_index = search_index(with_extension), search_index(without)
    # envversion lists each extension's data version, so it names this one too.
    index.pop("envversion"), stock_index.pop("envversion")
    assert index == stock_index
    for name in ("_static/language_data.js", "_static/searchtools.js", "search.html"):
        assert (with_extension / name).read_bytes() == (without / name).read_bytes(), name


# -- synonyms ------------------------------------------------------------------------------

SYNONYM_PAGE = """\
Uyum Politikası
===============

Belediyelerde uyumun izlenmesi ve uyum sorumluları.
"""


def build_page(tmp_path: Path, language: str, page: str, termbase: str | None = None) -> Path:
    project = tmp_path / "synonyms"
    (project / "source").mkdir(parents=True, exist_ok=True)
    (project / "source" / "conf.py").write_text(CONF, encoding="utf-8")
    (project / "source" / "index.rst").write_text(page, encoding="utf-8")
    out = tmp_path / f"synonyms-{language}"
    env = {**os.environ, "BROCHURE_ROOT": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000",
           "TEST_EXTENSIONS": EXTENSION}
    if termbase is not None:
        (tmp_path / "termbase.csv").write_text(termbase, encoding="utf-8")
        env["BROCHURE_TERMBASE"] = str(tmp_path / "termbase.csv")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-E", "-b", "html", "-D", f"language={language}",
         "-d", str(out / "doctrees"), str(project / "source"), str(out / "html")],
        env=env, capture_output=True, text=True,
    )
    if result.returncode:
        raise AssertionError(result.stderr)
    return out / "html"


def test_a_synonym_finds_the_pages_of_its_approved_term(tmp_path):
    """Turkish readers type "entegrasyon"; the page says "uyum" (also inflected: "uyumun")."""
    html = build_page(tmp_path, "tr", SYNONYM_PAGE)
    stem = FoldingSearchTurkish({}).stem
    assert stem("entegrasyon") in index_words(html)
    assert stem("entegrasyon") != stem("uyum")


def test_a_page_without_the_term_gets_no_synonym(tmp_path):
    html = build_page(tmp_path, "tr", "Başlık\n======\n\nBelediye kalite çemberi.\n")
    assert FoldingSearchTurkish({}).stem("entegrasyon") not in index_words(html)


def test_every_language_gets_its_own_column(tmp_path):
    termbase = "de,en,tr,en_synonyms\nIntegration,integration,uyum,inclusion policy\n"
    html = build_page(tmp_path, "en", "Title\n=====\n\nIntegration matters.\n", termbase)
    stem = SearchEnglish({}).stem
    assert {stem("inclusion"), stem("policy")} <= index_words(html)


def test_a_synonym_without_its_term_stops_the_build_naming_file_and_line(tmp_path):
    termbase = "de,en,tr,tr_synonyms\nIntegration,integration,uyum,entegrasyon\nTeilhabe,participation,,katılım\n"
    with pytest.raises(AssertionError) as failure:
        build_page(tmp_path, "tr", SYNONYM_PAGE, termbase)
    assert "termbase.csv:3:" in str(failure.value)
    assert "Traceback" not in str(failure.value)
