"""`make update-po` never loses a translator's work."""

import errno
import os
import subprocess
from pathlib import Path

import interrupted
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


def test_failed_write_names_the_catalog_in_one_line_and_keeps_it(tree, capsys, monkeypatch):
    root, _pot, po_path = tree
    first = write(root / "locale" / "xx" / "LC_MESSAGES" / "a.po", 'msgid "a"\nmsgstr "b"\n')
    write(root / "pot" / "a.pot", 'msgid "a"\nmsgstr ""\n\nmsgid "c"\nmsgstr ""\n')
    before = po_path.read_bytes()
    real = update_catalogs.write_catalog

    def full_disk_at_page(path, data):
        if path.name == "page.po":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # mkdir or the write itself
        real(path, data)
    monkeypatch.setattr(update_catalogs, "write_catalog", full_disk_at_page)
    monkeypatch.chdir(root)
    monkeypatch.setattr(update_catalogs, "LOCALE_DIR", root / "locale")
    assert main(["--templates", "pot", "xx"]) == 1
    assert capsys.readouterr().err == (
        "error: locale/xx/LC_MESSAGES/chapter/page.po: cannot write (No space left on device); the old file "
        "is unchanged; 1 catalog(s) before it were updated, the rest left as they were\n")
    assert po_path.read_bytes() == before
    assert polib.pofile(str(first)).find("c") is not None


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


# Real catalogs of one edition, one of them grown by 300 long entries (a write long enough to
# be killed in); each template changes the first message, so every catalog is rewritten.
KILLED_CATALOGS = ["tr/LC_MESSAGES/anhang.po", "tr/LC_MESSAGES/glossar.po",
                   "tr/LC_MESSAGES/arbeitskreis/ausblicke.po", "tr/LC_MESSAGES/grussworte/kuhn.po"]


def changed_templates(root: Path) -> list[str]:
    """Templates for the catalogs under *root*: their messages, the first one reworded."""
    big = root / "locale" / KILLED_CATALOGS[0]
    extra = "".join(f'\n#: ../../source/anhang.md\nmsgid "Eintrag {n}: {"Wort " * 50}"\n'
                    f'msgstr "Girdi {n}: {"kelime " * 50}"\n' for n in range(300))
    big.write_text(big.read_text(encoding="utf-8") + extra, encoding="utf-8")
    messages = root / "locale" / "tr" / "LC_MESSAGES"
    for path in interrupted.catalog_files(root):
        template = polib.POFile(wrapwidth=79)
        template.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        live = [entry for entry in polib.pofile(str(path)) if not entry.obsolete]
        for number, entry in enumerate(live):
            reworded = entry.msgid + (" (neu)" if number == 0 else "")
            template.append(polib.POEntry(msgid=reworded, occurrences=entry.occurrences))
        pot = root / "pot" / path.relative_to(messages).with_suffix(".pot")
        pot.parent.mkdir(parents=True, exist_ok=True)
        template.save(str(pot))
    return ["brochure.tools.update_catalogs", "--templates", "pot", "tr"]


def test_kill_at_any_moment_of_the_writes_leaves_every_catalog_old_or_new(tmp_path):
    root = interrupted.tool_copy(tmp_path, KILLED_CATALOGS)
    update_po = changed_templates(root)
    old = interrupted.catalog_files(root)
    new = interrupted.uninterrupted(root, update_po, old)
    for path in old:  # what the kills must find: two versions, both read alike, every translation kept
        assert new[path] != old[path]
        assert interrupted.msgfmt_accepts(old[path]) and interrupted.msgfmt_accepts(new[path])
        translations = {m[3] for m in interrupted.message_set(old[path]) if m[1] and m[3]}
        assert translations <= {m[3] for m in interrupted.message_set(new[path])}
    kills = interrupted.kill_at_many_moments(root, update_po, old, new)
    # Enough kills landed inside the write phase: runs stopped with some catalogs new, some old.
    assert sum(1 for kill in kills if kill.new and kill.old) >= 3, kills
    # A run after a kill finishes the job and leaves no temporary file behind.
    assert interrupted.run_tool(root, update_po).returncode == 0
    assert interrupted.catalog_files(root) == new
    assert not list((root / "locale").rglob("*.partial"))
