"""Shared fixtures: the editions table and the published site built by `make editions`.

`make test` builds every edition first, so the tests read exactly what a publisher ships.
Tests that need a different tree (broken catalogs, extra editions) build their own copy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from brochure.editions import BUILD_DIR, ROOT, publication

SITE = BUILD_DIR / "site"


@pytest.fixture(scope="session")
def pub():
    return publication()


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} is missing: run `make editions` first (`make test` does)")
    return SITE


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def edition_pages(code: str) -> dict[str, BeautifulSoup]:
    """Every content page of an edition's site, keyed by page name (``grussworte/kuhn``)."""
    base = SITE / code
    pages = {}
    for path in sorted(base.rglob("*.html")):
        name = path.relative_to(base).with_suffix("").as_posix()
        if name.startswith("_"):
            continue
        pages[name] = soup(path)
    return pages


def source_pages() -> list[str]:
    return sorted(
        p.relative_to(ROOT / "source").with_suffix("").as_posix()
        for p in (ROOT / "source").rglob("*.md")
    )
