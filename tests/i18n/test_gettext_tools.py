"""The gettext wrappers: canonical-layout check, clear errors, the missing package named."""

import shutil
from pathlib import Path

import pytest

from brochure.i18n import gettext_tools
from brochure.i18n.gettext_tools import GettextError, canonical_problem

LONG = ("Der Arbeitskreis trifft sich jedes Jahr in Stuttgart, mit Fachleuten aus vielen "
        "Städten und Landkreisen, um Handlungsempfehlungen zu beraten.")
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: tr\\n"\n\n'


def catalog(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "page.po"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_catalog_as_msgcat_writes_it_has_no_problem(tmp_path):
    path = catalog(tmp_path, f'msgid "{LONG}"\nmsgstr ""\n')
    path.write_bytes(gettext_tools.msgcat(path))
    assert canonical_problem(path) is None


def test_wrapped_message_is_reported_at_its_line_with_the_fix(tmp_path):
    """A message wrapped at a width (an editor left at its default) is not the layout."""
    first, rest = LONG[:70], LONG[70:]
    path = catalog(tmp_path, f'msgid "kurz"\nmsgstr "short"\n\nmsgid ""\n"{first}"\n"{rest}"\nmsgstr ""\n')
    line, message = canonical_problem(path)
    assert line == 9  # the wrapped msgid: msgcat --no-wrap writes it on one line
    assert "make normalize-po" in message and "not to wrap" in message


def test_unreadable_catalog_is_reported_with_gettexts_line(tmp_path):
    path = catalog(tmp_path, 'msgid "a"\nmsgstr "b"\n\nmsgid "unterminated\nmsgstr ""\n')
    line, message = canonical_problem(path)
    assert line == 9 and "end-of-line within string" in message


def test_missing_tool_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(GettextError, match=r"msgmerge not found: install the Debian package 'gettext'"):
        gettext_tools.tool("msgmerge")
