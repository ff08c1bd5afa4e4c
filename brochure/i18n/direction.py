"""Text direction of a language, from Babel's CLDR locale data (``Locale.text_direction``).

Arabic, Farsi, Hebrew, Urdu, Pashto, Sorani … are right-to-left: CLDR says so for every
language it knows, so the project keeps no list of its own. A code Babel does not know is
treated as left-to-right (the build refuses such an edition earlier, in ``editions.toml``).
"""

from __future__ import annotations

from functools import cache
from html import escape

from babel import Locale, UnknownLocaleError

LTR = "ltr"
RTL = "rtl"


@cache
def text_direction(language: str | None) -> str:
    """``"rtl"`` or ``"ltr"`` for a language code such as ``ar``, ``fa`` or ``pt_BR``."""
    if not language:
        return LTR
    try:
        return Locale.parse(language.replace("-", "_")).text_direction
    except (UnknownLocaleError, ValueError):
        return LTR


def is_rtl(language: str | None) -> bool:
    return text_direction(language) == RTL


def direction_attribute(language: str, around: str | None) -> str:
    """`` dir="ltr"`` when text in *language* sits in a page in language *around* that is
    written the other way (a German passage in an Arabic page); empty otherwise."""
    own = text_direction(language)
    return f' dir="{own}"' if own != text_direction(around) else ""


def lang_attributes(shown_in: str | None, page_language: str | None) -> str:
    """`` lang="en"`` (and ``dir`` where it differs) for text shown in another language than
    the page's; empty when *shown_in* is empty (the text is in the page's language)."""
    if not shown_in:
        return ""
    return f' lang="{escape(shown_in)}"{direction_attribute(shown_in, page_language)}'
