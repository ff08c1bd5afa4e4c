"""Catalog headers carry no template placeholders: the project's catalogs and new ones."""

import polib
import pytest

from brochure.base.editions import LOCALE_DIR
from brochure.i18n.catalog_headers import cldr_plural_forms, has_placeholder, repaired

CATALOGS = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/**/*.po"))

TEMPLATE_HEADER = """\
# SOME DESCRIPTIVE TITLE.
# Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER
# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.
# Ayşe Yılmaz <ayse@example.org>, 2026.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2026-11-20 10:00+0000\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Generator: Poedit 3.4\\n"

msgid "Grußwort"
msgstr "Selamlama"
"""


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.relative_to(LOCALE_DIR).as_posix())
def test_project_catalog_header_is_complete_and_not_fuzzy(path):
    po = polib.pofile(str(path))
    assert not po.metadata_is_fuzzy
    assert not has_placeholder(po.header)
    assert not [key for key, value in po.metadata.items() if has_placeholder(value)]
    assert po.metadata["Language"] == path.relative_to(LOCALE_DIR).parts[0]
    assert "charset=utf-8" in po.metadata["Content-Type"].lower()


def test_repair_replaces_placeholders_and_keeps_editor_headers_and_credits():
    data = repaired(TEMPLATE_HEADER.encode("utf-8"), "tr")
    po = polib.pofile(data.decode("utf-8"))
    assert not po.metadata_is_fuzzy
    assert not has_placeholder(data.decode("utf-8"))
    assert po.metadata["X-Generator"] == "Poedit 3.4"
    assert "Ayşe Yılmaz <ayse@example.org>, 2026." in po.header
    assert po.metadata["Language"] == "tr"
    assert po.find("Grußwort").msgstr == "Selamlama"


def test_new_catalog_names_nobody_and_takes_babels_plural_forms():
    po = polib.pofile(repaired(TEMPLATE_HEADER.encode("utf-8"), "pl", new=True).decode("utf-8"))
    assert po.metadata["Last-Translator"] == "" and po.metadata["Language-Team"] == ""
    assert po.metadata["Plural-Forms"] == cldr_plural_forms("pl")
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")


def test_catalog_without_header_gets_one_and_loses_no_message():
    body = 'msgid ""\n"Ein langer Absatz, der mit einer leeren Zeile beginnt, wie gettext ihn umbricht."\nmsgstr "Uzun bir paragraf."\n'
    po = polib.pofile(repaired(body.encode("utf-8"), "tr").decode("utf-8"))
    assert po.metadata["Language"] == "tr"
    assert [(e.msgid, e.msgstr) for e in po] == [
        ("Ein langer Absatz, der mit einer leeren Zeile beginnt, wie gettext ihn umbricht.", "Uzun bir paragraf.")]
