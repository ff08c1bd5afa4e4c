"""[spelling]: hunspell on the visible text of every msgstr, one hunspell run per language.

Names of people, towns and institutions are not in any dictionary; they are listed once in
``locale/wordlist.txt`` (one word per line, any language) instead of being suppressed
entry by entry. A missing hunspell or dictionary is an error, reported once per run with
the Debian package to install: a spelling check that silently checks nothing would let
every typo through while looking green.

Which dictionary: hunspell dictionaries are named by locale (``fr_FR``, ``ar_EG``, ``tr_TR``) or
by language alone (``fr``, ``ar``), and Debian's ``hunspell-ar`` installs ``ar`` plus one alias per
Arabic country. No tool maps a bare language code to a dictionary file, so
:func:`dictionary_names` does: the language's most likely country from Babel's CLDR data
(``ar`` → ``ar_EG``, ``fr`` → ``fr_FR``), then the bare language, then any regional dictionary
of the language that is installed. Debian's package names follow the same two patterns
(``hunspell-ar``, ``hunspell-de-de``); the message for a missing one names both.

Not reported: words the msgstr takes over from the German msgid (a name, a quoted title),
the words of the termbase's approved and German terms, and msgstrs identical to their msgid.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from brochure.i18n.model import Catalog, Entry, Finding
from brochure.tools.check_po.terms import german_stem, searchable_text
from brochure.tools.check_po.text import visible_text

# Debian packages whose name is not hunspell-<language> (the published editions' languages).
PACKAGES = {"de": "hunspell-de-de", "en": "hunspell-en-us", "tr": "hunspell-tr"}
DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")

# An address or URL starts where a word starts ((?<!\S)), and the address is split at the
# first "@" after the word's first character: tried from every position inside a long word,
# \S+://\S+ and \S+@\S+ scanned it to its end again (quadratic in the word's length). What
# is removed is the same as before.
_URL = re.compile(r"(?<!\S)\S+://\S+|\bwww\.\S+|(?<!\S)\S[^\s@]*@\S+\.\w+")
# "Stuttgart'ın", "Stuttgart’s": check the name, not the suffix (hunspell splits Turkish there).
_APOSTROPHE_SUFFIX = re.compile(r"(?<=\w)['’]\w*")
# A listed Turkish word keeps being known with up to this many letters of suffixes written on.
_TURKISH_SUFFIX = 8
_MIN_TURKISH_STEM = 4
# Chapter numbers (Kapitel IV) are not words of any language.
_ROMAN = re.compile(r"^[IVXLC]+\.?$")


class SpellingUnavailable(RuntimeError):
    """hunspell or a dictionary is missing; the message says what to install."""


def _installed(base: Path) -> bool:
    return Path(f"{base}.dic").is_file() and Path(f"{base}.aff").is_file()


def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def dictionary_names(lang: str) -> list[str]:
    """Dictionary names to look for, best first: ``fr`` → ``fr_FR``, ``fr``."""
    locale = _locale(lang)
    if locale is None:
        return [lang]
    likely = get_global("likely_subtags").get(locale.language, "")  # CLDR: "ar_Arab_EG"
    territory = locale.territory or next((part for part in likely.split("_")[1:] if part.isupper()), None)
    names = [f"{locale.language}_{territory}"] if territory else []
    return [*names, locale.language]


def debian_package(lang: str) -> str:
    """The Debian package to install for *lang*'s dictionary, as apt-get is told."""
    if lang in PACKAGES:
        return PACKAGES[lang]
    locale = _locale(lang)
    language = locale.language if locale else lang
    regional = dictionary_names(lang)[0].replace("_", "-").lower()
    also = f" or hunspell-{regional}" if "-" in regional else ""
    return f"hunspell-{language}{also} (apt-cache search --names-only '^hunspell-{language}' lists them)"


