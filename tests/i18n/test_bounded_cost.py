"""No translation makes a rule run away: every rule finishes a hostile 40,000-character msgstr
(or Plural-Forms header) within seconds, the build gate's rules and check-po's alike.

A translator controls the msgstr, and every build and check-po run every rule over it; a
regular expression that backtracks over a long run (a role target followed by 160,000
spaces took check-po 86 s and a build over 300 s) lets one catalog stall them all. The
inputs are runs of each character the rules' patterns treat specially. Linear work takes
well under a tenth of the bound here (markdown-it's parse, shared by the rules, included);
each quadratic pattern this suite once caught took ten seconds to minutes.
"""

from __future__ import annotations

import signal
import time

import pytest

from brochure.editions import LOCALE_DIR
from brochure.i18n import myst
from brochure.i18n.headers import PluralFormsError, plural_forms
from brochure.i18n.model import Entry
from brochure.i18n.rules import ENTRY_RULES
from brochure.tools.check_po.runner import EDITORIAL_ENTRY_CHECKS
from brochure.tools.check_po.spelling import spelling_text
from brochure.tools.check_po.terms import check_term, load_termbase

N = 40_000
BOUND = 2.0  # seconds per rule and input

HOSTILE = {
    "spaces": "a" + " " * N + "b",
    "tabs": "a" + "\t" * N + "b",
    "role target after spaces": "{term}`toplumsal" + " " * N + "katılım <Teilhabe>`",
    "role target, unclosed": "{term}`toplumsal" + " " * N + "katılım",
    "role of '<'": "{term}`x" + " <" * (N // 2) + "`",
    "[": "[" * N,
    "]": "]" * N,
    "`": "`" * N,
    "*": "*" * N,
    "*a": "*a" * (N // 2),
    "](": "](" * (N // 2),
    "[ then ](": "[" * (N // 2) + "](" * (N // 2),
    "nested links": "[" * (N // 4) + "x" + "](" * (N // 4),
    "nested emphasis": "*" * (N // 4) + "x" + "*" * (N // 4),
    "link target of spaces": "](" + " " * N + ")",
    "link target of spaces and '<'": "](" + " " * N + "<" + " " * N + ")",
    "<a": "<a" * (N // 2),
    "<!": "<!" * (N // 2),
    "href of spaces": "href=" + " " * N + ">",
    "href of spaces and a quote": 'src="' + " " * N + "'" + " " * N + ">",
    "javascript and spaces": "javascript" + " " * N,
    "{": "{" * N,
    "{a": "{a" * (N // 2),
    "{{": "{{" * (N // 2),
    "role name": "{a" + "b" * N,
    "%(": "%(" * (N // 2),
    "flags of a placeholder": "%()" + "0" * N,
    "noqa and spaces": "#" + " " * N + "x",
    "word": "a" * (5 * N),
    "address-like word": "@" * N + ".a",
    "url-like word": "a" * N + ":/",
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


@pytest.mark.parametrize("interface", [False, True], ids=["content", "interface"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_rule_finishes_hostile_input_within_seconds(name, interface, termbase):
    entry = Entry(msgid="Text mit {term}`Teilhabe`, [Link](https://example.org) und %(name)s.",
                  msgstr=HOSTILE[name], interface=interface, lang="tr")
    myst.parse.cache_clear()  # the first rule pays for the parse, as in a real run
    slow = []
    previous = signal.signal(signal.SIGALRM, _stop)
    try:
        for rule_name, rule in rules(termbase).items():
            start = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, 5 * BOUND)  # a runaway rule fails, not hangs
            try:
                rule(entry)
            except TooSlow:
                pass
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.perf_counter() - start
            if took > BOUND:
                slow.append(f"{rule_name}: {took:.1f} s")
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not slow, f"{name!r} ({len(HOSTILE[name]):,} characters): {', '.join(slow)}"


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
    signal.setitimer(signal.ITIMER_REAL, 5 * BOUND)
    try:
        plural_forms(HOSTILE_PLURAL_FORMS[name])
    except (PluralFormsError, TooSlow):
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.perf_counter() - start < BOUND, name
