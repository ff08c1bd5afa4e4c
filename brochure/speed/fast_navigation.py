"""Furo's navigation tree, built once per build instead of once per page.

Why large editions were slow
----------------------------
Every furo page carries the whole navigation tree in its sidebar. Furo computes it in its
``html-page-context`` handler (``furo._compute_navigation_tree``): it asks Sphinx to resolve
the complete toctree for the page (deep copies of every page's table of contents), renders
that with docutils, and re-parses the result with BeautifulSoup to add the expand/collapse
checkboxes. Each step costs time proportional to the number of pages, and it runs for every
page, so a build grows with the square of the page count: ten times the content took 54 times
as long, 85 % of it in this one function.

Yet the tree differs from page to page in three ways only: the relative link to every page,
the ``current`` marks along the branch that leads to the page (with furo's ``current-page``
and the ``checked`` state of that branch's checkboxes), and nothing else.

What this extension does
------------------------
Once per build it renders the tree through the very same pipeline (Sphinx's
``global_toctree_for_doc``, the builder's ``render_partial``, furo's ``get_navigation_tree``)
for a page that is in no toctree, with a marker on every link, list and list item. That
output is split into a template: literal text, and slots for the links' ``href`` and for the
``class`` attributes and checkboxes that the current branch changes. Each page then fills in
its relative links (computed once per output directory) and its branch. The result is
byte-identical to furo's (``tests/speed/test_fast_navigation.py`` compares a scratch
project's builds, ``tests/speed/test_build_speed.py`` the editions).

The tree goes through ``brochure.sphinxext.rendered_html``'s navigation passes (translated
labels, soft hyphens) here, once, before it is cut into the template (``NAVIGATION_EVENT``);
with furo they run on every page's tree.

Furo is kept from doing the work twice by hiding ``toctree`` from the page context while its
handler runs (furo then computes an empty tree), and restoring it right after.

Where the template cannot reproduce furo exactly, the extension steps aside for the whole
build and furo works as before: builders other than ``html`` (``dirhtml`` links differ), a
page listed twice in the toctrees (Sphinx then marks branches in a way the template does not
model), or link targets with characters that HTML would escape.

Upstream: furo's pull request #939 (open) renders the navigation tree once per build, the same
way; this module goes when a furo release with it is locked. ``make bench`` (d) measures it.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

logger = logging.getLogger(__name__)

# A page name that is in no toctree, so nothing in its navigation tree is marked current.
# At the top of the output directory, so the relative links it gets are the target URIs.
NEUTRAL_PAGE = "__brochure_navigation__"
MARK = "brochure-nav"
# Furo's own arguments to the page context's toctree() (furo._compute_navigation_tree).
FURO_TOCTREE = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
# What a target URI may contain for its href to come out of docutils and BeautifulSoup
# unchanged (Sphinx quotes page names; anchors are docutils ids).
SAFE_URI = re.compile(r"[A-Za-z0-9._~%/#-]*\Z")
SLOT = re.compile(
    rf' class="(?P<classes>[^"]*\b{MARK}-(?P<kind>li|ul|a)-(?P<n>\d+)\b[^"]*)"'
    rf'|(?P<href>href="{MARK}-href-(?P<ref>\d+)")'
    # A navigation pass may have given the checkbox lang and dir (an English label).
    r'|(?P<checkbox><input aria-label="[^"]*" (?:(?:lang|dir)="[^"]*" )*)(?=class="toctree-checkbox")'
)
# The context key under which furo's toctree() waits while furo's handler runs.
HIDDEN_TOCTREE = "_brochure_hidden_toctree"
# brochure.sphinxext.rendered_html's event for a tree rendered once for every page (its
# handler returns the tree with the navigation passes applied), and the context key that tells
# it a page's tree has them. Plain names: the speed layer imports no extension.
NAVIGATION_EVENT = "navigation-tree-rendered"
NAVIGATION_DONE = "navigation_passes_applied"


class Unsupported(Exception):
    """The template cannot reproduce furo's output for this build."""


