"""Shared fixtures: the editions table and the published site built by `make editions`.

`make test` builds every edition first, so the tests read exactly what a publisher ships.
Tests that need a different tree (broken catalogs, extra editions) build their own copy
(``support.copy_project``).
"""

from __future__ import annotations

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
