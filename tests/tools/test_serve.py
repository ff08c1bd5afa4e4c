"""`make serve-<lang>`: a live preview that rebuilds when a catalog changes."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import polib
import pytest
from websockets.sync.client import connect

from support import copy_project

pytestmark = pytest.mark.rebuild  # copies the project and builds it again

DEADLINE = 180  # seconds; a bound so a broken server cannot hang the suite


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, url):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        page = fetch(url)
        if page is not None and predicate(page):
            return page
        time.sleep(1)
    raise AssertionError(f"{url} did not show the expected content within {DEADLINE} s")


def test_serve_rebuilds_after_a_catalog_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "BUILDDIR": str(project / "_build")}
    server = subprocess.Popen(["make", "--no-print-directory", "serve-tr", f"PORT={port}"], cwd=project,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/anhang.html"
    try:
        wait_for(lambda page: 'lang="tr"' in page, url)
        catalog = project / "locale" / "tr" / "LC_MESSAGES" / "anhang.po"
        po = polib.pofile(str(catalog))
        entry = po.find("Anhang")
        entry.msgstr = "Ek (canlı önizleme)"
        po.save()
        wait_for(lambda page: "Ek (canlı önizleme)" in page, url)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_serve_keeps_refusing_a_broken_catalog_until_it_is_fixed(tmp_path):
    """The live preview runs the same gate: a refused translation never reaches the preview."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "BUILDDIR": str(project / "_build")}
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(["make", "--no-print-directory", "serve-tr", f"PORT={port}"], cwd=project,
                                  env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/anhang.html"
    catalog = project / "locale" / "tr" / "LC_MESSAGES" / "anhang.po"

    def save(msgstr):
        po = polib.pofile(str(catalog))
        po.find("Anhang").msgstr = msgstr
        po.save()

    def refusals():
        return log.read_text(encoding="utf-8", errors="replace").count("Translation refused")

    def wait_for_refusals(count):
        end = time.monotonic() + DEADLINE
        while refusals() < count:
            assert time.monotonic() < end, log.read_text(encoding="utf-8", errors="replace")
            time.sleep(1)

    try:
        wait_for(lambda page: 'lang="tr"' in page, url)
        save("Ek ![](https://tracker.example/pixel.gif)")
        wait_for_refusals(1)
        assert "locale/tr/LC_MESSAGES/anhang.po:" in log.read_text(encoding="utf-8")
        save("Ek <script>alert(1)</script>")  # the next save is refused as well
        wait_for_refusals(2)
        page = fetch(url)
        assert "tracker.example" not in page and "alert(1)" not in page
        save("Ek (düzeltildi)")
        wait_for(lambda page: "Ek (düzeltildi)" in page, url)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# -- The kept-alive preview (brochure.tools.serve) --------------------------------------------


# Pages that depend on every catalog of the edition: the translation status and the credits.
READ_WITH_EVERY_CATALOG = {"ueber-diese-ausgabe", "uebersetzungsstand"}
BUILD_LINE = re.compile(r"^\[serve\] build (\d+) (done|refused|failed)( in a fresh application)? in [\d.]+ s "
                        r"\((.*)\); read: (.*)$", re.MULTILINE)


class Server:
    """``make serve-tr`` in a copy of the project, its output in a log file."""

    def __init__(self, tmp_path):
        self.project = copy_project(tmp_path / "project")
        self.port = free_port()
        self.log = tmp_path / "serve.log"
        env = {**os.environ, "BUILDDIR": str(self.project / "_build")}
        with self.log.open("w") as output:
            self.process = subprocess.Popen(["make", "--no-print-directory", "serve-tr", f"PORT={self.port}"],
                                            cwd=self.project, env=env, stdout=output, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def url(self, page="anhang.html"):
        return f"http://127.0.0.1:{self.port}/{page}"

    def output(self):
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self):
        """(number, verdict, fresh, reason, pages read) of every build so far."""
        return [(int(n), verdict, bool(fresh), reason, set() if read == "nothing" else set(read.split(", ")))
                for n, verdict, fresh, reason, read in BUILD_LINE.findall(self.output())]

    def wait_for_builds(self, count):
        end = time.monotonic() + DEADLINE
        while len(self.builds()) < count:
            assert time.monotonic() < end, self.output()
            assert self.process.poll() is None, self.output()
            time.sleep(0.2)
        return self.builds()

    def save(self, msgstr, catalog="anhang.po", msgid="Anhang"):
        path = self.project / "locale" / "tr" / "LC_MESSAGES" / catalog
        po = polib.pofile(str(path))
        po.find(msgid).msgstr = msgstr
        po.save()

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def test_one_save_is_one_rebuild_that_reads_only_the_changed_page(tmp_path):
    server = Server(tmp_path)
    try:
        wait_for(lambda page: 'lang="tr"' in page, server.url())
        server.wait_for_builds(1)
        saves = ["Ek bir", "Ek iki", "Ek üç"]  # one catalog saved again and again: nothing stale
        for number, msgstr in enumerate(saves, start=2):
            server.save(msgstr)
            builds = server.wait_for_builds(number)
            wait_for(lambda page, msgstr=msgstr: f"{msgstr} -" in page, server.url())
            time.sleep(1.5)  # room for a second, unwanted rebuild (compiled catalogs, build output)
        builds = server.builds()
        assert len(builds) == 1 + len(saves), server.output()
        for _, verdict, fresh, reason, read in builds[1:]:
            assert (verdict, fresh, reason) == ("done", False, "changed: locale/tr/LC_MESSAGES/anhang.po")
            assert "anhang" in read and read <= {"anhang"} | READ_WITH_EVERY_CATALOG, read
        # The page is the one the kept-alive application wrote, not a stale translation.
        assert "Ek üç -" in (server.project / "_build" / "html" / "tr" / "anhang.html").read_text(encoding="utf-8")
    finally:
        server.stop()


# An inline script in every page: Sphinx renders it from the configuration, furo prints it.
CONFIG_MARKER = """
_setup_before_the_test = setup


def setup(app):
    _setup_before_the_test(app)
    app.add_js_file(None, body="/* config-marker */")
"""


def test_a_code_or_configuration_change_starts_a_fresh_application(tmp_path):
    server = Server(tmp_path)
    try:
        wait_for(lambda page: 'lang="tr"' in page, server.url())
        server.wait_for_builds(1)
        conf = server.project / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + CONFIG_MARKER, encoding="utf-8")
        wait_for(lambda page: "config-marker" in page, server.url())
        # Extension code: Sphinx does not notice it, only a new process and environment show it.
        code = server.project / "brochure" / "sphinxext" / "aria_headings.py"
        code.write_text(code.read_text(encoding="utf-8").replace('"aria-level", "2"', '"aria-level", "6"'),
                        encoding="utf-8")
        page = wait_for(lambda page: 'aria-level="6"' in page, server.url())
        assert "config-marker" in page
        builds = server.wait_for_builds(3)
        assert [(b[1], b[2], b[3]) for b in builds[1:]] == [
            ("done", True, "changed: conf.py"),
            ("done", True, "changed: brochure/sphinxext/aria_headings.py"),
        ], server.output()
        # A page catalog saved after the restart is rebuilt in place again.
        server.save("Ek sonra")
        wait_for(lambda page: "Ek sonra -" in page, server.url())
        assert server.wait_for_builds(4)[3][1:3] == ("done", False)
    finally:
        server.stop()


