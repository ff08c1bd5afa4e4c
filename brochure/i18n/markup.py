"""[markup]: what Sphinx would silently drop, show literally, or link elsewhere.

The MyST parse of msgid and msgstr is compared (content catalogs only): block structure,
links and images (a msgstr may not add, drop or change a URL), roles and the targets of
reference roles (``{doc}``, ``{ref}``, ``{term}``, …), inline code, footnotes, substitutions,
emphasis, and markup characters left over as text. Each kind of difference has its own
function so a finding names exactly what differs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from brochure.i18n.model import Entry, Finding
from brochure.i18n.myst import CODE_ROLES, REFERENCE_ROLES, Parsed, parse

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
        (REFERENCE_ROLES, "target", "target",
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
