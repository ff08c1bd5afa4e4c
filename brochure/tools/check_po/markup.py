"""[markup], [html] and [scheme]: what Sphinx would drop, show literally, or pass through.

[markup] compares the MyST parse of msgid and msgstr (content catalogs only). Each kind of
difference has its own function so a message names exactly what differs.

[html] and [scheme] guard the published pages: raw HTML in a translation reaches the page
unescaped, and a ``javascript:`` link runs in the reader's browser. The interface catalog
(``sphinx.po``) is not MyST but goes into HTML templates as it is, so there only tags the
English msgid already has are allowed.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

from brochure.sphinxext.safe_translations import ALLOWED_SCHEMES, unsafe_scheme
from brochure.tools.check_po.model import Entry, Finding
from brochure.tools.check_po.myst import CODE_ROLES, TARGET_ROLES, Parsed, parse

# How to keep the msgstr one paragraph when it starts like another block.
_BLOCK_HINTS = {
    "bullet_list_open": "escape the leading '- ' (or '* ', '+ ') as '\\- '",
    "ordered_list_open": "escape the dot after a leading number, as in '1\\.'",
    "heading_open": "escape the leading '#' as '\\#'",
    "blockquote_open": "escape the leading '>' as '\\>'",
    "code_block": "remove the indentation at the start of the line",
    "myst_line_comment": "escape the leading '%' as '\\%'",
    "myst_target": "escape the leading '(' as '\\('",
    "html_block": "remove the HTML",
    "hr": "escape the first character",
}

# Markup characters that, left in a text node, are shown to the reader as they are.
_LEFTOVERS = (
    (re.compile(r"`"), "a backtick '`' (unbalanced backticks)"),
    (re.compile(r"\*\*"), "'**' (unclosed bold)"),
    (re.compile(r"(?<!\*)\*(?!\*)"), "'*' (unclosed emphasis)"),
    (re.compile(r"\]\s*\("), "'](' (a broken link)"),
    (re.compile(r"\{\{"), "'{{' (a broken substitution)"),
    (re.compile(r"\}\}"), "'}}' (a broken substitution)"),
    (re.compile(r"\{[a-z][\w:-]*\}"), "a role name like '{term}' without its `…`"),
)

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_URL_PATTERNS = (
    re.compile(r"\]\(\s*<?\s*((?:[^()\s>]|\([^()\s]*\))+)"),  # [text](url), [text](<url>)
    re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>"),  # autolink
    re.compile(
        r"""\b(?:href|src|action|formaction|poster|xlink:href)\s*=\s*["']?\s*([^"'\s>]+)""",
        re.IGNORECASE,
    ),
)
# Never legitimate in a translation, even as plain text that does not become a link.
_SCRIPT_SCHEMES = re.compile(r"\b((?:java|vb)script\s*:[^\s)\"'>]*)", re.IGNORECASE)


# -- [markup] -----------------------------------------------------------------------------

def check_markup(entry: Entry) -> list[Finding]:
    if entry.interface:
        return []
    source, target = parse(entry.msgid), parse(entry.msgstr)
    messages = [
        *compare_blocks(source, target),
        *compare_roles(source, target),
        *compare_items("link", source.links, target.links, "link targets stay as in the German text"),
        *compare_items("inline code", source.code, target.code, "code is not translated"),
        *compare_items("footnote reference", source.footnotes, target.footnotes, "labels stay"),
        *compare_items("substitution", source.substitutions, target.substitutions, "names stay"),
        *compare_counts("emphasis (*…*)", source.emphasis, target.emphasis),
        *compare_counts("bold (**…**)", source.strong, target.strong),
        *leftover_markup(source, target),
    ]
    return [entry.finding("markup", message) for message in messages]


def compare_blocks(source: Parsed, target: Parsed) -> list[str]:
    if source.blocks == target.blocks:
        return []
    if not target.blocks:
        return ["msgstr is empty once parsed"]
    if not source.blocks or source.blocks[0] != target.blocks[0]:
        first = target.blocks[0]
        hint = _BLOCK_HINTS.get(first, "write it as one paragraph like the msgid")
        expected = source.block_names[0] if source.blocks else "empty"
        return [
            f"msgstr is {target.block_names[0]}, msgid {expected} "
            f"(Sphinx would silently show the German text; {hint})"
        ]
    if len(target.blocks) > len(source.blocks):
        extra = ", ".join(target.block_names[len(source.blocks):])
        return [
            f"msgstr goes on after {target.block_names[0]} with {extra} (Sphinx keeps only "
            "the first block and silently drops the rest; remove the blank line or escape "
            "the line's first character)"
        ]
    return [
        f"msgstr's blocks ({', '.join(target.block_names)}) differ from msgid's "
        f"({', '.join(source.block_names)})"
    ]


