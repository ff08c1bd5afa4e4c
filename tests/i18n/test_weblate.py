"""The Weblate set-up in TRANSLATING.md, run against the tree as Weblate's component
discovery does: the pattern anchored at both ends, tried on every file and folder of the
repository, one component per file mask (the path with the language replaced by ``*``)."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict

import pytest

from brochure.base.editions import ROOT, publication
from brochure.i18n import weblate

DEFAULT_LANGUAGE_FILTER = re.compile(r"^[^.]+$")  # the add-on's "Language filter" default


def repository_paths() -> list[str]:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    folders = {"/".join(f.split("/")[:n]) for f in files for n in range(1, f.count("/") + 1)}
    return sorted(set(files) | folders)


def discover(paths: list[str]) -> dict[str, dict[str, list[str]]]:
    """file mask -> {"languages": [...], "files": [...], "name": ...}, as Weblate builds it."""
    pattern = re.compile(f"^{weblate.DISCOVERY_MATCH}$")
    found: dict[str, dict] = defaultdict(lambda: {"languages": [], "files": []})
    for path in paths:
        match = pattern.match(path)
        if not match or not DEFAULT_LANGUAGE_FILTER.match(match["language"]):
            continue
        mask = path[: match.start("language")] + "*" + path[match.end("language"):]
        found[mask]["languages"].append(match["language"])
        found[mask]["files"].append(path)
        found[mask]["name"] = weblate.DISCOVERY_NAME_TEMPLATE.replace("{{ component }}", match["component"])
    return dict(found)


def slugify(name: str) -> str:
    """Django's slugify, which Weblate uses for component slugs."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", name.lower())).strip("-_")


@pytest.fixture(scope="module")
def components():
    return discover(repository_paths())


def pages() -> set[str]:
    return {p.relative_to(ROOT / "source").with_suffix("").as_posix() for p in (ROOT / "source").rglob("*.md")}


def test_every_page_is_one_component_with_each_translation_once(components):
    expected = {f"locale/*/LC_MESSAGES/{page}.po" for page in pages()}
    assert set(components) == expected
    translations = sorted(e.code for e in publication().translations)
    for mask, component in components.items():
        assert sorted(component["languages"]) == translations, mask
    assert weblate.MAIN_COMPONENT_MASK in components  # the main component is one of them


def test_every_page_catalog_is_found_and_nothing_else(components):
    found = sorted(f for c in components.values() for f in c["files"])
    tracked = [p for p in repository_paths() if p.startswith("locale/") and p.endswith(".po")
               and not p.endswith("/sphinx.po")]
    assert found == sorted(tracked)
    assert len(found) == len(set(found))


def test_interface_catalog_is_its_own_component_not_discovered(components):
    assert not any("sphinx" in mask for mask in components)
    interface = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob(weblate.INTERFACE_FILE_MASK))
    assert interface == [f"locale/{code}/LC_MESSAGES/sphinx.po" for code in sorted(publication().interface_codes)]


@pytest.mark.parametrize("path", [
    "locale/tr/LC_MESSAGES/sphinx.po",  # the interface component's
    "locale/tr/LC_MESSAGES/index.mo",
    "locale/tr/LC_MESSAGES/index.po~",
    "locale/termbase.csv",
    "locale/tr/index.po",
    "source/locale/tr/LC_MESSAGES/index.po",
])
def test_no_false_matches(path):
    assert discover([path]) == {}


def test_component_names_and_slugs_are_unique(components):
    names = [c["name"] for c in components.values()]
    assert len(set(names)) == len(names)
    assert len({slugify(n) for n in names}) == len(names)


def test_the_guide_gives_exactly_these_settings():
    guide = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
    for value in (weblate.DISCOVERY_MATCH, weblate.DISCOVERY_NAME_TEMPLATE, weblate.MAIN_COMPONENT_MASK,
                  weblate.INTERFACE_FILE_MASK):
        assert f"`{value}`" in guide, value
    assert f"*Only wrap lines at newlines (like 'xgettext --no-wrap')* ({weblate.PO_LINE_WRAP})" in guide


def test_the_guide_names_every_setting_the_setup_applies():
    """TRANSLATING.md names each setting by its Weblate API name, as the lane applies it."""
    guide = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
    documented = {"set_language_team", "po_line_wrap", "check_flags", "enforced_checks", "new_lang", "template",
                  "new_base", "push_on_commit", "commit_pending_age", "repo", "push", "branch", "filemask",
                  "file_format", "source_language"}
    assert set(weblate.PROJECT_SETTINGS) - {"translation_review"} <= documented
    assert {k for k in weblate.COMPONENT_SETTINGS if k not in ("vcs", "manage_units", "edit_template")} \
        <= documented | {"file_format_params"}
    for name in documented:
        assert f"`{name}`" in guide, name
    for addon in (weblate.DISCOVERY_ADDON, weblate.AUTHORS_ADDON):
        assert f"`{addon}`" in guide, addon
    assert "MYST_PLACEHOLDERS" in guide and "make weblate-setup" in guide
    for check in weblate.ENFORCED_CHECKS:
        assert f"`{check}`" in guide, check


def placeholders(text: str) -> set[str]:
    """What Weblate's "Placeholders" check compares, with the project's expression."""
    return set(re.findall(weblate.MYST_PLACEHOLDERS, text))


def test_no_published_translation_fails_the_enforced_placeholders_check():
    """Weblate marks every existing translation that fails an enforced check as needing
    editing, which unpublishes it: the expression must accept every translation the project has."""
    import polib

    checked = 0
    for path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/**/*.po")):
        if path.name == "sphinx.po":
            continue
        for entry in polib.pofile(str(path)):
            if entry.translated() and not entry.obsolete:
                assert placeholders(entry.msgid) == placeholders(entry.msgstr), (path, entry.msgid[:80])
                checked += 1
    assert checked > 500


@pytest.mark.parametrize(("source", "target"), [
    ("Die {term}`Integrationsbeauftragte` tagen.", "{term}`Uyum sorumluları <Integrationsbeauftragte> toplanır."),
    ("Siehe {doc}`/anhang`.", "Bkz. {doc}`Ek </anhang-tr>`."),
    ("Text.", "Metin [bkz.](https://example.com/p)."),
    ("[Bestellhinweise](/ueber-diese-ausgabe.md)", "[Sipariş](https://example.com/phish)"),
    ("Im Jahr {{ jahr }}.", "Yıl {{ yil }}."),
])
def test_the_placeholders_check_flags_myst_breaks(source, target):
    assert placeholders(source) != placeholders(target)


def test_the_placeholders_check_accepts_a_translated_role_text():
    assert placeholders("Die {term}`Integrationsbeauftragte` tagen.") == \
        placeholders("{term}`Uyum sorumluları <Integrationsbeauftragte>` toplanır.")
