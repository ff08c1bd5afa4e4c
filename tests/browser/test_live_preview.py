"""The live preview in Chromium: a refused catalog appears on the open page, then the fix.

The preview server and its helpers are the ones of ``tests/tools/test_serve.py``; the browser
is this folder's shared one (a second Playwright in one process would not start).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tools.test_serve import DEADLINE, Server, wait_for

pytestmark = pytest.mark.rebuild  # serves a copy of the project


def test_the_browser_shows_the_refusal_and_then_the_fix_by_itself(tmp_path, new_context):
    """The live reload brings the error onto the open page, and later the fix."""
    server = Server(tmp_path)
    try:
        wait_for(lambda page: 'lang="tr"' in page, server.url())
        server.wait_for_builds(1)
        context = new_context()
        try:
            page = context.new_page()
            page.goto(server.url())
            # sphinx-autobuild's page script: its socket is open before anything is saved
            page.wait_for_function("() => typeof ws !== 'undefined' && ws.readyState === WebSocket.OPEN",
                                   timeout=30_000)
            server.save("Ek ![](https://tracker.example/pixel.gif)")
            banner = page.locator("#preview-error")
            expect(banner).to_be_visible(timeout=DEADLINE * 1000)  # no reload by hand
            expect(banner).to_contain_text("Translation refused")
            expect(banner).to_contain_text(re.compile(r"locale/tr/LC_MESSAGES/anhang\.po:\d+: \[markup\]"))
            # Above the page's heading, never over it: the title can be read next to the report.
            box, heading = banner.bounding_box(), page.locator("article h1").first.bounding_box()
            assert box["y"] + box["height"] <= heading["y"], (box, heading)
            page.reload()
            expect(page.locator("#preview-error")).to_be_visible()
            server.save("Ek (tarayıcıda)")
            expect(page).to_have_title(re.compile(r"^Ek \(tarayıcıda\)"), timeout=DEADLINE * 1000)
            expect(page.locator("#preview-error")).to_have_count(0)
        finally:
            context.close()
    finally:
        server.stop()
