"""One reading of rendered HTML, shared by every pass that changes it.

The passes over rendered pages (``brochure.sphinxext.rendered_html``: soft hyphens, interface
text marked English, the navigation's labels) change text or attributes in place and must
leave every other byte as Sphinx and furo wrote it, so none of them parses the page into a
tree and writes it back. They read it as this module's tokens instead: tags (start, end,
comment) with their positions, and the text between them. One tokenizer, so that the passes
agree on where a tag starts and ends — a ``>`` inside a quoted attribute value is no tag end,
and the content of ``script``, ``style``, ``title`` and ``textarea`` is text, never tags.

Linear in the page: one scan for the tags, and one search for the end of each raw-text element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# Elements whose content is text up to their end tag (HTML's raw text and escapable raw text).
RAW_TEXT = frozenset({"script", "style", "title", "textarea"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class Tag(NamedTuple):
    """A tag of the page: ``html[start:end]``. ``name`` is lower case, empty for a comment;
    ``rest`` is what follows the name inside the tag (the attributes)."""

    start: int
    end: int
    name: str
    closing: bool
    rest: str

    @property
    def opens_element(self) -> bool:
        """A start tag with content to come (not a comment, end tag, void or ``/>`` tag)."""
        return bool(self.name) and not self.closing and self.name not in VOID and not self.rest.rstrip().endswith("/")

    @property
    def name_end(self) -> int:
        """Where the tag's name ends: attributes inserted here come first."""
        return self.start + 1 + len(self.name)


def tags(html: str) -> Iterator[Tag]:
    """Every tag of *html* in order; the content of a raw-text element is skipped (it is text)."""
    position = 0
    while True:
        match = TAG.search(html, position)
        if match is None:
            return
        closing, name = bool(match.group(1)), (match.group(2) or "").lower()
        yield Tag(match.start(), match.end(), name, closing, match.group(3) or "")
        position = match.end()
        if name in RAW_TEXT and not closing:
            # Its content is text up to its end tag (Sphinx and furo write tags in lower case).
            end = html.find(f"</{name}", position)
            if end >= 0:
                position = end


def attributes(rest: str) -> dict[str, str]:
    """A tag's attributes by lower-case name (of a repeated name, the last)."""
    return {m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None) for m in ATTRIBUTE.finditer(rest)}


def sub_in_tags(html: str, name: str, pattern: re.Pattern, replacement) -> str:
    """*html* with *pattern* replaced inside the start tags of element *name* only (an attribute
    value), never in text or in other tags."""
    out, position = [], 0
    for tag in tags(html):
        if tag.name == name and not tag.closing:
            out.append(html[position:tag.start])
            out.append(pattern.sub(replacement, html[tag.start:tag.end]))
            position = tag.end
    out.append(html[position:])
    return "".join(out)


def text(html: str) -> str:
    """The text of an HTML fragment, its tags left out (entities stay as they are)."""
    out, position = [], 0
    for tag in tags(html):
        out.append(html[position:tag.start])
        position = tag.end
    out.append(html[position:])
    return "".join(out)