def compare_roles(source: Parsed, target: Parsed) -> list[str]:
    messages = []
    source_names = Counter(role.name for role in source.roles)
    target_names = Counter(role.name for role in target.roles)
    for name in sorted(source_names.keys() | target_names.keys()):
        if source_names[name] != target_names[name]:
            messages.append(
                f"msgid has {source_names[name]} {{{name}}} role(s), msgstr {target_names[name]}"
            )
    # What must not change inside a role: the target of a reference, the content of code.
    kept = (
        (TARGET_ROLES, "target", "target",
         "targets stay as in the German text; only a title before <target> is translated"),
        (CODE_ROLES, "content", "text", "code is not translated"),
    )
    for roles, what, attribute, rule in kept:
        for name in sorted(roles & source_names.keys() & target_names.keys()):
            messages += compare_items(
                f"{{{name}}} {what}",
                [getattr(r, attribute) for r in source.roles if r.name == name],
                [getattr(r, attribute) for r in target.roles if r.name == name],
                rule,
                counts_checked=True,
            )
    return messages


def compare_items(
    what: str,
    source: Iterable[str],
    target: Iterable[str],
    rule: str,
    counts_checked: bool = False,
) -> list[str]:
    """Name what the msgstr lost or gained; order may differ (sentences get reordered)."""
    missing = Counter(source) - Counter(target)
    extra = Counter(target) - Counter(source)
    if not missing and not extra:
        return []
    if missing and extra:
        return [f"{what} {_quote(extra)} in msgstr, {_quote(missing)} in msgid ({rule})"]
    if counts_checked:
        return []  # the count difference is already reported
    if missing:
        return [f"msgstr lacks the {what} {_quote(missing)}"]
    return [f"msgstr has the {what} {_quote(extra)} that msgid does not have"]


def compare_counts(what: str, source: int, target: int) -> list[str]:
    return [] if source == target else [f"msgid has {source} {what}, msgstr {target}"]


def leftover_markup(source: Parsed, target: Parsed) -> list[str]:
    """Markup characters the msgstr shows as text (more of them than the msgid shows)."""
    messages = []
    for pattern, description in _LEFTOVERS:
        before = sum(len(pattern.findall(text)) for text in source.literal_text)
        after = [m for text in target.literal_text for m in _matches(pattern, text)]
        if len(after) > before:
            messages.append(
                f"msgstr shows {description} as literal text near {after[0]!r}; "
                "Sphinx renders it without a warning"
            )
    return messages


def _matches(pattern: re.Pattern[str], text: str) -> list[str]:
    return [text[max(m.start() - 15, 0) : m.end() + 15].strip() for m in pattern.finditer(text)]


def _quote(items: Counter[str]) -> str:
    return ", ".join(f"'{item}'" for item in sorted(items.elements()))


# -- [html] -------------------------------------------------------------------------------

def check_html(entry: Entry) -> list[Finding]:
    if entry.interface:
        allowed = Counter(_normal_tag(tag) for tag in _TAG.findall(entry.msgid))
        found = Counter(_normal_tag(tag) for tag in _TAG.findall(entry.msgstr))
        new = found - allowed
        if not new:
            return []
        return [
            entry.finding(
                "html",
                f"HTML {_quote(new)} in msgstr is not in the msgid "
                "(interface strings reach the page unescaped; keep the msgid's tags only)",
            )
        ]
    raw = parse(entry.msgstr).html
    if not raw:
        return []
    shown = ", ".join(repr(_shorten(item)) for item in raw)
    return [
        entry.finding(
            "html",
            f"raw HTML in msgstr: {shown} (it would reach the page unescaped; "
            "use MyST markup or plain text)",
        )
    ]


def _normal_tag(tag: str) -> str:
    return re.sub(r"\s+", " ", tag)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- [scheme] -----------------------------------------------------------------------------

def check_scheme(entry: Entry) -> list[Finding]:
    findings = []
    reported: set[str] = set()
    for url in sorted(set(link_targets(entry)), key=len, reverse=True):
        # As a browser reads it: entities decoded (the build's rule does the rest).
        scheme = unsafe_scheme(html.unescape(url))
        if scheme is not None and scheme not in reported:
            reported.add(scheme)  # one finding per scheme: the longest spelling of the URL
            findings.append(
                entry.finding(
                    "scheme",
                    f"link to {_shorten(url)!r} uses the scheme '{scheme}:' "
                    f"(only {', '.join(sorted(ALLOWED_SCHEMES))} and relative links are allowed)",
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
