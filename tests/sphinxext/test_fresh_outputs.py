"""A builder that shares its doctrees writes what another build re-read; stale files go.

A scratch project built the way `make editions` builds an edition: HTML, then ePub into the
same doctree directory. The editions themselves are checked by ``tests/test_outputs.py``.
"""

from __future__ import annotations

import gettext
import textwrap
from pathlib import Path

import pytest
from sphinx import locale
from sphinx.application import Sphinx

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: xx\\n"

msgid "Hello world."
msgstr "{text}"
"""


def project(root: Path, extensions: list[str]) -> Path:
    src = root / "src"
    (src / "locale" / "xx" / "LC_MESSAGES").mkdir(parents=True)
    (src / "conf.py").write_text(textwrap.dedent(f"""\
        extensions = {extensions!r}
        language = "xx"
        locale_dirs = ["locale"]
        gettext_compact = False
        html_theme = "basic"
        epub_copyright = "2014"
        """), encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nHello world.\n", encoding="utf-8")
    translate(src, "Merhaba dunya.")
    return src


def translate(src: Path, text: str) -> None:
    catalog = src / "locale" / "xx" / "LC_MESSAGES" / "index.po"
    catalog.write_text(CATALOG.format(text=text), encoding="utf-8")


def build(src: Path, builder: str) -> Path:
    """One build, as a new process would run it: Sphinx and Python's gettext keep the
    catalogs they loaded for the life of the process."""
    locale.translators.clear()
    gettext._translations.clear()
    root = src.parent
    out = root / builder
    app = Sphinx(src, src, out, root / "doctrees", builder, status=None, warning=None)
    app.build()
    return out


@pytest.mark.parametrize("extensions, follows", [(["brochure.sphinxext.fresh_outputs"], True), ([], False)],
                         ids=["fresh_outputs", "stock Sphinx"])
def test_the_epub_build_writes_a_page_the_html_build_reread(tmp_path, extensions, follows):
    src = project(tmp_path, extensions)
    build(src, "html")
    epub = build(src, "epub")
    assert "Merhaba dunya." in (epub / "index.xhtml").read_text(encoding="utf-8")
    translate(src, "Merhaba YENI.")
    html = build(src, "html")
    assert "Merhaba YENI." in (html / "index.html").read_text(encoding="utf-8")
    build(src, "epub")
    # Stock Sphinx is shown stale too: the test would notice Sphinx fixing it (coupling 23).
    assert ("Merhaba YENI." in (epub / "index.xhtml").read_text(encoding="utf-8")) is follows


def test_files_no_build_produced_are_removed_and_the_rest_kept(tmp_path):
    src = project(tmp_path, ["brochure.sphinxext.fresh_outputs"])
    html = build(src, "html")
    stale = [html / "_images" / "environ", html / "removed-page.html", html / "_static" / "old.css"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("leaked", encoding="utf-8")
    page = (html / "index.html").stat().st_mtime_ns
    build(src, "html")
    assert [path for path in stale if path.exists()] == []
    assert not (html / "_images").exists()
    assert (html / "index.html").stat().st_mtime_ns == page  # nothing changed: not rewritten
    assert (html / "searchindex.js").is_file() and (html / "_static" / "basic.css").is_file()


def test_a_word_a_changed_translation_dropped_leaves_the_search_index(tmp_path):
    """Changed and changed back, the incremental index equals the first (no ``"word": []``)."""
    src = project(tmp_path, ["brochure.sphinxext.search_index"])
    index = build(src, "html") / "searchindex.js"
    first = index.read_text(encoding="utf-8")
    translate(src, "Merhaba zeppelin.")
    build(src, "html")
    assert "\"zeppelin\"" in index.read_text(encoding="utf-8")
    translate(src, "Merhaba dunya.")
    build(src, "html")
    assert index.read_text(encoding="utf-8") == first
