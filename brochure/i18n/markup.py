"""[markup]: what Sphinx would silently drop, show literally, or link elsewhere.

The MyST parse of msgid and msgstr is compared (content catalogs only): block structure,
links and images (a msgstr may not add, drop or change a URL), roles and the targets of
reference roles (``{doc}``, ``{ref}``, ``{term}``, …), inline code, footnotes, substitutions,
emphasis, and markup characters left over as text. Each kind of difference has its own
function so a finding names exactly what differs.
"""

from __future__ import annotations

import bisect
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

# Markup characters that, left in a text node, are shown to the reader as they are: what the
# reader sees, and how to write it.
_LEFTOVERS = (
    (re.compile(r"`"), "a backtick '`'",
     "backticks come in pairs (`code`, {role}`text`): add the missing one or remove this one"),
    (re.compile(r"\*\*"), "'**'", "bold needs a closing '**' (**bold**): add it or remove this one"),
    (re.compile(r"(?<!\*)\*(?!\*)"), "'*'",
     "emphasis needs a closing '*' (*word*): add it, or write '\\*' for an asterisk"),
    (re.compile(r"\]\s*\("), "'](' (a broken link)",
     "a link is [text](target), with ']' and '(' side by side and ')' after the target"),
    (re.compile(r"\{\{"), "'{{' (a broken substitution)", "write {{ name }} as in the German text"),
    (re.compile(r"\}\}"), "'}}' (a broken substitution)", "write {{ name }} as in the German text"),
    (re.compile(r"\{[a-z][\w:-]*\}"), "a role name like '{term}' without its `…`",
     "a role is written {name}`text`, the backticks right after '}'"),
)
# A role name and the backtick after it, shown as text: the closing backtick is missing.
_OPEN_ROLE = re.compile(r"\{([a-z][\w:-]*)\}`")
# A role name without a backtick after it, shown as text: if a backtick follows before the
# next role name, the opening one is missing.
_BARE_ROLE = re.compile(r"\{([a-z][\w:-]*)\}(?!`)")

# -- [markup] -----------------------------------------------------------------------------

Problem = tuple[str, "int | None"]  # a message, and where in the msgstr (None: no one place)


def check_markup(entry: Entry) -> list[Finding]:
    """One finding per mistake: a message whose block structure differs is reported for that
    alone, and markup that did not parse (an unclosed role, bold or link) for that alone, since
    every other comparison would only repeat it in other words."""
    if entry.interface:
        return []
    source, target = parse(entry.msgid), parse(entry.msgstr)
    problems = compare_blocks(source, target, entry.msgstr) or broken_markup(source, target, entry.msgstr)
    if not problems:
        problems = [
            *compare_roles(source, target, entry.msgstr),
            *_placed(entry.msgstr, broken_links(source.links, target.links, entry.msgstr)
                     or compare_items("link", source.links, target.links, "link targets stay as in the German text")),
            *_placed(entry.msgstr, compare_items("inline code", source.code, target.code,
                                                 "code is not translated")),
            *_placed(entry.msgstr, compare_items("footnote reference", source.footnotes, target.footnotes,
                                                 "labels stay")),
            *_placed(entry.msgstr, compare_items("substitution", source.substitutions, target.substitutions,
                                                 "names stay")),
            *_placed(entry.msgstr, compare_counts("emphasis (*…*)", source.emphasis, target.emphasis)),
            *_placed(entry.msgstr, compare_counts("bold (**…**)", source.strong, target.strong)),
        ]
    return [entry.finding("markup", message, at) for message, at in problems]


def _placed(msgstr: str, messages: list[str]) -> list[Problem]:
    """Each message at the first item it quotes that the msgstr has ('…' in the message)."""
    placed: list[Problem] = []
    for message in messages:
        at = None
        for quoted in re.findall(r"'([^'\n]{1,200})'", message):
            found = msgstr.find(quoted)
            if found >= 0:
                at = found
                break
        placed.append((message, at))
    return placed


def compare_blocks(source: Parsed, target: Parsed, msgstr: str = "") -> list[Problem]:
    if source.blocks == target.blocks:
        return []
    if not target.blocks:
        return [("msgstr is empty once parsed; translate the text, or leave the msgstr empty", None)]
    if not source.blocks or source.blocks[0] != target.blocks[0]:
        first = target.blocks[0]
        hint = _BLOCK_HINTS.get(first, "write it as one paragraph like the msgid")
        expected = source.block_names[0] if source.blocks else "empty"
        return [(
            f"msgstr is {target.block_names[0]}, msgid {expected} "
            f"(Sphinx would silently show the German text; {hint})", 0)]
    if len(target.blocks) > len(source.blocks):
        extra = ", ".join(target.block_names[len(source.blocks):])
        gap = re.search(r"\n[ \t]*\n", msgstr)
        if gap:
            return [(
                f"msgstr goes on after {target.block_names[0]} with {extra} after a blank line (Sphinx "
                "keeps only what comes before it and silently drops the rest); remove the blank line",
                gap.end())]
        line = msgstr.find("\n")
        hint = _BLOCK_HINTS.get(target.blocks[len(source.blocks)], "escape the line's first character")
        return [(
            f"msgstr goes on after {target.block_names[0]} with {extra} (Sphinx keeps only the first "
            f"block and silently drops the rest); {hint}", line + 1 if line >= 0 else None)]
    return [(
        f"msgstr's blocks ({', '.join(target.block_names)}) differ from msgid's "
        f"({', '.join(source.block_names)}); write it as one block like the msgid", None)]


