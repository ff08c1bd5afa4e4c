"""Helpers shared by the tests: the built site, its pages, a working copy of the project."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from brochure.base.editions import BUILD_DIR, ROOT

SITE = BUILD_DIR / "site"
PROJECT_FILES = ("source", "locale", "brochure", "templates", "static", "conf.py", "editions.toml",
                 "Makefile", "pyproject.toml", "requirements.in", "requirements.txt",
                 "requirements-pip.in", "requirements-pip.txt",
                 "requirements-test.in", "requirements-test.txt")


def copy_project(dest: Path) -> Path:
    """A working copy of the project (sharing the virtual environment) for tests that change it."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


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


def build_scratch_project(root: Path, *, language: str, extensions: list[str], pages: dict[str, str],
                          catalogs: dict[str, str], catalog_language: str | None = None,
                          settings: str = "", builder: str = "html") -> tuple[Path, str]:
    """A minimal translated Sphinx project, built (to HTML by default); returns its output
    dir and warnings.

    *pages* and *catalogs* map file names (``index.md``, ``teil/seite.md``, ``index.po``) to
    their text; Sphinx compiles the catalogs itself at the start of the build.
    """
    import io
    import textwrap

    import sphinx.locale
    from sphinx.application import Sphinx

    srcdir = root / "src"
    srcdir.mkdir(parents=True)
    conf = textwrap.dedent(
        f"""\
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        extensions = {extensions!r}
        language = {language!r}
        locale_dirs = ["locale"]
        gettext_compact = False
        html_theme = "basic"
        """
    )
    (srcdir / "conf.py").write_text(conf + textwrap.dedent(settings), encoding="utf-8")
    for name, text in pages.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    messages = srcdir / "locale" / (catalog_language or language) / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for name, text in catalogs.items():
        (messages / name).parent.mkdir(parents=True, exist_ok=True)
        (messages / name).write_text(text, encoding="utf-8")
    # Sphinx keeps its interface translators process-wide and adds a new build's language to
    # the first one as a fallback: a German scratch build would make a later English one
    # German. Each scratch build starts with none, as a build in its own process does.
    sphinx.locale.translators.clear()
    warnings = io.StringIO()
    app = Sphinx(srcdir=srcdir, confdir=srcdir, outdir=root / "out", doctreedir=root / "doctrees",
                 buildername=builder, status=None, warning=warnings, freshenv=True)
    app.build()
    return root / "out", warnings.getvalue()


# -- One Sphinx build in a fresh interpreter ------------------------------------------------

# As `make` does it: Sphinx keeps process-wide state (translators, registered directives) that
# would couple two builds in one process. Counts how many markdown-it parsers and docutils
# option parsers the build created, for the tests of brochure.speed.fast_translation.
ISOLATED_BUILD = r"""
import io, json, runpy, sys
from pathlib import Path
from docutils.frontend import OptionParser
from markdown_it import MarkdownIt
from sphinx.application import Sphinx

root, language, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
change = json.loads(sys.argv[4])
extensions = [e for e in runpy.run_path(str(root / "conf.py"))["extensions"] if e not in change["remove"]]
extensions += change["add"]

counts = {"parsers": 0, "option_parsers": 0}
def spy(cls, key):
    original = cls.__init__
    def init(self, *args, **kwargs):
        counts[key] += 1
        original(self, *args, **kwargs)
    cls.__init__ = init
spy(MarkdownIt, "parsers")
spy(OptionParser, "option_parsers")

warnings = io.StringIO()
app = Sphinx(root / "source", root, out / "html", out / "doctrees", "html",
             confoverrides={"language": language, "extensions": extensions},
             status=None, warning=warnings, freshenv=True)
app.build()
(out / "report.json").write_text(json.dumps(
    {**counts, "extensions": sorted(app.extensions), "warnings": warnings.getvalue(), "status": app.statuscode}))
"""
ISOLATED_SOURCE_DATE_EPOCH = "1700000000"  # fixed, so "last updated" stamps cannot differ


def start_isolated_build(project: Path, language: str, out: Path, *, remove: tuple[str, ...] = (),
                         add: tuple[str, ...] = (), import_path: Path | None = None,
                         environment: dict[str, str] | None = None):
    """Build ``project/source`` to ``out/html`` in a fresh interpreter, with the extensions of
    its conf.py minus ``remove`` plus ``add``; they are imported from ``import_path`` if given
    (default: the project itself, as its conf.py puts it on the path), with ``environment``
    added to the process's. Returns the process."""
    import json
    import os
    import subprocess
    import sys

    out.mkdir(parents=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": ISOLATED_SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0",
           **(environment or {})}
    if import_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(import_path), env.get("PYTHONPATH")]))
    change = json.dumps({"remove": list(remove), "add": list(add)})
    command = [sys.executable, "-c", ISOLATED_BUILD, str(project), language, str(out), change]
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def finish_isolated_build(build, out: Path) -> dict:
    """Wait for a build of start_isolated_build; its report (counts, extensions, warnings)."""
    import json

    output, _ = build.communicate(timeout=600)
    assert build.returncode == 0, output
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def compile_catalogs(project: Path, language: str) -> None:
    """Write a copy's .mo files once, so two builds started together do not both write them."""
    from sphinx.util.i18n import CatalogRepository

    repo = CatalogRepository(str(project / "source"), [str(project / "locale")], language, "utf-8")
    for catalog in repo.catalogs:
        catalog.write_mo(language)


