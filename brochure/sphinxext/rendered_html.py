"""Every change to a rendered page, in one place and in one order.

Sphinx renders a page from a template and its context and writes it; it has no event after
rendering. The editions change the rendered HTML in a few ways (interface text marked
English, soft hyphens, the navigation's labels), and each change is a *pass*: a function in
the module of its concern that takes the app and a piece of HTML and returns it changed. This
module runs them, in the order of two lists, for the builds each pass is for:

* :data:`NAVIGATION_PASSES` run over the navigation fragments the theme puts into a page
  (furo's tree ``furo_navigation_tree`` and the page's own table of contents ``toc``), in
  ``html-page-context`` once furo (priority 500) and ``brochure.speed.fast_navigation`` (501)
  have made them;
* :data:`PAGE_PASSES` run over the whole rendered page, in the project's template bridge
  (Sphinx's ``template_bridge`` setting: the supported way to own template loading and
  rendering), which is :class:`EditionTemplateLoader`. It also loads the templates with
  ``theme_strings``' edits and installs ``interface_language``'s gettext.

Every pass reads HTML with the one tokenizer in ``brochure.base.html_tokens`` and changes text
or attributes in place, so everything else stays byte for byte as Sphinx and furo wrote it.

Cost that grows with the content, not faster: furo's navigation tree lists every page and is
printed into every page, so anything done to it on every page costs pages × pages. The page
passes therefore never see it: the tree waits in the context while a placeholder stands in its
place, and goes in after them (none of them would change it: no heading, table cell or
interface message is in it). And where ``fast_navigation`` renders the tree once per build, it
hands it to :data:`NAVIGATION_EVENT`, so the navigation passes run once per build too; the pages
it fills in say so with :data:`NAVIGATION_DONE` in their context.
``tests/sphinxext/test_rendered_html.py`` counts the work per page at two book sizes.

What Sphinx and furo offer a supported hook for uses it: the switcher goes into furo's
``announcement`` block (``templates/page.html``), meta tags into the ``metatags`` context value
(``alternates``, ``page_meta``), scripts through ``app.add_js_file``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader

from brochure.speed.fast_navigation import NAVIGATION_DONE, NAVIGATION_EVENT
from brochure.sphinxext import interface_language, soft_hyphens, theme_strings
from brochure.sphinxext.build_facts import is_website, writes_pages


class Pass(NamedTuple):
    """One change to rendered HTML: what it does, the function, and the builds it is for."""

    name: str
    run: Callable[[Sphinx, str], str]
    applies: Callable[[Sphinx], bool]


NAVIGATION_PASSES = (
    Pass("navigation toggles' labels in the edition's language", theme_strings.translate_navigation_toggles,
         writes_pages),
    Pass("English navigation toggles marked lang=en", interface_language.mark_navigation_toggles, writes_pages),
    Pass("soft hyphens in the navigation", soft_hyphens.hyphenate_navigation, is_website),
)
PAGE_PASSES = (
    Pass("English interface text marked lang=en", interface_language.mark_interface_fallbacks, writes_pages),
    Pass("soft hyphens in headings and table cells", soft_hyphens.hyphenate_page, is_website),
)
# Static files rendered from templates (``*_t``): the marks' brackets must not stay in them.
STATIC_TEMPLATE_PASSES = (PAGE_PASSES[0],)

NAVIGATION_FRAGMENTS = ("furo_navigation_tree", "toc")
TREE = "furo_navigation_tree"
# Where the tree waits while the page passes run; a private-use character no page contains.
HELD_TREE = "_brochure_navigation_tree"
PLACEHOLDER = "\ue010"


def run_passes(app: Sphinx, passes: tuple[Pass, ...], html: str) -> str:
    for step in passes:
        if step.applies(app):
            html = step.run(app, html)
    return html


def process_navigation(app: Sphinx, fragment: str) -> str:
    return run_passes(app, NAVIGATION_PASSES, fragment)


def _navigation_rendered_once(app: Sphinx, tree: str) -> str:
    """:data:`NAVIGATION_EVENT`: the tree rendered once for every page gets its passes once."""
    return process_navigation(app, tree)


def _prepare_navigation(app: Sphinx, pagename, templatename, context: dict, doctree) -> None:
    done = context.pop(NAVIGATION_DONE, False)
    for key in NAVIGATION_FRAGMENTS:
        if context.get(key) and not (key == TREE and done):
            context[key] = process_navigation(app, context[key])
    if context.get(TREE):
        context[HELD_TREE] = context[TREE]
        context[TREE] = PLACEHOLDER


class EditionTemplateLoader(BuiltinTemplateLoader):
    """Sphinx's template bridge, with the project's template edits, gettext and page passes."""

    app: Sphinx | None = None  # set at builder-inited (Sphinx makes the bridge before)

    def init(self, builder, theme=None, dirs=None) -> None:
        super().init(builder, theme, dirs)
        interface_language.install_marking_gettext(self.environment, builder)

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return theme_strings.localized_source(filename, source), filename, uptodate

    def render(self, template, context):
        page = super().render(template, context)
        if self.app is None:
            return page
        page = run_passes(self.app, PAGE_PASSES, page)
        tree = context.get(HELD_TREE)
        return page if tree is None else page.replace(PLACEHOLDER, tree)

    def render_string(self, source, context):
        text = super().render_string(source, context)
        return text if self.app is None else run_passes(self.app, STATIC_TEMPLATE_PASSES, text)


def _use_bridge(app: Sphinx, config) -> None:
    config.template_bridge = f"{__name__}.{EditionTemplateLoader.__name__}"


def _connect_bridge(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if isinstance(templates, EditionTemplateLoader):
        templates.app = app


def setup(app: Sphinx) -> dict:
    app.add_event(NAVIGATION_EVENT)
    app.connect(NAVIGATION_EVENT, _navigation_rendered_once)
    app.connect("config-inited", _use_bridge)
    app.connect("builder-inited", _connect_bridge)
    # After every handler that makes or fills a navigation fragment (furo 500, fast_navigation
    # 501); the other handlers of the project only add context values.
    app.connect("html-page-context", _prepare_navigation, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
