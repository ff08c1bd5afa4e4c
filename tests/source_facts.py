"""The fact guard: what the German text states must come from the two source documents.

The edition rests on two documents (the printed table of contents and the City of
Stuttgart's press release). ``tests/source_facts.toml`` lists what they allow the brochure
to state: persons, places, institutions and other proper names, numbers and dates. This
module finds every number, date and proper name in a German page and reports those that are
not on the list, and context terms (facts the sources lack) used without being marked on
their page.

Proper names are found in three steps: a capitalised word is a common word when hunspell
``de_DE`` knows its lower-case form (adjectives in titles, "Die", "Wer"), or when the
dictionary knows it as a noun with inflection flags (plural endings and the like); a word
hunspell does not know at all, or knows only as a name (an entry with no inflection beyond
the genitive s, as "Nürnberg/Sm" or "Merkel/S"), is a proper name unless the toml lists it as
an ordinary word the dictionary lacks (compounds such as "Jubiläumstagung").
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
FACTS = Path(__file__).resolve().parent / "source_facts.toml"
DICTIONARY = Path("/usr/share/hunspell/de_DE.dic")
# Flags of a de_DE entry that mark a name rather than a common noun: the genitive s and
# the compound flag, or none. Any other flag (plural, adjective endings, verb forms) makes a
# word an ordinary word of the language.
NAME_FLAGS = frozenset("Sm")
# A paragraph that uses a context term must say where it comes from, in these words.
CONTEXT_MARK = "nicht aus den Quellen"

NUMBER = re.compile(r"(?<![\w/])\d+(?:/\d+)?(?![\w/])")
NUMBER_WORDS = frozenset(
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig "
    "fünfzig hundert tausend".split()
)
MONTHS = frozenset(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
)
WEEKDAYS = frozenset("Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split())
DATE = re.compile(r"(?:(?P<weekday>[A-Z][a-z]+), (?:den )?)?(?P<day>\d{1,2})\. (?P<month>[A-ZÄÖÜ][a-zäöü]+)(?: (?P<year>\d{4}))?")
WORD = re.compile(r"[A-ZÄÖÜ][\w-]*")
ROMAN = re.compile(r"^[IVX]+$")
ENDINGS = ("es", "en", "er", "s", "n", "e")


@dataclass(frozen=True)
class Finding:
    page: str
    kind: str  # "number", "date", "name", "context", "unsupported", "attribution", "dated"
    text: str
    where: str

    def __str__(self) -> str:
        return f"{self.page}: {self.kind} {self.text!r} not from the sources, in: {self.where}"


@dataclass
class Facts:
    names: set[str] = field(default_factory=set)  # single words of every allowed name
    numbers: set[str] = field(default_factory=set)
    number_words: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)  # "21. März"
    date_words: set[str] = field(default_factory=set)  # "Freitag", "März"
    years: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # ordinary words hunspell lacks
    context: dict[str, str] = field(default_factory=dict)  # term -> page
    unsupported: set[str] = field(default_factory=set)  # phrases known not to be sourced
    origins: dict[str, str] = field(default_factory=dict)  # number, number word or date -> where
    attributions: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)  # source -> phrases
    inferred: list[str] = field(default_factory=list)  # words that mark an inference
    dated: list[re.Pattern[str]] = field(default_factory=list)  # facts that held in 2014
    dated_marks: list[str] = field(default_factory=list)
    dated_page_marks: list[str] = field(default_factory=list)


def load_facts(path: Path = FACTS) -> Facts:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    facts = Facts()
    for table in ("persons", "places", "institutions", "titles"):
        for name in data.get(table, {}):
            for word in re.findall(r"[\w-]+", name):
                facts.names.add(word)
                facts.names.update(part for part in word.split("-") if part)
                if word.endswith("en"):  # Solingen: "der Solinger Beitrag"
                    facts.names.add(word[:-2] + "er")
    facts.numbers = set(data["numbers"])
    facts.number_words = set(data.get("number_words", {}))
    facts.origins = {**data["numbers"], **data.get("number_words", {})}
    for date, origin in data.get("dates", {}).items():
        match = DATE.search(date)
        facts.dates.add(f"{match.group('day')}. {match.group('month')}")
        facts.origins[f"{match.group('day')}. {match.group('month')}"] = origin
        facts.date_words.update(re.findall(r"[A-ZÄÖÜ]\w+", date))
    facts.years = {n for n in facts.numbers if len(n) == 4}
    facts.words = set(data.get("words", {}).get("list", []))
    facts.unsupported = set(data.get("unsupported", {}))
    for entry in data.get("context", []):
        facts.context[entry["term"]] = entry["page"]
    attribution = dict(data.get("attribution", {}))
    facts.inferred = attribution.pop("inferred", [])
    facts.attributions = {source: [re.compile(p) for p in phrases] for source, phrases in attribution.items()}
    dated = data.get("dated", {})
    facts.dated = [re.compile(pattern) for pattern in dated.get("facts", {})]
    facts.dated_marks = dated.get("marks", [])
    facts.dated_page_marks = dated.get("page_marks", [])
    return facts


# ---------------------------------------------------------------- text of a page

FENCE = re.compile(r"^```.*?^```[ \t]*$", re.S | re.M)
ROLE = re.compile(r"\{(\w+)\}`([^`]*)`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _role_text(match: re.Match[str]) -> str:
    role, body = match.groups()
    text = re.sub(r"\s*<[^>]*>$", "", body) if body.endswith(">") else body
    if role == "doc" and text == body:  # {doc}`/path`: the page's title, checked on that page
        return ""
    return text


def page_text(markdown: str) -> tuple[list[str], list[str]]:
    """(paragraphs of visible text, front-matter values) of one MyST page."""
    front: list[str] = []
    if markdown.startswith("---\n"):
        head, _, markdown = markdown[4:].partition("\n---\n")
        front = [line.split(":", 1)[1].strip() for line in head.splitlines() if ":" in line]
    markdown = FENCE.sub("", markdown)
    markdown = "\n".join(line for line in markdown.splitlines() if not line.startswith(":::"))
    markdown = ROLE.sub(_role_text, markdown)
    markdown = LINK.sub(r"\1", markdown)
    paragraphs = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = [re.sub(r"^\s*(?:#+|[-*>]|\d+\.)\s+", "", line) for line in block.splitlines()]
        text = " ".join(line.strip() for line in lines if line.strip())
        text = text.replace("**", "").replace("*", "")
        if text:
            paragraphs.append(text)
    return paragraphs, front


# ---------------------------------------------------------------- hunspell


@cache
def _dictionary_flags() -> dict[str, frozenset[str]]:
    flags: dict[str, set[str]] = {}
    for line in DICTIONARY.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        word, _, flag = line.partition("/")
        flags.setdefault(word.strip(), set()).update(flag.strip())
    return {word: frozenset(value) for word, value in flags.items()}


_ROOTS: dict[str, str | None] = {}


def _hunspell(option: str, text: str) -> str:
    return subprocess.run(
        ["hunspell", "-d", "de_DE", option], input=text, capture_output=True, text=True, check=True
    ).stdout


def hunspell_roots(words: list[str]) -> dict[str, str | None]:
    """word -> its dictionary root ("" for a compound), or None when hunspell does not know it.

    One hunspell run for all words not asked before (it takes about as long for one word as
    for a thousand).
    """
    new = sorted({word for word in words if word not in _ROOTS})
    if new:
        # -l lists the unknown words and -s the stems of the known ones; neither computes
        # suggestions, which make "hunspell -a" slow on long unknown compounds.
        text = "\n".join(new) + "\n"
        unknown = set(_hunspell("-l", text).split())
        stems: dict[str, str] = {}
        for line in _hunspell("-s", text).splitlines():
            word, _, stem = line.strip().partition(" ")
            if stem:
                stems.setdefault(word, stem)
        for word in new:
            _ROOTS[word] = None if word in unknown else stems.get(word, "")
    return {word: _ROOTS[word] for word in words}


def hunspell_available() -> bool:
    return shutil.which("hunspell") is not None and DICTIONARY.exists()


def name_like(words: set[str]) -> set[str]:
    """The words that are proper names by the dictionary's judgement (see the module doc)."""
    words = sorted(words)
    lower = hunspell_roots([w.lower() for w in words])
    roots = hunspell_roots(words)
    flags = _dictionary_flags()
    names = set()
    for word in words:
        if lower[word.lower()] is not None:
            continue  # "Die", "Internationale": an ordinary word written with a capital
        root = roots[word]
        if root is None:
            names.add(word)
        elif root == "":
            continue  # a compound of dictionary words
        elif root in flags and flags[root] <= NAME_FLAGS and flags[root] != {"m"}:
            # "Nürnberg/Sm", "Merkel/S", "Fritz": a name. An entry with the compound flag
            # alone is a feminine noun without plural ("Vielfalt/m", "Integration/m").
            names.add(word)
    return names


