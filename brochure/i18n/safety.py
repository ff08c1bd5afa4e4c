"""[html], [scheme] and [placeholder]: what a translation may never bring into a page.

* Raw HTML in a content msgstr would reach the page unescaped (MyST passes it through);
  what only looks like a tag (MyST takes a malformed one for text) would show as markup.
* The interface catalog (``sphinx.po``) is not MyST: its strings go into the theme's HTML
  templates as they are, so a msgstr may carry exactly the tags its msgid has and no other.
  A "tag" is whatever an HTML parser starts a tag or comment at: ``<`` followed by a letter,
  ``/``, ``!`` or ``?``, up to the next ``>`` or the end of the string (an unclosed ``<img``
  would swallow the template's markup up to its next ``>``). ``a < b`` and ``<3`` are text.
  Some templates write the string into an attribute (``title="{{ _('Search') }}"``), so a
  straight double quote outside the msgid's tags is refused too: it would end the attribute.
* A link whose scheme is not http, https or mailto (``javascript:``, ``data:``, …) runs code
  or shows content in the reader's browser.
* An interface string with a ``%(name)s`` the msgid lacks fails the page at render time.
* [resource] An image, a file link or a ``{download}`` whose target is on the network or
  outside the source tree: Sphinx copies any file a relative path reaches into ``_images/``
  or ``_downloads/`` (``../../../proc/self/environ`` publishes the build's environment), and
  a remote image is fetched by every reader's browser and e-reader. Judged on the msgstr
  alone, whatever the msgid has: a translation never needs such a target.

These are the only definitions: the build gate (``brochure.sphinxext.catalog_gate``),
``check-po`` and the build's own last line of defence (``safe_translations``) all call them.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import Counter

from brochure.i18n.model import Entry, Finding
from brochure.i18n.myst import parse
from brochure.i18n.paths import docname_of

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers ignore ASCII whitespace and control characters in a scheme ("java\tscript:").
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")

# Every pattern below reads translator text, so none may backtrack over a run: white space
# between two optional parts is taken by one possessive quantifier (``*+``), never split
# between two ``\s*`` (which is quadratic in the length of the run).
# Where an HTML tokenizer leaves the text state: a start or end tag, a comment, a doctype
# or a processing instruction; "</" before anything but ">" opens a bogus comment.
TAG = re.compile(r"<(?:[A-Za-z]|/[^>]|[!?])[^>]*>?")
_URL_PATTERNS = (
    re.compile(r"\]\(\s*+(?:<\s*+)?((?:[^()\s>]|\([^()\s]*+\))++)"),  # [text](url), [text](<url>)
    re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>"),  # autolink
    re.compile(
        r"""\b(?:href|src|action|formaction|poster|xlink:href)\s*+=\s*+(?:["']\s*+)?([^"'\s>]++)""",
        re.IGNORECASE,
    ),
)
# Never legitimate in a translation, even as plain text that does not become a link.
_SCRIPT_SCHEMES = re.compile(r"\b((?:java|vb)script\s*:[^\s)\"'>]*)", re.IGNORECASE)
# %(name)s, %s, %d: filled in by Python or Jinja; {name}: by JavaScript or str.format.
# Found by placeholder_spans(): as one regular expression, %\([^)]*\) scans from every "%("
# to the next ")", quadratic in a run of "%(" without one.
_PLACEHOLDER_START = re.compile(r"[%{]")
_KEYED_TAIL = re.compile(r"[#0 +-]*+\d*+(?:\.\d++)?+[a-zA-Z]")  # after "%(name)"
_SIMPLE_PLACEHOLDER = re.compile(r"%[a-zA-Z%]|\{[\w.]*+\}")


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Where the placeholders of *text* are, left to right, in linear time.

    The same as ``re.findall(r"%\\([^)]*\\)[#0 +-]*\\d*(?:\\.\\d+)?[a-zA-Z]|%[a-zA-Z%]|\\{[\\w.]*\\}")``
    would find: a keyed ``%(name)…`` reaches to the first ``)`` after its ``%(``, which every
    ``%(`` before that ``)`` shares, so the ``)`` and what follows it are looked up once.
    """
    spans = []
    closing, tails = -1, {}
    position = 0
    while (start := _PLACEHOLDER_START.search(text, position)) is not None:
        at, end = start.start(), None
        if text.startswith("%(", at):
            if closing < at + 2:
                closing = text.find(")", at + 2)
                closing = len(text) if closing < 0 else closing
            if closing < len(text):
                if closing not in tails:
                    tail = _KEYED_TAIL.match(text, closing + 1)
                    tails[closing] = tail.end() if tail else None
                end = tails[closing]
        if end is None:
            simple = _SIMPLE_PLACEHOLDER.match(text, at)
            end = simple.end() if simple else None
        if end is None:
            position = at + 1
        else:
            spans.append((at, end))
            position = end
    return spans


def placeholders(text: str) -> list[str]:
    return [text[start:end] for start, end in placeholder_spans(text)]


def without_placeholders(text: str, replacement: str = " ") -> str:
    """*text* with each placeholder replaced (what a reader never sees as written)."""
    parts, last = [], 0
    for start, end in placeholder_spans(text):
        parts += [text[last:start], replacement]
        last = end
    return "".join([*parts, text[last:]])


def unsafe_scheme(uri: str) -> str | None:
    """The scheme of ``uri`` when it is not allowed; None for allowed and relative URIs."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", uri))
    if match is None:
        return None
    scheme = match.group(1).lower()
    return None if scheme in ALLOWED_SCHEMES else scheme