@dataclass
class Speller:
    """Runs hunspell; remembers which missing packages were already reported."""

    executable: str = "hunspell"
    dictionary_dirs: Sequence[str] = DICTIONARY_DIRS
    reported: set[str] = field(default_factory=set)

    def dictionary(self, lang: str) -> Path:
        if shutil.which(self.executable) is None:
            raise SpellingUnavailable(
                "hunspell is not installed: apt-get install hunspell "
                + " ".join(PACKAGES.values())
            )
        dirs = [*filter(None, os.environ.get("DICPATH", "").split(os.pathsep)), *self.dictionary_dirs]
        names = dictionary_names(lang)
        for name in names:
            for directory in dirs:
                base = Path(directory) / name
                if _installed(base):
                    return base
        for directory in dirs:  # any regional dictionary of the language: fr_CA for fr
            regional = sorted(Path(directory).glob(f"{names[-1]}_*.dic")) if Path(directory).is_dir() else []
            for dic in regional:
                if _installed(dic.with_suffix("")):
                    return dic.with_suffix("")
        raise SpellingUnavailable(
            f"no hunspell dictionary for {lang!r} (looked for {', '.join(names)} in "
            f"{', '.join(dirs)}): apt-get install {debian_package(lang)}"
        )

    def unknown_words(self, lang: str, texts: Sequence[str]) -> set[str]:
        """The words of ``texts`` hunspell does not know (one run for all of them)."""
        dictionary = self.dictionary(lang)
        if not any(text.strip() for text in texts):
            return set()
        try:
            result = subprocess.run(
                [self.executable, "-d", str(dictionary), "-i", "utf-8", "-l"],
                input="\n".join(texts) + "\n",
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as err:
            raise SpellingUnavailable(f"hunspell failed: {err}") from None
        if result.returncode != 0:
            raise SpellingUnavailable(f"hunspell failed: {result.stderr.strip()[:200]}")
        return {word for word in result.stdout.split("\n") if word.strip()}


def spelling_text(entry: Entry, wordlist: Wordlist | None = None) -> str:
    text = visible_text(entry.msgstr, entry.interface)
    if wordlist is not None:
        text = wordlist.strip_phrases(text, entry.lang)
    text = _URL.sub(" ", text)
    text = _APOSTROPHE_SUFFIX.sub("", text)
    # hunspell reads line by line; one line per entry keeps entries apart.
    return " ".join(text.split())


@dataclass(frozen=True)
class Wordlist:
    words: frozenset[str] = frozenset()  # case-folded single words
    phrases: tuple[str, ...] = ()  # removed from the text before checking: "Read the Docs"

    def strip_phrases(self, text: str, lang: str | None = None) -> str:
        """The text without the listed phrases, each with the suffix a Turkish or English text
        puts after a name ("Bertelsmann Stiftung’dan", "Read the Docs’ta", "Stiftung's"); in
        Turkish a phrase ending in a lower-case word also with suffixes written on, as a listed
        single word ("sosyal uyum" -> "sosyal uyumun")."""
        for phrase in self.phrases:
            written_on = rf"|\w{{1,{_TURKISH_SUFFIX}}}" if lang == "tr" and phrase[-1:].islower() else ""
            text = re.sub(rf"(?<!\w){re.escape(phrase)}(?:['’]\w*{written_on})?(?!\w)", " ", text,
                          flags=re.IGNORECASE)
        return text

    def extended(self, words: Iterable[str]) -> Wordlist:
        return Wordlist(self.words | {word.casefold() for word in words}, self.phrases)

    def knows(self, word: str, lang: str | None = None) -> bool:
        """A listed word; in Turkish also a lower-case listed word with suffixes written on (a
        listed "koordinatör" knows "koordinatörlüğü"). A name takes its suffix after an
        apostrophe ("Kuhn’a"), which is taken off before any check (``spelling_text``), so a
        capitalised word must be listed as it is: "Kuhnx" stays a typo."""
        folded = word.casefold().rstrip(".-")
        if len(folded) <= 1 or _ROMAN.match(word) or folded in self.words:
            return True
        if lang == "tr" and word[:1].islower() and any(folded[:end] in self.words
                                for end in range(max(_MIN_TURKISH_STEM, len(folded) - _TURKISH_SUFFIX), len(folded))):
            return True
        parts = [part for part in re.split(r"[-‐]", folded) if part]
        return len(parts) > 1 and all(part in self.words for part in parts)


@cache
def load_wordlist(path: Path) -> Wordlist:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Wordlist()
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return Wordlist(
        words=frozenset(entry.casefold() for entry in entries if " " not in entry),
        phrases=tuple(entry for entry in entries if " " in entry),
    )


def check_spelling(
    catalogs: Sequence[tuple[Catalog, Wordlist] | tuple[Catalog, Wordlist, frozenset[Entry]]],
    speller: Speller,
) -> list[Finding]:
    """Spelling findings for many catalogs: one hunspell run per language, not per catalog
    (loading the Turkish dictionary alone takes a third of a second). Entries given as broken
    (their markup did not parse) are skipped: a role's name is not a misspelt word."""
    by_language: dict[str, list[tuple[Entry, str, Wordlist]]] = {}
    first_catalog: dict[str, Path] = {}
    for catalog, wordlist, *rest in catalogs:
        broken = rest[0] if rest else frozenset()
        if not catalog.lang:
            continue
        first_catalog.setdefault(catalog.lang, catalog.path)
        texts = by_language.setdefault(catalog.lang, [])
        texts += [(e, spelling_text(e, wordlist), wordlist) for e in catalog.entries
                  if _to_check(e) and e not in broken]
    findings = []
    for lang, items in by_language.items():
        try:
            unknown = speller.unknown_words(lang, [text for _, text, _ in items])
        except SpellingUnavailable as err:
            if str(err) not in speller.reported:
                speller.reported.add(str(err))
                findings.append(Finding(first_catalog[lang], 1, "spelling", str(err)))
            continue
        for entry, text, wordlist in items:
            for word in _unknown_in(entry, text, unknown, wordlist):
                found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", entry.msgstr)
                findings.append(entry.finding(
                    "spelling",
                    f"unknown word {word!r}: correct it; if it is right (a name, a place), add it to "
                    f"locale/wordlist.txt, or write '# check-po: ignore spelling' as a comment on this entry",
                    found.start() if found else None))
    return findings


def _unknown_in(entry: Entry, text: str, unknown: set[str], wordlist: Wordlist) -> list[str]:
    tokens = set(re.findall(r"\w+", text))
    candidates = [w for w in unknown if set(re.findall(r"\w+", w)) <= tokens]
    if not candidates:
        return []
    source = _source_text(entry)
    return sorted(
        w for w in candidates if not wordlist.knows(w, entry.lang) and _occurs(w, text) and not _copied(w, source)
    )


def _to_check(entry: Entry) -> bool:
    # A msgstr identical to its msgid is kept in the source language on purpose (a name,
    # an English loan word); the target language's dictionary has nothing to say about it.
    return bool(entry.msgstr.strip()) and entry.msgstr != entry.msgid and "spelling" not in entry.ignored


def _source_text(entry: Entry) -> str:
    if entry.interface:
        return visible_text(entry.msgid, interface=True)
    return searchable_text(entry.msgid)  # with {term} targets: "Deutscher Städtetag"


def _copied(word: str, source: str) -> bool:
    """A word taken over from the German msgid, perhaps in another case ending, is a name or a
    quoted title ("des Deutschen Städtetages" → "the Deutscher Städtetag"), not a typo."""
    stem = german_stem(word.rstrip(".-"))
    return re.search(rf"(?<!\w){re.escape(stem)}\w{{0,3}}(?!\w)", source) is not None


def _occurs(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