# ---------------------------------------------------------------- the check


def _allowed_name(word: str, facts: Facts) -> bool:
    if word in facts.names or word in facts.words:
        return True
    for ending in ENDINGS:  # "Saarlandes", "Osnabrücker", "Städtetages"
        if word.endswith(ending) and word[: -len(ending)] in facts.names:
            return True
    return False


def _candidates(text: str) -> set[str]:
    """Capitalised words and the capitalised parts of hyphenated ones."""
    found = set()
    for match in WORD.finditer(text):
        word = match.group().strip("-’'")
        if "-" in word:  # checked whole ("Baden-Württemberg") or by its capitalised parts
            found.add(word)
            found.update(part for part in word.split("-") if part[:1].isupper())
        elif word:
            found.add(word)
    return found


@cache
def context_pattern(term: str) -> re.Pattern[str]:
    """The term with each word in any inflected form ("der Kommunalen Gemeinschaftsstelle")."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) + r"\w{0,2}" for w in term.split()))


# Sentence ends: not after "Dr", "Prof" or a day's number ("21. März").
SENTENCE_END = re.compile(r"(?<!\bDr)(?<!\bProf)(?<!\b\d)(?<!\b\d\d)[.!?]\s+(?=[A-ZÄÖÜ„])")


def _from(origin: str, source: str) -> bool:
    """Whether a fact's origin ("PR: …", "TOC page", "TOC: …; PR") names *source*."""
    return re.search(rf"\b{source}\b", origin) is not None


