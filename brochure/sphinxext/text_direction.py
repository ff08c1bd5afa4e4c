"""Right-to-left editions: ``dir`` on every page and passage, mirrored layout, ePub spine.

The direction of an edition comes from Babel's locale data (:mod:`brochure.i18n.direction`).

* HTML: furo's ``<html>`` tag gets ``dir`` (``brochure.sphinxext.theme_strings`` edits furo's
  ``base.html`` as the project's template bridge loads it; a furo release without the expected
  tag fails the build), and ``static/direction.css`` restates furo's physical ``left``/``right`` rules as CSS logical
  properties, so sidebar, table of contents, switcher, notices, tables, the previous/next
  links and search results mirror in a right-to-left page and stay as they are otherwise;
* passages in another language (the German fallbacks, marked ``lang="de"`` by
  ``brochure.sphinxext.fallback_language``) get ``dir`` of their own language when it differs
  from the page's, so a German paragraph in an Arabic page is laid out left-to-right. The
  HTML writers only turn docutils' ``language-xx`` class into ``lang``; this extension adds
  ``dir`` by wrapping whichever HTML translator class is registered for the builder (the
  project's ``aria_headings`` one) — Sphinx's registry holds one translator per builder;
* ePub: the style sheet stays out (EPUB forbids ``direction`` in CSS); every content
  document gets ``dir`` (``brochure.sphinxext.epub``) and the spine
  ``page-progression-direction`` follows the language instead of Sphinx's
  ``epub_writing_mode`` (which only knows horizontal = ltr, vertical = rtl).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from brochure.i18n.direction import text_direction
from brochure.sphinxext.build_facts import is_website, writes_pages

CSS_FILE = "direction.css"
# (template in furo's theme, literal furo writes, what it becomes): applied by theme_strings.localized_source.
FURO_HTML_TAG = ("base.html", '<html class="no-js"',
                 '<html class="no-js" dir="{{ text_direction|default("ltr")|e }}"')
LANGUAGE_CLASS = "language-"


def passage_language(node) -> str | None:
    """The language docutils writes as ``lang`` for *node* (its ``language-xx`` class)."""
    for name in node.get("classes", []) if hasattr(node, "get") else []:
        if name.startswith(LANGUAGE_CLASS):
            return name[len(LANGUAGE_CLASS):]
    return None


class PassageDirection:
    """Mixin for an HTML translator: ``dir`` on an element whose language runs the other way."""

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        language = passage_language(node)
        if language:
            own = text_direction(language)
            if own != text_direction(self.config.language):
                attributes.setdefault("dir", own)
        return super().starttag(node, tagname, suffix, empty, **attributes)


def _wrap_translator(app: Sphinx) -> None:
    if not writes_pages(app):  # gettext, linkcheck …: no pages written
        return
    base = app.builder.get_translator_class()
    if base is None or issubclass(base, PassageDirection):
        return
    translator = type(f"Directional{base.__name__}", (PassageDirection, base), {})
    app.set_translator(app.builder.name, translator, override=True)


def _set_direction(app: Sphinx, config) -> None:
    config.html_context = {**config.html_context, "text_direction": text_direction(config.language)}
    # EPUB style sheets may not set direction or unicode-bidi (epubcheck CSS-001); the ePub's
    # documents carry dir themselves and reading systems lay them out.
    config.epub_exclude_files = [*config.epub_exclude_files, f"_static/{CSS_FILE}"]


def _add_style_sheet(app: Sphinx) -> None:
    if is_website(app):
        app.add_css_file(CSS_FILE)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _set_direction)
    app.connect("builder-inited", _wrap_translator)
    app.connect("builder-inited", _add_style_sheet)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
