"""The PDF editions: a tagged, searchable brochure with the printed table of contents.

The published PDFs (``_build/site/<code>/``, made by ``make editions``) are opened with pikepdf
(structure tree, marked content, outline, fonts, metadata) and pypdf (text as a reader copies
or searches it). Tests that need a different input render their own from a copy of the
Turkish print build (``_build/print/tr/``, Sphinx's ``print`` builder).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from brochure.base.editions import publication
from brochure.i18n.interface import interface_gettext
from brochure.tools import build_pdf
from brochure.tools.build_pdf import DOCUMENT, PRINT_DIR, PdfBuildError, build, render
from printed_toc import AUTHORS_IN_PRINT_ORDER, PRINT_PAGES, missing_or_out_of_order
from support import SITE, source_pages

EDITIONS = publication().editions


def pdf_file(edition) -> Path:
    path = SITE / edition.code / edition.pdf_filename
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make editions` first")
    return path


def print_document(edition) -> str:
    """The print document the edition's PDF was rendered from."""
    return (PRINT_DIR / edition.code / DOCUMENT).read_text(encoding="utf-8")


def struct_elements(node, found=None):
    """Every structure element below *node*, depth first (the reading order)."""
    found = [] if found is None else found
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR" and "/S" in kid:
            found.append(kid)
            struct_elements(kid, found)
    return found


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    entries = []

    def walk(items, depth):
        for item in items:
            destination = item.destination
            target = pages.get(destination[0].objgen) if destination is not None else None
            entries.append((depth, item.title, target))
            walk(item.children, depth + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 0)
    return entries


def page_texts(path: Path) -> list[str]:
    """Each page's text with whitespace folded, as a search in a PDF reader sees it."""
    stat = path.stat()
    return list(_page_texts(path, stat.st_mtime_ns, stat.st_size))


@functools.cache
def _page_texts(path: Path, _mtime_ns: int, _size: int) -> tuple[str, ...]:
    # pypdf's text extraction takes about a second per edition; four tests read each one.
    return tuple(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def first_part_page(bookmarks, edition) -> int:
    """The page where the brochure's first part starts, after the title page and contents."""
    contents = interface(edition.code)("Contents")
    after = [title for _depth, title, _page in bookmarks].index(contents) + 1
    return next(page for depth, _title, page in bookmarks[after:] if depth == 0)


def interface(code: str):
    return interface_gettext(code)  # as the edition's build compiled it


@pytest.fixture(scope="module", params=EDITIONS, ids=lambda e: e.code)
def edition(request):
    return request.param


def test_document_language_title_and_pdf_ua_identification(edition, site):
    with pikepdf.open(pdf_file(edition)) as pdf:
        assert str(pdf.Root.Lang) == edition.code
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.docinfo.Title) == f"{edition.title} – {edition.subtitle}"
        assert str(pdf.docinfo.Author) == edition.editors  # the digital edition's, not the working group's
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title") == f"{edition.title} – {edition.subtitle}"
        assert [float(v) for v in pdf.pages[0].mediabox[2:]] == pytest.approx([595.28, 841.89], abs=0.1)  # A4


def test_structure_tree_has_headings_lists_tables_and_links(edition, site):
    with pikepdf.open(pdf_file(edition)) as pdf:
        roots = struct_elements(pdf.Root.StructTreeRoot)
        kinds = [str(element.S) for element in roots]
        assert kinds[0] == "/Document"
        document = print_document(edition)
        quoted = ("/BlockQuote",) if "<blockquote" in document else ()
        for kind in ("/H1", "/H2", "/H3", "/H4", "/P", "/L", "/LI", "/LBody", "/Table", "/TH", "/TD",
                     "/Link", *quoted):
            assert kind in kinds, kind
        assert kinds.index("/H1") < kinds.index("/H2")  # the title page's H1 comes first
        headings = [e for e in roots if str(e.S) in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]
        assert headings and all(len(e.K) for e in headings)  # no empty heading


