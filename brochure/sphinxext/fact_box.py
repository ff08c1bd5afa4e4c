"""A contribution's facts at a glance: the ``{factbox}`` directive.

The edition has no contribution's full text, so an article page would otherwise restate its
heading in prose. The fact box shows instead what the printed table of contents says about
the contribution, as a definition list (``<dl>``: a label per fact, read as such by screen
readers, in HTML, ePub and PDF alike):

* who wrote it (``contributors``), their role or institution (``role``, ``institution``) and
  municipality (``municipality``), as the table of contents prints them;
* where it stands in the brochure: the parts and chapters above it, from the toctrees;
* related glossary terms (``glossary``) and the other contributions of its chapter, plus any
  page named in ``see_also``.

The data are the page's front matter, the same place as ``print_page`` (the print-page line,
``brochure.sphinxext.print_page``): the printed table of contents has one record per page,
in that page. The structure (part, neighbours) is the toctree's, which follows the printed
table of contents; nothing is written twice.

Translation: the labels are interface strings (``sphinx.po``, translated once for every
page). The values that are words, roles, institutions and glossary terms, are messages of
the page's own catalog, next to the heading that names the same person, so translators see
them in context and the catalog gate checks them like any message. Names of persons and
municipalities stay as printed, as in the headings. Part and neighbours are links whose text
is the target page's title in the edition's language.

MyST adds a page's front matter to ``env.metadata`` while it parses the page (coupling table,
DEVELOPING.md), so the directive reads it at parse time, when the page's messages are
extracted and translated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from brochure.sphinxext.interface_language import N_, fallback_language

# Front matter keys the fact box reads; anything else in the front matter is not its concern.
LIST_KEYS = ("contributors", "glossary", "see_also")
TEXT_KEYS = ("role", "institution", "municipality")
SEPARATOR = " › "  # between the parts above a page: "Handreichungen › IV. Integrationsmonitoring"


class place_in_brochure(nodes.Element):
    """Filled after reading with links to the parts and chapters above the page."""


class neighbours(nodes.Element):
    """Filled after reading with links to the other contributions of the page's chapter."""


def front_matter_list(value: str | None) -> list[str]:
    """A front matter list as MyST stores it in ``env.metadata`` (JSON), or one string."""
    if not value:
        return []
    if value.lstrip().startswith("["):
        items = json.loads(value)
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ValueError(f"expected a list of texts, got {value}")
        return [item.strip() for item in items if item.strip()]
    return [value.strip()]


def facts(metadata: dict) -> dict[str, list[str] | str]:
    """The fact box's values from a page's front matter (``env.metadata[docname]``)."""
    found: dict[str, list[str] | str] = {key: front_matter_list(metadata.get(key)) for key in LIST_KEYS}
    found.update({key: str(metadata.get(key) or "").strip() for key in TEXT_KEYS})
    return found


def _label(env: BuildEnvironment, msgid: str) -> nodes.term:
    """A label in the edition's language, marked English while the catalog lacks it."""
    text = _(msgid)
    classes = [f"language-{language}"] if (language := fallback_language(env, msgid)) else []
    return nodes.term(text, text, classes=classes)


def _row(label: nodes.term, *content: nodes.Node) -> nodes.definition_list_item:
    return nodes.definition_list_item("", label, nodes.definition("", *content))


