"""Screenshots of each edition for human review, on a desktop and a phone screen.

The home page and one contribution of every edition, whole page, as PNG files in
``$BUILDDIR/test-artifacts/screenshots/`` (CI keeps them as build artifacts), named
``<edition>-<page>-<screen>.png``. The phone pages must also fit the screen's width: WCAG 2.1
"Reflow" (1.4.10) asks for no sideways scrolling at 320 CSS pixels, and a long German compound
is the usual way to break it.
"""

from __future__ import annotations

import pytest

from brochure.base.editions import publication

PAGES = {"home": "index", "chapter": "grussworte/kuhn"}

HORIZONTAL_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("code", publication().codes)
def test_screenshot(code, kind, screen, request, server, artifacts):
    page = request.getfixturevalue(f"{screen}_page")
    page.goto(f"{server.url}/{code}/{PAGES[kind]}.html")
    page.evaluate("document.fonts.ready")
    target = artifacts / "screenshots" / f"{code}-{kind}-{screen}.png"
    page.screenshot(path=target, full_page=True, animations="disabled")
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{code}/{PAGES[kind]} scrolls sideways on a {screen}"
