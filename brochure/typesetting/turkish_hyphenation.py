"""Turkish hyphenation for the PDF editions, from the rules of Turkish syllabification.

WeasyPrint hyphenates with Pyphen, which ships LibreOffice's pattern files; there is none for
Turkish there, nor in Debian (no ``hyphen-tr``). TeX's ``hyph-tr`` patterns come only with
TeX Live's ``texlive-lang-european`` (50 MB). Turkish needs no word list: its syllables follow
from the letters (Türk Dil Kurumu's spelling rules), which is how TeX's patterns were made too.
So the patterns are written here, in the libhyphen format Pyphen reads:

* a consonant followed by a vowel starts a syllable: ``1kV`` (``ar-ka``, ``Türk-çe``,
  ``prog-ram``);
* two vowels side by side belong to two syllables: ``a1a`` (``sa-at``, ``şi-ir``);
* a word-initial cluster of three consonants (loan words: ``strateji``) is never split:
  ``.st2r``. Two-consonant clusters need no pattern: no break comes before the second letter
  (WeasyPrint's minimum of two letters before a break);
* no break next to the apostrophe of a suffix (``Almanya’daki``, not ``Almanya’-daki``).

Pyphen lowers each word with ``str.lower()``, which is wrong for Turkish: ``I`` becomes ``i``
instead of ``ı``, and ``İ`` becomes two characters (``i`` and a combining dot), which would
shift every break after it by one letter. ``TurkishPatterns`` folds case the Turkish way
before the lookup.

This reaches into Pyphen's internals: ``register()`` adds the file to ``pyphen.LANGUAGES``
(documented) and ``pyphen.LANGUAGES_LOWERCASE`` (its lookup table for language codes, built
once at import), and puts a ``TurkishPatterns`` into ``pyphen.hdcache``, the cache
``pyphen.Pyphen`` takes a dictionary from before reading a file. ``tests/tools/test_pdf.py``
asserts, through ``pyphen.Pyphen(lang="tr")`` as WeasyPrint calls it, that both still work.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyphen

VOWELS = "aeıioöuüâîû"
CONSONANTS = "bcçdfgğhjklmnprsştvyzqwx"
APOSTROPHES = "’'"


def patterns() -> str:
    """The pattern file, in the libhyphen format (first line: the encoding)."""
    lines = ["UTF-8", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2"]
    lines += [f"1{c}{v}" for c in CONSONANTS for v in VOWELS]
    lines += [f"{a}1{b}" for a in VOWELS for b in VOWELS]
    lines += [f".{a}{b}2{c}" for a in CONSONANTS for b in CONSONANTS for c in CONSONANTS]
    lines += [f"2{mark}2" for mark in APOSTROPHES]
    return "\n".join(lines) + "\n"


def turkish_lower(word: str) -> str:
    """Lower case as Turkish has it: I → ı, İ → i (one character each)."""
    return word.replace("I", "ı").replace("İ", "i").lower()


class TurkishPatterns(pyphen.HyphDict):
    """Pyphen's pattern dictionary with Turkish case folding."""

    def positions(self, word):
        return super().positions(turkish_lower(word))


def write_patterns(directory: Path) -> Path:
    """The pattern file in *directory*, written atomically (parallel builds share it)."""
    target = directory / "hyph_tr_TR.dic"
    text = patterns()
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        directory.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{target.name}.{os.getpid()}")
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, target)
    return target


def register(directory: Path) -> None:
    """Make ``pyphen.Pyphen(lang="tr")`` (and so WeasyPrint) hyphenate Turkish."""
    path = write_patterns(directory)
    for name in ("tr_TR", "tr"):
        pyphen.LANGUAGES[name] = path
        pyphen.LANGUAGES_LOWERCASE[name.lower()] = name
    if not isinstance(pyphen.hdcache.get(path), TurkishPatterns):
        pyphen.hdcache[path] = TurkishPatterns(path)
