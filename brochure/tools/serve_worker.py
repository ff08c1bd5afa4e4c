"""The kept-alive Sphinx application behind ``make serve-<code>`` (see :mod:`brochure.tools.serve`).

The preview server starts this module in a child process and sends it one request per change
it has to show. The child keeps one :class:`sphinx.application.Sphinx` between requests and
rebuilds with Sphinx's own incremental machinery (``Builder.build_update``): the catalog gate
checks and compiles changed catalogs into the build's checked copy, the pages whose sources or
compiled catalogs are newer than their doctrees are
read again, and only what changed is written. A process that stays alive skips the start-up
(imports, extension setup, loading the pickled environment) that a new ``sphinx-build`` pays
on every rebuild, which is most of the time a one-message edit costs.

Sphinx was written for one build per application. Re-using one reaches into its internals,
each covered by ``tests/tools/test_serve.py``:

- The catalog gate (:func:`brochure.sphinxext.catalog_gate.gate`) runs at ``config-inited``,
  which a kept-alive application emits once; it is called again before every rebuild, so a
  catalog saved with a broken message is refused on that very build.
- Python's :mod:`gettext` caches every parsed ``.mo`` file by path (``gettext._translations``)
  and Sphinx merges each page's catalog into a translator it keeps per text domain
  (``sphinx.locale.translators``). Both would serve the translation of the first build for
  ever, so the page catalogs' entries are dropped before every rebuild. The interface catalog
  (``sphinx.po``) is loaded when the application starts; the server starts a fresh application
  when it changes.
- ``Sphinx.statuscode`` and ``Sphinx._warncount`` count over the application's life; they are
  reset so that each rebuild's warnings (errors, with ``-W``) are its own.
- The environment keeps every doctree it unpickled (``BuildEnvironment._pickled_doctree_cache``)
  and never drops one when the page is read again: a page written later from that cache (a
  glossary whose title had changed, written again when a new page came) showed its old text.
  The cache is emptied before every rebuild.
- ``sphinx-build`` runs its application inside ``sphinx.util.docutils.patch_docutils`` (which,
  among other things, keeps docutils from warning that it has no labels for a language such as
  Turkish: Sphinx translates them itself) and ``docutils_namespace`` (the roles and directives
  an application registers are its own). The kept application runs inside the same two, so the
  preview judges a build exactly as ``make html-<code>`` does: without them the first page that
  asks docutils for its labels (a page read because a catalog changed before the preview
  started) failed with ``Language "tr" not supported``, a warning ``make html-tr`` never gives.

What the browser is shown is plain text: the terminal's colour codes are taken out and paths
are given relative to the project, as ``make`` prints them.

After an unexpected exception the application is dropped and the next request starts a new
one: Sphinx deletes its pickled environment in that case, and no half-updated state is reused.
"""

from __future__ import annotations

import contextlib
import gettext
import io
import os
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, TextIO

REFUSED = "refused"
FAILED = "failed"
OK = "ok"


@dataclass
class Options:
    """What ``sphinx-build`` would be told: the directories, the edition and the options."""

    srcdir: str
    confdir: str
    outdir: str
    doctreedir: str
    language: str
    overrides: dict[str, str] = field(default_factory=dict)
    warning_is_error: bool = False
    keep_going: bool = False
    quiet: bool = False
    parallel: int = 1


@dataclass
class Outcome:
    """One build as the server reports it: its status, what it read and what went wrong."""

    status: str
    seconds: float
    read: list[str] = field(default_factory=list)
    title: str = ""
    message: str = ""


# Terminal control sequences (Sphinx colours its warnings when the terminal can show colour).
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def plain(text: str, project: str) -> str:
    """*text* as the browser shows it: no colour codes, paths relative to *project*."""
    text = _ANSI.sub("", text)
    root = os.path.abspath(project).rstrip(os.sep) + os.sep
    return text.replace(root, "")


class _Tee(io.TextIOBase):
    """The warning stream: to the terminal as usual, and kept, as plain text, for the browser."""

    def __init__(self, terminal: TextIO, project: str = ".") -> None:
        self.terminal = terminal
        self.project = project
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.terminal.write(text)
        self.terminal.flush()
        self.kept.write(plain(text, self.project))
        return len(text)

    def take(self) -> str:
        text = self.kept.getvalue()
        self.kept = io.StringIO()
        return text