# -- One build for the whole run, shared by the xdist workers ---------------------------------

def built_once(tmp_path_factory, name: str, build) -> Path:
    """The directory *name*, made by ``build(directory)`` once per test run.

    A session fixture runs once per xdist worker, so a build that tests on both workers need
    would run twice. Here the first worker to ask builds under a file lock in the run's common
    temporary directory and the others wait for it and reuse the result. A build that fails is
    recorded and fails every test that asks for it, on every worker, without being tried again.
    Tests must treat the directory as read-only.
    """
    import fcntl
    import os
    import traceback

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    root, done, failed = base / name, base / f"{name}.done", base / f"{name}.failed"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists() and not failed.exists():
            try:
                build(root)
            except BaseException as err:
                failed.write_text("".join(traceback.format_exception_only(err)), encoding="utf-8")
                raise
            done.touch()
    if failed.exists():
        import pytest

        pytest.fail(f"the shared build {name!r} failed:\n{failed.read_text(encoding='utf-8')}", pytrace=False)
    return root


def source_date_epoch() -> str:
    """The SOURCE_DATE_EPOCH the tree's own site was built with, so a copy built with it must
    give the same bytes: read from the modification date in its first ePub (Sphinx writes it from
    SOURCE_DATE_EPOCH, to the second); else what `make` exports; else the last commit's time,
    as the Makefile computes it."""
    import calendar
    import os
    import re
    import subprocess
    import time
    import zipfile

    from brochure.base.editions import publication

    edition = publication().editions[0]
    book = SITE / edition.code / edition.epub_filename
    if book.is_file():
        with zipfile.ZipFile(book) as epub:
            modified = re.search(r'dcterms:modified">([^<]+)<', epub.read("content.opf").decode("utf-8"))
        if modified:
            return str(calendar.timegm(time.strptime(modified.group(1), "%Y-%m-%dT%H:%M:%SZ")))
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    last_commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return last_commit.stdout.strip() or "1395360000"


def make(root: Path, *args: str, epoch: str | None = None) -> str:
    """``make ARGS`` in a copy of the project, its build directory inside it; its output."""
    import os
    import subprocess

    env = {**os.environ, "BUILDDIR": str(root / "_build"), "SOURCE_DATE_EPOCH": epoch or source_date_epoch()}
    result = subprocess.run(["make", "--no-print-directory", *args], cwd=root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"make {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def build_state(project: Path) -> dict[str, dict[str, str]]:
    """What a build leaves behind, to tell whether a later build rewrote any of it: the
    modification times of the pages made from source documents (Sphinx always rewrites
    genindex, search and the like), of the doctrees, the assembled site and the compiled
    catalogs, and the content of each edition's search index."""
    import hashlib

    build = project / "_build"

    def stamps(root: Path, keep=lambda name: True) -> dict[str, str]:
        return {p.relative_to(root).as_posix(): str(p.stat().st_mtime_ns)
                for p in sorted(root.rglob("*")) if p.is_file() and keep(p.relative_to(root).as_posix())}

    pages = {p.relative_to(project / "source").with_suffix(".html").as_posix() for p in (project / "source").rglob("*.md")}
    return {
        "pages": stamps(build / "html", lambda name: name.partition("/")[2] in pages),
        "doctrees": stamps(build / "doctrees", lambda name: name.endswith(".doctree")),
        "site": stamps(build / "site"),
        # The compiled catalogs, which the gate writes beside each edition's doctrees.
        "catalogs": stamps(build / "doctrees", lambda name: name.endswith(".mo")),
        "search indexes": {index.parent.name: hashlib.sha256(index.read_bytes()).hexdigest()
                           for index in sorted((build / "html").glob("*/searchindex.js"))},
    }


# -- What the published copy's life (tests/conftest.py) does to it ----------------------------

# Outputs an earlier build left (the file names of case 1b of the catalog review: files of the
# build machine copied into _images by a hostile image path), in each build directory.
PLANTED = ("html/tr/_images/environ", "epub/tr/_images/passwd.png", "site/tr/_images/secret.txt",
           "html/tr/grussworte/removed-page.html")
CHANGED_CATALOG = "tr/LC_MESSAGES/grussworte/kuhn.po"
CHANGED_MSGSTR = ('msgstr "Fritz Kuhn, Eyalet Başkenti Stuttgart Belediye Başkanı"',  # the page title
                  'msgstr "Fritz Kuhn, Eyalet Başkenti Stuttgart YENIMETIN Başkanı"')
BROKEN_CATALOG = "tr/LC_MESSAGES/anhang.po"
BROKEN_ENTRY = '\nmsgid "Zusatz"\nmsgstr "a"b"\n'  # an unescaped quote: msgfmt and polib refuse it


def plant_stale_outputs(build: Path) -> None:
    for name in PLANTED:
        (build / name).parent.mkdir(parents=True, exist_ok=True)
        (build / name).write_text("SECRET_DEPLOY_TOKEN=leaked\n", encoding="utf-8")
