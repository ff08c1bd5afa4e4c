"""What the browser tests share besides fixtures: the browser's settings and the site server.

A plain module (not ``conftest``), so test modules can import from it by name.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from brochure.base.editions import BUILD_DIR

LOOPBACK = "127.0.0.1"  # the only address the browser reaches: the site server's
CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # containers and CI runners usually lack the user namespaces it needs
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Offline: every host but the site's server is unresolvable, IP addresses included, so a page
    # that needs the internet shows it (a failed request) instead of fetching. Browser-wide on
    # purpose: a Playwright route per context sends every request through the driver and turns
    # off the HTTP cache, which cost the browser tests a fifth of their CPU.
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOOPBACK}",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ARTIFACTS = BUILD_DIR / "test-artifacts"
TIMEOUT_MS = 20_000  # per Playwright action; a healthy page needs well under a second
SERVER_LIFETIME_S = 30 * 60  # the server stops itself even if the session never tears down


class Server:
    """The built site over HTTP on a free port of 127.0.0.1, in a background thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer((LOOPBACK, 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{LOOPBACK}:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="site-server", daemon=True)
        self._watchdog = threading.Timer(SERVER_LIFETIME_S, self.httpd.shutdown)
        self._watchdog.daemon = True

    def __enter__(self) -> Server:
        self._thread.start()
        self._watchdog.start()
        return self

    def __exit__(self, *exc) -> None:
        self._watchdog.cancel()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


class _QuietHandler(SimpleHTTPRequestHandler):
    timeout = 10  # a stuck connection ends instead of holding a worker thread
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".epub": "application/epub+zip"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass
