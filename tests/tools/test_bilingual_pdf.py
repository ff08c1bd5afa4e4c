"""The bilingual PDF (``make pdf-bilingual-tr``): the edition's print document with the German
original beside every translated block (``bilingual_print``), rendered like the edition's PDF.

Built here from the doctrees ``make editions`` left (as ``make pdf-bilingual-tr`` builds it),
into a temporary directory: German passages tagged German, the translation and its original
both in the text, bookmarks as in the edition's PDF, and the PDF/UA checker finding nothing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pikepdf
import pytest
from pypdf import PdfReader

from brochure.base.editions import BUILD_DIR, ROOT, publication
from brochure.tools import build_pdf
from support import soup

CODE = "tr"


@pytest.fixture(scope="module")
def bilingual_pdf(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("bilingual-pdf")
    subprocess.run([str(ROOT / ".venv" / "bin" / "sphinx-build"), "-c", ".", "-W", "--keep-going", "-q",
                    "-b", "print", "-D", f"language={CODE}", "-D", "bilingual_print=1",
                    "-d", str(BUILD_DIR / "doctrees" / CODE), "source", str(out / "print" / CODE)],
                   cwd=ROOT, check=True, capture_output=True)
    return build_pdf.build(CODE, out / "print", out / "pdf", bilingual=True)


def languages(pdf: pikepdf.Pdf) -> dict[str, int]:
    found: dict[str, int] = {}
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if "/Lang" in node:
            found[str(node.Lang)] = found.get(str(node.Lang), 0) + 1
        kids = node.get("/K")
        stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return found


def squeezed(text: str) -> str:
    return re.sub(r"\W+", "", text)


def test_the_german_stands_beside_the_translation_tagged_german(bilingual_pdf, site):
    edition = publication().edition(CODE)
    assert bilingual_pdf.name == build_pdf.bilingual_filename(edition)
    text = squeezed("".join(page.extract_text() for page in PdfReader(bilingual_pdf).pages))
    glossary = soup(site / CODE / "glossar.html")
    for copy in glossary.select("p.bilingual-original")[:3]:
        assert squeezed(copy.get_text())[:40] in text
        assert squeezed(copy.find_previous_sibling().get_text())[:40] in text
    with pikepdf.open(bilingual_pdf) as pdf:
        assert str(pdf.Root.Lang) == CODE
        assert languages(pdf).get("de", 0) > 100  # every German block its own /Lang
        with pikepdf.open(site / CODE / edition.pdf_filename) as own:
            assert len(list(pdf.open_outline().root)) == len(list(own.open_outline().root))


def test_pdf_ua_checker_finds_nothing(bilingual_pdf):
    done = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", str(bilingual_pdf)],
                          capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0, report["findings"]
    assert {s["rule_id"] for s in report["skipped"]} <= {"UA-14-001"}
