"""``brochure.speed.lean_doctrees``: a translated page's doctree holds the page, not the
build environment.

A scratch page whose translation nests markup (emphasis and a link inside the translated
paragraph) is built with and without the extension. Without it, Sphinx pickles the build
environment into the page's doctree (the leak the extension exists for; if a Sphinx release
fixes it, this test says so and the extension can go). With it, the doctree holds no
environment, every node belongs to the page's document, and the HTML is the same.
"""

from __future__ import annotations

import pickle
import pickletools
from pathlib import Path

from support import build_scratch_project

EXTENSION = "brochure.speed.lean_doctrees"

PAGES = {
    "index.md": "# Titel\n\nEin Absatz mit *Betonung* und einem [Verweis](andere.md).\n",
    "andere.md": "---\norphan: true\n---\n# Andere Seite\n\nText.\n",
}
CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: tr\\n"

msgid "Titel"
msgstr "Başlık"

msgid "Ein Absatz mit *Betonung* und einem [Verweis](andere.md)."
msgstr "*Vurgulu* ve [bağlantılı](andere.md) bir paragraf."
"""


def _build(tmp_path: Path, name: str, extensions: list[str]) -> Path:
    outdir, warnings = build_scratch_project(
        tmp_path / name, language="tr", extensions=["myst_parser", *extensions], pages=PAGES,
        catalogs={"index.po": CATALOG})
    # Docutils has no Turkish labels (the pages use none); a second Sphinx application in one
    # process re-registers Sphinx's nodes: neither concerns these pages.
    assert [line for line in warnings.splitlines()
            if "Docutils-generated text" not in line and "is already registered" not in line] == []
    return outdir.parent


def _pickled_classes(doctree_file: Path) -> set[str]:
    """The classes a pickle refers to (module and name), without unpickling it."""
    names, strings = set(), []
    for opcode, argument, _ in pickletools.genops(doctree_file.read_bytes()):
        if opcode.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE"):
            strings.append(argument)
        elif opcode.name == "STACK_GLOBAL":
            names.add(" ".join(strings[-2:]))
        elif opcode.name == "GLOBAL":
            names.add(argument)
    return names


def test_translated_doctree_holds_no_environment(tmp_path: Path) -> None:
    stock, lean = _build(tmp_path, "stock", []), _build(tmp_path, "lean", [EXTENSION])
    environment = "sphinx.environment BuildEnvironment"

    assert environment in _pickled_classes(stock / "doctrees" / "index.doctree")
    assert environment not in _pickled_classes(lean / "doctrees" / "index.doctree")
    doctree = pickle.loads((lean / "doctrees" / "index.doctree").read_bytes())
    strays = [node for node in doctree.findall() if node._document not in (None, doctree)]
    assert strays == []
    assert (lean / "out" / "index.html").read_bytes() == (stock / "out" / "index.html").read_bytes()
    assert "<em>Vurgulu</em>" in (lean / "out" / "index.html").read_text(encoding="utf-8")
