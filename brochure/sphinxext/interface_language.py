"""Interface strings shown in English are marked as English (``lang="en"``).

A page of the French or Arabic edition shows the theme's strings ("Back to top", "On this
page", the search box …) in English until the edition's interface catalog translates them, as
German passages show through untranslated page catalogs. Those get ``lang="de"``
(``brochure.sphinxext.fallback_language``); English interface text gets ``lang="en"`` — and
``dir="ltr"`` in a right-to-left page — so screen readers switch voice and browsers lay it out
as English. Nothing is marked in the English edition, whose interface is English.

The templates translate through Jinja's ``_()`` and ``{% trans %}``. This extension gives
Jinja a gettext that brackets every message without a translation in two private-use
characters, and takes them out of the rendered page again (:func:`mark_fallbacks`):

* text that is an element's whole content gives that element ``lang`` (an SVG ``<title>``, a
  ``<span>``, a heading); other text is wrapped in ``<span lang="en">``;
* an attribute (``aria-label``, ``placeholder``) gives its element ``lang``, except on
  elements that also hold the edition's own text (``<a>``, ``<html>``, ``<body>``);
* in ``<title>``, ``<script>``, ``<style>`` and ``<textarea>`` no ``<span>`` can go: there
  the element gets ``lang`` when the text is all of it, else the marks are only removed.

The page is read with the tokenizer every pass shares (``brochure.base.html_tokens``).

furo's "Toggle navigation of …" labels, written from Python, get the same mark.

Both marks are passes of ``brochure.sphinxext.rendered_html``, which owns the template bridge
(Sphinx has one ``template_bridge``): its ``init`` is Sphinx's ``BuiltinTemplateLoader.init``,
which installs the translator in a Jinja environment; :func:`install_marking_gettext` replaces
the callables right after it.

"Without a translation" means neither the edition's interface catalog nor Sphinx's own
catalog translates it; a translation that happens to equal the English (German "Index") is a
translation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from pathlib import Path

import polib
import sphinx
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translator

from brochure.base.editions import INTERFACE_MSGID_LANGUAGE
from brochure.base.html_tokens import RAW_TEXT, Tag, sub_in_tags, tags
from brochure.i18n.direction import direction_attribute
from brochure.i18n.interface import (
    N_,  # noqa: F401 - re-exported for the extensions
    NAV_TOGGLE,
    NAV_TOGGLE_MSGID,
)
from brochure.i18n.paths import INTERFACE_CATALOG, MESSAGES, messages_dir, sphinx_locale_dirs

OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters: never in a template or a catalog
_MARKED = re.compile(f"{OPEN}(.*?){CLOSE}", re.DOTALL)
_OWN_TEXT_ELEMENTS = ("a", "html", "body", "head", "meta")
SPHINX_LOCALE = Path(sphinx.__file__).parent / "locale"


def translated_ids(language: str, locale_dir: Path) -> frozenset[str]:
    """msgids the edition's interface catalog or Sphinx's own catalog translates."""
    ids: set[str] = set()
    for path in (messages_dir(language, locale_dir) / INTERFACE_CATALOG,
                 SPHINX_LOCALE / language / MESSAGES / INTERFACE_CATALOG):
        if path.is_file():  # read again when saved (the live preview stays in one process)
            ids |= _translated_in(str(path), path.stat().st_mtime_ns)
    return frozenset(ids)


@cache
def _translated_in(path: str, mtime_ns: int) -> frozenset[str]:
    return frozenset(entry.msgid for entry in polib.pofile(path) if entry.translated() and not entry.obsolete)


def fallback_language(app: Sphinx | BuildEnvironment, message: str) -> str | None:
    """``"en"`` when the interface *message* (a msgid) is shown untranslated in the edition
    being built, else None: for the strings the project's extensions write from Python.
    *app*: the application or the build environment (both know the sources and settings)."""
    language = app.config.language
    if not language or language == INTERFACE_MSGID_LANGUAGE:
        return None
    locale_dir = sphinx_locale_dirs(app.srcdir, app.config.locale_dirs)[0]
    if get_translator().gettext(message) != message or message in translated_ids(language, locale_dir):
        return None
    return INTERFACE_MSGID_LANGUAGE


def marking_gettext(translator, known: frozenset[str]):
    """gettext and ngettext for Jinja that bracket untranslated messages."""

    def gettext(message: str) -> str:
        text = translator.gettext(message)
        return text if text != message or message in known or not message.strip() else OPEN + text + CLOSE

    def ngettext(singular: str, plural: str, n: int) -> str:
        text = translator.ngettext(singular, plural, n)
        untranslated = text in (singular, plural) and singular not in known
        return OPEN + text + CLOSE if untranslated else text

    return gettext, ngettext


def mark_fallbacks(page: str, fallback_language: str, page_language: str) -> str:
    """*page* with the bracketed messages marked as *fallback_language* (see the docstring)."""
    if OPEN not in page:
        return page
    attributes = f' lang="{fallback_language}"{direction_attribute(fallback_language, page_language)}'
    page_tags = list(tags(page))
    starts = [tag.start for tag in page_tags]
    edits: dict[int, tuple[int, str]] = {}  # position -> (length replaced, replacement)
    for match in _MARKED.finditer(page):
        start, end, text = match.start(), match.end(), match.group(1)
        index = bisect_right(starts, start) - 1
        tag = page_tags[index] if index >= 0 else None  # the tag the text is in or follows
        if tag is not None and tag.end > start:  # inside a tag: an attribute value
            if tag.name and not tag.closing and tag.name not in _OWN_TEXT_ELEMENTS and " lang=" not in page[tag.start:start]:
                edits[tag.name_end] = (0, attributes)
            edits[start] = (end - start, text)
        elif tag is not None and tag.name and not tag.closing and _whole_content(page, start, end, tag):
            edits[tag.name_end] = (0, attributes)
            edits[start] = (end - start, text)
        elif tag is not None and tag.name in RAW_TEXT and not tag.closing:  # no markup can go here
            edits[start] = (end - start, text)
        else:
            edits[start] = (end - start, f"<span{attributes}>{text}</span>")
    for position in sorted(edits, reverse=True):
        length, replacement = edits[position]
        page = page[:position] + replacement + page[position + length:]
    return page.replace(OPEN, "").replace(CLOSE, "")  # none left unless nested: never shown


def _whole_content(page: str, start: int, end: int, tag: Tag) -> bool:
    """The text alone fills the element *tag* opens (between it and the next end tag)."""
    return (not page[tag.end:start].strip() and " lang=" not in page[tag.start:tag.end]
            and page[end:end + 200].lstrip().startswith("</"))


def install_marking_gettext(environment, builder) -> None:
    """Give the Jinja *environment* of the project's template bridge the marking gettext (right
    after Sphinx's ``BuiltinTemplateLoader.init`` installed the translator), unless the
    edition's interface language is the msgids' own."""
    language = builder.config.language
    if not language or language == INTERFACE_MSGID_LANGUAGE or not hasattr(environment, "install_gettext_callables"):
        return
    locale_dir = sphinx_locale_dirs(builder.srcdir, builder.config.locale_dirs)[0]
    gettext, ngettext = marking_gettext(get_translator(), translated_ids(language, locale_dir))
    environment.install_gettext_callables(gettext, ngettext)


def mark_interface_fallbacks(app: Sphinx, page: str) -> str:
    """Page pass: the messages the marking gettext bracketed, marked ``lang="en"``."""
    language = app.config.language
    if not language or language == INTERFACE_MSGID_LANGUAGE:
        return page
    return mark_fallbacks(page, INTERFACE_MSGID_LANGUAGE, language)


def mark_navigation_toggles(app: Sphinx, tree: str) -> str:
    """Navigation pass: furo writes "Toggle navigation of …" into the checkboxes' aria-label
    from Python; ``theme_strings`` translates it (the pass before this one). Left English, the
    checkbox gets lang="en"."""
    if not fallback_language(app, NAV_TOGGLE_MSGID):
        return tree
    attributes = (f' lang="{INTERFACE_MSGID_LANGUAGE}"'
                  f'{direction_attribute(INTERFACE_MSGID_LANGUAGE, app.config.language)}')
    return sub_in_tags(tree, "input", NAV_TOGGLE, lambda match: match.group(0) + attributes)