class FactBoxDirective(SphinxDirective):
    """The facts of the printed table of contents about this page, as a definition list."""

    def _translatable(self, text: str) -> list[nodes.Node]:
        """*text* as a message of the page's catalog (parsed like the page's own text)."""
        return self.parse_text_to_nodes(text)

    def run(self) -> list[nodes.Node]:
        try:
            values = facts(self.env.metadata.get(self.env.docname, {}))
        except ValueError as err:
            raise self.error(f"factbox: front matter of {self.env.docname}: {err}") from None
        if not values["contributors"] and not self.env.metadata.get(self.env.docname, {}).get("print_page"):
            raise self.error("factbox: the page's front matter has neither 'contributors' nor 'print_page'")
        box = nodes.definition_list(classes=["fact-box"])
        if values["contributors"]:
            # Translators: label of the fact box row naming who wrote a contribution.
            box += _row(_label(self.env, N_("Contribution by")),
                        nodes.paragraph("", ", ".join(values["contributors"]), classes=[PROPER_NAMES]))
        if values["role"]:
            # Translators: label of the fact box row with the author's office as printed.
            box += _row(_label(self.env, N_("Role")), *self._translatable(values["role"]))
        if values["institution"]:
            # Translators: label of the fact box row with the author's institution.
            box += _row(_label(self.env, N_("Institution")), *self._translatable(values["institution"]))
        if values["municipality"]:
            # Translators: label of the fact box row with the city or district a contribution comes from.
            box += _row(_label(self.env, N_("Municipality")),
                        nodes.paragraph("", values["municipality"], classes=[PROPER_NAMES]))
        # Translators: label of the fact box row with the parts and chapters above a page.
        box += _row(_label(self.env, N_("Part of the brochure")), place_in_brochure())
        if values["glossary"]:
            terms = ", ".join(f"{{term}}`{term}`" for term in values["glossary"])
            # Translators: label of the fact box row linking to glossary entries.
            box += _row(_label(self.env, N_("In the glossary")), *self._translatable(terms))
        # Translators: label of the fact box row linking to related contributions.
        box += _row(_label(self.env, N_("See also")), neighbours(see_also=values["see_also"]))
        return [box]


# Names of people and places, the same in every edition: not German text in a translation, and
# not for a browser's page translation to touch ("notranslate", honoured by the common ones).
PROPER_NAMES = "notranslate"


def ancestors(env: BuildEnvironment, docname: str) -> list[str]:
    """The pages whose toctrees lead to *docname*, outermost first, without the start page."""
    parent_of = {child: parent for parent, children in sorted(env.toctree_includes.items())
                 for child in children}
    chain, seen = [], {docname}
    while (parent := parent_of.get(chain[0] if chain else docname)) and parent not in seen:
        seen.add(parent)
        chain.insert(0, parent)
    return [name for name in chain if name != env.config.root_doc]


def related(env: BuildEnvironment, docname: str, see_also: Iterable[str]) -> list[str]:
    """The other pages of *docname*'s toctree, in print order, then its ``see_also`` pages."""
    chain = ancestors(env, docname)
    siblings = env.toctree_includes.get(chain[-1], []) if chain else []
    named = [name.lstrip("/") for name in see_also]
    return [name for name in dict.fromkeys([*siblings, *named]) if name != docname]


def _link(docname: str, target: str) -> addnodes.pending_xref:
    """A link whose text is *target*'s title in the edition's language (resolved later)."""
    xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{target}",
                                 refdoc=docname, refexplicit=False, refwarn=True)
    xref += nodes.inline("", target)
    return xref


def _remove_row(node: nodes.Element) -> None:
    """Removes the row (label and value) whose value holds *node*."""
    row = node.parent.parent  # definition_list_item > definition > node
    row.parent.remove(row)


class ResolveFactBox(SphinxPostTransform):
    """Fills the place and the neighbours once every page is read (before links resolve)."""

    default_priority = 5  # before Sphinx's ReferencesResolver (10)

    def run(self, **kwargs) -> None:
        docname = self.env.docname
        for node in list(self.document.findall(place_in_brochure)):
            chain = ancestors(self.env, docname)
            if not chain:  # a part of its own (the Schlusswort): nothing above it to show
                _remove_row(node)
                continue
            paragraph = nodes.paragraph()
            for index, name in enumerate(chain):
                if index:
                    paragraph += nodes.Text(SEPARATOR)
                paragraph += _link(docname, name)
            node.replace_self(paragraph)
        for node in list(self.document.findall(neighbours)):
            names = related(self.env, docname, node["see_also"])
            if not names:
                _remove_row(node)
                continue
            items = nodes.bullet_list()
            for name in names:
                items += nodes.list_item("", nodes.paragraph("", "", _link(docname, name)))
            node.replace_self(items)


def setup(app: Sphinx) -> dict:
    app.add_directive("factbox", FactBoxDirective)
    app.add_node(place_in_brochure)
    app.add_node(neighbours)
    app.add_post_transform(ResolveFactBox)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
