"""Plural-Forms is parsed as a plural rule, never passed on as text."""

from __future__ import annotations

import pytest
from babel.messages.plurals import get_plural

from brochure.i18n.headers import PluralFormsError, plural_forms


@pytest.mark.parametrize("language", ["de", "en", "tr", "fr", "ar", "ru", "pl", "uk", "fa", "ja"])
def test_every_cldr_rule_babel_knows_is_accepted(language):
    rule = get_plural(language)
    parsed = plural_forms(str(rule))
    assert parsed.nplurals == rule.num_plurals


@pytest.mark.parametrize(("header", "reason"), [
    ("nplurals=2; plural=(n != 1)+alert(document.domain);", "not a plural rule"),
    ("nplurals=2; plural=(n != 1);</script><script>alert(1)", "is not 'nplurals=N"),
    ("nplurals=2; plural=constructor;", "not a plural rule"),
    ("nplurals=2; plural=n;", "gives 2 for n=2"),
    ("nplurals=1; plural=(n != 1);", "gives 1 for n=0"),
    ("nplurals=0; plural=0;", "must be 1 to 6"),
    ("nplurals=2; plural=n % 0;", "fails for some n"),
    ("nplurals=2", "is not 'nplurals=N"),
    ("", "no Plural-Forms header"),
])
def test_anything_but_a_plural_rule_is_refused(header, reason):
    with pytest.raises(PluralFormsError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        plural_forms(header)


def test_expression_is_normalised_for_javascript():
    assert plural_forms("nplurals=2;  plural=(n\t!= 1) ;").expression == "(n != 1)"
