"""The search page's translations.js never gives a plural expression fewer forms than it selects
(the cause of "Cannot read properties of undefined (reading 'replace')")."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest

from brochure.i18n.headers import plural_forms
from brochure.i18n.interface import javascript_catalog, plural_forms_in

FRENCH_SPHINX = "(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2"
FINISHED = "Search finished, found one page matching the search query."


def test_sphinxs_three_french_forms_become_babels_two():
    rule = plural_forms("nplurals=2; plural=(n > 1);")
    assert plural_forms_in(["une", "millions", "plusieurs"], FRENCH_SPHINX, rule) == ["une", "plusieurs"]


def test_two_forms_cannot_serve_arabics_six_unless_each_number_finds_one():
    arabic = plural_forms("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);")
    forms = plural_forms_in(["one", "other"], "(n != 1)", arabic)
    assert len(forms) == 6 and forms[1] == "one" and forms[5] == "other"
    assert plural_forms_in(["one", ""], "(n != 1)", arabic) is None  # an empty form: left out


def _catalog(script: str) -> dict:
    return json.loads(script[script.index("(") + 1 : script.rindex(")")])


@pytest.mark.parametrize("language, header", [
    ("fr", "nplurals=2; plural=(n > 1);"),
    ("ar", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);"),
    ("ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    ("pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    ("tr", "nplurals=2; plural=(n != 1);"),
])
def test_every_plural_message_has_a_form_for_every_number(tmp_path, language, header):
    messages = tmp_path / language / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "sphinx.po").write_text(
        f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {header}\\n"\n', encoding="utf-8")
    data = _catalog(javascript_catalog(language, tmp_path))
    rule = gettext.c2py(data["plural_expr"].removeprefix("Number(").removesuffix(")"))
    for msgid, value in data["messages"].items():
        assert value, msgid  # an empty translation would show an empty status line
        if isinstance(value, list):
            assert all(value) and all(0 <= rule(n) < len(value) for n in range(1001)), msgid


def test_french_search_status_is_sphinxs_french(tmp_path):
    data = _catalog(javascript_catalog("fr", Path("/nonexistent")))
    assert data["messages"][FINISHED][0].startswith("La recherche est terminée")