def check_attributions(name: str, paragraph: str, facts: Facts) -> list[Finding]:
    """A sentence attributed to a source states only that source's numbers and dates."""
    findings = []
    for sentence in SENTENCE_END.split(paragraph):
        sources = [s for s, phrases in facts.attributions.items() if any(p.search(sentence) for p in phrases)]
        if not sources or any(mark in sentence for mark in facts.inferred):
            continue
        dates = [m for m in DATE.finditer(sentence) if m.group("month") in MONTHS]
        stated = [f"{m.group('day')}. {m.group('month')}" for m in dates]
        for match in reversed(dates):  # the day is part of the date, its year a number
            sentence_rest = sentence[: match.start()] + " " + (match.group("year") or "") + sentence[match.end():]
            sentence = sentence_rest
        stated += NUMBER.findall(sentence)
        stated += [w for w in re.findall(r"\w+", sentence) if w.lower() in facts.number_words]
        for fact in stated:
            origin = facts.origins.get(fact.lower() if fact.isalpha() else fact, "")
            if not any(_from(origin, source) for source in sources):
                findings.append(Finding(name, "attribution", fact, sentence))
    return findings


def check_dated(name: str, paragraphs: list[str], facts: Facts) -> list[Finding]:
    """Facts that held in 2014 are not stated as if they held today."""
    if any(mark in p for p in paragraphs for mark in facts.dated_page_marks):
        return []
    findings = []
    for paragraph in paragraphs:
        if any(mark in paragraph for mark in facts.dated_marks):
            continue
        for pattern in facts.dated:
            if match := pattern.search(paragraph):
                findings.append(Finding(name, "dated", match.group(), paragraph))
    return findings


def check_page(name: str, markdown: str, facts: Facts) -> list[Finding]:
    paragraphs, front = page_text(markdown)
    findings: list[Finding] = check_dated(name, paragraphs[1:], facts)  # the title is as printed
    for value in front:
        for number in NUMBER.findall(value):
            if number not in facts.numbers:
                findings.append(Finding(name, "number", number, "front matter"))
    words: dict[str, str] = {}
    for paragraph in paragraphs:
        findings += check_attributions(name, paragraph, facts)
        for term, page in facts.context.items():
            pattern = context_pattern(term)
            if not pattern.search(paragraph):
                continue
            if page == name and CONTEXT_MARK in paragraph:
                paragraph = pattern.sub(" ", paragraph)  # marked context: not checked further
            else:
                findings.append(Finding(name, "context", term, paragraph))
        for phrase in facts.unsupported:
            if phrase.lower() in paragraph.lower():
                findings.append(Finding(name, "unsupported", phrase, paragraph))
        dated = set()
        for match in DATE.finditer(paragraph):
            if match.group("month") not in MONTHS:
                continue
            date = f"{match.group('day')}. {match.group('month')}"
            dated.add(match.start("day"))
            if date not in facts.dates:
                findings.append(Finding(name, "date", match.group(), paragraph))
            if match.group("year") and match.group("year") not in facts.years:
                findings.append(Finding(name, "date", match.group(), paragraph))
        for match in NUMBER.finditer(paragraph):
            if match.group() not in facts.numbers and match.start() not in dated:
                findings.append(Finding(name, "number", match.group(), paragraph))
        for word in re.findall(r"\w+", paragraph):
            if word.lower() in NUMBER_WORDS and word.lower() not in facts.number_words:
                findings.append(Finding(name, "number", word, paragraph))
            if word in MONTHS | WEEKDAYS and word not in facts.date_words:
                findings.append(Finding(name, "date", word, paragraph))
        for word in _candidates(paragraph):
            if ROMAN.match(word):
                if word not in facts.numbers:
                    findings.append(Finding(name, "number", word, paragraph))
            elif not _allowed_name(word, facts):
                words.setdefault(word, paragraph)
    # A hyphenated word is checked by its parts, which _candidates added on their own.
    plain = {word for word in words if "-" not in word}
    for word in sorted(name_like(plain)):
        findings.append(Finding(name, "name", word, words[word]))
    return findings


def source_pages() -> dict[str, str]:
    return {
        str(path.relative_to(SOURCE)): path.read_text(encoding="utf-8")
        for path in sorted(SOURCE.rglob("*.md"))
    }


def check_all(pages: dict[str, str] | None = None, facts: Facts | None = None) -> list[Finding]:
    facts = facts or load_facts()
    pages = source_pages() if pages is None else pages
    words = {w for text in pages.values() for p in page_text(text)[0] for w in _candidates(p)}
    hunspell_roots([w for w in words if "-" not in w] + [w.lower() for w in words])  # one run
    return [finding for name, text in pages.items() for finding in check_page(name, text, facts)]