def _outside_tags(text: str) -> str:
    return TAG.sub(" ", text)


def interface_tags(text: str) -> Counter[str]:
    """The tags of an interface string, white space inside them folded."""
    return Counter(re.sub(r"\s+", " ", tag) for tag in TAG.findall(text))


# -- [html] -------------------------------------------------------------------------------

def check_html(entry: Entry) -> list[Finding]:
    if entry.interface:
        findings = []
        new = interface_tags(entry.msgstr) - interface_tags(entry.msgid)
        if new:
            findings.append(entry.finding(
                "html",
                f"HTML {_quote(new)} in msgstr is not in the msgid "
                "(interface strings reach the page unescaped; keep the msgid's tags only)",
                _at(entry, next(iter(new))),
            ))
        if _outside_tags(entry.msgstr).count('"') > _outside_tags(entry.msgid).count('"'):
            findings.append(entry.finding(
                "html",
                'a straight double quote (") in msgstr would end the HTML attribute the theme '
                "writes this string into; use the quotation marks of your language (“…”, „…“)",
                _first_outside_tags(entry.msgstr, '"'),
            ))
        return findings
    findings = []
    raw = parse(entry.msgstr).html
    if raw:
        shown = ", ".join(repr(shorten(item)) for item in raw)
        findings.append(entry.finding(
            "html",
            f"raw HTML in msgstr: {shown} (it would reach the page unescaped); remove it, "
            "and write the text as plain text with the German text's markup",
            _at(entry, raw[0]),
        ))
    # What MyST does not take for HTML (a malformed tag) is shown to the reader as markup.
    shown_as_text = _text_tags(entry.msgstr) - _text_tags(entry.msgid)
    shown_as_text -= Counter(raw)
    if shown_as_text:
        findings.append(entry.finding(
            "html",
            f"HTML-like markup {_quote(shown_as_text)} in msgstr would be shown to readers as "
            "text; remove it, and write plain text with the German text's markup",
            _at(entry, next(iter(shown_as_text))),
        ))
    return findings


def _text_tags(text: str) -> Counter[str]:
    return interface_tags("\n".join(parse(text).literal_text))


# -- [scheme] -----------------------------------------------------------------------------

def check_scheme(entry: Entry) -> list[Finding]:
    findings = []
    reported: set[str] = set()
    for url in sorted(set(link_targets(entry)), key=len, reverse=True):
        # As a browser reads it: entities decoded.
        scheme = unsafe_scheme(html.unescape(url))
        if scheme is not None and scheme not in reported:
            reported.add(scheme)  # one finding per scheme: the longest spelling of the URL
            findings.append(
                entry.finding(
                    "scheme",
                    f"link to {shorten(url)!r} uses the scheme '{scheme}:' "
                    f"(only {', '.join(sorted(ALLOWED_SCHEMES))} and relative links are allowed); "
                    "remove the link, or keep the German text's",
                    _at(entry, url),
                )
            )
    return findings


