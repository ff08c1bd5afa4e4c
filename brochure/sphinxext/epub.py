"""The ePub of every edition: language-tagged, with a real cover, valid and reproducible.

Sphinx's EPUB 3 builder needs four fixes for a publishable book; they live in one builder
subclass that replaces ``epub``:

* ``lang``/``xml:lang`` and ``dir`` on every content document (Sphinx's <html> tag has
  none), so e-readers pick the right voice, hyphenation and direction; the spine's
  ``page-progression-direction`` follows the language (right-to-left for Arabic, Farsi …);
* a typographic SVG cover with the edition's own title (``editions.toml``), declared with the
  EPUB 3 ``cover-image`` property that current readers look for;
* a rebuild neither lists the cover page twice in the spine (Sphinx collects the previous
  build's ``epub-cover.xhtml`` as an extra file: epubcheck RSC-005) nor warns about the
  ``.buildinfo.bak`` Sphinx leaves after a configuration change;
* the navigation document's title and heading and the guide's titles in the edition's
  language (Sphinx writes them in English, ``GUIDE_TITLES``, whatever the language);
* schema.org accessibility metadata (EPUB Accessibility 1.1), its summary in the edition's
  language, so stores, libraries and reading systems can tell readers what to expect;
* the zip is byte-for-byte reproducible: fixed entry order, times from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx
from sphinx.builders._epub_base import COVERPAGE_NAME
from sphinx.builders.epub3 import Epub3Builder
from sphinx.errors import ExtensionError
from sphinx.locale import _

from brochure.base.editions import publication
from brochure.base.reproducible import write_zip
from brochure.i18n.direction import text_direction
from brochure.sphinxext.cover import cover_svg

COVER = "_static/cover.svg"
def accessibility_metadata() -> str:
    """schema.org accessibility properties of every edition (EPUB Accessibility 1.1)."""
    # Translators: the ePub's accessibility summary, shown by e-book stores and reading systems.
    summary = _("Text-only book with a navigable table of contents, headings in reading order "
                "and language-tagged content. The cover image has a text alternative. "
                "No flashing, sound or motion.")
    properties = [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
    ]
    return "".join(f'    <meta property="{name}">{escape(value)}</meta>\n' for name, value in properties)


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with the fixes every edition needs (see the module docstring)."""

    def init(self) -> None:
        super().init()
        # Translators: the title and heading of the ePub's table of contents (nav.xhtml).
        self.guide_titles = {"toc": _("Table of Contents"),
                             # Translators: the ePub guide's name for the cover page.
                             "cover": _("Cover")}
        lang = escape(self.config.language or "", {'"': "&quot;"})
        self.html_tag = (
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{lang}" xml:lang="{lang}" dir="{text_direction(self.config.language)}">'
        )

    def copy_assets(self) -> None:
        # With the static files, after the output directory was cleared of what this build
        # does not write (brochure.sphinxext.fresh_outputs).
        super().copy_assets()
        self._write_cover()

    def _write_cover(self) -> None:
        edition = publication().edition(self.config.language)
        svg = cover_svg(edition.title, edition.subtitle, edition.tagline, edition.code)
        target = Path(self.outdir, COVER)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != svg:  # keep mtime otherwise
            target.write_text(svg, encoding="utf-8")

    def content_metadata(self) -> dict:
        # Sphinx derives the spine's direction from epub_writing_mode alone (vertical = rtl).
        metadata = super().content_metadata()
        metadata["page_progression_direction"] = text_direction(self.config.language)
        return metadata

    def build_navigation_doc(self) -> None:
        # Sphinx's nav.xhtml template writes lang but no dir: add it to its <html> tag.
        super().build_navigation_doc()
        nav = Path(self.outdir, "nav.xhtml")
        text = nav.read_text(encoding="utf-8")
        tag = re.search(r"<html\b[^>]*>", text)
        if tag is None:
            raise ExtensionError(f"{nav}: no <html> tag; Sphinx's nav.xhtml template changed")
        if " dir=" in tag.group(0):
            return
        with_dir = tag.group(0)[:-1] + f' dir="{text_direction(self.config.language)}">'
        nav.write_text(text[: tag.start()] + with_dir + text[tag.end():], encoding="utf-8")

    def build_content(self) -> None:
        super().build_content()
        opf = Path(self.outdir, "content.opf")
        text = opf.read_text(encoding="utf-8")
        cover_item = re.compile(rf'(<item id="[^"]*" href="{re.escape(COVER)}" media-type="[^"]*")')
        text, covers = cover_item.subn(r'\1 properties="cover-image"', text, count=1)
        if covers != 1 or "  </metadata>" not in text:
            # Sphinx's content.opf template changed: fail loudly rather than ship an ePub
            # without its cover property or accessibility metadata.
            raise ExtensionError(f"{opf}: no cover item or no '  </metadata>' line to extend; "
                                 "Sphinx's content.opf template changed (brochure/sphinxext/epub.py)")
        text = text.replace("  </metadata>", accessibility_metadata() + "  </metadata>", 1)
        opf.write_text(text, encoding="utf-8")

    def build_epub(self) -> None:
        # The mimetype entry comes first, uncompressed (EPUB Open Container Format).
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *sorted(self.files)]
        write_zip(Path(self.outdir, f"{self.config.epub_basename}.epub"),
                  ((name, Path(self.outdir, name).read_bytes()) for name in names),
                  stored=frozenset({"mimetype"}))


def _use_cover(app: Sphinx, config) -> None:
    config.epub_cover = (COVER, "epub-cover.html")
    # Left over from a previous build: the cover page is added by the builder itself.
    config.epub_exclude_files = [*config.epub_exclude_files, COVERPAGE_NAME, ".buildinfo.bak"]


def setup(app: Sphinx) -> dict:
    app.add_builder(EditionEpubBuilder, override=True)
    app.connect("config-inited", _use_cover)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
