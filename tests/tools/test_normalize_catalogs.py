"""`make normalize-po` puts every catalog in the project's layout with a header free of
template placeholders, keeping every message and the editors' headers."""

import os
import shutil
import subprocess
import sys

import interrupted
import polib
import pytest

from brochure.i18n.catalog_headers import has_placeholder
from brochure.i18n.gettext_tools import GettextError, msgcat
from brochure.tools.normalize_catalogs import normalize

SAVED_WRAPPED = """\
# SOME DESCRIPTIVE TITLE.
# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: Kommunaler Qualitätszirkel zur Integrationspolitik 1.0\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: Ayşe Yılmaz <ayse@example.org>\\n"
"Language-Team: Türkçe çeviri ekibi\\n"
"Language: tr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"X-Generator: Poedit 3.4\\n"

#: ../../source/grussworte/kuhn.md
#, fuzzy
#| msgid ""
#| "Das erste Grußwort der Broschüre stammt von Fritz Kuhn, dem "
#| "Oberbürgermeister der Landeshauptstadt."
msgid ""
"Das erste Grußwort der Broschüre stammt von Fritz Kuhn, dem Oberbürgermeister "
"der Landeshauptstadt Stuttgart."
msgstr ""
"Broşürün ilk selamlama yazısı, eyalet başkentinin belediye başkanı Fritz "
"Kuhn’a aittir."
"""


@pytest.fixture
def catalog(tmp_path):
    path = tmp_path / "locale" / "tr" / "LC_MESSAGES" / "grussworte" / "kuhn.po"
    path.parent.mkdir(parents=True)
    path.write_text(SAVED_WRAPPED, encoding="utf-8")
    return path


def entries(path):
    return [(e.msgid, e.msgstr, e.fuzzy, e.previous_msgid) for e in polib.pofile(str(path))]


def test_catalog_is_rewritten_in_gettexts_layout_without_placeholders(catalog):
    before = entries(catalog)
    assert normalize(catalog.parents[3]) == [catalog]
    text = catalog.read_text(encoding="utf-8")
    assert msgcat(catalog) == catalog.read_bytes()
    po = polib.pofile(text)
    assert not has_placeholder(text) and not po.metadata_is_fuzzy
    assert po.metadata["X-Generator"] == "Poedit 3.4"
    assert po.metadata["Last-Translator"] == "Ayşe Yılmaz <ayse@example.org>"
    assert entries(catalog) == before
    assert normalize(catalog.parents[3]) == []  # a second run changes nothing


def test_broken_catalog_is_reported_and_nothing_written(catalog, tmp_path):
    good = catalog.with_name("walther.po")
    good.write_text(SAVED_WRAPPED, encoding="utf-8")
    catalog.write_text(SAVED_WRAPPED + '\nmsgid "unterminated\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(GettextError, match=r"kuhn\.po:30: end-of-line within string"):
        normalize(catalog.parents[3])
    assert good.read_text(encoding="utf-8") == SAVED_WRAPPED


# Real catalogs of one edition, and one grown by 300 long entries: a big file takes long
# enough to write that a kill can land inside the write.
KILLED_CATALOGS = ["tr/LC_MESSAGES/anhang.po", "tr/LC_MESSAGES/glossar.po",
                   "tr/LC_MESSAGES/arbeitskreis/ausblicke.po", "tr/LC_MESSAGES/grussworte/kuhn.po"]
NORMALIZE = ["brochure.tools.normalize_catalogs"]


def saved_wrapped(root):
    """Every catalog as a PO editor that wraps at 79 columns saves it: all need normalizing."""
    big = root / "locale" / KILLED_CATALOGS[0]
    extra = "".join(f'\n#: ../../source/anhang.md\nmsgid "Eintrag {n}: {"Wort " * 50}"\n'
                    f'msgstr "Girdi {n}: {"kelime " * 50}"\n' for n in range(300))
    big.write_text(big.read_text(encoding="utf-8") + extra, encoding="utf-8")
    for path in interrupted.catalog_files(root):
        subprocess.run(["msgcat", "-w", "79", "-o", str(path), str(path)], check=True)
    return interrupted.catalog_files(root)


def test_kill_at_any_moment_of_the_writes_leaves_every_catalog_old_or_new(tmp_path):
    root = interrupted.tool_copy(tmp_path, KILLED_CATALOGS)
    old = saved_wrapped(root)
    new = interrupted.uninterrupted(root, NORMALIZE, old)
    for path in old:  # what the kills must find: two versions each, both read alike, no message lost
        assert new[path] != old[path]
        assert interrupted.msgfmt_accepts(old[path]) and interrupted.msgfmt_accepts(new[path])
        messages = {m for m in interrupted.message_set(old[path]) if m[1]}
        assert messages == {m for m in interrupted.message_set(new[path]) if m[1]}
    kills = interrupted.kill_at_many_moments(root, NORMALIZE, old, new)
    # Enough kills landed inside the write phase: runs stopped with some catalogs new, some old.
    assert sum(1 for kill in kills if kill.new and kill.old) >= 3, kills
    # A run after a kill finishes the job and leaves no temporary file behind.
    assert interrupted.run_tool(root, NORMALIZE).returncode == 0
    assert interrupted.catalog_files(root) == new
    assert not list((root / "locale").rglob("*.partial"))


def _can_mount() -> bool:
    """A private mount namespace (user namespaces) is what gives a test a file system of its own."""
    return subprocess.run(["unshare", "-Urm", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="no user namespaces here: tests/i18n/test_writing.py "
                                             "simulates the full disk in-process")
@pytest.mark.parametrize(("disk", "reason"), [("full", "No space left on device"),
                                              ("read-only", "Read-only file system")])
def test_full_or_read_only_disk_leaves_every_catalog_and_names_the_one(tmp_path, disk, reason):
    """normalize-po on a catalog directory that is a full (or read-only) 1 MB tmpfs."""
    root = interrupted.tool_copy(tmp_path / "copy", KILLED_CATALOGS)
    old = saved_wrapped(root)
    messages = root / "locale" / "tr" / "LC_MESSAGES"
    shutil.move(messages, tmp_path / "staged")
    messages.mkdir()
    after = tmp_path / "after"
    spoil = ("dd if=/dev/zero of=.filler bs=4096 2>/dev/null; true" if disk == "full"
             else "mount -o remount,ro .")
    script = (f"mount -t tmpfs -o size=1m tmpfs {messages} && cp -a {tmp_path / 'staged'}/. {messages} && "
              f"cd {messages} && {spoil} && cd {root} && "
              f"{sys.executable} -m brochure.tools.normalize_catalogs >{tmp_path / 'out'} 2>{tmp_path / 'err'}; "
              f"echo $? >{tmp_path / 'rc'}; rm -f {messages}/.filler; cp -a {messages}/. {after}")
    subprocess.run(["unshare", "-Urm", "sh", "-c", script], check=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    assert (tmp_path / "rc").read_text().strip() == "1"
    assert (tmp_path / "err").read_text() == (
        f"error: locale/tr/LC_MESSAGES/anhang.po: cannot write ({reason}); the old file is unchanged; "
        "0 catalog(s) before it were normalized, the rest left as they were\n")
    assert {path.relative_to(after): path.read_bytes() for path in sorted(after.rglob("*"))
            if path.is_file()} == {path.relative_to(messages): data for path, data in old.items()}
