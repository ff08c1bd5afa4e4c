"""`make update-po` never loses a translator's work."""

from pathlib import Path

import polib
import pytest

from brochure.tools import update_catalogs
from brochure.tools.update_catalogs import CatalogError, main, update

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
    with pytest.raises(CatalogError, match=r"page\.po:1[0-9]: "):
        update(root / "pot", ["xx"], root / "locale")
    assert {p: p.read_bytes() for p in before} == before


def test_command_line_reports_file_and_line(tree, capsys, monkeypatch):
    root, _pot, po_path = tree
    po_path.write_text(po_path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setattr(update_catalogs, "LOCALE_DIR", root / "locale")
    monkeypatch.setattr(update_catalogs.update, "__defaults__", (root / "locale",))
    assert main(["pot", "xx"]) == 1
    error = capsys.readouterr().err
    assert "locale/xx/LC_MESSAGES/chapter/page.po:14: " in error and "No catalog was changed" in error
