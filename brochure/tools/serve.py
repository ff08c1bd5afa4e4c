"""``make serve-<code>``: a live preview that keeps up with a translator.

    python -m brochure.tools.serve CODE [--port 8000] [--host 127.0.0.1] [--builddir _build]
                                   [-W] [--keep-going] [-q] [-E] [-j N] [-D name=value ...]

Serves ``_build/html/<code>/`` and rebuilds it when a page's source or a catalog of the
edition is saved, in one Sphinx application kept alive between rebuilds
(:mod:`brochure.tools.serve_worker`): only the pages whose sources or catalogs changed are read
again, and a save shows up in the browser a fraction of a second later.

What comes from sphinx-autobuild, the reference tool for a Sphinx live preview, used as a
library: the live-reload websocket and its bookkeeping (``RebuildServer``), the script that
makes every served page reload when told (``JavascriptInjectorMiddleware``), and its server
stack (starlette's ``StaticFiles``, uvicorn, watchfiles). What is written here, and why:

- The rebuild. sphinx-autobuild runs ``python -m sphinx`` in a new process for every change
  (its ``RebuildServer.watch`` even hands the callback to a new process pool each time), so
  every rebuild pays Python's and Sphinx's start-up. ``PreviewWatcher`` overrides ``watch``
  and sends the change to the kept-alive application instead; this relies on the names of
  ``RebuildServer``'s internals (``watch``, ``flag``, ``lifespan``), which
  ``tests/tools/test_serve.py`` exercises through a real websocket.
- Which change does what (:func:`classify`). A page source or page catalog of the edition is
  rebuilt in place. A change to ``conf.py``, ``editions.toml``, ``templates/``, ``static/``,
  the project's Python code (``brochure/``) or the interface catalog (``sphinx.po``, loaded
  once per application) stops the application and starts a fresh one in a new process with a
  fresh environment (Sphinx's ``-E``), as nothing in Sphinx notices a change of extension code
  and imported modules cannot be unloaded: no state survives. Build output, compiled ``.mo``
  files, byte code and editors' temporary files are ignored, so a rebuild never triggers
  another: one save, one rebuild.
- Errors in the browser. sphinx-autobuild only prints a failed build and keeps serving the last
  good pages. Here, while the last build was refused (the catalog gate's
  ``catalog:line: [rule] message`` lines) or failed (warnings are errors), every served page
  carries the error at its top, and a page that was never built is an error page; each reload
  shows it again (conditional requests are answered in full, so no browser cache hides it)
  until a build passes. The live reload keeps working, so the fix shows up by itself.

The server code itself (this module) is the one thing a restart does not reload: after
changing it, stop and start ``make serve-<code>``.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import multiprocessing
import os
import re
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

from brochure.base.editions import ROOT
from brochure.tools.serve_worker import FAILED, OK, REFUSED, Options, Outcome, run

REBUILD = "rebuild"
RESTART = "restart"
# Changes to these start a fresh application; relative to the project root.
RESTART_FILES = ("conf.py", "editions.toml")
RESTART_DIRS = ("templates", "static", "brochure")
IGNORED_SUFFIXES = (".mo", ".pyc", ".pyo", ".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", "~")
IGNORED_PARTS = {"__pycache__", ".git", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".venv", "_build"}
# Hidden files (editors' swap files, locks, gedit's .goutputstream-*), emacs's #autosave#,
# and the "4913" vim writes to probe a directory are nobody's content.
IGNORED_NAME = re.compile(r"^(\..*|#.*#|4913)$")


class ServeError(Exception):
    """Bad command line or project layout: reported in one line, without a traceback."""


# -- Which change does what ---------------------------------------------------------------


def classify(path: Path, project: Path, code: str, builddir: Path) -> str | None:
    """``RESTART``, ``REBUILD`` or ``None`` (nothing the edition's pages depend on)."""
    path = Path(os.path.abspath(path))
    if path.is_relative_to(builddir):
        return None
    try:
        relative = path.relative_to(project)
    except ValueError:
        return None
    parts = relative.parts
    if not parts or IGNORED_PARTS.intersection(parts) or path.name.endswith(IGNORED_SUFFIXES):
        return None
    if IGNORED_NAME.match(path.name):
        return None
    if len(parts) == 1:
        return RESTART if parts[0] in RESTART_FILES else None
    if parts[0] in RESTART_DIRS:
        return RESTART
    if parts[0] == "source":
        return REBUILD
    if parts[0] == "locale":
        from brochure.i18n.paths import INTERFACE_CATALOG, MESSAGES

        if len(parts) < 4 or parts[1] != code or parts[2] != MESSAGES or path.suffix != ".po":
            return None  # another edition's catalogs, templates, notes
        return RESTART if parts[3:] == (INTERFACE_CATALOG,) else REBUILD
    return None


# -- The kept-alive application, in a child process ----------------------------------------


class Preview:
    """The state the server shows: the child process, the last outcome, the build count."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.connection: Any = None
        self.builds = 0
        self.last: Outcome | None = None
        self.process_died = False
        self.lock = threading.Lock()

    @property
    def error(self) -> Outcome | None:
        return self.last if self.last is not None and self.last.status != OK else None

    def start(self, fresh: bool) -> None:
        self.stop()
        parent, child = self.context.Pipe()
        self.process = self.context.Process(target=run, args=(child, self.options, fresh), daemon=True,
                                            name="brochure-preview-build")
        self.process.start()
        child.close()
        self.connection = parent

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()
        self.process = self.connection = None

    def build(self, reason: str, restart: bool = False) -> Outcome:
        with self.lock:
            if restart or self.process is None or not self.process.is_alive():
                # After a build process died, its environment cannot be trusted: start afresh.
                self.start(fresh=restart or self.process_died)
                self.process_died = False
            self.builds += 1
            try:
                self.connection.send("build")
                outcome = self.connection.recv()
            except (EOFError, OSError):
                self.process.join(timeout=5)
                code = self.process.exitcode
                self.stop()
                self.process_died = True
                outcome = Outcome(FAILED, 0.0, [], "Build process ended",
                                  f"The build process ended (exit code {code}); the next change starts a new one.")
            self.last = outcome
            report(self.builds, reason, outcome, restart)
            return outcome


def report(number: int, reason: str, outcome: Outcome, restart: bool) -> None:
    """One line per build: what started it, what it read, how it ended."""
    fresh = " in a fresh application" if restart else ""
    if len(outcome.read) > 10:
        read = f"{len(outcome.read)} pages"
    else:
        read = ", ".join(outcome.read) or "nothing"
    verdict = {OK: "done", REFUSED: "refused", FAILED: "failed"}[outcome.status]
    print(f"[serve] build {number} {verdict}{fresh} in {outcome.seconds:.2f} s ({reason}); read: {read}",
          flush=True)


# -- The web server -------------------------------------------------------------------------


def error_banner(outcome: Outcome) -> str:
    """The error as HTML at the top of the page, the message verbatim (file:line).

    In the page's flow, not fixed over it: the page moves down below the banner, so the banner
    never covers the page's heading (a mistake in a title is seen next to the report)."""
    return (
        '<div id="preview-error" role="alert" lang="en" style="position:relative;'
        "z-index:2147483647;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.5rem;"
        "background:#fff1f0;color:#5c0011;border-bottom:4px solid #cf1322;font:14px/1.45 system-ui,"
        'sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.25)">'
        f"<strong>{html.escape(outcome.title or 'Build failed')}</strong> "
        "— the preview shows the last good build; it updates by itself once this is fixed."
        '<pre style="white-space:pre-wrap;margin:.75rem 0 0;font:13px/1.45 ui-monospace,monospace;'
        f'background:none;color:inherit">{html.escape(outcome.message)}</pre></div>'
    )


def error_page(outcome: Outcome) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(outcome.title)}'
            f"</title></head><body>{error_banner(outcome)}</body></html>")


