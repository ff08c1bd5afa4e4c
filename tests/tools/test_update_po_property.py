"""`make update-po` after German edits on every page: valid, lossless, idempotent catalogs.

One copy of the project; on every page a seeded random choice of paragraphs is edited,
deleted and added; then `make update-po` runs twice.
"""

from __future__ import annotations

import io
import random
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import pypo

from brochure.i18n.gettext_tools import msgcat
from support import copy_project, make

pytestmark = pytest.mark.rebuild  # copies the project and builds it again

SEED = 12
ADDED = "Neu eingefügter Prüfabsatz {n}: Quittenbaum, Xylophon und Zwetschgenmus."


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "locale").glob("*/LC_MESSAGES/**/*.po"))


def translated(path: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(path)) if e.translated() and not e.obsolete}


def update_po(root: Path) -> str:
    return make(root, "update-po", epoch="1764000000")


def edit_pages(root: Path, rng: random.Random) -> dict[str, dict[str, list[str]]]:
    """Edit, delete and add paragraphs on every page; what was done, per page."""
    done = {}
    for number, page in enumerate(sorted((root / "source").rglob("*.md"))):
        name = page.relative_to(root / "source").with_suffix("").as_posix()
        known = translated(root / "locale" / "tr" / "LC_MESSAGES" / f"{name}.po")
        lines = page.read_text(encoding="utf-8").split("\n")
        # paragraphs whose whole line is one translated message
        candidates = [i for i, line in enumerate(lines) if line in known and len(line.split()) > 4]
        rng.shuffle(candidates)
        changes = {"edited": [], "deleted": [], "added": [ADDED.format(n=number)]}
        # A page with one such paragraph gets an edit or a deletion, in turn from page to page.
        edit = len(candidates) > 1 or number % 2 == 0
        if candidates and edit:
            i = candidates.pop()
            original, words = lines[i], lines[i].split(" ")
            lines[i] = " ".join([words[0], "ausdrücklich", *words[1:]])  # a small change: fuzzy
            changes["edited"].append((original, lines[i]))
        if candidates:
            i = candidates.pop()
            changes["deleted"].append(lines[i])
            lines[i] = ""
        lines += ["", changes["added"][0], ""]
        page.write_text("\n".join(lines), encoding="utf-8")
        done[name] = changes
    return done


@pytest.fixture(scope="module")
def updated(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("property"))
    before = {path: translated(path) for path in catalogs(root)}
    changes = edit_pages(root, random.Random(SEED))
    update_po(root)
    after = {path: path.read_bytes() for path in catalogs(root)}
    second = update_po(root)
    return root, before, changes, after, second


def test_edits_were_made_on_every_page(updated):
    _root, _before, changes, _after, _second = updated
    assert len(changes) == 49
    assert sum(bool(c["edited"]) for c in changes.values()) >= 30
    assert sum(bool(c["deleted"]) for c in changes.values()) >= 25


def test_every_catalog_is_valid_and_in_gettexts_layout(updated):
    root, *_ = updated
    for path in catalogs(root):
        check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        assert msgcat(path) == path.read_bytes(), path


def test_no_translation_is_lost(updated):
    root, before, changes, _after, _second = updated
    for path, old in before.items():
        catalog = polib.pofile(str(path))
        name = path.relative_to(root / "locale").parts[2:]
        page = changes.get(Path(*name).with_suffix("").as_posix())
        current = {e.msgid: e for e in catalog if not e.obsolete}
        fuzzy = {e.previous_msgid: e for e in catalog if e.fuzzy and not e.obsolete}
        obsolete = {e.msgid: e for e in catalog.obsolete_entries()}
        for msgid, msgstr in old.items():
            kept = current.get(msgid) or fuzzy.get(msgid) or obsolete.get(msgid)
            assert kept is not None and kept.msgstr == msgstr, f"{path}: lost {msgid[:50]!r}"
        if page is None:
            continue  # the interface catalog
        for old_id, new_id in page["edited"]:
            entry = current[new_id]
            assert entry.fuzzy and entry.previous_msgid == old_id and entry.msgstr == old[old_id], path
        for msgid in page["deleted"]:
            assert obsolete[msgid].msgstr == old[msgid], path
        for msgid in page["added"]:
            assert current[msgid].msgstr == "" and not current[msgid].fuzzy, path


def test_polib_and_translate_toolkit_read_what_gettext_wrote(updated):
    root, *_ = updated
    for path in catalogs(root):
        po = polib.pofile(str(path))
        ours = [(e.msgid, [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)] or [e.msgstr],
                 e.fuzzy, e.previous_msgid or None, bool(e.obsolete))
                for e in po if e.msgid]
        store = pypo.pofile(io.BytesIO(path.read_bytes()))
        theirs = [(str(u.source), [str(s) for s in u.target.strings] if u.hasplural() else [str(u.target)],
                   u.isfuzzy(), u.prev_source or None, u.isobsolete())
                  for u in store.units if not u.isheader()]
        assert sorted(map(repr, ours)) == sorted(map(repr, theirs)), path


def test_a_second_run_changes_nothing(updated):
    root, _before, _changes, after, second = updated
    assert {path: path.read_bytes() for path in catalogs(root)} == after
    assert "0 of 100 catalogs changed" in second