def broken_markup(source: Parsed, target: Parsed, msgstr: str) -> list[Problem]:
    """Markup the msgstr shows as text (more of it than the msgid shows), one finding each.

    A role whose closing backtick is missing shows as its name, a backtick and everything up
    to the end as text (its ``<target>`` as HTML): that is one finding, at the role. So is a
    role whose opening backtick is missing (its name and the closing backtick show as text)."""
    problems: list[Problem] = []
    consumed: set[int] = set()
    spans = literal_spans(target, msgstr)
    for text, offset in spans:
        for match in _OPEN_ROLE.finditer(text):
            at = offset + match.start()
            consumed.update((at, offset + match.end() - 1))
            rest = msgstr[offset + match.end():]
            opening = rest.find("<")
            closing = rest.find(">", opening + 1) if opening >= 0 else -1
            where = (f"after {rest[opening:closing + 1]!r}" if 0 <= opening < closing and closing - opening < 200
                     and "\n" not in rest[opening:closing] else "at the end of the role's text")
            problems.append((
                f"the {{{match.group(1)}}} role has no closing backtick: add '`' {where}, as in "
                f"{{{match.group(1)}}}`text <target>`", at))
    # Across text nodes: a "<target>" between the role and its backtick reads as HTML.
    backticks = [offset + index for text, offset in spans for index, char in enumerate(text) if char == "`"]
    roles = [(offset + match.start(), offset + match.end(), match.group(1))
             for text, offset in spans for match in _BARE_ROLE.finditer(text)]
    for number, (start, end, name) in enumerate(roles):
        following = bisect.bisect_left(backticks, end)
        if following == len(backticks):
            continue
        closing = backticks[following]
        if closing in consumed or (number + 1 < len(roles) and roles[number + 1][0] < closing):
            continue  # the closing backtick of another role
        consumed.update((start, closing))
        problems.append((
            f"the {{{name}}} role has no opening backtick: add '`' right after '{{{name}}}', as in "
            f"{{{name}}}`text <target>`", start))
    for pattern, shown, fix in _LEFTOVERS:
        before = sum(len(pattern.findall(text)) for text in source.literal_text)
        after = [offset + m.start() for text, offset in spans for m in pattern.finditer(text)]
        free = [at for at in after if at not in consumed]
        if len(after) > before and free:
            near = msgstr[max(free[0] - 15, 0):free[0] + 15].strip()
            problems.append((f"{shown} shows as text near {near!r}; {fix}", free[0]))
    return problems


def literal_spans(parsed: Parsed, msgstr: str) -> list[tuple[str, int]]:
    """Each text node of *parsed* with its offset in *msgstr* (searched in order: the nodes
    come in the order of the text, so each is found after the one before)."""
    spans, cursor = [], 0
    for text in parsed.literal_text:
        found = msgstr.find(text, cursor)
        if found < 0:
            found = msgstr.find(text)
        if found < 0:
            continue
        spans.append((text, found))
        cursor = found + len(text)
    return spans


def compare_roles(source: Parsed, target: Parsed, msgstr: str = "") -> list[Problem]:
    problems: list[Problem] = []
    source_names = Counter(role.name for role in source.roles)
    target_names = Counter(role.name for role in target.roles)
    for name in sorted(source_names.keys() | target_names.keys()):
        if source_names[name] != target_names[name]:
            at = msgstr.find(f"{{{name}}}") if target_names[name] > source_names[name] else -1
            problems.append((
                f"msgid has {source_names[name]} {{{name}}} role(s), msgstr {target_names[name]}; "
                f"keep each role of the German text ({{{name}}}`…`)", at if at >= 0 else None))
    # What must not change inside a role: the target of a reference, the content of code.
    kept = (
        (REFERENCE_ROLES, "target", "target",
         "targets stay as in the German text; only a title before <target> is translated"),
        (CODE_ROLES, "content", "text", "code is not translated"),
    )
    for roles, what, attribute, rule in kept:
        for name in sorted(roles & source_names.keys() & target_names.keys()):
            problems += _placed(msgstr, compare_items(
                f"{{{name}}} {what}",
                [getattr(r, attribute) for r in source.roles if r.name == name],
                [getattr(r, attribute) for r in target.roles if r.name == name],
                rule,
                counts_checked=True,
            ))
    return problems


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
        return [f"msgstr lacks the {what} {_quote(missing)}; keep it as in the German text ({rule})"]
    return [f"msgstr has the {what} {_quote(extra)} that msgid does not have; remove it ({rule})"]


def broken_links(source: Iterable[str], target: Iterable[str], msgstr: str) -> list[str]:
    """A link the msgstr lost although its target is still there, as text: the brackets are
    broken (a missing ']' or '['); one message that says so, instead of "lacks the link"."""
    missing = Counter(source) - Counter(target)
    return [f"the link to '{link}' is broken ('({link})' shows as text): write it as "
            f"[text]({link}), with '[' before the text and ']' right before '('"
            for link in sorted(missing) if f"({link})" in msgstr]


def compare_counts(what: str, source: int, target: int) -> list[str]:
    if source == target:
        return []
    return [f"msgid has {source} {what}, msgstr {target}; mark the same words as the German text does"]


def _quote(items: Counter[str]) -> str:
    return ", ".join(f"'{item}'" for item in sorted(items.elements()))