def test_every_page_is_marked_content_in_the_tree_or_an_artifact(edition, site):
    """Page content is tagged real content reachable from the tree; running heads and page
    numbers are pagination artifacts (PDF/UA-1, 7.1 and 7.8)."""
    with pikepdf.open(pdf_file(edition)) as pdf:
        reachable = {e.objgen for e in struct_elements(pdf.Root.StructTreeRoot)}
        parent_tree = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
        for index, page in enumerate(pdf.pages):
            marked = [(str(operands[0]), operands[1]) for operands, operator in pikepdf.parse_content_stream(page)
                      if str(operator) == "BDC"]
            mcids = [int(p.MCID) for _tag, p in marked if isinstance(p, pikepdf.Dictionary) and "/MCID" in p]
            artifacts = [p for tag, p in marked if tag == "/Artifact"]
            assert mcids, f"page {index + 1} has no tagged content"
            mapped = parents[int(page.StructParents)]
            assert all(mapped[mcid].objgen in reachable for mcid in mcids), \
                f"page {index + 1}: tagged content outside the structure tree"
            assert len(mcids) + len(artifacts) == len(marked)
            if index > 0:  # every page but the title page has its number, as an artifact
                assert artifacts and all(str(p.Type) == "/Pagination" for p in artifacts), index + 1


def test_pdf_ua_checker_finds_nothing(edition, site):
    """pdfua (PyPI) checks the machine-checkable part of PDF/UA-1; veraPDF is not on PyPI."""
    done = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", str(pdf_file(edition))],
                          capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0, report["findings"]
    # Its heading rule fails on WeasyPrint's heading structure; the test above covers it.
    assert {s["rule_id"] for s in report["skipped"]} <= {"UA-14-001"}


def test_every_font_is_embedded_with_a_unicode_map(edition, site):
    with pikepdf.open(pdf_file(edition)) as pdf:
        fonts = {}
        for page in pdf.pages:
            for _name, font in page.Resources.get("/Font", {}).items():
                fonts[font.objgen] = font
        assert fonts
        for font in fonts.values():
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
            assert "/ToUnicode" in font, font.BaseFont


def test_bookmarks_for_every_page_of_the_brochure_in_print_order(edition, site):
    with pikepdf.open(pdf_file(edition)) as pdf:
        bookmarks = outline(pdf)
    titles = [title for _depth, title, _page in bookmarks]
    assert titles[0] == edition.title
    assert missing_or_out_of_order(titles) == []
    # A bookmark for every page of the edition, in the order of its contents (the start
    # page's is the title's).
    pages = source_pages()
    assert len(bookmarks) >= len(pages)
    document = lxml_html.fromstring(print_document(edition))
    page_titles = [" ".join(a.text_content().split()) for a in document.xpath("//nav[@class='toc']//a")]
    assert len(page_titles) == len(pages) - 1
    position = 0
    for title in page_titles:
        assert title in titles[position:], title
        position = titles.index(title, position) + 1
    targets = [page for _depth, _title, page in bookmarks]
    assert None not in targets and targets == sorted(targets)
    assert max(depth for depth, _title, _page in bookmarks) >= 3  # part > chapter > examples > page


def test_text_has_the_printed_table_of_contents_in_print_order(edition, site):
    path = pdf_file(edition)
    with pikepdf.open(path) as pdf:
        bookmarks = outline(pdf)
    first_part = first_part_page(bookmarks, edition)
    texts = page_texts(path)
    body = texts[first_part:]
    assert missing_or_out_of_order(body) == [], "authors of the printed TOC missing from the pages"
    # The table of contents at the front lists them too, in order.
    assert missing_or_out_of_order(texts[:first_part]) == []


def test_title_page_and_contents_with_page_numbers(edition, site):
    path = pdf_file(edition)
    texts = page_texts(path)
    for line in (edition.title, edition.subtitle, edition.tagline):
        assert line in texts[0]
    with pikepdf.open(path) as pdf:
        bookmarks = outline(pdf)
    contents = interface(edition.code)("Contents")
    toc_pages = [i for i, text in enumerate(texts) if text.startswith(contents)]
    assert toc_pages, f"no page starts with {contents!r}"
    toc_text = " ".join(texts[toc_pages[0]:toc_pages[0] + 2])
    for depth, title, page in bookmarks:
        if depth == 0 and page > toc_pages[0]:  # each part, with the number printed on its page
            assert re.search(re.escape(title) + r"[ .]*" + str(page + 1) + r"\b", toc_text), title
            assert texts[page].endswith(str(page + 1)) or str(page + 1) in texts[page].split()[-3:]