def test_a_refused_catalog_is_shown_in_every_served_page_until_it_is_fixed(tmp_path):
    server = Server(tmp_path)
    try:
        wait_for(lambda page: 'lang="tr"' in page, server.url())
        server.wait_for_builds(1)
        with connect(f"ws://127.0.0.1:{server.port}/websocket-reload", open_timeout=30) as reload:
            server.save("Ek ![](https://tracker.example/pixel.gif)")
            assert reload.recv(timeout=DEADLINE) == "refresh"  # the browser reloads to show the error
            for page_name in ("anhang.html", "index.html", "anhang.html"):  # every page, every reload
                page = fetch(server.url(page_name))
                banner = re.search(r'<div id="preview-error".*?</div>', page, re.DOTALL)
                assert banner, page_name
                assert "Translation refused" in banner.group(0)
                assert re.search(r"locale/tr/LC_MESSAGES/anhang\.po:\d+: \[markup\]", banner.group(0))
                assert "tracker.example/pixel.gif" not in page.replace(banner.group(0), "")
                assert "websocket-reload" in page  # live reload still works on the error page
            # A browser's conditional request gets the page in full, never a cached page without it.
            later = {"If-Modified-Since": "Sun, 01 Jan 2040 00:00:00 GMT"}
            request = urllib.request.Request(server.url(), headers=later)
            with urllib.request.urlopen(request, timeout=5) as response:
                assert response.status == 200 and b"preview-error" in response.read()
            server.save("Ek (düzeltildi)")
            assert reload.recv(timeout=DEADLINE) == "refresh"
        page = fetch(server.url())
        assert "Ek (düzeltildi)" in page and "preview-error" not in page
        assert [b[1] for b in server.builds()] == ["done", "refused", "done"]
    finally:
        server.stop()


def test_a_warning_is_an_error_in_the_browser_and_the_next_good_build_clears_it(tmp_path):
    """-W holds in the kept-alive application: each rebuild's warnings are its own."""
    server = Server(tmp_path)
    source = server.project / "source" / "anhang.md"
    good = source.read_text(encoding="utf-8")
    try:
        wait_for(lambda page: 'lang="tr"' in page, server.url())
        server.wait_for_builds(1)
        source.write_text(good + "\nSiehe {doc}`/gibt-es-nicht`.\n", encoding="utf-8")
        page = wait_for(lambda page: "preview-error" in page, server.url())
        assert re.search(r"anhang\.md:\d+: WARNING: unknown document", page), page
        assert server.wait_for_builds(2)[1][1] == "failed"
        source.write_text(good, encoding="utf-8")
        wait_for(lambda page: "preview-error" not in page, server.url())
        assert server.wait_for_builds(3)[2][1] == "done"
    finally:
        server.stop()


def test_a_page_never_built_shows_the_error_instead_of_not_found(tmp_path):
    project = copy_project(tmp_path / "project")
    po = polib.pofile(str(project / "locale" / "tr" / "LC_MESSAGES" / "anhang.po"))
    po.find("Anhang").msgstr = "Ek <script>alert(1)</script>"
    po.save()
    port = free_port()
    env = {**os.environ, "BUILDDIR": str(project / "_build")}
    server = subprocess.Popen(["make", "--no-print-directory", "serve-tr", f"PORT={port}"], cwd=project,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/anhang.html"
        end = time.monotonic() + DEADLINE
        while "preview-error" not in (page := fetch_any(url) or ""):
            assert time.monotonic() < end, page
            time.sleep(1)
        assert "locale/tr/LC_MESSAGES/anhang.po:" in page
        assert "<script>alert(1)</script>" not in page  # the message is shown as text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def fetch_any(url):
    """The body of any response, error statuses (503) included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8")
    except OSError:
        return None
