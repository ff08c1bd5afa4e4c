"""Facts about the build, shared by the extensions.

Not an extension itself: the extensions import these helpers, so each asks the same question
the same way (is this the website or the ePub? is this a translation? which catalog is this
page's? how does the reader's language write a percent?).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.numbers import format_percent
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.util.i18n import docname_to_domain

from brochure.base.editions import LOCALE_DIR, publication
from brochure.i18n.paths import catalog_path, sphinx_locale_dirs


def is_website(app: Sphinx) -> bool:
    """The website's pages (``make html-xx``), not the ePub, the catalog templates or a check."""
    return app.builder.name == "html"


def is_ebook(app: Sphinx) -> bool:
    """The ePub (the project's ePub builder is Sphinx's ``Epub3Builder`` with metadata)."""
    return isinstance(app.builder, Epub3Builder)


def writes_pages(app: Sphinx) -> bool:
    """Any build that writes HTML pages: the website and the ePub's XHTML."""
    return app.builder.format == "html"


def source_language() -> str:
    return publication().source_language


def is_translation(language: str | None) -> bool:
    """An edition made from catalogs (not the source language's own)."""
    return bool(language) and language != source_language()


def locale_dir(app: Sphinx) -> Path:
    """The first catalog directory Sphinx reads (``locale_dirs`` is relative to the sources)."""
    for directory in sphinx_locale_dirs(app.srcdir, app.config.locale_dirs):
        return directory
    return LOCALE_DIR


def translators_locale_dir(app: Sphinx) -> Path:
    """Where the translators' catalogs of every edition live (``translation_catalogs``, which
    the catalog gate reads; ``locale_dirs`` then names the build's checked copies of one).
    Without the gate (a project that does not load it), ``locale_dirs`` is where they are."""
    return translators_catalogs(app.srcdir, app.config)


def translators_catalogs(srcdir: Path | str, config) -> Path:
    """:func:`translators_locale_dir` for a directive, which has the configuration but no app."""
    if "translation_catalogs" in config:
        return Path(srcdir, config.translation_catalogs)
    for directory in sphinx_locale_dirs(srcdir, config.locale_dirs):
        return directory
    return LOCALE_DIR


def page_catalog(app: Sphinx, docname: str) -> Path:
    domain = docname_to_domain(docname, app.config.gettext_compact)
    return catalog_path(str(app.config.language), domain, locale_dir(app))


def percent_text(value: Decimal, language: str | None) -> str:
    """``97.3%``, ``97,3 %``, ``%97,3``: the percent as the reader's language writes it."""
    try:
        return format_percent(value / 100, locale=language or "en", decimal_quantization=False)
    except (UnknownLocaleError, ValueError):
        return format_percent(value / 100, locale="en", decimal_quantization=False)



def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode
