"""The edition's cover: a typographic SVG made from its title, subtitle and tagline.

Text only, no fonts or images to ship, in the edition's language; used as the ePub cover.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape


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
