"""Apply the edition chosen by ``language`` (editions.toml) to the configuration.

``-D language=xx`` is only known once the configuration is read, so titles, ePub metadata and
the cover are set here, at ``config-inited``, from the editions table. An unknown language
stops the build with the list of known editions.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from brochure.editions import EditionsError, publication

COVER = "_static/cover.svg"


def _apply_edition(app: Sphinx, config: Config) -> None:
    try:
        edition = publication().edition(config.language)
    except EditionsError as err:
        raise ConfigError(str(err)) from None
    config.project = edition.title
    config.html_title = edition.title
    config.epub_title = f"{edition.title} – {edition.subtitle}"
    config.epub_description = f"{edition.subtitle}. {edition.tagline}"
    config.epub_basename = edition.epub_basename
    # epub_uid must equal the identifier and be an XML name (epubcheck NCX-001, RSC-005).
    config.epub_identifier = edition.epub_identifier
    config.epub_uid = edition.epub_identifier
    config.epub_scheme = "identifier"
    config.epub_cover = (COVER, "epub-cover.html")
    config.html_context = {**config.html_context, "edition": edition, "publication": publication()}


def cover_svg(title: str, subtitle: str, tagline: str, language: str) -> str:
    """A typographic cover (600×900) with the edition's own title; no fonts or images needed."""
    lines = []
    y = 300
    for line in textwrap.wrap(title, 22):
        lines.append(f'<text x="300" y="{y}" class="t">{escape(line)}</text>')
        y += 58
    y += 40
    for line in textwrap.wrap(subtitle, 30):
        lines.append(f'<text x="300" y="{y}" class="s">{escape(line)}</text>')
        y += 40
    lines.append(f'<text x="300" y="780" class="g">{escape(tagline)}</text>')
    body = "\n  ".join(lines)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 600 900" width="600" height="900" xml:lang="{language}" role="img" aria-labelledby="cover-title">
  <title id="cover-title">{escape(title)} – {escape(subtitle)}</title>
  <style>text{{font-family:serif;text-anchor:middle;fill:#1d2a44}} .t{{font-size:44px;font-weight:bold}} .s{{font-size:30px}} .g{{font-size:22px;fill:#5b3a1a}}</style>
  <rect width="600" height="900" fill="#f4efe6"/>
  <rect x="40" y="40" width="520" height="820" fill="none" stroke="#1d2a44" stroke-width="3"/>
  <rect x="40" y="160" width="520" height="12" fill="#b5562b"/>
  {body}
</svg>
"""


def _tag_epub_language(app: Sphinx) -> None:
    """Give every ePub content document its language; Sphinx's epub3 <html> tag has none."""
    lang = escape(app.config.language, {'"': "&quot;"})
    app.builder.html_tag = (
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang="{lang}" xml:lang="{lang}">'
    )


def _prepare_epub(app: Sphinx) -> None:
    if not app.builder.name.startswith("epub"):
        return
    _tag_epub_language(app)
    edition = publication().edition(app.config.language)
    # The cover image lives in the output, where the ePub builder collects its manifest.
    target = Path(app.outdir, COVER)
    target.parent.mkdir(parents=True, exist_ok=True)
    svg = cover_svg(edition.title, edition.subtitle, edition.tagline, edition.code)
    if not target.exists() or target.read_text(encoding="utf-8") != svg:  # keep mtime otherwise
        target.write_text(svg, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _apply_edition)
    app.connect("builder-inited", _prepare_epub)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
