"""The catalogs are complete and in sync with the sources: what the editions publish."""

import subprocess
import sys

import polib
import pytest

from brochure.base.editions import LOCALE_DIR, ROOT, publication
from brochure.tools.interface_catalog import extract

TRANSLATIONS = [e.code for e in publication().translations]
INTERFACE = publication().interface_codes


def catalogs(code):
    return sorted((LOCALE_DIR / code / "LC_MESSAGES").rglob("*.po"))


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Message templates regenerated from the current sources, as `make update-po` does."""
    out = tmp_path_factory.mktemp("gettext")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-c", ".", "-q", "-W",
         "-d", str(out / ".doctrees"), "source", str(out)],
        cwd=ROOT, check=True,
    )
    return {p.relative_to(out).with_suffix("").as_posix(): polib.pofile(str(p))
            for p in out.rglob("*.pot") if p.stem != "sphinx"}


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_content_catalogs_are_complete(code):
    problems = []
    for path in catalogs(code):
        po = polib.pofile(str(path))
        for entry in po.untranslated_entries():
            problems.append(f"{path.relative_to(ROOT)}:{entry.linenum}: untranslated {entry.msgid[:40]!r}")
        for entry in po.fuzzy_entries():
            problems.append(f"{path.relative_to(ROOT)}:{entry.linenum}: fuzzy {entry.msgid[:40]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", INTERFACE)
def test_interface_catalog_is_complete_and_current(code):
    path = LOCALE_DIR / code / "LC_MESSAGES" / "sphinx.po"
    po = polib.pofile(str(path))
    translated = {e.msgid for e in po.translated_entries()}
    missing = [m.id for m in extract() if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in translated]
    assert not missing, f"{path}: missing or untranslated interface strings: {missing}"


@pytest.mark.rebuild  # Sphinx's gettext builder over the whole tree
@pytest.mark.parametrize("code", TRANSLATIONS)
def test_catalogs_hold_every_message_of_the_sources(code, templates):
    problems = []
    for page, template in templates.items():
        path = LOCALE_DIR / code / "LC_MESSAGES" / f"{page}.po"
        if not path.exists():
            problems.append(f"{path.relative_to(ROOT)}: missing (run make update-po)")
            continue
        have = {e.msgid for e in polib.pofile(str(path)) if not e.obsolete}
        problems += [f"{path.relative_to(ROOT)}: lacks {m.msgid[:50]!r} (run make update-po)"
                     for m in template if m.msgid not in have]
    assert not problems, "\n".join(problems)


@pytest.mark.rebuild
@pytest.mark.parametrize("code", TRANSLATIONS)
def test_no_catalog_without_a_page(code, templates):
    orphans = [p for p in catalogs(code)
               if p.stem != "sphinx" and p.relative_to(LOCALE_DIR / code / "LC_MESSAGES").with_suffix("").as_posix() not in templates]
    assert not orphans


@pytest.mark.rebuild  # every rule over every real catalog, hunspell included
def test_check_po_passes_on_the_real_catalogs():
    from brochure.i18n.paths import default_catalogs
    from brochure.tools.check_po.runner import check_paths

    findings = check_paths(default_catalogs())
    assert not findings, "\n".join(f.format() for f in findings)
