"""Shared fixtures: the editions table and the published site built by `make editions`.

`make test` builds every edition first, so the tests read exactly what a publisher ships.
Tests that need a different tree (broken catalogs, extra editions) build their own copy
(``support.copy_project``).

Lanes (markers, pytest.ini): ``browser`` (tests/browser, a real Chromium), ``site`` (reads
what `make editions` built), ``rebuild`` (copies the project and builds it again). What has
none of the three is the fast lane, ``make check``: catalogs, tools and extensions on small
fixtures.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from brochure.editions import publication
from support import SITE, copy_project


@pytest.fixture(scope="session")
def pub():
    return publication()


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} is missing: run `make editions` first (`make test` does)")
    return SITE


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        fixtures = getattr(item, "fixturenames", ())
        if "site" in fixtures:
            item.add_marker(pytest.mark.site)
        if {"built", "new_editions"} & set(fixtures):  # a copy of the project built anew
            item.add_marker(pytest.mark.rebuild)


def pytest_report_header(config):
    """The versions every coupling in DEVELOPING.md depends on, at the top of every run."""
    names = ("sphinx", "furo", "myst-parser", "docutils", "markdown-it-py", "babel")
    return "libraries: " + ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)
# -- New editions: French and a pseudo-localised Arabic, added to a copy of the tree -----------

NEW_EDITIONS = ("fr", "ar")


@dataclass(frozen=True)
class NewEditions:
    root: Path  # the copy of the project
    site: Path  # its assembled site after the plain `make editions`
    before: dict[str, str]  # page -> its HTML before the editions were added (de, en, tr)
    arabic_plurals: int


def _make(root: Path, *args: str) -> None:
    env = {**os.environ, "BUILDDIR": str(root / "_build")}
    result = subprocess.run(["make", "--no-print-directory", *args], cwd=root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"make {' '.join(args)}:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def new_editions(tmp_path_factory) -> NewEditions:
    """A copy of the project built as published, then `make new-edition CODE=fr` and
    `CODE=ar`, the Arabic catalogs pseudo-localised, and one plain `make editions` (no -E)."""
    from pseudo_locale import pseudo_localise

    from brochure.i18n.headers import plural_forms

    root = copy_project(tmp_path_factory.mktemp("new-editions"))
    _make(root, "editions")
    html = root / "_build" / "html"
    before = {f"{code}/{page}": (html / code / page).read_text(encoding="utf-8")
              for code in ("de", "en", "tr") for page in ("index.html", "uebersetzungsstand.html")}
    for code in NEW_EDITIONS:
        _make(root, "new-edition", f"CODE={code}")
    messages = root / "locale" / "ar" / "LC_MESSAGES"
    header = polib.pofile(str(messages / "sphinx.po")).metadata["Plural-Forms"]
    plurals = plural_forms(header).nplurals
    pseudo_localise(messages, interface_plurals=plurals)
    _make(root, "editions")
    return NewEditions(root, root / "_build" / "site", before, plurals)
