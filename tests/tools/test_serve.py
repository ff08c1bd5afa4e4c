"""`make serve-<lang>`: a live preview that rebuilds when a catalog changes.

One preview server (``make serve-tr`` in a copy of the project) serves most tests of this
module: starting one costs a full build of the edition, while what those tests change (a page
catalog, a page source) is rebuilt in place in a fraction of a second. Each of them changes
files inside :meth:`Server.editing`, which puts the files back and waits for the rebuild that
follows, so the next test finds the published state and no build under way; the build log is
shared, so a test looks only at the builds after its own start.

Two tests start a server of their own: a code or configuration change restarts the application
with a fresh environment (putting the files back would cost one more full build, as much as a
server of its own, and a broken restart would take the other tests down with it), and a page
that was never built needs a server whose first build is refused.

Every wait polls (the served page, the server's log) until a deadline; the one fixed pause is
the quiet period after the last save of test_one_save_…, where the absence of a second rebuild
is the claim and no event could announce it.
"""

import contextlib
import html
import http.client
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
POLL = 0.1  # seconds between two looks at a local server or its log
# A rebuild starts within a few hundred milliseconds of the change that causes it (watchfiles
# yields 50 ms after the last event) and is logged when it ends, half a second later.
QUIET = 1.5
ANHANG = "locale/tr/LC_MESSAGES/anhang.po"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# A page read while a rebuild rewrites it comes out short (IncompleteRead, an HTTPException):
# the server then announces a reload, and the next poll reads the page whole.
UNREADABLE = (OSError, http.client.HTTPException)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except UNREADABLE:
        return None


def fetch_any(url):
    """The body of any response, error statuses (503) included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8")
    except UNREADABLE:
        return None


def wait_for(predicate, url, fetch=fetch):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        page = fetch(url)
        if page is not None and predicate(page):
            return page
        time.sleep(POLL)
    raise AssertionError(f"{url} did not show the expected content within {DEADLINE} s")


# Pages that depend on every catalog of the edition: the translation status and the credits.
READ_WITH_EVERY_CATALOG = {"ueber-diese-ausgabe", "uebersetzungsstand"}
BUILD_LINE = re.compile(r"^\[serve\] build (\d+) (done|refused|failed)( in a fresh application)? in [\d.]+ s "
                        r"\((.*)\); read: (.*)$", re.MULTILINE)


class Server:
    """``make serve-tr`` in a copy of the project, its output in a log file.

    *prepare*, if given, changes the copy before the server starts.
    """

    def __init__(self, tmp_path, prepare=None):
        self.project = copy_project(tmp_path / "project")
        if prepare is not None:
            prepare(self.project)
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

    def wait_for_output(self, predicate):
        end = time.monotonic() + DEADLINE
        while not predicate(output := self.output()):
            assert time.monotonic() < end, output
            assert self.process.poll() is None, output
            time.sleep(POLL)

    def wait_for_builds(self, count):
        self.wait_for_output(lambda output: len(BUILD_LINE.findall(output)) >= count)
        return self.builds()

    def wait_until_watching(self):
        """The first build is done and every change from now on starts a rebuild of its own."""
        self.wait_for_output(lambda output: "[serve] watching for changes" in output)

    def save(self, msgstr, catalog="anhang.po", msgid="Anhang"):
        path = self.project / "locale" / "tr" / "LC_MESSAGES" / catalog
        po = polib.pofile(str(path))
        po.find(msgid).msgstr = msgstr
        po.save()

    @contextlib.contextmanager
    def editing(self, *paths):
        """Put the files (relative to the project) back afterwards, and wait for that rebuild.

        The builds the test caused must all be logged by then (wait for them, not only for
        the page): the rebuild waited for is the next one logged.
        """
        originals = {path: (self.project / path).read_bytes() for path in paths}
        try:
            yield
        finally:
            changed = [path for path, data in originals.items() if (self.project / path).read_bytes() != data]
            if changed:
                count = len(self.builds())
                for path in changed:
                    (self.project / path).write_bytes(originals[path])
                build = self.wait_for_builds(count + 1)[-1]
                assert build[1] == "done", self.output()

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The preview server the tests of page catalogs and sources share."""
    server = Server(tmp_path_factory.mktemp("preview"))
    try:
        wait_for(lambda page: 'lang="tr"' in page, server.url())
        server.wait_until_watching()
        yield server
    finally:
        server.stop()


def test_serve_rebuilds_after_a_catalog_edit(preview):
    start = len(preview.builds())
    with preview.editing(ANHANG):
        preview.save("Ek (canlı önizleme)")
        wait_for(lambda page: "Ek (canlı önizleme)" in page, preview.url())
        # The page is written before the build is logged: wait for the line as well, or the
        # next change would be counted against this build.
        assert preview.wait_for_builds(start + 1)[start][1] == "done"


