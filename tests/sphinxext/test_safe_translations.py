"""A hostile catalog cannot put raw HTML or script links into a build with safe_translations.

Each test builds a scratch project (German MyST and reST pages, a hand-written catalog for
the made-up language ``xx``) in tmp_path. The control build without the extension shows
that the same catalog does inject a script and a ``javascript:`` link, so the assertions
on the protected build can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.i18n.safety import unsafe_scheme
from support import build_scratch_project

INDEX_MD = """\
# Titel

Ein Absatz mit Text.

Noch ein [Verweis](https://example.org/) im Text.

Ein dritter [Verweis](https://example.org/drei) im Text.

```{toctree}
andere
```
"""

ANDERE_RST = """\
Andere Seite
============

Ein `Verweis <https://example.org/>`_ im Text.

.. raw:: html

   <div class="injected">x</div>
"""

CATALOG_HEADER = """\
msgid ""
msgstr ""
"Language: xx\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""

INDEX_PO = CATALOG_HEADER + """
msgid "Ein Absatz mit Text."
msgstr "A paragraph <script>alert(1)</script> with text."

msgid "Noch ein [Verweis](https://example.org/) im Text."
msgstr "Another [link](javascript:alert(1)) in the text."

msgid "Ein dritter [Verweis](https://example.org/drei) im Text."
msgstr "A third [link](https://example.org/drei) in the text."
"""

# reST, unlike markdown-it, makes a reference of any URI: the unsafe link really exists.
ANDERE_PO = CATALOG_HEADER + """
msgid "Ein `Verweis <https://example.org/>`_ im Text."
msgstr "A `link <javascript:alert(1)>`_ in the text."
"""


def build(tmp_path: Path, extensions: list[str]) -> tuple[dict[str, str], str]:
    outdir, warnings = build_scratch_project(
        tmp_path, language="xx", extensions=extensions,
        pages={"index.md": INDEX_MD, "andere.rst": ANDERE_RST},
        catalogs={"index.po": INDEX_PO, "andere.po": ANDERE_PO},
    )
    pages = {name: (outdir / f"{name}.html").read_text(encoding="utf-8") for name in ("index", "andere")}
    return pages, warnings


@pytest.fixture(scope="module")
def unprotected(tmp_path_factory) -> tuple[dict[str, str], str]:
    return build(tmp_path_factory.mktemp("unprotected"), ["myst_parser"])


@pytest.fixture(scope="module")
def protected(tmp_path_factory) -> tuple[dict[str, str], str]:
    return build(
        tmp_path_factory.mktemp("protected"),
        ["myst_parser", "brochure.sphinxext.safe_translations"],
    )


def test_without_the_extension_the_catalog_injects_script_and_link(unprotected):
    pages, _ = unprotected
    assert "<script>alert(1)</script>" in pages["index"]
    assert 'href="javascript:alert(1)"' in pages["andere"]


def test_raw_html_from_a_translation_is_shown_escaped(protected):
    pages, warnings = protected
    assert "<script>alert" not in pages["index"]
    # The translation was applied, with the markup visible as text.
    assert "A paragraph" in pages["index"]
    # Each inline tag is a raw node of its own; both are shown as code.
    assert "&lt;script&gt;" in pages["index"] and "&lt;/script&gt;" in pages["index"]
    # The warning names the page and the line of the German paragraph.
    assert "index.md:3: WARNING: raw html shown as text" in warnings
    assert "'<script>'" in warnings


def test_javascript_links_are_removed_but_their_text_stays(protected):
    pages, warnings = protected
    for html in pages.values():
        assert 'href="javascript:' not in html
    assert "A <span>link</span> in the text." in pages["andere"]
    assert "andere.rst:4: WARNING: link to 'javascript:alert(1)' removed" in warnings


def test_block_level_raw_html_becomes_a_literal_block(unprotected, protected):
    assert '<div class="injected">' in unprotected[0]["andere"]
    pages, warnings = protected
    assert '<div class="injected">' not in pages["andere"]
    assert "&lt;div class=\"injected\"&gt;x&lt;/div&gt;" in pages["andere"]
    assert "andere.rst:6: WARNING: raw html shown as text" in warnings


def test_markdown_javascript_link_never_becomes_a_link(protected):
    pages, _ = protected
    # markdown-it refuses the URL; the msgstr's text shows, but nothing is clickable.
    assert "Another [link](javascript:alert(1)) in the text." in pages["index"]


def test_safe_links_are_kept(protected):
    pages, warnings = protected
    assert 'href="https://example.org/drei"' in pages["index"]
    assert "example.org/drei" not in warnings


@pytest.mark.parametrize(
    ("uri", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JavaScript:alert(1)", "javascript"),
        (" java\tscript:alert(1)", "javascript"),
        ("data:text/html,<b>x</b>", "data"),
        ("vbscript:x", "vbscript"),
        ("file:///etc/passwd", "file"),
        ("ftp://example.org/", "ftp"),
        ("https://example.org/", None),
        ("http://example.org/", None),
        ("mailto:a@example.org", None),
        ("andere.html#abschnitt", None),
        ("#abschnitt", None),
        ("../index.html", None),
    ],
)
def test_unsafe_scheme(uri, scheme):
    assert unsafe_scheme(uri) == scheme
