"""`make update-po` never loses a translator's work."""

import subprocess
from pathlib import Path

import polib
import pytest

from brochure.i18n.catalog_headers import cldr_plural_forms, has_placeholder
from brochure.tools import update_catalogs
from brochure.tools.update_catalogs import CatalogError, main, update, update_all

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: xx\\n"\n\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path):
    pot = write(tmp_path / "pot" / "chapter" / "page.pot",
                '#: ../../source/chapter/page.md:3\nmsgid "Der Arbeitskreis trifft sich jährlich in Stuttgart."\nmsgstr ""\n\n'
                '#: ../../source/chapter/page.md:5\nmsgid "Zweitens kommen Kontaktadressen hinzu, wie im Druck."\nmsgstr ""\n')
    po = write(tmp_path / "locale" / "xx" / "LC_MESSAGES" / "chapter" / "page.po",
               '# Translator: keep the city name.\n'
               '#: ../../source/chapter/page.md:3\nmsgid "Der Arbeitskreis trifft sich jedes Jahr in Stuttgart."\n'
               'msgstr "The working group meets every year in Stuttgart."\n\n'
               '#: ../../source/chapter/page.md:9\nmsgid "Ein gestrichener Satz."\nmsgstr "A deleted sentence."\n')
    return tmp_path, pot, po


def test_changed_message_keeps_translation_as_fuzzy_with_previous_msgid(tree):
    root, _pot, po_path = tree
    update(root / "pot", ["xx"], root / "locale")
    entry = polib.pofile(str(po_path)).find("Der Arbeitskreis trifft sich jährlich in Stuttgart.")
    assert entry.fuzzy
    assert entry.msgstr == "The working group meets every year in Stuttgart."
    assert entry.previous_msgid == "Der Arbeitskreis trifft sich jedes Jahr in Stuttgart."
    assert entry.tcomment == "Translator: keep the city name."


def test_removed_message_stays_as_obsolete_with_translation(tree):
    root, _pot, po_path = tree
    update(root / "pot", ["xx"], root / "locale")
    obsolete = polib.pofile(str(po_path)).obsolete_entries()
    assert [(e.msgid, e.msgstr) for e in obsolete] == [("Ein gestrichener Satz.", "A deleted sentence.")]


def test_new_message_is_added_untranslated(tree):
    root, _pot, po_path = tree
    update(root / "pot", ["xx"], root / "locale")
    assert polib.pofile(str(po_path)).find("Zweitens kommen Kontaktadressen hinzu, wie im Druck.").msgstr == ""


def test_second_run_changes_nothing_and_locations_carry_no_line_numbers(tree):
    root, pot_path, po_path = tree
    update(root / "pot", ["xx"], root / "locale")
    first = po_path.read_bytes()
    # the paragraph moved: only its line number changed
    pot_path.write_text(pot_path.read_text(encoding="utf-8").replace("page.md:5", "page.md:7"), encoding="utf-8")
    results = update(root / "pot", ["xx"], root / "locale")
    assert [r.status for r in results] == ["unchanged"]
    assert po_path.read_bytes() == first
    assert b"page.md:" not in first


def test_new_language_gets_a_catalog_per_page(tree):
    root, _pot, _po = tree
    results = update(root / "pot", ["yy"], root / "locale")
    created = root / "locale" / "yy" / "LC_MESSAGES" / "chapter" / "page.po"
    assert [(r.po_path, r.status) for r in results] == [(created, "created")]
    assert polib.pofile(str(created)).metadata["Language"] == "yy"


def test_broken_catalog_stops_before_anything_is_written(tree, capsys):
    root, _pot, po_path = tree
    other = write(root / "locale" / "xx" / "LC_MESSAGES" / "other.po", 'msgid "a"\nmsgstr "b"\n')
    write(root / "pot" / "other.pot", 'msgid "a"\nmsgstr ""\n\nmsgid "c"\nmsgstr ""\n')
    po_path.write_text(po_path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in (po_path, other)}
    with pytest.raises(CatalogError, match=r"page\.po:15: end-of-line within string"):
        update(root / "pot", ["xx"], root / "locale")
    assert {p: p.read_bytes() for p in before} == before


def test_command_line_reports_file_and_line(tree, capsys, monkeypatch):
    root, _pot, po_path = tree
    po_path.write_text(po_path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setattr(update_catalogs, "LOCALE_DIR", root / "locale")
    assert main(["--templates", "pot", "xx"]) == 1
    error = capsys.readouterr().err
    assert "locale/xx/LC_MESSAGES/chapter/page.po:15: end-of-line within string" in error and "No catalog was changed" in error


def test_new_catalog_header_is_complete_and_a_second_run_keeps_it(tree):
    root, _pot, _po = tree
    update(root / "pot", ["pl"], root / "locale")
    created = root / "locale" / "pl" / "LC_MESSAGES" / "chapter" / "page.po"
    first = created.read_bytes()
    po = polib.pofile(str(created))
    assert po.metadata["Language"] == "pl"
    assert po.metadata["Plural-Forms"] == cldr_plural_forms("pl")
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert not po.metadata_is_fuzzy and not has_placeholder(first.decode("utf-8"))
    assert [r.status for r in update(root / "pot", ["pl"], root / "locale")] == ["unchanged"]
    assert created.read_bytes() == first


def test_multi_line_previous_msgid_survives_repeated_changes(tree):
    """The Babel writer broke `#| msgid` lines mid-string; every run ate one more line."""
    root, pot_path, po_path = tree
    translated = ("Der Arbeitskreis trifft sich jedes Jahr in Stuttgart, mit Fachleuten aus vielen "
                  "Städten und Landkreisen, um Handlungsempfehlungen zu beraten.")
    po_path.write_text(po_path.read_text(encoding="utf-8").replace(
        "Der Arbeitskreis trifft sich jedes Jahr in Stuttgart.", translated), encoding="utf-8")
    old = "Der Arbeitskreis trifft sich jährlich in Stuttgart."
    for round_ in range(3):
        new = translated.replace("jedes Jahr", f"im Jahr {2015 + round_}")
        pot_path.write_text(pot_path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        update(root / "pot", ["xx"], root / "locale")
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_path)], check=True, capture_output=True)
        # the long previous msgid, on one line in the project's layout (no wrapping)
        assert f'#| msgid "{translated}"\n'.encode() in po_path.read_bytes()
        entry = polib.pofile(str(po_path)).find(new)
        assert entry.fuzzy and entry.msgstr == "The working group meets every year in Stuttgart."
        # the German text the translation was made for, however often it changed since
        assert entry.previous_msgid == translated
        old = new


def test_a_broken_interface_catalog_stops_the_page_catalogs_too(tree):
    """make update-po updates both sets in one run: all or nothing."""
    root, _pot, po_path = tree
    write(root / "pot-interface" / "sphinx.pot", 'msgid "Search"\nmsgstr ""\n')
    write(root / "locale" / "xx" / "LC_MESSAGES" / "sphinx.po", 'msgid "Search\nmsgstr "Ara"\n')
    before = po_path.read_bytes()
    with pytest.raises(CatalogError, match=r"sphinx\.po:6: "):
        update_all([(root / "pot", ["xx"]), (root / "pot-interface", ["xx"])], root / "locale")
    assert po_path.read_bytes() == before