def test_serve_keeps_refusing_a_broken_catalog_until_it_is_fixed(preview):
    """The live preview runs the same gate: a refused translation never reaches the preview."""
    start, builds = len(preview.output()), len(preview.builds())

    def refusals(output):
        return output[start:].count("Translation refused")

    with preview.editing(ANHANG):
        preview.save("Ek ![](https://tracker.example/pixel.gif)")
        preview.wait_for_output(lambda output: refusals(output) >= 1)
        assert "locale/tr/LC_MESSAGES/anhang.po:" in preview.output()[start:]
        preview.save("Ek <script>alert(1)</script>")  # the next save is refused as well
        preview.wait_for_output(lambda output: refusals(output) >= 2)
        page = fetch(preview.url())
        assert "tracker.example" not in page and "alert(1)" not in page
        preview.save("Ek (düzeltildi)")
        wait_for(lambda page: "Ek (düzeltildi)" in page, preview.url())
        assert [b[1] for b in preview.wait_for_builds(builds + 3)[builds:]] == ["refused", "refused", "done"]


# -- The kept-alive preview (brochure.tools.serve) --------------------------------------------


def test_one_save_is_one_rebuild_that_reads_only_the_changed_page(preview):
    start = len(preview.builds())
    saves = ["Ek bir", "Ek iki", "Ek üç"]  # one catalog saved again and again: nothing stale
    with preview.editing(ANHANG):  # putting it back is one more save of the catalog
        for number, msgstr in enumerate(saves, start=1):
            preview.save(msgstr)
            preview.wait_for_builds(start + number)
            wait_for(lambda page, msgstr=msgstr: f"{msgstr} -" in page, preview.url())
        # The page is the one the kept-alive application wrote, not a stale translation.
        assert "Ek üç -" in (preview.project / "_build" / "html" / "tr" / "anhang.html").read_text(encoding="utf-8")
    # An unwanted rebuild (of compiled catalogs, build output) would start right after the
    # build it follows: after an earlier save it would have been logged before the next
    # save's build, or named in that build's reason; after the last one, only time shows it.
    time.sleep(QUIET)
    builds = preview.builds()[start:]
    assert len(builds) == len(saves) + 1, preview.output()
    for _, verdict, fresh, reason, read in builds:
        assert (verdict, fresh, reason) == ("done", False, f"changed: {ANHANG}")
        assert "anhang" in read and read <= {"anhang"} | READ_WITH_EVERY_CATALOG, read


# An inline script in every page: Sphinx renders it from the configuration, furo prints it.
CONFIG_MARKER = """
_setup_before_the_test = setup


def setup(app):
    _setup_before_the_test(app)
    app.add_js_file(None, body="/* config-marker */")
"""


def test_a_code_or_configuration_change_starts_a_fresh_application(tmp_path):
    server = Server(tmp_path)  # its own: see the module docstring
    try:
        wait_for(lambda page: 'lang="tr"' in page, server.url())
        server.wait_until_watching()
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


def test_a_refused_catalog_is_shown_in_every_served_page_until_it_is_fixed(preview):
    start = len(preview.builds())
    with preview.editing(ANHANG):
        with connect(f"ws://127.0.0.1:{preview.port}/websocket-reload", open_timeout=30) as reload:
            # sphinx-autobuild announces a rebuild with one flag that only a connected browser
            # clears: the rebuilds of earlier tests, with no browser connected, are announced
            # at once to the first browser that connects (here: the first socket of the server).
            if start > 1:
                assert reload.recv(timeout=30) == "refresh"
            preview.save("Ek ![](https://tracker.example/pixel.gif)")
            assert reload.recv(timeout=DEADLINE) == "refresh"  # the browser reloads to show the error
            for page_name in ("anhang.html", "index.html", "anhang.html"):  # every page, every reload
                page = fetch(preview.url(page_name))
                banner = re.search(r'<div id="preview-error".*?</div>', page, re.DOTALL)
                assert banner, page_name
                assert "Translation refused" in banner.group(0)
                assert re.search(r"locale/tr/LC_MESSAGES/anhang\.po:\d+: \[markup\]", banner.group(0))
                assert "tracker.example/pixel.gif" not in page.replace(banner.group(0), "")
                assert "websocket-reload" in page  # live reload still works on the error page
            # A browser's conditional request gets the page in full, never a cached page without it.
            later = {"If-Modified-Since": "Sun, 01 Jan 2040 00:00:00 GMT"}
            request = urllib.request.Request(preview.url(), headers=later)
            with urllib.request.urlopen(request, timeout=5) as response:
                assert response.status == 200 and b"preview-error" in response.read()
            preview.save("Ek (düzeltildi)")
            assert reload.recv(timeout=DEADLINE) == "refresh"
        page = fetch(preview.url())
        assert "Ek (düzeltildi)" in page and "preview-error" not in page
        assert [b[1] for b in preview.builds()[start:]] == ["refused", "done"]