def test_print_edition_pages_glyphs_and_quotation_marks_search_correctly(edition, site):
    text = " ".join(page_texts(pdf_file(edition)))
    label = interface(edition.code)("Print edition, p. %(page)s")
    for page in sorted(PRINT_PAGES):
        assert label % {"page": page} in text, page
    # Every author is found as printed (Dörthe, Günther, Köhnke: umlauts copy as one character).
    for author, _page in AUTHORS_IN_PRINT_ORDER:
        assert author in text, author
    if edition.code == "tr":
        assert "İleriye Bakış" in text and "Sözlük" in text  # dotted capital İ, dotless ı
    if edition.code == "de":
        assert "„Einblicke“" in text  # German quotation marks
    assert "\ufffd" not in text


def test_running_heads_name_the_part(edition, site):
    path = pdf_file(edition)
    with pikepdf.open(path) as pdf:
        bookmarks = outline(pdf)
    texts = page_texts(path)
    start = first_part_page(bookmarks, edition)
    parts = [(title, page) for depth, title, page in bookmarks if depth == 0 and page >= start]
    checked = 0
    for (title, first), (_next, end) in zip(parts, parts[1:], strict=False):
        for page in range(first + 1, end):  # the pages after a part's first page
            # The margin boxes come last in the text: running head, then the page number.
            assert texts[page].endswith(f"{title} {page + 1}"), (title, page + 1)
            checked += 1
    assert checked > 5


def test_every_link_inside_the_brochure_has_its_target(edition, site):
    """Links between pages (glossary terms, "see the page …") become links inside the PDF."""
    document = print_document(edition)
    ids = set(re.findall(r'\sid="([^"]+)"', document))
    internal = re.findall(r'href="#([^"]*)"', document)
    assert len(internal) > 100
    assert sorted(set(internal) - ids) == []
    assert not re.search(r'<a\s[^>]*href="(?!#|https?://|mailto:)', document)  # none into a build
    with pikepdf.open(pdf_file(edition)) as pdf:
        names = pdf.Root.Names.Dests if "/Names" in pdf.Root else None
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert len(links) > 100 and names is not None


def test_print_document_is_hyphenated_by_weasyprint_alone(edition, site):
    """Soft hyphens are the website's (one hyphenation per format): the print document has
    none, and the stylesheet has WeasyPrint hyphenate by each element's language."""
    assert "\u00ad" not in print_document(edition)
    stylesheet = (PRINT_DIR / edition.code / "_static" / "print.css").read_text(encoding="utf-8")
    assert re.search(r"body\s*\{[^}]*hyphens:\s*auto", stylesheet)


# -- Inputs the published editions do not have ---------------------------------------------


@pytest.fixture
def turkish_print(tmp_path, site):
    source = PRINT_DIR / "tr"
    copy = tmp_path / "print" / "tr"
    shutil.copytree(source, copy)
    return copy


def test_german_fallback_and_the_notice_are_printed_and_tagged(turkish_print, tmp_path):
    """A German passage in a translated edition is tagged German in the PDF; the notice is printed."""
    page = turkish_print / DOCUMENT
    html = page.read_text(encoding="utf-8")
    kuhn = html.index('id="page-grussworte-kuhn"')
    fallback = '<p class="untranslated" lang="de">Dieser Absatz ist noch nicht übersetzt.</p>'
    notice = ('<div class="translation-status" role="note" data-status="incomplete">'
              '<p>Bu sayfa henüz tamamen çevrilmedi.</p>'
              f'<p><a class="reference external" href="{publication().base_url}de/grussworte/kuhn.html" '
              'hreflang="de">Almanca oku</a></p></div>')
    at = html.index('<p class="print-page', kuhn)
    page.write_text(html[:at] + notice + fallback + html[at:], encoding="utf-8")
    target = build("tr", tmp_path / "print", tmp_path / "pdf")
    with pikepdf.open(target) as pdf:
        german = [e for e in struct_elements(pdf.Root.StructTreeRoot) if str(e.get("/Lang", "")) == "de"]
        # the fallback paragraph, and the imprint's German title of the print brochure
        assert [str(e.S) for e in german] == ["/P", "/Span"]
    text = " ".join(page_texts(target))
    assert "Dieser Absatz ist noch nicht übersetzt." in text
    assert "Bu sayfa henüz tamamen çevrilmedi." in text


