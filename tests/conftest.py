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
from pathlib import Path

import pytest

from brochure.editions import publication
from support import SITE


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
        if "built" in fixtures:  # test_translation_status: a copy of the project built anew
            item.add_marker(pytest.mark.rebuild)


def pytest_report_header(config):
    """The versions every coupling in DEVELOPING.md depends on, at the top of every run."""
    names = ("sphinx", "furo", "myst-parser", "docutils", "markdown-it-py", "babel")
    return "libraries: " + ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)
