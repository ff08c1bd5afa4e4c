"""The interface catalog: every theme and extension string of the HTML and ePub editions.

Content is translated in one catalog per page; the interface (navigation, search, labels,
aria-labels) in ``locale/<code>/LC_MESSAGES/sphinx.po``, the catalog domain Sphinx itself
uses for templates, so the project's translations take precedence over Sphinx's own.

Its template, ``_build/gettext-interface/sphinx.pot``, is extracted with Babel from

* furo's templates (``{% trans %}`` and ``_()``),
* the project's own templates (``templates/``),
* the hard-coded furo strings that ``brochure.sphinxext.theme_strings`` makes translatable,
* the ``_()`` strings of the project's own extensions and of the site assembly,
* the strings Sphinx writes into reader-facing HTML (permalinks, index),
* the search page's JavaScript strings (Sphinx's ``searchtools.js`` and friends).

Editions in the message ids' language (English) need no interface catalog.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import furo
import sphinx
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from brochure.catalogs import INTERFACE_CATALOG, INTERFACE_DOMAIN
from brochure.editions import BUILD_DIR, LOCALE_DIR, ROOT, publication
from brochure.reproducible import source_date

POT_DIR = BUILD_DIR / "gettext-interface"

FURO_THEME = Path(furo.__file__).parent / "theme" / "furo"
SPHINX_STATIC = Path(sphinx.__file__).parent / "themes" / "basic" / "static"
EXTENSIONS = ROOT / "brochure" / "sphinxext"
TEMPLATES = ROOT / "templates"
SITE_ASSEMBLY = ROOT / "brochure" / "tools" / "assemble_site.py"  # labels of the downloads table
# Strings Sphinx itself writes into reader-facing HTML (permalink titles, index headings);
# its shipped German and Turkish catalogs leave several of them in English.
SPHINX_READER_STRINGS = (
    "Link to this heading", "Link to this definition", "Link to this term", "Link to this table",
    "Link to this code", "Link to this image", "Link to this toctree",
    "General Index", "Symbols", "Search Page", "index", "next", "previous",
)
JS_FILES = ("searchtools.js", "sphinx_highlight.js", "doctools.js")
JS_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
JINJA_OPTIONS = {"extensions": "jinja2.ext.do,jinja2.ext.loopcontrols", "trimmed": "false"}


def javascript_messages() -> Iterator[tuple[str, int, str | tuple[str, ...]]]:
    """(file, line, message) of every string the search page's JavaScript translates."""
    for name in JS_FILES:
        for lineno, message, _comments, _context in extract_from_file(
            "javascript", SPHINX_STATIC / name, keywords=JS_KEYWORDS
        ):
            yield name, lineno, message


def javascript_ids() -> set[str]:
    return {message[0] if isinstance(message, tuple) else message for _, _, message in javascript_messages()}


def extract() -> Catalog:
    """The interface template, from the installed theme and the project's extensions."""
    from brochure.sphinxext.theme_strings import HARD_CODED, NAV_TOGGLE_MSGID

    pub = publication()
    # msgmerge copies Project-Id-Version and Report-Msgid-Bugs-To from the template into every
    # catalog: no placeholders there. A new catalog names no translator (catalog_headers).
    catalog = Catalog(project="Jubiläumsbroschüre interface", version=pub.release, fuzzy=False,
                      creation_date=source_date())  # SOURCE_DATE_EPOCH: no churn
    # Babel's constructor turns empty values into its placeholders; set them afterwards.
    catalog.msgid_bugs_address = catalog.last_translator = catalog.language_team = ""
    for directory, label in ((FURO_THEME, "furo"), (TEMPLATES, "templates")):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            directory, method_map=[("**.html", "jinja2")], options_map={"**.html": JINJA_OPTIONS}
        ):
            catalog.add(message, locations=[(f"{label}/{filename}", lineno)])
    for template, _literal, msgid in HARD_CODED:
        catalog.add(msgid, locations=[(f"furo/{template}", 0)],
                    auto_comments=["hard-coded in furo, made translatable by theme_strings"])
    catalog.add(NAV_TOGGLE_MSGID, locations=[("brochure/sphinxext/theme_strings.py", 0)],
                auto_comments=["%(title)s is the title of a chapter in the sidebar"])
    for filename, lineno, message, comments, _context in extract_from_dir(
        EXTENSIONS, method_map=[("**.py", "python")], comment_tags=("Translators:",)
    ):
        catalog.add(message, locations=[(f"brochure/sphinxext/{filename}", lineno)],
                    auto_comments=comments)
    for lineno, message, comments, _context in extract_from_file(
        "python", SITE_ASSEMBLY, comment_tags=("Translators:",)
    ):
        catalog.add(message, locations=[("brochure/tools/assemble_site.py", lineno)],
                    auto_comments=comments)
    for msgid in SPHINX_READER_STRINGS:
        catalog.add(msgid, locations=[("sphinx/writers/html5.py", 0)],
                    auto_comments=["written by Sphinx into the HTML pages"])
    for name, lineno, message in javascript_messages():
        catalog.add(message, locations=[(f"sphinx/{name}", lineno)])
    return catalog


def write_template() -> Path:
    POT_DIR.mkdir(parents=True, exist_ok=True)
    target = POT_DIR / f"{INTERFACE_DOMAIN}.pot"
    with target.open("wb") as handle:
        write_po(handle, extract(), width=79, omit_header=False, sort_by_file=True)
    return target


def _sphinx_js(language: str) -> dict | None:
    path = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8").strip()
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def javascript_catalog(language: str | None) -> str | None:
    """translations.js for *language*: the project's catalog first, Sphinx's shipped one after.

    Returns None when neither has anything for the language (English needs nothing).
    """
    shipped = _sphinx_js(language) if language else None
    po_path = LOCALE_DIR / str(language) / "LC_MESSAGES" / INTERFACE_CATALOG
    if shipped is None and not po_path.exists():
        return None
    data = shipped or {"locale": language, "messages": {}, "plural_expr": "(n != 1)"}
    messages = dict(data["messages"])
    if po_path.exists():
        with po_path.open("rb") as handle:
            ours = read_po(handle, locale=language)
        wanted = javascript_ids()
        for message in ours:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if key not in wanted or message.fuzzy or not message.string:
                continue
            if isinstance(message.string, tuple):
                if all(message.string):
                    messages[key] = list(message.string)
            else:
                messages[key] = message.string
        data["plural_expr"] = ours.plural_expr
    # doctools.js indexes the plural forms with this expression: a boolean would index nothing.
    data = {"locale": language, "messages": dict(sorted(messages.items())),
            "plural_expr": f"Number({data['plural_expr']})"}
    return "Documentation.addTranslations(" + json.dumps(data, ensure_ascii=False, indent=4) + ");\n"


if __name__ == "__main__":
    print(write_template().relative_to(ROOT))
    sys.exit(0)