def test_rebuild_renders_only_when_its_input_changed(turkish_print, tmp_path, monkeypatch):
    """The rendering itself is counted, not done: what the PDF is made from decides whether
    WeasyPrint runs. (Two renderings of one commit give one PDF: tests/test_reproducible.py.)"""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1395360000")  # as the Makefile sets it
    rendered = []

    def counted_render(document, base_url):
        rendered.append(document)
        return f"%PDF-1.7 rendering {len(rendered)}".encode()

    monkeypatch.setattr(build_pdf, "render", counted_render)
    target = build("tr", tmp_path / "print", tmp_path / "pdf")
    before = target.stat().st_mtime_ns, target.read_bytes()
    build("tr", tmp_path / "print", tmp_path / "pdf")
    assert len(rendered) == 1, "rendered although nothing changed"
    assert (target.stat().st_mtime_ns, target.read_bytes()) == before
    page = turkish_print / DOCUMENT
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (2)</h1>", 1), encoding="utf-8")
    build("tr", tmp_path / "print", tmp_path / "pdf")
    assert len(rendered) == 2 and " (2)</h1>" in rendered[1]
    assert target.read_bytes() != before[1]
    stylesheet = turkish_print / "_static" / "print.css"  # the stylesheet is an input too
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\np { color: #000; }\n", encoding="utf-8")
    build("tr", tmp_path / "print", tmp_path / "pdf")
    assert len(rendered) == 3


def test_language_tagging_reaches_weasyprint_internals():
    """build_pdf wraps weasyprint.pdf.tags._build_box_tree: a change there must fail here."""
    document = ('<!doctype html><html lang="en"><head><title>T</title></head><body>'
                '<h1>Title</h1><p>English.</p><p lang="de">Deutsch.</p></body></html>')
    with pikepdf.open(__import__("io").BytesIO(render(document, Path.cwd()))) as pdf:
        tagged = {str(e.S): str(e.get("/Lang", "")) for e in struct_elements(pdf.Root.StructTreeRoot)
                  if "/Lang" in e}
    assert tagged == {"/P": "de"}


def test_missing_print_document_is_named(tmp_path, capsys):
    with pytest.raises(PdfBuildError, match=r"print/tr/index.html is missing: make pdf-tr writes it"):
        build("tr", tmp_path / "print", tmp_path / "pdf")


def test_unreadable_print_document_is_named_not_a_traceback(turkish_print, tmp_path, capsys, monkeypatch):
    (turkish_print / DOCUMENT).write_bytes(b"<html>\xff\xfe</html>")
    with pytest.raises(PdfBuildError, match=r"print/tr/index\.html is not UTF-8"):
        build("tr", tmp_path / "print", tmp_path / "pdf")
    monkeypatch.setattr(build_pdf.build, "__defaults__", (tmp_path / "print", tmp_path / "pdf", False))
    assert build_pdf.main(["tr"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "index.html" in error and "Traceback" not in error
    assert build_pdf.main(["xx"]) == 1
    assert "no edition with code 'xx'" in capsys.readouterr().err


def test_weasyprint_warnings_fail_the_build():
    """As Sphinx's warnings do in every build: an ignored property is not silently dropped."""
    document = ('<!doctype html><html lang="en"><head><title>T</title></head><body>'
                '<p style="colour: red">Text.</p></body></html>')
    with pytest.raises(PdfBuildError, match="colour"):
        render(document, Path.cwd())