def create_app(preview: Preview, watcher: Any, serve_dir: Path, url_host: str) -> Any:
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.responses import HTMLResponse
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    class PreviewFiles(StaticFiles):
        """The built pages; while the last build failed, an error page stands in for a missing one."""

        async def get_response(self, path: str, scope: Any) -> Any:
            try:
                return await super().get_response(path, scope)
            except HTTPException as err:
                error = preview.error
                if err.status_code != 404 or error is None:
                    raise
                return HTMLResponse(error_page(error), status_code=503)

    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=PreviewFiles(directory=serve_dir, html=True, check_dir=False), name="static"),
        ],
        middleware=[
            Middleware(JavascriptInjectorMiddleware, ws_url=url_host),
            Middleware(ErrorBannerMiddleware, preview=preview),
        ],
        lifespan=watcher.lifespan,
    )


class ErrorBannerMiddleware:
    """Puts the last build's error at the top of every served HTML page, and keeps caches out."""

    CONDITIONAL: ClassVar[set[bytes]] = {b"if-none-match", b"if-modified-since"}

    def __init__(self, app: Any, preview: Preview) -> None:
        self.app = app
        self.preview = preview

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # A 304 would let the browser show its cached copy: without the error, or with an old one.
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() not in self.CONDITIONAL]}
        error = self.preview.error
        banner = error_banner(error).encode("utf-8") if error is not None and scope["method"] != "HEAD" else b""
        is_html = False
        chunks: list[bytes] = []
        start: dict | None = None

        async def send_wrapper(message: Any) -> None:
            nonlocal is_html, start
            from starlette.datastructures import MutableHeaders

            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                is_html = headers.get("content-type", "").startswith("text/html")
                if is_html:
                    headers["Cache-Control"] = "no-store"
                    if banner:
                        start = message  # sent with the whole body, once its length is known
                        return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = insert_after_body_tag(b"".join(chunks), banner)
                headers = MutableHeaders(scope=start)
                if "content-length" in headers:
                    headers["Content-Length"] = str(len(body))
                await send(start)
                await send({"type": "http.response.body", "body": body, "more_body": False})
            else:
                await send(message)

        await self.app(scope, receive, send_wrapper)