class KeptApplication:
    """One Sphinx application, rebuilt in place on every :meth:`build`."""

    def __init__(self, options: Options, fresh: bool) -> None:
        self.options = options
        self.fresh = fresh  # a fresh environment for the first application (code or config changed)
        self.app: Any = None
        self.read: list[str] = []
        self.warnings = _Tee(sys.stderr, options.confdir)
        # sphinx-build's docutils set-up (see the module docstring), one namespace per application.
        self.namespace: contextlib.ExitStack | None = None

    def build(self) -> Outcome:
        from sphinx.errors import SphinxError

        from brochure.sphinxext.catalog_gate import CatalogRefused, gate

        start = time.perf_counter()
        self.read = []
        self.warnings.take()
        try:
            if self.app is None:
                self.app = self._new_application()  # the gate runs in it, at config-inited
                self.fresh = False
            else:
                self._forget_translations()
                # Sphinx keeps each doctree it unpickled, for the application's life; a page
                # read again since would be written from the old one (its old title).
                self.app.env._pickled_doctree_cache.clear()
                self.app.statuscode = 0
                self.app._warncount = 0
                gate(self.app)
            self.app.build()
        except CatalogRefused as err:
            # The application is unchanged: the gate refuses before Sphinx reads or writes.
            print(f"{err.category}:\n{err}", file=sys.stderr, flush=True)
            return Outcome(REFUSED, time.perf_counter() - start, self.read, err.category, str(err))
        except SphinxError as err:
            self.app = None
            print(f"{err.category}:\n{err}", file=sys.stderr, flush=True)
            return Outcome(FAILED, time.perf_counter() - start, self.read, err.category,
                           self._with_warnings(plain(str(err), self.options.confdir)))
        except Exception:  # noqa: BLE001 - reported in the terminal and the browser, server lives on
            self.app = None
            text = traceback.format_exc()
            print(text, file=sys.stderr, flush=True)
            return Outcome(FAILED, time.perf_counter() - start, self.read, "Build failed",
                           self._with_warnings(plain(text, self.options.confdir)))
        seconds = time.perf_counter() - start
        if self.app.statuscode:
            return Outcome(FAILED, seconds, self.read, "Build failed (warnings are errors)",
                           self._with_warnings("The build finished with problems; nothing above was published."))
        return Outcome(OK, seconds, self.read)

    def _with_warnings(self, text: str) -> str:
        warnings = self.warnings.take().strip()
        return f"{warnings}\n\n{text}" if warnings else text

    def _new_application(self) -> Any:
        from sphinx.application import Sphinx
        from sphinx.util.docutils import docutils_namespace

        if self.namespace is not None:  # the roles and directives of a dropped application go
            self.namespace.close()
        self.namespace = contextlib.ExitStack()
        self.namespace.enter_context(docutils_namespace())
        o = self.options
        overrides = {**o.overrides, "language": o.language}
        app = Sphinx(o.srcdir, o.confdir, o.outdir, o.doctreedir, "html", confoverrides=overrides,
                     status=None if o.quiet else sys.stdout, warning=self.warnings,
                     freshenv=self.fresh, warningiserror=o.warning_is_error, keep_going=o.keep_going,
                     parallel=o.parallel)
        app.connect("env-before-read-docs", self._note_read)
        return app

    def _note_read(self, _app: Any, _env: Any, docnames: list[str]) -> None:
        self.read.extend(sorted(docnames))

    def _forget_translations(self) -> None:
        """Drop the cached page catalogs, so that a recompiled ``.mo`` file is read again."""
        import sphinx.locale

        from brochure.i18n.paths import INTERFACE_DOMAIN, messages_dir, sphinx_locale_dirs

        language = str(self.app.config.language)
        domains, compiled = set(), set()
        for locale_dir in sphinx_locale_dirs(self.app.srcdir, self.app.config.locale_dirs):
            messages = messages_dir(language, locale_dir)
            for po in messages.rglob("*.po") if messages.is_dir() else ():
                domain = po.relative_to(messages).with_suffix("").as_posix()
                if domain != INTERFACE_DOMAIN:  # loaded once per application (see above)
                    domains.add(domain)
                    compiled.add(os.path.abspath(po.with_suffix(".mo")))
        for key in [key for key in gettext._translations if key[1] in compiled]:  # type: ignore[attr-defined]
            del gettext._translations[key]  # type: ignore[attr-defined]
        for key in [key for key in sphinx.locale.translators if key[1] in domains]:
            del sphinx.locale.translators[key]


def run(connection: Any, options: Options, fresh: bool) -> None:
    """The child's loop: one :class:`Outcome` for each request, until the pipe closes."""
    from sphinx.util.docutils import patch_docutils

    os.chdir(options.confdir)  # catalog paths in messages are relative to the project, as in make
    sys.path.insert(0, options.confdir)
    kept = KeptApplication(options, fresh)
    with patch_docutils(options.confdir):  # as sphinx-build (sphinx.cmd.build.build_main)
        while True:
            try:
                request = connection.recv()
            except (EOFError, OSError, KeyboardInterrupt):
                return
            if request is None:
                return
            connection.send(kept.build())
