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