def link_targets(entry: Entry) -> list[str]:
    """Every URL in the msgstr: parsed links, and what only looks like one in the raw text.

    markdown-it already refuses ``javascript:`` links (they stay text), but a msgstr that
    tries one is hostile or broken either way, and the interface catalog is not parsed at all.
    """
    urls = [m.group(1) for pattern in _URL_PATTERNS for m in pattern.finditer(entry.msgstr)]
    urls += [m.group(1) for m in _SCRIPT_SCHEMES.finditer(entry.msgstr)]
    if not entry.interface:
        urls += parse(entry.msgstr).links
    return urls


# -- [resource] ---------------------------------------------------------------------------

_FILE_ROLES = frozenset({"download", "image", "figure", "literalinclude", "include"})


def check_resource(entry: Entry) -> list[Finding]:
    """Images, file links and downloads stay inside the source tree and off the network."""
    if entry.interface:
        return []
    parsed = parse(entry.msgstr)
    targets = [("image", src) for src in parsed.images]
    targets += [("link", href) for href in parsed.links if href not in parsed.images]
    targets += [(f"{{{role.name}}}", role.target) for role in parsed.roles if role.name in _FILE_ROLES]
    findings = []
    for kind, target in dict.fromkeys(targets):
        problem = resource_problem(kind, target, _page_folder(entry))
        if problem:
            findings.append(entry.finding("resource", f"{kind} {shorten(target)!r} {problem}; keep the "
                                          "German text's target", _at(entry, target)))
    return findings


def resource_problem(kind: str, target: str, page_folder: str) -> str | None:
    """Why *target* may not be published from a page in *page_folder*; None when it may."""
    decoded = html.unescape(target).strip()
    if _SCHEME.match(decoded) or decoded.startswith("//"):
        if kind == "link" and unsafe_scheme(decoded) is None and not decoded.startswith("//"):
            return None  # a web link; [scheme] and [markup] judge it
        return "is on the network: images and files come from the project, never from elsewhere"
    if kind == "link" and (not decoded or decoded.startswith(("#", "mailto:"))):
        return None
    if "\\" in decoded or "%" in decoded or any(ord(character) < 0x20 for character in decoded):
        return "is not a plain path (backslash, %-escape or control character)"
    path = decoded.split("#", 1)[0].split("?", 1)[0]
    joined = posixpath.normpath(posixpath.join(page_folder, path.lstrip("/") if path.startswith("/") else path))
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/"))
    if joined == ".." or joined.startswith("../") or posixpath.isabs(joined):
        return "points outside the project's sources: only files of the brochure may be shown or offered"
    return None


def _page_folder(entry: Entry) -> str:
    page = docname_of(entry.path) or ""
    return posixpath.dirname(page)


# -- [placeholder] ------------------------------------------------------------------------

def check_placeholder(entry: Entry) -> list[Finding]:
    """Interface strings: no placeholder the msgid lacks (the program fills only its own)."""
    if not entry.interface:
        return []
    new = Counter(placeholders(entry.msgstr)) - Counter(placeholders(entry.msgid))
    new = Counter({item: count for item, count in new.items() if item != "%%"})
    if not new:
        return []
    return [
        entry.finding(
            "placeholder",
            f"msgstr has the placeholder(s) {_quote(new)} that msgid does not have "
            "(the page would fail to render; keep the msgid's placeholders)",
            _at(entry, next(iter(new))),
        )
    ]


def _at(entry: Entry, text: str) -> int | None:
    """Where *text* first stands in the msgstr (the line a finding names), None if nowhere."""
    found = entry.msgstr.find(text) if text else -1
    return found if found >= 0 else None


def _first_outside_tags(text: str, mark: str) -> int | None:
    cursor = 0
    for tag in TAG.finditer(text):
        found = text.find(mark, cursor, tag.start())
        if found >= 0:
            return found
        cursor = tag.end()
    found = text.find(mark, cursor)
    return found if found >= 0 else None


def shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote(items: Counter[str]) -> str:
    return ", ".join(f"'{item}'" for item in sorted(items.elements()))