def insert_after_body_tag(page: bytes, banner: bytes) -> bytes:
    match = re.search(rb"<body\b[^>]*>", page, re.IGNORECASE)
    if match is None:
        return banner + page
    return page[: match.end()] + banner + page[match.end():]


def changed_since(since: float, project: Path, code: str, builddir: Path, watch: list[Path]) -> set[Path]:
    """Files the preview depends on that were modified after ``since`` (seconds, as ``time.time``)."""
    candidates = [project / name for name in RESTART_FILES]
    for directory in watch:
        for parent, dirs, files in os.walk(directory):
            dirs[:] = [d for d in dirs if d not in IGNORED_PARTS]
            candidates += [Path(parent, name) for name in files]
    changed = set()
    for path in candidates:
        try:
            modified = path.stat().st_mtime
        except OSError:
            continue
        if modified > since and classify(path, project, code, builddir) is not None:
            changed.add(path)
    return changed


def make_watcher(preview: Preview, project: Path, code: str, builddir: Path, watch: list[Path],
                 since: float) -> Any:
    import watchfiles
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.server import RebuildServer

    class PreviewWatcher(RebuildServer):
        """sphinx-autobuild's watcher and reload websocket; the rebuild runs in the kept application."""

        async def watch(self) -> None:
            changes: asyncio.Queue = asyncio.Queue()
            ready = [asyncio.Event(), asyncio.Event()]

            def wanted(_change: Any, path: str) -> bool:
                return classify(Path(path), project, code, builddir) is not None

            async def collect(paths: list[Path], recursive: bool, started: asyncio.Event) -> None:
                # yield_on_timeout: the first (empty) batch says the watches are in place.
                async for batch in watchfiles.awatch(*paths, recursive=recursive, stop_event=self.should_exit,
                                                     watch_filter=wanted, rust_timeout=250, yield_on_timeout=True):
                    started.set()
                    if batch:
                        await changes.put({Path(p) for _, p in batch})

            # The root alone, not recursively: conf.py, editions.toml (an editor may replace them).
            tasks = [asyncio.create_task(collect(watch, True, ready[0])),
                     asyncio.create_task(collect([project], False, ready[1]))]
            try:
                await asyncio.gather(*(event.wait() for event in ready))
                # Saves between the first build's start and now were seen by no watcher.
                missed = await asyncio.to_thread(changed_since, since, project, code, builddir, watch)
                if missed:
                    await changes.put(missed)
                print("[serve] watching for changes", flush=True)
                while True:
                    paths = await changes.get()
                    while not changes.empty():  # batches that arrived together make one build
                        paths |= changes.get_nowait()
                    kinds = {classify(p, project, code, builddir) for p in paths}
                    names = sorted(p.relative_to(project).as_posix() for p in paths)
                    reason = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
                    await asyncio.to_thread(preview.build, f"changed: {reason}", RESTART in kinds)
                    self.flag.set()
            finally:
                for task in tasks:
                    task.cancel()

    return PreviewWatcher(watch, IgnoreFilter([], []), change_callback=None)


