"""`make serve-<lang>`: a live preview that rebuilds when a catalog changes."""

import os
import signal
import socket
import subprocess
import time
import urllib.request

import polib
import pytest

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
