"""Language-aware case folding: Turkish İ/ı, German ß/ss.

Python's ``str.lower()`` and JavaScript's ``toLowerCase()`` follow the language-neutral
Unicode rules, which are wrong for Turkish (``"İ".lower()`` is ``"i̇"`` with a combining dot,
``"I".lower()`` is ``"i"`` instead of ``"ı"``). The search index and query
(``brochure.sphinxext.search_folding``) and the terminology check of ``check-po`` compare
words folded by these mappings, so a word matches the same way everywhere.
"""

from __future__ import annotations

import unicodedata

COMBINING_DOT_ABOVE = "\u0307"

# Character mappings applied, in order, before and after the language-neutral lowercasing
# (Python's str.lower() and JavaScript's toLowerCase() agree on it). The Python fold and the
# JavaScript splitter are both generated from these tables. Text is NFC-normalized first, so a
# decomposed capital İ (I + U+0307) arrives here as U+0130.
TURKISH_BEFORE_LOWER = (
    ("İ", "i"),
    ("I", "ı"),
)
TURKISH_AFTER_LOWER = (
    ("i" + COMBINING_DOT_ABOVE, "i"),  # what a language-neutral lower() made of İ
)
GERMAN_BEFORE_LOWER = ()
GERMAN_AFTER_LOWER = (
    ("ß", "ss"),  # also covers ẞ (U+1E9E), whose lowercase is ß
)


def fold_with(word: str, before: tuple, after: tuple) -> str:
    word = unicodedata.normalize("NFC", word)
    for old, new in before:
        word = word.replace(old, new)
    word = word.lower()
    for old, new in after:
        word = word.replace(old, new)
    return word


def fold_turkish(word: str) -> str:
    """Lowercase by Turkish rules: İ → i, I → ı; a stray i + U+0307 becomes a plain i."""
    return fold_with(word, TURKISH_BEFORE_LOWER, TURKISH_AFTER_LOWER)


def fold_german(word: str) -> str:
    """Lowercase and spell ß as ss, as Swiss German and upper-case German text do."""
    return fold_with(word, GERMAN_BEFORE_LOWER, GERMAN_AFTER_LOWER)


FOLDS = {"tr": fold_turkish, "de": fold_german}


def fold(text: str, lang: str | None) -> str:
    """Fold for comparison by *lang*'s rules (plain lowercasing elsewhere), white space collapsed."""
    folded = FOLDS.get(lang or "", lambda word: unicodedata.normalize("NFC", word).lower())(text)
    return " ".join(folded.split())