@dataclass
class NavigationTemplate:
    """Furo's navigation tree with the parts that depend on the page left open."""

    pieces: list[Any]  # str, or a slot tuple (see _compile)
    targets: list[tuple[str, str]]  # per link: (target URI, anchor), or ("", URL) for external
    branches: dict[str, frozenset[str]]  # page name -> ids of the marked nodes on its branch
    deepest: dict[str, str]  # page name -> id of the list item that gets furo's current-page
    passes_applied: bool = False  # the tree went through NAVIGATION_EVENT
    _links_by_directory: dict[str, list[str]] = field(default_factory=dict)

    def render(self, pagename: str, page_uri: str) -> str:
        links = self._links_from(page_uri)
        branch = self.branches.get(pagename, frozenset())
        deepest = self.deepest.get(pagename)
        out: list[str] = []
        li_is_current = False
        for piece in self.pieces:
            if piece.__class__ is str:
                out.append(piece)
                continue
            kind, node_id, payload = piece
            if kind == "href":
                out.append(f'href="{links[payload]}"')
            elif kind == "checkbox":
                # The checkbox belongs to the list item opened just before it.
                out.append(payload + ('checked="" ' if li_is_current else ""))
            else:
                current = node_id in branch
                if kind == "li":
                    li_is_current = current
                classes = payload[current] if node_id != deepest else payload[2]
                out.append(f' class="{classes}"' if classes else "")
        return "".join(out)

    def _links_from(self, page_uri: str) -> list[str]:
        """Every link's href as seen from ``page_uri``, the way Sphinx writes it."""
        directory, _, _ = page_uri.rpartition("/")
        links = self._links_by_directory.get(directory)
        if links is None:
            # A file name no target can have, so relative_uri never takes its "same page" case.
            base = f"{directory}/\0" if directory else "\0"
            links = [relative_uri(base, uri) + anchor if uri else anchor for uri, anchor in self.targets]
            self._links_by_directory[directory] = links
        # The page's own entry: Sphinx's relative URI is empty, the writer turns that into "#".
        return [
            (anchor or "#") if uri == page_uri else link
            for link, (uri, anchor) in zip(links, self.targets, strict=False)
        ]


def build_template(app: Sphinx) -> NavigationTemplate:
    """Render the navigation once, with markers, and cut it into a template."""
    builder, env = app.builder, app.env
    tree = global_toctree_for_doc(env, NEUTRAL_PAGE, builder, tags=builder.tags, **FURO_TOCTREE)
    if tree is None:
        return NavigationTemplate([""], [], {}, {})
    targets, branches, deepest = _mark(tree, builder, env)
    from furo.navigation import get_navigation_tree

    html = get_navigation_tree(builder.render_partial(tree)["fragment"])
    # The passes change text and labels only, never a marker: they run once, here, not per page.
    processed = app.emit_firstresult(NAVIGATION_EVENT, html)
    return NavigationTemplate(_compile(html if processed is None else processed), targets, branches, deepest,
                              passes_applied=processed is not None)


def _mark(tree: nodes.Element, builder: Any, env: Any) -> tuple[list, dict, dict]:
    """Put a marker on every link, list and list item; record each page's branch."""
    page_of_uri = {builder.get_relative_uri(NEUTRAL_PAGE, doc): doc for doc in env.all_docs}
    targets: list[tuple[str, str]] = []
    branches: dict[str, frozenset[str]] = {}
    deepest: dict[str, str] = {}
    for index, node in enumerate(tree.findall(lambda n: isinstance(n, (nodes.bullet_list, nodes.list_item)))):
        kind = "ul" if isinstance(node, nodes.bullet_list) else "li"
        node["classes"].append(f"{MARK}-{kind}-{index}")
    for index, ref in enumerate(tree.findall(nodes.reference)):
        refuri, anchor = ref["refuri"], ref.get("anchorname", "")
        uri = refuri[: len(refuri) - len(anchor)] if anchor else refuri
        page = page_of_uri.get(uri)
        if page is None:  # an external link in a toctree: the same on every page
            if ref.get("internal"):
                raise Unsupported(f"toctree link {refuri!r} is no page")
            targets.append(("", refuri))
        else:
            if not SAFE_URI.match(refuri):
                raise Unsupported(f"toctree link {refuri!r} would be escaped")
            targets.append((builder.get_target_uri(page), anchor))
        ref["refuri"] = f"{MARK}-href-{index}"
        ref["classes"].append(f"{MARK}-a-{index}")
        if page is None or anchor:
            continue  # Sphinx marks the branch of a page's own, anchorless entry only
        if page in branches:
            raise Unsupported(f"page {page!r} is listed twice in the toctrees")
        branch = [f"a-{index}"]
        parent = ref.parent
        while parent is not None:
            marker = next((c for c in parent["classes"] if c.startswith(f"{MARK}-")), None)
            if marker is not None:
                branch.append(marker[len(MARK) + 1 :])
                if isinstance(parent, nodes.list_item):
                    deepest.setdefault(page, branch[-1])  # the first one up is the page's own
            parent = parent.parent
        branches[page] = frozenset(branch)
    return targets, branches, deepest


