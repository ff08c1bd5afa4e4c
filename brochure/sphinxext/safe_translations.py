"""No raw HTML and no script links in the published pages: the last line of defence.

The catalog gate (``brochure.sphinxext.catalog_gate``) refuses a catalog with raw HTML or
a script link before anything is built. Should a translation still carry one into a
doctree (a rule with a gap, a source the gate does not see), Sphinx would put the raw HTML
into the page unescaped, and a link is followed wherever it points. So right after
Sphinx's i18n ``Locale`` transform (priority 20) has swapped in the translations, this
transform

* turns every ``raw`` node into a literal of its own source text: the reader sees the
  markup instead of the browser running it;
* unlinks every reference whose URL has a scheme other than http, https or mailto
  (``javascript:``, ``data:``, ``vbscript:``, ...): the link text stays, the link goes;

and logs a warning with the page and line for each, so the ``-W`` build fails and names
the page. The scheme rule is :func:`brochure.i18n.safety.unsafe_scheme`, the one the gate
and ``check-po`` apply. The German sources contain no raw HTML by policy (only constructs
that survive translation), so the source edition is treated the same way.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from brochure.i18n.safety import shorten, unsafe_scheme

logger = logging.getLogger(__name__)

class NeutraliseUnsafeMarkup(SphinxTransform):
    """Escape raw nodes and unlink unsafe references, after the translations are in."""

    default_priority = 21  # sphinx.transforms.i18n.Locale is 20

    def apply(self, **kwargs) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            self._escape(raw)
        for reference in list(self.document.findall(nodes.reference)):
            scheme = unsafe_scheme(reference.get("refuri", ""))
            if scheme is not None:
                self._unlink(reference, scheme)

    def _escape(self, raw: nodes.raw) -> None:
        text = raw.astext()
        logger.warning(
            "raw %s shown as text instead of passed to the page: %r",
            raw.get("format", "markup"),
            shorten(text, 60),
            location=_located(raw),
            type="safe_translations",
            subtype="raw",
        )
        if isinstance(raw.parent, nodes.TextElement):
            replacement: nodes.Element = nodes.literal(text, text)
        else:
            replacement = nodes.literal_block(text, text, language="text")
        raw.replace_self(replacement)

    def _unlink(self, reference: nodes.reference, scheme: str) -> None:
        logger.warning(
            "link to %r removed: the scheme '%s:' is not allowed (only http, https, mailto)",
            shorten(reference["refuri"], 60),
            scheme,
            location=_located(reference),
            type="safe_translations",
            subtype="scheme",
        )
        # The HTML writer requires refuri or refid on a reference, so replace the node
        # rather than strip the attribute.
        reference.replace_self(nodes.inline(reference.rawsource, "", *reference.children))


def _located(node: nodes.Node) -> nodes.Node:
    """The node itself, or its nearest ancestor that knows its source line.

    Nodes parsed from a msgstr carry a pseudo source (``page.md:12:<translated>``) and no
    line of their own; the translated paragraph they sit in has the page's line.
    """
    current: nodes.Node | None = node
    while current is not None:
        if current.line is not None and current.source and "<translated>" not in current.source:
            return current
        current = current.parent
    return node


def setup(app: Sphinx) -> dict:
    app.add_transform(NeutraliseUnsafeMarkup)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
