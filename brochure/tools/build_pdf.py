"""Build one edition's PDF: ``python -m brochure.tools.build_pdf CODE`` (``make pdf-CODE``).

    _build/pdf/<code>/<epub_basename>.pdf   the brochure, A4, tagged (PDF/UA-1)
    _build/pdf/<code>/print.key             what it was made from (a rebuild with nothing
                                            changed renders nothing)

The engine is WeasyPrint (why: README, "The PDF editions"). It renders the print document,
``_build/print/<code>/index.html``, which Sphinx's print builder wrote first
(:mod:`brochure.sphinxext.print_builder`, ``sphinx-build -b print``), with the print
stylesheet it links as PDF/UA-1
(``pdf_variant="pdf/ua-1"``): a structure tree with marked content, ``/Lang`` from
``<html lang>``, the title from ``<title>`` shown in the window (``DisplayDocTitle``),
bookmarks from the headings, every font embedded as a subset with a ToUnicode map.
Dates come from SOURCE_DATE_EPOCH (the last commit), so two builds are byte-identical. One
edition per process, as ``make`` runs it: WeasyPrint keeps state between renderings, and a
second rendering in the same process is not byte-identical to the first.

One addition reaches into WeasyPrint's internals: WeasyPrint 70 writes ``/Lang`` for the
document only, not for an element whose ``lang`` differs, so a German fallback passage in the
English or Turkish edition would be read with an English or Turkish voice. ``_tag_languages``
wraps ``weasyprint.pdf.tags._build_box_tree`` (the generator that makes one structure element
per box, called recursively through the module's global name) and adds ``/Lang`` to the
structure element of every element that has its own ``lang`` attribute. The same wrapper gives
every header cell its ``/Scope`` (``Column``, or ``Row`` for ``<th scope="row">``), which
WeasyPrint leaves out although it links data cells to their headers.
``tests/tools/test_pdf.py`` fails when that function changes its shape or stops being used.

Running heads and page numbers become artifacts afterwards (:mod:`brochure.tools.pdf_artifacts`).

WeasyPrint's warnings (a missing font, an unsupported property, an image without
alternative text) are errors here, as Sphinx's are in every build.

The renderer fetches nothing from the network, ever, and no file outside the edition's print
build (the document, its stylesheet and images): a page is translator-influenced input, and WeasyPrint
would otherwise download any ``http(s)://`` or ``ftp://`` address in it, or read any
``file://`` path on the build machine. :func:`local_fetcher` is WeasyPrint's own fetcher with
every other request refused; a refusal is a warning, so the PDF build fails naming the address.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from brochure.base.editions import BUILD_DIR, Edition, EditionsError, publication
from brochure.base.output_files import write_file
from brochure.speed import pattern_cache
from brochure.tools import pdf_artifacts
from brochure.tools.pdf_artifacts import mark_margin_artifacts
from brochure.typesetting import turkish_hyphenation

PDF_DIR = BUILD_DIR / "pdf"
PRINT_DIR = BUILD_DIR / "print"
# The bilingual PDF of a translation: its print document built with bilingual_print on
# (brochure.sphinxext.bilingual: the German original beside every translated block).
BILINGUAL_PDF_DIR = BUILD_DIR / "pdf-bilingual"
BILINGUAL_PRINT_DIR = BUILD_DIR / "print-bilingual"
DOCUMENT = "index.html"  # the print builder's one page
STYLESHEET = Path("_static") / "print.css"  # as the print document links it
PDF_VARIANT = "pdf/ua-1"


class PdfBuildError(RuntimeError):
    pass


def pdf_path(edition: Edition, pdf_dir: Path = PDF_DIR, bilingual: bool = False) -> Path:
    return pdf_dir / edition.code / (bilingual_filename(edition) if bilingual else edition.pdf_filename)


def bilingual_filename(edition: Edition) -> str:
    """``…-tr.pdf`` → ``…-tr-de.pdf``: the edition's language and the original's."""
    return publication().bilingual_pdf_filename(edition)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _tag_languages():
    """Add ``/Lang`` to the structure element of every element with its own ``lang``, and
    ``/Scope`` to every header cell's table attributes."""
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build_box_tree(box, parent, pdf, *args):
        for element in original(box, parent, pdf, *args):
            source = getattr(box, "element", None)
            lang = source.get("lang") if source is not None and hasattr(source, "get") else None
            own = element.get("P") == parent.reference  # not a child yielded through html/body
            if lang and own and getattr(box, "element_tag", None) not in ("html", "body") \
                    and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            if own and element.get("S") == "/TH" and "A" in element:
                scope = "Row" if source.get("scope") == "row" else "Column"
                element["A"]["Scope"] = f"/{scope}"
            yield element

    tags._build_box_tree = build_box_tree
    try:
        yield
    finally:
        tags._build_box_tree = original