# -- Command line -----------------------------------------------------------------------------


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m brochure.tools.serve", description=__doc__.split("\n")[0])
    parser.add_argument("code", help="edition code, as in editions.toml (e.g. tr)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0: a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--builddir", default=os.environ.get("BUILDDIR", "_build"),
                        help="build directory (default $BUILDDIR or _build)")
    parser.add_argument("-W", dest="warning_is_error", action="store_true", help="warnings are errors")
    parser.add_argument("--keep-going", action="store_true", help="with -W: report every warning")
    parser.add_argument("-q", dest="quiet", action="store_true", help="no progress output from Sphinx")
    parser.add_argument("-E", dest="fresh", action="store_true", help="start from a fresh environment")
    parser.add_argument("-j", dest="jobs", default="1", help="parallel jobs for Sphinx (a number or auto)")
    parser.add_argument("-D", dest="define", action="append", default=[], metavar="NAME=VALUE",
                        help="override a configuration value")
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace, project: Path) -> Options:
    from brochure.base.editions import publication

    codes = publication().codes
    if args.code not in codes:
        raise ServeError(f"unknown edition {args.code!r}; editions.toml has: {', '.join(codes)}")
    overrides = {}
    for item in args.define:
        name, equals, value = item.partition("=")
        if not equals or not name:
            raise ServeError(f"-D {item!r}: expected NAME=VALUE")
        overrides[name] = value
    if args.jobs == "auto":
        jobs = os.cpu_count() or 1
    elif args.jobs.isdigit() and int(args.jobs) > 0:
        jobs = int(args.jobs)
    else:
        raise ServeError(f"-j {args.jobs!r}: expected a positive number or auto")
    if not 0 <= args.port <= 65535:
        raise ServeError(f"--port {args.port}: expected 0 to 65535")
    builddir = Path(project, args.builddir).resolve()
    return Options(srcdir=str(project / "source"), confdir=str(project), outdir=str(builddir / "html" / args.code),
                   doctreedir=str(builddir / "doctrees" / args.code), language=args.code, overrides=overrides,
                   warning_is_error=args.warning_is_error, keep_going=args.keep_going, quiet=args.quiet,
                   parallel=jobs)


def listening_socket(host: str, port: int = 0) -> socket.socket:
    """A socket listening on ``port`` (a free one for 0), opened before minutes of building.

    The server serves on this very socket: the port cannot be taken in between, and a browser
    opened on the printed address waits for the first build instead of being refused."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart right after a stop
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as err:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port} ({err.strerror}); choose another port, "
                         "e.g. make serve-xx PORT=8001") from None
    return sock


def main(argv: list[str] | None = None, project: Path = ROOT) -> int:
    args = parse(argv)
    try:
        options = options_from(args, project)
        sock = listening_socket(args.host, args.port)
    except ServeError as err:
        print(f"serve: {err}", file=sys.stderr)
        return 2
    import uvicorn

    builddir = Path(options.outdir).parents[1]
    serve_dir = Path(options.outdir)
    serve_dir.mkdir(parents=True, exist_ok=True)
    url_host = f"{args.host}:{sock.getsockname()[1]}"
    watch = [project / name for name in ("source", "templates", "static", "brochure") if (project / name).is_dir()]
    catalogs = project / "locale" / args.code
    if catalogs.is_dir():
        watch.append(catalogs)

    preview = Preview(options)
    try:
        since = time.time() - 0.01  # file systems stamp with a coarser clock
        preview.build("first build", restart=args.fresh)
        watcher = make_watcher(preview, project, args.code, builddir, watch, since)
        app = create_app(preview, watcher, serve_dir, url_host)
        print(f"[serve] serving the {args.code!r} edition on http://{url_host}/ (Ctrl+C stops)", flush=True)
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
        sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
