"""Every interface string of the furo theme in the edition's language.

furo ships no translations and hard-codes some English (aria-labels, SVG titles, the
"Toggle navigation of …" labels it builds in Python). This extension

* edits furo's templates as the project's template bridge loads them
  (``brochure.sphinxext.rendered_html``), turning each hard-coded literal listed in
  ``brochure.i18n.interface.HARD_CODED`` into a ``_()`` call, so it is translated through the ``sphinx`` catalog
  like every other theme string; a furo release that changes one of them fails the build
  instead of silently shipping English;
* translates the navigation labels furo adds after rendering the toctree (a navigation pass of
  ``brochure.sphinxext.rendered_html``);
* writes the page's text direction into furo's ``<html>`` tag (``brochure.sphinxext.text_direction``);
* writes ``_static/translations.js`` from the same catalogs, so the search page's own
  messages are translated too (Sphinx's shipped Turkish catalog leaves some empty).

The translations live in ``locale/<code>/LC_MESSAGES/sphinx.po`` (made by
``python -m brochure.tools.interface_catalog``).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ThemeError
from sphinx.locale import _

from brochure.base.html_tokens import sub_in_tags
from brochure.i18n.interface import HARD_CODED, NAV_TOGGLE, NAV_TOGGLE_MSGID, javascript_catalog
from brochure.i18n.paths import INTERFACE_DOMAIN, messages_dir, sphinx_locale_dirs
from brochure.sphinxext.build_facts import is_website
from brochure.sphinxext.text_direction import FURO_HTML_TAG


def _gettext_call(literal: str, msgid: str) -> str:
    quoted = json.dumps(msgid)  # a valid Jinja string literal
    if literal.startswith("aria-label="):
        return f'aria-label="{{{{ _({quoted})|e }}}}"'
    return f"<title>{{{{ _({quoted})|e }}}}</title>"


def localized_source(filename: str, source: str) -> str:
    """A furo template's source with its hard-coded English turned into ``_()`` calls and its
    ``<html>`` tag given the text direction; other templates as they are. Applied by the
    project's template bridge (``brochure.sphinxext.rendered_html``) as it loads a template."""
    path = Path(filename).as_posix()
    for name, literal, msgid in HARD_CODED:
        if path.endswith(f"/furo/{name}"):
            if literal not in source:
                raise ThemeError(
                    f"{filename}: expected the hard-coded string {literal!r}; furo changed, "
                    "update brochure/sphinxext/theme_strings.py HARD_CODED"
                )
            source = source.replace(literal, _gettext_call(literal, msgid))
    name, literal, replacement = FURO_HTML_TAG  # the page's text direction
    if path.endswith(f"/furo/{name}"):
        if literal not in source:
            raise ThemeError(f"{filename}: expected {literal!r} for the text direction; furo "
                             "changed, update brochure/sphinxext/text_direction.py FURO_HTML_TAG")
        source = source.replace(literal, replacement, 1)
    return source


def translate_navigation_toggles(app: Sphinx, tree: str) -> str:
    """Navigation pass: furo's "Toggle navigation of …" labels, which it writes from Python,
    in the edition's language."""

    def label(match: re.Match) -> str:
        title = html.unescape(match.group(1))
        text = _(NAV_TOGGLE_MSGID) % {"title": title}
        return f'aria-label="{html.escape(text)}"'

    return sub_in_tags(tree, "input", NAV_TOGGLE, label)


def _write_js_translations(app: Sphinx, exception) -> None:
    """Replace Sphinx's translations.js with one built from the project's catalogs first."""
    if exception or not is_website(app):
        return
    target = Path(app.outdir, "_static", "translations.js")
    content = javascript_catalog(app.config.language, _locale_dir(app))
    if content is None:
        return
    if not target.exists() or target.read_text(encoding="utf-8") != content:
        target.write_text(content, encoding="utf-8")


def _depend_on_interface_catalog(app: Sphinx, doctree) -> None:
    """Rewrite every page when the interface catalog changes (Sphinx only tracks page catalogs)."""
    catalog = messages_dir(str(app.config.language), _locale_dir(app)) / f"{INTERFACE_DOMAIN}.mo"
    if catalog.exists():
        app.env.note_dependency(str(catalog))


def _locale_dir(app: Sphinx) -> Path:
    """The project's catalogs: the first of ``locale_dirs`` (Sphinx's own come after)."""
    return sphinx_locale_dirs(app.srcdir, app.config.locale_dirs)[0]


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _write_js_translations)
    app.connect("doctree-read", _depend_on_interface_catalog)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
