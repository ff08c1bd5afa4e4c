"""The speed modules make the editions cheaper to build, never different.

``brochure.speed`` replaces parts of Sphinx's, MyST's, furo's and pyphen's work, behind one
switch, so the proof is a comparison: the project's Turkish and English HTML editions, built
with the switch on and off (``BROCHURE_SPEED=off``, the stock path), must be byte-identical
(every page and the search index) with the same warnings. To make every message take the
translated path, untranslated entries of a temporary copy get a pseudo-translation first. How
much they save is measured by ``make bench``, not here.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from brochure import speed
from brochure.base.editions import publication
from brochure.tools.bench import pseudo_translate
from support import compile_catalogs, copy_project, finish_isolated_build, start_isolated_build

pytestmark = pytest.mark.rebuild  # copies the project and builds it again


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project whose en and tr catalogs translate every message."""
    copy = copy_project(tmp_path_factory.mktemp("build-speed") / "project")
    for language in ("tr", "en"):
        pseudo_translate(copy, language)
        compile_catalogs(copy, language)
    return copy


def _compared_files(html_dir: Path) -> dict[str, bytes]:
    files = sorted(html_dir.rglob("*.html")) + [html_dir / "searchindex.js"]
    return {path.relative_to(html_dir).as_posix(): path.read_bytes() for path in files}


@pytest.mark.parametrize("language", ["tr", "en"])
def test_translated_edition_is_byte_identical_with_the_speed_switch_off(
    project: Path, tmp_path: Path, language: str
) -> None:
    stock_out, fast_out = tmp_path / "stock", tmp_path / "fast"
    builds = [
        (start_isolated_build(project, language, stock_out, environment={speed.SWITCH: "off"}), stock_out),
        (start_isolated_build(project, language, fast_out, environment={speed.SWITCH: "on"}), fast_out),
    ]
    stock, fast = (finish_isolated_build(build, out) for build, out in builds)

    assert set(speed.EXTENSIONS) <= set(fast["extensions"])
    assert not [name for name in stock["extensions"] if name.startswith("brochure.speed")]
    assert fast["warnings"] == stock["warnings"]
    stock_files = _compared_files(stock_out / "html")
    fast_files = _compared_files(fast_out / "html")
    assert len(stock_files) > 40
    assert sorted(fast_files) == sorted(stock_files)
    different = [name for name in stock_files if fast_files[name] != stock_files[name]]
    assert different == []
    # The extensions were at work: hundreds of messages, a handful of parsers.
    assert fast["parsers"] < stock["parsers"] / 4


def test_search_index_stems_with_the_c_stemmers() -> None:
    """PyStemmer (requirements.txt) is what Sphinx's search languages stem with: the same
    stems as the pure-Python snowballstemmer, which made the Turkish search index the slowest
    part of a Turkish build."""
    import Stemmer
    from sphinx.search import languages

    for edition in publication().editions:
        language = languages[edition.code]  # a class, or its dotted name
        if isinstance(language, str):
            module, _, name = language.rpartition(".")
            language = getattr(importlib.import_module(module), name)
        search_language = language({})
        assert isinstance(search_language.stemmer, Stemmer.Stemmer), edition.code
