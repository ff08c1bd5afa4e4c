"""Soft hyphens (U+00AD) for headings, navigation and table cells, by each language's rules.

Why at build time: Chromium on Linux ships no hyphenation dictionaries, so CSS
``hyphens: auto`` leaves long German compounds to furo's ``overflow-wrap: break-word``, which
cuts them anywhere ("Übersetzungssta|nd"). A soft hyphen is honoured by every browser and shown
only where the line actually breaks.

Where the break points come from:

* pyphen with the LibreOffice patterns it ships, for every language it has (German, English
  and most European languages);
* Turkish, which pyphen and Debian's ``hyphen-*`` packages lack, with the patterns
  :mod:`brochure.typesetting.turkish_hyphenation` writes from the Turkish syllable rule — the same
  patterns the PDF editions hyphenate with, so web and print break a word alike;
* any other language (right-to-left scripts, for example) gets no soft hyphens.

What is never hyphenated, because a break there would garble it or a search would miss it:
code (``code``, ``pre``, ``kbd``, ``samp``), anything marked ``translate="no"`` or
``notranslate``, URLs and e-mail addresses, words with capitals inside (acronyms such as
"KGSt", "MSOs"), words after a title (Dr., Prof.) and the byline of a heading — the place and
people before its first colon ("Wuppertal, Jürgen Lemmer: …"), recognised as a short run of
capitalised words — and words shorter than :data:`MIN_LETTERS` letters, which fit any line.

The functions work on HTML fragments as Sphinx renders them (body, navigation tree, page
table of contents), read with the tokenizer every pass shares (``brochure.base.html_tokens``);
they change text between tags only, never a tag or an entity.
"""

from __future__ import annotations

import functools
import re

import pyphen

from brochure.base.editions import BUILD_DIR
from brochure.base.html_tokens import attributes as tag_attributes
from brochure.base.html_tokens import tags
from brochure.speed import pattern_cache
from brochure.typesetting import turkish_hyphenation

SOFT_HYPHEN = "\u00ad"
# Shorter words fit a 320 px line even in a first-level heading, so they are left whole.
MIN_LETTERS = 10

PYPHEN_LEFT = PYPHEN_RIGHT = 2

# Elements whose content is hyphenated as one unit (its byline is found in its whole text).
BODY_UNITS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "caption"})
NAVIGATION_UNITS = frozenset({"a", "p"})
# Content that keeps its exact characters.
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "var", "tt", "script", "style", "svg", "math", "textarea"})
ENTITY = re.compile(r"(&(?:#\d+|#[xX][0-9A-Fa-f]+|\w+);)")
URLISH = re.compile(r"^\S*(?:://|@|^www\.)\S*$|^\S+\.(?:de|com|org|net|eu|info|tr|html?)(?:/\S*)?$", re.I)
WORD = re.compile(r"[^\W\d_]+")
TITLES = frozenset({"dr", "prof", "dipl", "mr", "mrs", "ms", "doç", "av"})
BYLINE_JOINERS = frozenset({"und", "and", "ve", "von", "van", "de", "el", "al", "&amp;", "-", "–"})
MAX_BYLINE_WORDS = 6

class Hyphenator:
    """Inserts soft hyphens into one word, by one language's rules."""

    def __init__(self, lang: str):
        self.lang = lang
        primary = lang.split("-")[0].split("_")[0].lower()
        self._pyphen = None
        pattern_cache.install()
        if primary == "tr":
            turkish_hyphenation.register(BUILD_DIR / "hyphenation")
        dictionary = pyphen.language_fallback(lang.replace("-", "_"))
        if dictionary:
            self._pyphen = pyphen.Pyphen(lang=dictionary, left=PYPHEN_LEFT, right=PYPHEN_RIGHT)

    @property
    def available(self) -> bool:
        return self._pyphen is not None

    # One Hyphenator per language lives as long as the process (hyphenator() caches it), so
    # caching on the method keeps no object alive that would otherwise be freed.
    @functools.cache  # noqa: B019
    def word(self, word: str) -> str:
        if len(word) < MIN_LETTERS or any(char.isupper() for char in word[1:]):
            return word
        if self._pyphen is not None:
            points = self._pyphen.positions(word)
        else:
            return word
        pieces, start = [], 0
        # Some LibreOffice patterns allow a one-letter piece inside a word ("Saa-r-lan-des");
        # a line never ends or starts with a lone letter, so such points are dropped.
        for point in points:
            if point - start < PYPHEN_LEFT or len(word) - point < PYPHEN_RIGHT:
                continue
            pieces.append(word[start:point])
            start = point
        pieces.append(word[start:])
        return SOFT_HYPHEN.join(pieces)


