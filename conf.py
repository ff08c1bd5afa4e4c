"""Sphinx configuration shared by every edition of the Jubiläumsbroschüre.

One source tree (German MyST Markdown in ``source/``) and one gettext catalog set per
translation (``locale/<code>/LC_MESSAGES``) give all editions. The edition is chosen with
Sphinx's own ``language`` setting, so a plain

    sphinx-build -c . -D language=tr -b html source OUT

builds the Turkish edition exactly as ``make html-tr`` does. Everything that differs between
editions (titles, ePub identifiers, file names) lives in ``editions.toml`` and is applied by
``brochure.sphinxext.edition`` once the language is known.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the project-local extensions in brochure/sphinxext

from brochure import speed  # noqa: E402
from brochure.base.editions import publication  # noqa: E402
from brochure.i18n.myst import MYST_EXTENSIONS  # noqa: E402

PUBLICATION = publication()

# -- Project -----------------------------------------------------------------
# Per-edition values (project title, html_title, author, copyright, epub_*) are filled in
# at config-inited from editions.toml (brochure.sphinxext.edition).
project = PUBLICATION.edition(PUBLICATION.source_language).title
release = version = PUBLICATION.release

# -- General -----------------------------------------------------------------
extensions = [
    "myst_parser",
    "brochure.sphinxext.catalog_gate",  # first: no catalog that breaks a rule gets built
    # Speed only, all or none (BROCHURE_SPEED=off: the stock path, byte-identical output).
    *speed.extensions(),
    "brochure.sphinxext.fresh_outputs",  # stale outputs removed, pages of changed doctrees written
    "brochure.sphinxext.edition",
    "brochure.sphinxext.editions_table",  # editions.toml changed: every page's links rewritten
    "brochure.sphinxext.navigation_titles",  # a title changed: every page's navigation rewritten
    "brochure.sphinxext.alternates",
    "brochure.sphinxext.epub",
    "brochure.sphinxext.downloads",
    "brochure.sphinxext.credits",
    "brochure.sphinxext.search_index",
    "brochure.sphinxext.print_page",
    "brochure.sphinxext.fact_box",  # a contribution's facts from its front matter ({factbox})
    "brochure.sphinxext.safe_translations",
    "brochure.sphinxext.translation_status",
    "brochure.sphinxext.theme_strings",
    "brochure.sphinxext.rendered_html",  # the template bridge; every pass over rendered HTML, in order
    "brochure.sphinxext.search_folding",
    "brochure.sphinxext.aria_headings",
    "brochure.sphinxext.soft_hyphens",
    "brochure.sphinxext.page_meta",
    "brochure.sphinxext.bilingual",  # the German original beside every translated block
    "brochure.sphinxext.text_direction",  # after aria_headings: wraps its HTML translator
    "brochure.sphinxext.print_builder",  # `-b print`: the print document the PDF is rendered from
]
root_doc = "index"
exclude_patterns = ["_build", ".venv"]
templates_path = [str(ROOT / "templates")]
# Source-date for reproducible "last updated" stamps and ePub dates comes from SOURCE_DATE_EPOCH.
today_fmt = "%Y-%m-%d"
nitpicky = True  # a broken cross-reference is an error, not a silent plain-text fallback
fast_navigation_required = True  # furo's quadratic navigation render would be a warning, not a note

# Smart quotes stay on for the German text (its source writes „…“ itself, and an author's
# straight quotes become German ones) and off for every translation: a translated page shows
# the quotation marks and apostrophes the catalog has, so a straight " or ' that check-po
# reports is seen in the preview too, not hidden by a conversion only the build makes.
smartquotes_excludes = {"languages": [edition.code for edition in PUBLICATION.translations],
                        "builders": ["man", "text"]}

# -- MyST --------------------------------------------------------------------
# Only constructs that survive gettext translation; the catalog rules parse with the same list.
myst_enable_extensions = list(MYST_EXTENSIONS)
myst_heading_anchors = 0  # anchors from German slugs would differ from the translated headings

# -- Internationalisation ----------------------------------------------------
language = PUBLICATION.source_language
# The translators' catalogs. Absolute, so Sphinx (relative to source/) and the catalog tools
# (run from the root) agree. No build reads them: the catalog gate checks them, compiles each
# with msgfmt from the very bytes it checked into a folder of the build's own and sets
# locale_dirs to that folder (brochure.sphinxext.catalog_gate). Until then Sphinx loads no
# project catalog, and it compiles none itself.
translation_catalogs = str(ROOT / "locale")
locale_dirs = []
gettext_auto_build = False
gettext_compact = False  # one catalog per page: small diffs, one .po edit re-reads one page
gettext_uuid = False  # uuids would churn every location line on each update
gettext_location = True  # translators see where a message comes from
# Templates name no translator: a new catalog names nobody until a translator's editor writes a
# name, in the edition's language, which the imprint then credits (brochure.sphinxext.credits).
gettext_last_translator = ""
gettext_language_team = ""
translation_progress_classes = True  # mark untranslated (German) fallbacks in the output

# -- HTML --------------------------------------------------------------------
html_theme = "furo"
html_static_path = [str(ROOT / "static")]
html_show_sourcelink = False  # readers need no MyST source; translators work in .po files
html_show_sphinx = False  # keeps the footer free of an untranslatable possessive
html_copy_source = False
html_permalinks_icon = "#"
# furo's sidebar, plus the edition block (ePub download) after the navigation.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/edition.html",
        "sidebar/scroll-end.html",
    ]
}
html_theme_options = {
    "top_of_page_buttons": [],  # no edit/view links: the sources are German-only MyST
}

# -- ePub --------------------------------------------------------------------
epub_theme = "epub"  # furo's markup is not valid EPUB (epubcheck); the stock ePub theme is
epub_show_urls = "no"  # URLs after every link clutter small e-reader screens
epub_tocdepth = 5  # contributions sit four levels deep (part > chapter > examples > page)
epub_use_index = False  # the general index has no meaning in a reflowable book


def setup(app):
    # Not html_css_files: Sphinx stores that option after adding a priority to its entries,
    # so every later build would see a "changed configuration" and rewrite every page.
    app.add_css_file("editions.css")
    app.add_css_file("translation-status.css")