def local_fetcher(*roots: Path):
    """A WeasyPrint URL fetcher for ``file:`` URLs inside *roots* (links resolved) and
    ``data:`` URLs; anything else raises, so WeasyPrint warns and loads nothing."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    allowed = [Path(root).resolve() for root in roots]

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"not fetched: {url} (the PDF is made from the edition's own files only)")

    return LocalFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


def render(document: str, base_url: Path) -> bytes:
    """The PDF of a print document; WeasyPrint's warnings raise PdfBuildError.

    Only files below *base_url* (the edition's print build) are read.
    """
    from weasyprint import HTML

    turkish_hyphenation.register(PDF_DIR)  # Pyphen has no Turkish patterns of its own
    pattern_cache.install()  # German's patterns take half a CPU-second to parse
    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        with _tag_languages():
            fetcher = local_fetcher(base_url)
            data = HTML(string=document, base_url=str(base_url), url_fetcher=fetcher).write_pdf(
                pdf_variant=PDF_VARIANT, pdf_identifier=None)
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise PdfBuildError("WeasyPrint reported:\n  " + "\n  ".join(collector.messages))
    return mark_margin_artifacts(data)  # running heads and page numbers: PDF/UA artifacts


def build(code: str, print_dir: Path = PRINT_DIR, pdf_dir: Path = PDF_DIR, bilingual: bool = False) -> Path:
    edition = publication().edition(code)
    source = print_dir / code
    document_path = source / DOCUMENT
    try:
        document = document_path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as err:
        reason = "missing" if isinstance(err, FileNotFoundError) else f"not UTF-8 ({err.reason})"
        raise PdfBuildError(f"{document_path} is {reason}: make pdf-{code} writes it "
                            f"(sphinx-build -b print) before it renders") from None
    target = pdf_path(edition, pdf_dir, bilingual)
    target.parent.mkdir(parents=True, exist_ok=True)
    key, key_file = render_key(document, source), target.parent / "print.key"
    if target.exists() and key_file.exists() and key_file.read_text(encoding="utf-8") == key:
        return target  # nothing that goes into the PDF changed: `make editions` stays cheap
    try:
        data = render(document, source)
    except PdfBuildError as err:
        raise PdfBuildError(f"{document_path}: {err}") from None
    _write_if_changed(target, data)
    write_file(key_file, key.encode("utf-8"))  # last: a killed render is done again
    return target


def render_key(document: str, source: Path) -> str:
    """What the PDF is made from: the print document, its stylesheet, this code and the
    versions of the libraries that render it. Equal keys give equal PDFs (fonts aside: a
    changed system font needs ``make clean``)."""
    from importlib.metadata import version  # not the libraries: importing WeasyPrint takes 0.7 s

    digest = hashlib.sha256(document.encode("utf-8"))
    stylesheet = source / STYLESHEET
    digest.update(stylesheet.read_bytes() if stylesheet.exists() else b"")
    for module in (Path(__file__), Path(pdf_artifacts.__file__), Path(turkish_hyphenation.__file__)):
        digest.update(module.read_bytes())
    digest.update(" ".join(version(name) for name in ("weasyprint", "pikepdf", "pyphen")).encode())
    return digest.hexdigest()


def _write_if_changed(path: Path, data: bytes) -> None:
    """Unchanged files keep their modification time; a changed one is replaced whole."""
    if not path.exists() or path.read_bytes() != data:
        write_file(path, data)


def main(argv: list[str]) -> int:
    bilingual = argv[1:] == ["--bilingual"]
    if len(argv) != 1 and not bilingual:
        print("usage: python -m brochure.tools.build_pdf CODE [--bilingual]", file=sys.stderr)
        return 2
    try:
        target = (build(argv[0], BILINGUAL_PRINT_DIR, BILINGUAL_PDF_DIR, bilingual=True) if bilingual
                  else build(argv[0]))
    except (EditionsError, PdfBuildError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"pdf: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
