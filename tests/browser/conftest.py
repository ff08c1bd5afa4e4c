"""Browser tests: the built site in Debian's Chromium, driven by Playwright.

The tests read the site `make editions` built (``$BUILDDIR/site``) and open it two ways a reader
does: from a web server (a ``http.server`` on 127.0.0.1, started here) and from a folder on disk
(``file://``). Chromium is the system's (``/usr/bin/chromium``, Debian package ``chromium``):
Playwright never downloads a browser, and axe-core comes from the pinned PyPI package
``axe-playwright-python``, which ships ``axe.min.js``. Nothing is fetched at test time, and the
browser reaches nothing but the local server (``browsing.CHROMIUM_ARGS``).

Without Chromium or Playwright the browser tests are skipped, loudly (the skip reason and a
warning line at the end of the run), so a contributor without a browser can still run the
rest of the suite. With ``CI`` set they fail instead: CI must never pass without them.

One browser serves the whole session and each kind of test reuses one page, so the ~300 axe
runs cost a page load each, not a browser start.
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest

from browsing import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, TIMEOUT_MS, Server

HERE = Path(__file__).resolve().parent
# The browser's own language is fixed, so the host's locale cannot change what the tests see;
# the pages' language comes from their <html lang>.
LOCALE = "en-US"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@functools.cache
def missing_requirement() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as err:
        return f"Playwright is not installed ({err}); `make venv` installs requirements.txt"
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError as err:
        return f"axe-playwright-python is not installed ({err}); `make venv` installs it"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}; install it with `apt-get install chromium`"
    return None


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say it last, after pytest's own summary, that the browser tests did not run."""
    yield
    reason = missing_requirement()
    if reason is None or in_ci():
        return
    prefix = HERE.relative_to(config.rootpath).as_posix() + "/"
    skipped_browser_tests = [
        report for report in terminalreporter.stats.get("skipped", [])
        if getattr(report, "nodeid", "").startswith(prefix)
    ]
    if skipped_browser_tests:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", yellow=True, bold=True)
        terminalreporter.write_line(
            f"WARNING: {len(skipped_browser_tests)} browser tests did not run: {reason}. "
            "In CI (CI=true) this is an error.",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def playwright_session(site):
    """Playwright itself; skips (locally) or fails (CI) when it or Chromium is missing."""
    reason = missing_requirement()
    if reason is not None:
        if in_ci():
            pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session):
    browser = playwright_session.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def new_context(browser):
    """Contexts for tests that need their own (one per module, not per test)."""
    def make(**options):
        return browser.new_context(locale=LOCALE, **options)
    return make


@pytest.fixture(scope="session")
def server(site):
    with Server(site) as server:
        yield server


@pytest.fixture(scope="session", params=["http", "file"])
def base_url(request, server, site) -> str:
    """The site's root URL, once over HTTP and once from disk."""
    return server.url if request.param == "http" else site.as_uri()


def _new_page(context):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.errors = []  # uncaught script errors, for tests that want none
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


@pytest.fixture(scope="module")
def axe_page(new_context):
    """A desktop page with axe-core injected into every document it loads (from the installed
    package), its script errors collected."""
    from axe_playwright_python.base import AXE_FILE_PATH

    context = new_context(viewport=DESKTOP)
    context.add_init_script(path=str(AXE_FILE_PATH))
    yield _new_page(context)
    context.close()


@pytest.fixture(scope="session")
def desktop_context(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale=LOCALE)
    yield context
    context.close()


@pytest.fixture(scope="session")
def phone_context(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale=LOCALE)
    yield context
    context.close()


@pytest.fixture(scope="session")
def desktop_page(desktop_context):
    """The session's one desktop page; tests navigate it, none closes it."""
    return _new_page(desktop_context)


@pytest.fixture(scope="session")
def phone_page(phone_context):
    return _new_page(phone_context)


@pytest.fixture
def page(desktop_page):
    """The desktop page, with its error log emptied for the test."""
    desktop_page.errors.clear()
    return desktop_page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go: $BUILDDIR/test-artifacts, emptied once per session."""
    shutil.rmtree(ARTIFACTS / "screenshots", ignore_errors=True)
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
