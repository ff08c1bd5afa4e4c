"""No raw HTML and no script links in the published pages, whatever a catalog contains.

``python -m brochure.tools.check_po`` rejects such translations, but a catalog can reach a
build without passing it (a hand-edited .po, a merge straight into a release branch). Sphinx
would then put raw HTML from a msgstr into the page unescaped, and a link is followed
wherever it points. So right after Sphinx's i18n ``Locale`` transform (priority 20) has
swapped in the translations, this transform

* turns every ``raw`` node into a literal of its own source text: the reader sees the
  markup instead of the browser running it;
* unlinks every reference whose URL has a scheme other than http, https or mailto
  (``javascript:``, ``data:``, ``vbscript:``, ...): the link text stays, the link goes;

and logs a warning with the page and line for each, so the ``-W`` build fails and names
the page. The interface catalog (``sphinx.po``) reaches the page through the theme's templates,
unescaped, so its translations may carry no HTML tag and no URL their msgid lacks: the build
stops at the start, naming the file and line. The German sources contain no raw HTML by policy (only constructs that survive
translation), so the source edition is treated the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from brochure.catalogs import INTERFACE_CATALOG
from brochure.editions import LOCALE_DIR

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers ignore ASCII whitespace and control characters in a scheme ("java\tscript:").
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_scheme(uri: str) -> str | None:
    """The scheme of ``uri`` when it is not allowed; None for allowed and relative URIs."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", uri))
    if match is None:
        return None
    scheme = match.group(1).lower()
    return None if scheme in ALLOWED_SCHEMES else scheme


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
            _shorten(text),
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
            _shorten(reference["refuri"]),
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


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TAG = re.compile(r"<[^>]*>")


class UnsafeTranslationError(SphinxError):
    category = "Unsafe translation"


def _check_interface_catalog(app: Sphinx) -> None:
    path = Path(LOCALE_DIR, str(app.config.language), "LC_MESSAGES", INTERFACE_CATALOG)
    if not path.exists():
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    for entry in polib.pofile(str(path)):
        allowed = set(_TAG.findall(entry.msgid)) | set(_TAG.findall(entry.msgid_plural or ""))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            extra = set(_TAG.findall(text)) - allowed
            if extra:
                # polib counts from the entry's first comment; point at its msgstr instead.
                line = next((n for n in range(entry.linenum, len(lines) + 1)
                             if lines[n - 1].startswith("msgstr")), entry.linenum)
                raise UnsafeTranslationError(
                    f"{path}:{line}: the translation adds HTML {sorted(extra)!r}; "
                    "interface translations may only keep the msgid's own markup"
                )


def setup(app: Sphinx) -> dict:
    app.add_transform(NeutraliseUnsafeMarkup)
    app.connect("builder-inited", _check_interface_catalog)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
