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

import io
import sys
from pathlib import Path

import furo
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import write_po

from brochure.base.editions import BUILD_DIR, ROOT, publication
from brochure.base.reproducible import source_date
from brochure.i18n.interface import HARD_CODED, NAV_TOGGLE_MSGID, SPHINX_READER_STRINGS, javascript_messages
from brochure.i18n.paths import INTERFACE_DOMAIN
from brochure.i18n.writing import write_catalog

POT_DIR = BUILD_DIR / "gettext-interface"

FURO_THEME = Path(furo.__file__).parent / "theme" / "furo"
EXTENSIONS = ROOT / "brochure" / "sphinxext"
TEMPLATES = ROOT / "templates"
SITE_ASSEMBLY = ROOT / "brochure" / "tools" / "assemble_site.py"  # labels of the downloads table
LANDING_PAGE = ROOT / "brochure" / "tools" / "landing_page.py"  # the root page's prompts
JINJA_OPTIONS = {"extensions": "jinja2.ext.do,jinja2.ext.loopcontrols", "trimmed": "false"}


def extract() -> Catalog:
    """The interface template, from the installed theme and the project's extensions."""
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
    for script in (SITE_ASSEMBLY, LANDING_PAGE):
        for lineno, message, comments, _context in extract_from_file(
            "python", script, comment_tags=("Translators:",)
        ):
            catalog.add(message, locations=[(script.relative_to(ROOT).as_posix(), lineno)],
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
    rendered = io.BytesIO()
    write_po(rendered, extract(), width=79, omit_header=False, sort_by_file=True)
    write_catalog(target, rendered.getvalue())
    return target


def main() -> int:
    try:
        target = write_template()
    except OSError as err:  # WriteError: one line naming the template, the old one kept
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