def _compile(html: str) -> list[Any]:
    """Cut furo's output into literal text and slots.

    A class slot holds the attribute's three forms: off the current branch, on it (Sphinx
    adds ``current`` where the marker is), and on the page's own list item (furo then appends
    ``current-page``).
    """
    pieces: list[Any] = []
    position = 0
    for match in SLOT.finditer(html):
        pieces.append(html[position : match.start()])
        position = match.end()
        if match["href"]:
            pieces.append(("href", "", int(match["ref"])))
        elif match["checkbox"]:
            pieces.append(("checkbox", "", match["checkbox"]))
        else:
            marker = f"{MARK}-{match['kind']}-{match['n']}"
            classes = match["classes"].split()
            off = " ".join(c for c in classes if c != marker)
            on = " ".join("current" if c == marker else c for c in classes)
            pieces.append((match["kind"], f"{match['kind']}-{match['n']}", (off, on, on + " current-page")))
    pieces.append(html[position:])
    if MARK in "".join(p for p in pieces if isinstance(p, str)):
        raise Unsupported("a marker survived in the literal text")
    checkboxes = sum(1 for p in pieces if isinstance(p, tuple) and p[0] == "checkbox")
    if checkboxes != html.count('class="toctree-checkbox"'):
        # A title with a double quote makes BeautifulSoup quote the label differently.
        raise Unsupported("a checkbox label the template does not recognise")
    return pieces


# -- Sphinx events ------------------------------------------------------------------------


# One template per builder, made at its first page and dropped when a build re-reads the
# sources (sphinx-autobuild keeps a process across builds). False: furo does the work.
_templates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _template(app: Sphinx) -> NavigationTemplate | None:
    template = _templates.get(app.builder)
    if template is None:
        template = False
        # Furo runs for the html family only; dirhtml and singlehtml link differently.
        if app.builder.name == "html" and app.config.html_theme == "furo":
            try:
                template = build_template(app)
            except Unsupported as reason:
                # Loud where the project relies on the fast path (conf.py): a furo release
                # that changes the navigation must not silently cost the quadratic render.
                log = logger.warning if app.config.fast_navigation_required else logger.info
                log("fast_navigation: furo computes the navigation per page (%s)", reason,
                    type="fast_navigation", subtype="fallback")
        _templates[app.builder] = template
    return template or None


def _forget(app: Sphinx, env: Any) -> None:
    _templates.pop(app.builder, None)


def _hide_toctree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if "toctree" in context and _template(app) is not None:
        context[HIDDEN_TOCTREE] = context.pop("toctree")


def _fill_navigation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    toctree = context.pop(HIDDEN_TOCTREE, None)
    if toctree is None:
        return
    context["toctree"] = toctree
    template = _template(app)
    context["furo_navigation_tree"] = template.render(pagename, app.builder.get_target_uri(pagename))
    if template.passes_applied:
        context[NAVIGATION_DONE] = True


def setup(app: Sphinx) -> dict:
    # True: stepping aside is a warning (an error under -W), not a note.
    app.add_config_value("fast_navigation_required", False, "", types=(bool,))
    app.connect("env-updated", _forget)
    # Around furo's own handler (priority 500).
    app.connect("html-page-context", _hide_toctree, priority=499)
    app.connect("html-page-context", _fill_navigation, priority=501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
