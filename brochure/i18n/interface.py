"""The interface strings: which theme and Sphinx strings the editions translate, and the
search page's JavaScript catalog made from them.

Both the build (``brochure.sphinxext.theme_strings``) and the template extraction
(``brochure.tools.interface_catalog``) need these lists, so they live here, below both.

* ``HARD_CODED``: English literals in furo's templates that the build turns into ``_()``
  calls; ``NAV_TOGGLE_MSGID``: the label furo builds in Python for every chapter toggle.
* ``SPHINX_READER_STRINGS``: strings Sphinx writes into reader-facing HTML; its shipped German
  and Turkish catalogs leave several of them in English.
* The search page's strings come from Sphinx's JavaScript files; :func:`javascript_catalog`
  writes them into ``translations.js`` from the project's catalog first, Sphinx's shipped
  one after. Its plural expression is the catalog's ``Plural-Forms`` after
  :func:`brochure.i18n.headers.plural_forms` has parsed it: the search page evaluates it as
  script, so nothing but a plural expression may ever get there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import sphinx
from babel.messages.extract import extract_from_file

from brochure.editions import LOCALE_DIR
from brochure.i18n.headers import plural_forms
from brochure.i18n.paths import INTERFACE_DOMAIN, catalog_path
from brochure.i18n.reading import read_catalog

# (template path inside furo's theme, literal as furo writes it, message id)
HARD_CODED: list[tuple[str, str, str]] = [
    ("page.html", 'aria-label="Toggle site navigation sidebar"', "Toggle site navigation sidebar"),
    ("page.html", 'aria-label="Toggle table of contents sidebar"', "Toggle table of contents sidebar"),
    ("page.html", 'aria-label="Toggle Light / Dark / Auto color theme"', "Toggle Light / Dark / Auto color theme"),
    ("partials/icons.html", "<title>Contents</title>", "Contents"),
    ("partials/icons.html", "<title>Menu</title>", "Menu"),
    ("partials/icons.html", "<title>Expand</title>", "Expand"),
    ("partials/icons.html", "<title>Light mode</title>", "Light mode"),
    ("partials/icons.html", "<title>Dark mode</title>", "Dark mode"),
    ("partials/icons.html", "<title>Auto light/dark, in light mode</title>", "Auto light/dark, in light mode"),
    ("partials/icons.html", "<title>Auto light/dark, in dark mode</title>", "Auto light/dark, in dark mode"),
]

# furo builds this label in Python (furo/navigation.py) after the toctree is rendered.
NAV_TOGGLE = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')
NAV_TOGGLE_MSGID = "Toggle navigation of %(title)s"

SPHINX_READER_STRINGS = (
    "Link to this heading", "Link to this definition", "Link to this term", "Link to this table",
    "Link to this code", "Link to this image", "Link to this toctree",
    "General Index", "Symbols", "Search Page", "index", "next", "previous",
)
SPHINX_STATIC = Path(sphinx.__file__).parent / "themes" / "basic" / "static"
JS_FILES = ("searchtools.js", "sphinx_highlight.js", "doctools.js")
JS_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def javascript_messages() -> Iterator[tuple[str, int, str | tuple[str, ...]]]:
    """(file, line, message) of every string the search page's JavaScript translates."""
    for name in JS_FILES:
        for lineno, message, _comments, _context in extract_from_file(
            "javascript", SPHINX_STATIC / name, keywords=JS_KEYWORDS
        ):
            yield name, lineno, message


def javascript_ids() -> set[str]:
    return {message[0] if isinstance(message, tuple) else message for _, _, message in javascript_messages()}


def _sphinx_js(language: str) -> dict | None:
    path = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8").strip()
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def javascript_catalog(language: str | None, locale_dir: Path = LOCALE_DIR) -> str | None:
    """translations.js for *language*: the project's catalog first, Sphinx's shipped one after.

    Returns None when neither has anything for the language (English needs nothing). Raises
    PluralFormsError for a catalog whose Plural-Forms is not a plural rule.
    """
    shipped = _sphinx_js(language) if language else None
    po_path = catalog_path(str(language), INTERFACE_DOMAIN, locale_dir)
    if shipped is None and not po_path.exists():
        return None
    messages = dict(shipped["messages"]) if shipped else {}
    plural_expr = shipped["plural_expr"] if shipped else "(n != 1)"
    if po_path.exists():
        catalog = read_catalog(po_path)
        wanted = javascript_ids()
        for entry in catalog:
            if entry.obsolete or entry.fuzzy or entry.msgid not in wanted:
                continue
            if entry.msgid_plural:
                forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
                if forms and all(forms):
                    messages[entry.msgid] = forms
            elif entry.msgstr:
                messages[entry.msgid] = entry.msgstr
        plural_expr = plural_forms(catalog.metadata.get("Plural-Forms", "")).expression
    # doctools.js indexes the plural forms with this expression: a boolean would index nothing.
    data = {"locale": language, "messages": dict(sorted(messages.items())),
            "plural_expr": f"Number({plural_expr})"}
    return "Documentation.addTranslations(" + json.dumps(data, ensure_ascii=False, indent=4) + ");\n"