def test_a_warning_is_an_error_in_the_browser_and_the_next_good_build_clears_it(preview):
    """-W holds in the kept-alive application: each rebuild's warnings are its own."""
    source = preview.project / "source" / "anhang.md"
    good = source.read_text(encoding="utf-8")
    start = len(preview.builds())
    with preview.editing("source/anhang.md"):
        source.write_text(good + "\nSiehe {doc}`/gibt-es-nicht`.\n", encoding="utf-8")
        page = wait_for(lambda page: "preview-error" in page, preview.url())
        assert re.search(r"anhang\.md:\d+: WARNING: unknown document", page), page
        assert preview.wait_for_builds(start + 1)[start][1] == "failed"
        source.write_text(good, encoding="utf-8")
        wait_for(lambda page: "preview-error" not in page, preview.url())
        assert preview.wait_for_builds(start + 2)[start + 1][1] == "done"


def test_a_page_never_built_shows_the_error_instead_of_not_found(tmp_path):
    def break_catalog(project):
        po = polib.pofile(str(project / ANHANG))
        po.find("Anhang").msgstr = "Ek <script>alert(1)</script>"
        po.save()

    server = Server(tmp_path, prepare=break_catalog)  # its own: its first build is refused
    try:
        page = wait_for(lambda page: "preview-error" in page, server.url(), fetch=fetch_any)
        assert "locale/tr/LC_MESSAGES/anhang.po:" in page
        assert "<script>alert(1)</script>" not in page  # the message is shown as text
    finally:
        server.stop()


def built_pages(html_dir):
    """Every file of a built edition by its relative path (what a reader can be served)."""
    return {path.relative_to(html_dir).as_posix(): path.read_bytes()
            for path in sorted(html_dir.rglob("*")) if path.is_file() and ".doctrees" not in path.parts}


def make_html_tr(project, builddir):
    """A fresh ``make html-tr`` of the project into *builddir*: (exit status, output)."""
    env = {**os.environ, "BUILDDIR": str(builddir)}
    done = subprocess.run(["make", "--no-print-directory", "html-tr"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=DEADLINE)
    return done.returncode, done.stdout + done.stderr


def test_the_preview_and_a_fresh_make_html_agree_on_verdict_and_pages(tmp_path):
    """The preview fails only when make html-tr fails, and shows the pages make html-tr writes.

    The first state is the one that once failed by itself: a built edition whose glossary
    catalog was rewritten (here only touched) before the preview started; the preview's first
    build then reads the pages that depend on every catalog. Then, while it runs, a catalog and
    a page source are changed, a catalog is broken and fixed, the glossary's catalog changed, a
    page added and removed again.
    """
    def built_then_touched(project):
        status, output = make_html_tr(project, project / "_build")
        assert status == 0, output
        later = time.time() + 2
        os.utime(project / "locale/tr/LC_MESSAGES/glossar.po", (later, later))

    server = Server(tmp_path, prepare=built_then_touched)
    try:
        server.wait_until_watching()
        first = server.builds()[0]
        assert first[1] == "done", server.output()
        assert "not supported" not in server.output()
        served = server.project / "_build" / "html" / "tr"

        def agree(name):
            status, output = make_html_tr(server.project, tmp_path / name)
            assert status == 0, output
            assert built_pages(served) == built_pages(tmp_path / name / "html" / "tr")

        agree("fresh-1")
        count = len(server.builds())
        server.save('Ek "bölüm"')  # straight quotes: shown as typed, not turned into “…”
        source = server.project / "source" / "anhang.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nEin neuer Satz.\n", encoding="utf-8")
        builds = server.wait_for_builds(count + 1)
        page = wait_for(lambda page: "Ein neuer Satz." in page, server.url())
        assert 'Ek "bölüm"' in html.unescape(page) and "“bölüm”" not in html.unescape(page)
        assert all(build[1] == "done" for build in server.builds()[count:]), server.output()
        agree("fresh-2")

        count = len(server.builds())
        server.save("Ek {term}`Teilhabe")
        builds = server.wait_for_builds(count + 1)
        assert builds[-1][1] == "refused", server.output()
        status, output = make_html_tr(server.project, tmp_path / "fresh-3")
        assert status != 0
        refusal = [line.strip() for line in output.splitlines() if line.strip().startswith(ANHANG)]
        banner = html.unescape(re.search(r'<div id="preview-error".*?</div>', fetch(server.url()), re.DOTALL)
                               .group(0))
        assert refusal and all(line in banner for line in refusal), (refusal, banner)

        def changed_then_agree(name, change):
            count = len(server.builds())
            change()
            assert server.wait_for_builds(count + 1)[-1][1] == "done", server.output()
            agree(name)

        # The entry fixed; a glossary entry changed (the page other pages' terms link to);
        # a new page, then that page removed again: each time the same pages as a fresh build.
        changed_then_agree("fixed", lambda: server.save("Ek"))
        changed_then_agree("glossary", lambda: server.save("Sözlük (gözden geçirilmiş)", "glossar.po", "Glossar"))
        new_page = server.project / "source" / "neue-seite.md"
        changed_then_agree("new-page", lambda: new_page.write_text("---\norphan: true\n---\n# Neue Seite\n\nText.\n",
                                                                   encoding="utf-8"))
        assert (served / "neue-seite.html").is_file()
        changed_then_agree("removed-page", new_page.unlink)
        assert not (served / "neue-seite.html").exists()
    finally:
        server.stop()
