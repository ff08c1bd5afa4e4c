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

import gettext
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import sphinx
from babel.messages.extract import extract_from_file

from brochure.base.editions import LOCALE_DIR
from brochure.i18n.headers import _SAMPLES, PluralForms, plural_forms
from brochure.i18n.paths import INTERFACE_DOMAIN, catalog_path, edition_checked_locale_dir
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


def N_(message: str) -> str:
    """Marks *message* for the interface catalog without translating it (Babel extracts
    ``N_()`` like ``_()``), so code can keep the msgid and tell whether it was translated."""
    return message


def interface_gettext(code: str, locale_dir: Path | None = None) -> Callable[[str], str]:
    """The edition's interface translations, as its build checked and compiled them
    (``sphinx.mo`` in the build's own locale directory, never ``locale/``), for pages made
    outside Sphinx: the root page, the downloads rows, the PDF's contents heading."""
    directory = edition_checked_locale_dir(code) if locale_dir is None else locale_dir
    return gettext.translation(INTERFACE_DOMAIN, str(directory), [code], fallback=True).gettext


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


def _rule(expression: str):
    try:
        return gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return None


def plural_forms_in(forms: list[str], from_expression: str, to: PluralForms) -> list[str] | None:
    """*forms*, written for the plural rule *from_expression*, rearranged for rule *to*.

    Sphinx's shipped catalogs were made with other plural rules than the project's (French:
    three forms there, two in Babel's CLDR rule): each of *to*'s forms takes the form the other
    rule uses for the same numbers. None when a form is missing or empty: the search page
    indexes the list with *to*'s expression, and a short list makes it throw
    ``Cannot read properties of undefined (reading 'replace')``.
    """
    source, target = _rule(from_expression), _rule(to.expression)
    if source is None or target is None or not forms or not all(forms):
        return None
    first_n: dict[int, int] = {}
    for n in _SAMPLES:
        first_n.setdefault(target(n), n)
    rearranged = []
    for index in range(to.nplurals):
        n = first_n.get(index)
        position = source(n) if n is not None else len(forms) - 1
        if not 0 <= position < len(forms):
            return None
        rearranged.append(forms[position])
    return rearranged


def javascript_catalog(language: str | None, locale_dir: Path = LOCALE_DIR) -> str | None:
    """translations.js for *language*: the project's catalog first, Sphinx's shipped one after.

    Returns None when neither has anything for the language (English needs nothing). Raises
    PluralFormsError for a catalog whose Plural-Forms is not a plural rule.

    Every plural message gets exactly as many forms as the plural expression written with it
    can select; an empty translation is left out (the English text shows instead of nothing).
    """
    shipped = _sphinx_js(language) if language else None
    po_path = catalog_path(str(language), INTERFACE_DOMAIN, locale_dir)
    if shipped is None and not po_path.exists():
        return None
    catalog = read_catalog(po_path) if po_path.exists() else None
    if catalog is not None:
        rule = plural_forms(catalog.metadata.get("Plural-Forms", ""))
    else:
        rule = PluralForms(0, shipped["plural_expr"])
    messages: dict[str, str | list[str]] = {}
    for msgid, value in (shipped["messages"] if shipped else {}).items():
        if isinstance(value, list):
            if catalog is None:
                value = value if value and all(value) else None
            else:
                value = plural_forms_in(value, shipped["plural_expr"], rule)
        if value:
            messages[msgid] = value
    if catalog is not None:
        wanted = javascript_ids()
        for entry in catalog:
            if entry.obsolete or entry.fuzzy or entry.msgid not in wanted:
                continue
            if entry.msgid_plural:
                forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
                if len(forms) == rule.nplurals and all(forms):
                    messages[entry.msgid] = forms
            elif entry.msgstr:
                messages[entry.msgid] = entry.msgstr
    # doctools.js indexes the plural forms with this expression: a boolean would index nothing.
    data = {"locale": language, "messages": dict(sorted(messages.items())),
            "plural_expr": f"Number({rule.expression})"}
    return "Documentation.addTranslations(" + json.dumps(data, ensure_ascii=False, indent=4) + ");\n"