@functools.cache
def hyphenator(lang: str) -> Hyphenator:
    return Hyphenator(lang)


def byline_words(text: str) -> frozenset[str]:
    """The words of *text*'s byline: the names before its first colon, if that is one."""
    head, colon, _ = text.partition(":")
    if not colon:
        return frozenset()
    tokens = head.replace(",", " ").split()
    if not tokens or len(tokens) > MAX_BYLINE_WORDS:
        return frozenset()
    for token in tokens:
        if token.lower() in BYLINE_JOINERS or token.rstrip(".").lower() in TITLES:
            continue
        if not token[:1].isupper():
            return frozenset()
    return frozenset(WORD.findall(head))


def after_titles(text: str) -> frozenset[str]:
    """Names that follow a title: "Dr. Hubertus Schroer" protects Hubertus and Schroer.

    At most two names, and none after a comma or colon ("Dr. Filsinger, Hochschule …").
    """
    protected, tokens = set(), text.split()
    for index, token in enumerate(tokens):
        if token.rstrip(".").lower() not in TITLES:
            continue
        for name in tokens[index + 1:index + 3]:
            if name.rstrip(".").lower() in TITLES or not name[:1].isupper():
                break
            protected.update(WORD.findall(name))
            if name.endswith((",", ":", ";")):
                break
    return frozenset(protected)


def hyphenate_text(text: str, lang: str, protected: frozenset[str] = frozenset()) -> str:
    """Soft hyphens in the words of an HTML text node (entities and URLs stay as they are)."""
    rules = hyphenator(lang)
    if not rules.available or SOFT_HYPHEN in text:
        return text
    out = []
    for piece in ENTITY.split(text):
        if not piece or ENTITY.fullmatch(piece):
            out.append(piece)
            continue
        for token in re.split(r"(\s+)", piece):
            if not token or token.isspace() or URLISH.match(token):
                out.append(token)
                continue
            out.append(WORD.sub(lambda m: m.group() if m.group() in protected else rules.word(m.group()), token))
    return "".join(out)


def hyphenate_html(fragment: str, lang: str, units: frozenset[str] = BODY_UNITS) -> str:
    """Soft hyphens in the text of every *units* element of an HTML fragment.

    Language changes inside the fragment (``lang`` attributes) are followed; verbatim content
    (code, ``translate="no"``, ``notranslate``) is left alone.
    """
    out: list[str] = []
    # One entry per open element: (name, language, verbatim, index in `out` where a unit starts).
    stack: list[tuple[str, str, bool, int | None]] = []
    position = 0

    def flush_unit(start: int) -> None:
        texts = [i for i in range(start, len(out)) if isinstance(out[i], tuple)]
        whole = "".join(out[i][0] for i in texts)
        protected = byline_words(whole) | after_titles(whole)
        for i in texts:
            text, text_lang, verbatim = out[i]
            out[i] = text if verbatim else hyphenate_text(text, text_lang, protected)

    def add_text(text: str) -> None:
        if not text:
            return
        in_unit = any(entry[3] is not None for entry in stack)
        if not in_unit:
            out.append(text)
            return
        current_lang = stack[-1][1] if stack else lang
        verbatim = any(entry[2] for entry in stack)
        out.append((text, current_lang, verbatim))

    for tag in tags(fragment):
        add_text(fragment[position:tag.start])
        position = tag.end
        out.append(fragment[tag.start:tag.end])
        name = tag.name
        if not name:
            continue  # a comment
        if tag.closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    # At most one unit is open (units do not nest); closing it or an element
                    # around it ends it.
                    for entry in stack[depth:]:
                        if entry[3] is not None:
                            flush_unit(entry[3])
                    del stack[depth:]
                    break
            continue
        if not tag.opens_element:
            continue
        attributes = tag_attributes(tag.rest)
        parent_lang = stack[-1][1] if stack else lang
        element_lang = attributes.get("lang") or parent_lang
        verbatim = (
            name in VERBATIM
            or attributes.get("translate") == "no"
            or bool({"notranslate", "pre", "headerlink"} & set(attributes.get("class", "").split()))
        )
        starts_unit = name in units and not any(entry[3] is not None for entry in stack)
        stack.append((name, element_lang, verbatim, len(out) if starts_unit else None))
    add_text(fragment[position:])
    for entry in stack:
        if entry[3] is not None:
            flush_unit(entry[3])
            break
    return "".join(part[0] if isinstance(part, tuple) else part for part in out)


def strip_soft_hyphens(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "")
