"""Be honest with readers about unfinished translations: one switch for three extensions.

Where a catalog lacks a translation, or holds one marked fuzzy, Sphinx quietly shows the
German text. A reader of a translated edition should not have to guess why a paragraph is
German, and translators and publishers want to see at a glance how far each edition is:

* :mod:`brochure.sphinxext.fallback_language` marks every German fallback with ``lang``;
* :mod:`brochure.sphinxext.translation_notice` puts a notice on pages that show German text;
* :mod:`brochure.sphinxext.status_report` provides the ``translation-status`` directive.
"""

from __future__ import annotations

from sphinx.application import Sphinx

PARTS = (
    "brochure.sphinxext.fallback_language",
    "brochure.sphinxext.translation_notice",
    "brochure.sphinxext.status_report",
)


def setup(app: Sphinx) -> dict:
    for part in PARTS:
        app.setup_extension(part)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
