"""[whitespace] and [quotes], and the visible text of a message that several checks read.

Quotation marks are checked on what the reader sees, never on code, URLs, role targets or
HTML attributes, where a straight ``"`` is correct.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from brochure.i18n.model import Entry, Finding
from brochure.i18n.myst import parse
from brochure.i18n.safety import TAG, without_placeholders


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


def check_quotes(entry: Entry) -> list[Finding]:
    text = visible_text(entry.msgstr, entry.interface)
    style = QUOTE_STYLES.get(entry.lang or "")
    messages = []
    if '"' in text:
        wanted = f"{style.name} uses {_pair(style.double)}" if style else "use typographic marks"
        messages.append(f"straight quotation mark '\"' in msgstr; {wanted}")
    if style is not None:
        foreign = sorted({mark for mark in text if mark in style.foreign})
        if foreign:
            messages.append(
                f"quotation mark(s) {' '.join(foreign)} in msgstr belong to another language; "
                f"{style.name} uses {_pair(style.double)} and {_pair(style.single)}"
            )
        opening, closing = style.double
        if opening != closing and text.count(opening) != text.count(closing):
            messages.append(
                f"{text.count(opening)} opening {opening} but {text.count(closing)} closing "
                f"{closing}; {style.name} quotes are {_pair(style.double)}"
            )
    return [entry.finding("quotes", message) for message in messages]


def _pair(marks: tuple[str, str]) -> str:
    return f"{marks[0]}…{marks[1]}"
