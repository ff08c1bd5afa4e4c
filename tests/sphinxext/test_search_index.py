"""search_index says so when Sphinx's previous index has a shape it does not know."""

from __future__ import annotations

import io
from pathlib import Path

from sphinx.application import Sphinx

from support import build_scratch_project

EXTENSION = "brochure.sphinxext.search_index"
PAGES = {"index.md": "# Start\n\n:::{glossary}\nTeilhabe\n  Mitwirkung.\n:::\n"}


def rebuild(root: Path) -> str:
    warnings = io.StringIO()
    srcdir = root / "src"
    app = Sphinx(srcdir=srcdir, confdir=srcdir, outdir=root / "out", doctreedir=root / "doctrees",
                 buildername="html", status=None, warning=warnings)
    (srcdir / "index.md").touch()  # one page re-read: the previous index is loaded
    app.build()
    return warnings.getvalue()


def test_previous_index_of_an_unknown_shape_is_a_warning(tmp_path):
    out, _ = build_scratch_project(tmp_path, language="de", extensions=["myst_parser", EXTENSION],
                                          pages=PAGES, catalogs={}, settings="myst_enable_extensions = ['colon_fence']\n")
    index = out / "searchindex.js"
    assert '"indexentries"' in index.read_text(encoding="utf-8")
    index.write_text('Search.setIndex({"docnames": ["index"], "indexentries": [1, 2]})', encoding="utf-8")
    assert "search_index: " in rebuild(tmp_path)


def test_a_known_previous_index_gives_no_warning(tmp_path):
    build_scratch_project(tmp_path, language="de", extensions=["myst_parser", EXTENSION],
                          pages=PAGES, catalogs={}, settings="myst_enable_extensions = ['colon_fence']\n")
    assert "search_index: " not in rebuild(tmp_path)


def _build(root: Path) -> str:
    srcdir = root / "src"
    app = Sphinx(srcdir=srcdir, confdir=srcdir, outdir=root / "out", doctreedir=root / "doctrees",
                 buildername="html", status=None, warning=io.StringIO())
    app.build()
    return (root / "out" / "searchindex.js").read_text(encoding="utf-8")


def test_a_renamed_term_is_searchable_by_its_new_name_after_later_builds(tmp_path):
    """The environment is saved before pages are written, so the entries it holds for a page
    are those of the build before; the previous index is the truth for pages not written."""
    pages = {**PAGES, "andere.md": "# Andere\n\nText.\n"}
    settings = "myst_enable_extensions = ['colon_fence']\n"
    incremental = tmp_path / "incremental"
    build_scratch_project(incremental, language="de", extensions=["myst_parser", EXTENSION],
                          pages=pages, catalogs={}, settings=settings)
    renamed = PAGES["index.md"].replace("Teilhabe", "Soziale Teilhabe")
    (incremental / "src" / "index.md").write_text(renamed, encoding="utf-8")
    _build(incremental)  # the glossary page is rewritten with the new term
    (incremental / "src" / "andere.md").write_text("# Andere\n\nAnderer Text.\n", encoding="utf-8")
    after = _build(incremental)  # only the other page is rewritten

    clean = tmp_path / "clean"
    build_scratch_project(clean, language="de", extensions=["myst_parser", EXTENSION],
                          pages={**pages, "index.md": renamed, "andere.md": "# Andere\n\nAnderer Text.\n"},
                          catalogs={}, settings=settings)
    assert '"soziale teilhabe"' in after and '"teilhabe"' not in after
    assert after == (clean / "out" / "searchindex.js").read_text(encoding="utf-8")
