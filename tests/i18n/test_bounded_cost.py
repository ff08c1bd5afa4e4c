"""No translation makes a rule run away: every rule's time on a hostile msgstr grows linearly
with its length (and a hostile Plural-Forms header is read within seconds), the build gate's
rules and check-po's alike.

A translator controls the msgstr, and every build and check-po run every rule over it; a
regular expression that backtracks over a long run (a role target followed by 160,000
spaces took check-po 86 s and a build over 300 s) lets one catalog stall them all. The
inputs are runs of each character the rules' patterns treat specially, at 10,000 and 40,000
characters (markdown-it's parse, shared by the rules, included); each quadratic pattern
this suite once caught took sixteen times as long or more on the larger one.
"""

from __future__ import annotations

import signal
import time

import pytest

from brochure.base.editions import LOCALE_DIR
from brochure.i18n import myst
from brochure.i18n.headers import PluralFormsError, plural_forms
from brochure.i18n.model import Entry
from brochure.i18n.rules import ENTRY_RULES
from brochure.tools.check_po.runner import EDITORIAL_ENTRY_CHECKS
from brochure.tools.check_po.spelling import spelling_text
from brochure.tools.check_po.terms import check_term, load_termbase

N = 40_000
RATIO = 8  # linear work grows fourfold with the input, quadratic sixteenfold
SLACK = 0.3  # seconds: timer noise on times near zero
LIMIT = 20.0  # seconds: a rule still running is stopped (and fails)
BOUND = 2.0  # seconds for a Plural-Forms header

HOSTILE = {
    "spaces": lambda n: "a" + " " * n + "b",
    "tabs": lambda n: "a" + "\t" * n + "b",
    "role target after spaces": lambda n: "{term}`toplumsal" + " " * n + "katılım <Teilhabe>`",
    "role target, unclosed": lambda n: "{term}`toplumsal" + " " * n + "katılım",
    "role of '<'": lambda n: "{term}`x" + " <" * (n // 2) + "`",
    "[": lambda n: "[" * n,
    "]": lambda n: "]" * n,
    "`": lambda n: "`" * n,
    "*": lambda n: "*" * n,
    "*a": lambda n: "*a" * (n // 2),
    "](": lambda n: "](" * (n // 2),
    "[ then ](": lambda n: "[" * (n // 2) + "](" * (n // 2),
    "nested links": lambda n: "[" * (n // 4) + "x" + "](" * (n // 4),
    "nested emphasis": lambda n: "*" * (n // 4) + "x" + "*" * (n // 4),
    "link target of spaces": lambda n: "](" + " " * n + ")",
    "link target of spaces and '<'": lambda n: "](" + " " * n + "<" + " " * n + ")",
    "<a": lambda n: "<a" * (n // 2),
    "<!": lambda n: "<!" * (n // 2),
    "href of spaces": lambda n: "href=" + " " * n + ">",
    "href of spaces and a quote": lambda n: 'src="' + " " * n + "'" + " " * n + ">",
    "javascript and spaces": lambda n: "javascript" + " " * n,
    "{": lambda n: "{" * n,
    "{a": lambda n: "{a" * (n // 2),
    "{{": lambda n: "{{" * (n // 2),
    "role name": lambda n: "{a" + "b" * n,
    "%(": lambda n: "%(" * (n // 2),
    "flags of a placeholder": lambda n: "%()" + "0" * n,
    "noqa and spaces": lambda n: "#" + " " * n + "x",
    "word": lambda n: "a" * (5 * n),
    "address-like word": lambda n: "@" * n + ".a",
    "url-like word": lambda n: "a" * n + ":/",
}


@pytest.fixture(scope="module")
def termbase():
    return load_termbase(LOCALE_DIR / "termbase.csv")


def rules(termbase):
    return {**ENTRY_RULES, **EDITORIAL_ENTRY_CHECKS,
            "term": lambda entry: check_term(entry, termbase),
            "spelling": spelling_text}


class TooSlow(Exception):
    pass


def _stop(signum, frame):
    raise TooSlow


def _timed(rule, entry) -> float:
    """CPU seconds *rule* takes on *entry* (the work itself: on a loaded machine the wall clock
    also counts the time other processes had the core); a runaway rule is stopped at the hard
    limit."""
    start = time.process_time()
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    try:
        rule(entry)
    except TooSlow:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.process_time() - start


@pytest.mark.parametrize("interface", [False, True], ids=["content", "interface"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_rule_finishes_hostile_input_in_linear_time(name, interface, termbase):
    """Four times the input may take four times as long, not sixteen: a ratio, so a busy
    machine slows both sizes alike; SLACK absorbs the noise of times near zero."""
    times = {}
    previous = signal.signal(signal.SIGALRM, _stop)
    try:
        for size in (N // 4, N):
            entry = Entry(msgid="Text mit {term}`Teilhabe`, [Link](https://example.org) und %(name)s.",
                          msgstr=HOSTILE[name](size), interface=interface, lang="tr")
            myst.parse.cache_clear()  # the first rule pays for the parse, as in a real run
            for rule_name, rule in rules(termbase).items():
                times[rule_name, size] = _timed(rule, entry)
    finally:
        signal.signal(signal.SIGALRM, previous)
    slow = [f"{rule}: {times[rule, N // 4]:.2f} s, then {times[rule, N]:.2f} s for four times the input"
            for rule in rules(termbase)
            if times[rule, N] > RATIO * times[rule, N // 4] + SLACK or times[rule, N] >= LIMIT]
    assert not slow, f"{name!r} ({len(HOSTILE[name](N)):,} characters): {'; '.join(slow)}"


HOSTILE_PLURAL_FORMS = {
    "spaces in the expression": "nplurals=2; plural=n" + " " * N + "x",
    "spaces before the end": "nplurals=2; plural=(n != 1)" + " " * N,
    "semicolons and spaces": "nplurals=2; plural=" + " ;" * (N // 2),
    "spaces everywhere": " " * N + "nplurals" + " " * N + "=" + " " * N + "2",
}


@pytest.mark.parametrize("name", list(HOSTILE_PLURAL_FORMS))
def test_plural_forms_header_is_judged_within_seconds(name):
    """The header is the translator's too; the [header] rule parses its Plural-Forms."""
    previous = signal.signal(signal.SIGALRM, _stop)
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    try:
        plural_forms(HOSTILE_PLURAL_FORMS[name])
    except (PluralFormsError, TooSlow):
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.perf_counter() - start < BOUND, name
