"""A catalog saved by a PO tool survives `make update-po`: the edit, the editor's headers and
every message, and no other catalog is touched.

The four savers are the ones translators' tools are built on: GNU msgcat --no-wrap (the
project's layout; Poedit and Lokalize set not to wrap), msgcat at its default width (editors
left at their defaults), polib and translate-toolkit (Weblate, at the project's "Long lines
wrapping", brochure.i18n.weblate).

A catalog whose messages did not change is left exactly as saved, even in another layout: an
update never makes a commit that only re-wraps a translator's work. check-po reports the
layout, `make normalize-po` rewrites it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import pypo

from brochure.base.editions import publication
from brochure.i18n import weblate
from brochure.i18n.gettext_tools import LAYOUT, msgcat
from brochure.tools.update_catalogs import update_all
from support import copy_project, make

pytestmark = pytest.mark.rebuild  # copies the project and builds it again

EDITED = Path("tr/LC_MESSAGES/grussworte/kuhn.po")
HEADERS = {"Last-Translator": "Ayşe Yılmaz <ayse@example.org>", "PO-Revision-Date": "2026-11-27 18:00+0100"}
CORRECTION = " (gözden geçirildi)"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with its message templates made by `make update-po`."""
    root = copy_project(tmp_path_factory.mktemp("roundtrip"))
    make(root, "update-po", epoch="1764000000")
    return root


@pytest.fixture
def locale(project, tmp_path):
    return Path(shutil.copytree(project / "locale", tmp_path / "locale"))


def edited_entry(po) -> str:
    """The msgid whose translation the test edits: the first multi-line one."""
    return next(e.msgid for e in po if e.msgid and len(e.msgstr) > 80)


def save_with_polib(path: Path, generator: str) -> None:
    po = polib.pofile(str(path))
    po.find(edited_entry(po)).msgstr += CORRECTION
    po.metadata.update(HEADERS, **{"X-Generator": generator})
    po.save(str(path))


def save_with_msgcat(*options: str):
    def save(path: Path, generator: str) -> None:
        save_with_polib(path, generator)
        subprocess.run(["msgcat", *options, "-o", str(path), str(path)], check=True)
    return save


def save_with_translate_toolkit(path: Path, generator: str) -> None:
    store = pypo.pofile(io.BytesIO(path.read_bytes()))
    weblate.setup_store(store)
    msgid = edited_entry(polib.pofile(str(path)))
    unit = next(u for u in store.units if u.source == msgid)
    unit.target = unit.target + CORRECTION
    store.updateheader(add=True, Last_Translator=HEADERS["Last-Translator"],
                       PO_Revision_Date=HEADERS["PO-Revision-Date"], X_Generator=generator)
    path.write_bytes(bytes(store))


SAVERS = {
    "msgcat": save_with_msgcat(*LAYOUT),
    "msgcat at its default width": save_with_msgcat(),
    "polib": save_with_polib,
    "translate-toolkit": save_with_translate_toolkit,
}


def messages(path: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(path))}


@pytest.mark.parametrize("saver", SAVERS)
def test_update_keeps_an_editors_save(project, locale, saver):
    target = locale / EDITED
    before = {path: path.read_bytes() for path in locale.rglob("*.po")}
    expected = messages(target)
    msgid = edited_entry(polib.pofile(str(target)))
    expected[msgid] += CORRECTION
    SAVERS[saver](target, f"{saver} 1.0")
    saved = target.read_bytes()

    pub = publication()
    results = update_all([(project / "_build" / "gettext", [e.code for e in pub.translations]),
                          (project / "_build" / "gettext-interface", pub.interface_codes)], locale)

    assert [r.po_path for r in results if r.status != "unchanged"] == []
    assert target.read_bytes() == saved  # left as the editor saved it
    po = polib.pofile(str(target))
    assert messages(target) == expected
    assert {key: po.metadata[key] for key in HEADERS} == HEADERS
    assert po.metadata["X-Generator"] == f"{saver} 1.0"
    assert {p: p.read_bytes() for p in locale.rglob("*.po") if p != target} == \
        {p: data for p, data in before.items() if p != target}


@pytest.mark.parametrize("saver", ["msgcat", "translate-toolkit"])
def test_saves_in_the_documented_settings_are_already_in_the_projects_layout(locale, saver):
    target = locale / EDITED
    SAVERS[saver](target, "editor")
    assert msgcat(target) == target.read_bytes()
