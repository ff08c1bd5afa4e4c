"""[whitespace] and [quotes], and the visible text of a message that several checks read.

Quotation marks are checked on what the reader sees, never on code, URLs, role targets or
HTML attributes, where a straight ``"`` is correct.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from brochure.i18n.markup import literal_spans
from brochure.i18n.model import Entry, Finding
from brochure.i18n.myst import parse
from brochure.i18n.safety import TAG, placeholder_spans, without_placeholders


def visible_text(entry_text: str, interface: bool) -> str:
    """The words a reader sees: MyST parse for content, tags and placeholders removed for UI."""
    if interface:
        return html.unescape(without_placeholders(TAG.sub(" ", entry_text)))
    return parse(entry_text).visible


# -- [whitespace] -------------------------------------------------------------------------

def check_whitespace(entry: Entry) -> list[Finding]:
    messages = []
    for side, source, target in (
        ("starts", _leading(entry.msgid), _leading(entry.msgstr)),
        ("ends", _trailing(entry.msgid), _trailing(entry.msgstr)),
    ):
        if source != target:
            messages.append(f"msgstr {side} with {_describe(target)}, msgid with {_describe(source)}")
    return [entry.finding("whitespace", message) for message in messages]


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]


def _describe(whitespace: str) -> str:
    return repr(whitespace) if whitespace else "no whitespace"


# -- [quotes] -----------------------------------------------------------------------------

@dataclass(frozen=True)
class QuoteStyle:
    name: str
    double: tuple[str, str]  # opening, closing
    single: tuple[str, str]
    foreign: str  # marks that belong to other languages


QUOTE_STYLES = {
    "en": QuoteStyle("English", ("“", "”"), ("‘", "’"), "„‚«»‹›"),
    "tr": QuoteStyle("Turkish", ("“", "”"), ("‘", "’"), "„‚«»‹›"),
    "de": QuoteStyle("German", ("„", "“"), ("‚", "‘"), "”«»‹›"),
}


# How to type each typographic mark: Windows (Alt + number pad), macOS (US and most layouts),
# Linux (the Compose key); in any editor, copying the mark from this message works too.
HOW_TO_TYPE = {
    "“": "Windows Alt+0147, macOS Option+[, Linux Compose < \"",
    "”": "Windows Alt+0148, macOS Option+Shift+[, Linux Compose > \"",
    "‘": "Windows Alt+0145, macOS Option+], Linux Compose < '",
    "’": "Windows Alt+0146, macOS Option+Shift+], Linux Compose > '",
    "„": "Windows Alt+0132, macOS Option+Shift+W, Linux Compose , \"",
    "‚": "Windows Alt+0130, macOS Option+Shift+0, Linux Compose , '",
}


def check_quotes(entry: Entry) -> list[Finding]:
    """Every straight quotation mark and apostrophe a reader would see, each at its place,
    with the mark to type instead; marks of another language; unbalanced quotes."""
    style = QUOTE_STYLES.get(entry.lang or "")
    findings = [entry.finding("quotes", message, at) for message, at in _straight_marks(entry, style)]
    text = visible_text(entry.msgstr, entry.interface)
    if style is not None:
        foreign = sorted({mark for mark in text if mark in style.foreign})
        if foreign:
            at = min(entry.msgstr.find(mark) for mark in foreign)
            findings.append(entry.finding(
                "quotes",
                f"quotation mark(s) {' '.join(foreign)} belong to another language; "
                f"{style.name} uses {_pair(style.double)} and {_pair(style.single)}",
                at if at >= 0 else None,
            ))
        opening, closing = style.double
        straight = '"' in text  # a straight mark stands for the missing curly one: reported above
        if opening != closing and not straight and text.count(opening) != text.count(closing):
            findings.append(entry.finding(
                "quotes",
                f"{text.count(opening)} opening {opening} but {text.count(closing)} closing "
                f"{closing}; {style.name} quotes are {_pair(style.double)}: add the missing one",
            ))
    return findings


def _straight_marks(entry: Entry, style: QuoteStyle | None) -> list[tuple[str, int]]:
    """(message, offset) for each straight " and ' of the msgstr's visible text."""
    problems = []
    for offset in _visible_offsets(entry):
        mark = entry.msgstr[offset]
        before = entry.msgstr[offset - 1] if offset else " "
        after = entry.msgstr[offset + 1] if offset + 1 < len(entry.msgstr) else " "
        opens = not before.strip() or before in "([{–—/"
        near = entry.msgstr[max(offset - 12, 0):offset + 13].strip()
        if mark == "'" and before.isalnum() and after.isalnum():
            wanted, what = "’", "straight apostrophe"
        elif mark == "'":
            wanted = (style.single[0] if opens else style.single[1]) if style else ("‘" if opens else "’")
            what = "straight single quotation mark"
        else:
            wanted = (style.double[0] if opens else style.double[1]) if style else ("“" if opens else "”")
            what = "straight quotation mark"
        problems.append((
            f"{what} {mark} in ‹{near}›; type {wanted} instead ({HOW_TO_TYPE.get(wanted, 'copy it from here')})",
            offset,
        ))
    return problems


def _visible_offsets(entry: Entry) -> list[int]:
    """Offsets in the msgstr of the straight quotes a reader sees: in text, not in code, URLs,
    role targets or, in the interface catalog, HTML tags and placeholders."""
    if entry.interface:
        shown = bytearray(b"\x01" * len(entry.msgstr))
        hidden = [match.span() for match in TAG.finditer(entry.msgstr)] + placeholder_spans(entry.msgstr)
        for start, end in hidden:
            shown[start:end] = bytes(end - start)
        return [index for index, char in enumerate(entry.msgstr) if char in "\"'" and shown[index]]
    return [offset + index for text, offset in literal_spans(parse(entry.msgstr), entry.msgstr)
            for index, char in enumerate(text) if char in "\"'"]


def _pair(marks: tuple[str, str]) -> str:
    return f"{marks[0]}…{marks[1]}"
