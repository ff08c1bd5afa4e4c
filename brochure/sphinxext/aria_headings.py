"""Toctree captions as complete ARIA headings.

Sphinx writes toctree captions as ``<p class="caption" role="heading">`` without the
``aria-level`` that role requires (axe: aria-required-attr, on every page's sidebar), so
screen readers cannot place them in the heading outline. Level 2 is what ARIA used to imply.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class Translator(HTML5Translator):
    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        if attributes.get("ROLE") == "heading":
            attributes.setdefault("aria-level", "2")
        return super().starttag(node, tagname, suffix, empty, **attributes)


def setup(app: Sphinx) -> dict:
    for builder in ("html", "epub"):
        app.set_translator(builder, Translator, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
