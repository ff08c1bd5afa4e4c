"""Helpers shared by the tests: the built site, its pages, a working copy of the project."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from brochure.editions import BUILD_DIR, ROOT

SITE = BUILD_DIR / "site"
PROJECT_FILES = ("source", "locale", "brochure", "templates", "static", "conf.py", "editions.toml",
                 "Makefile", "pyproject.toml", "requirements.in", "requirements.txt",
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
        (messages / name).write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(srcdir=srcdir, confdir=srcdir, outdir=root / "out", doctreedir=root / "doctrees",
                 buildername=builder, status=None, warning=warnings, freshenv=True)
    app.build()
    return root / "out", warnings.getvalue()


# -- One Sphinx build in a fresh interpreter ------------------------------------------------

# As `make` does it: Sphinx keeps process-wide state (translators, registered directives) that
# would couple two builds in one process. Counts how many markdown-it parsers and docutils
# option parsers the build created, for the tests of brochure.sphinxext.fast_translation.
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
                         add: tuple[str, ...] = (), import_path: Path | None = None):
    """Build ``project/source`` to ``out/html`` in a fresh interpreter, with the extensions of
    its conf.py minus ``remove`` plus ``add``; they are imported from ``import_path`` if given
    (default: the project itself, as its conf.py puts it on the path). Returns the process."""
    import json
    import os
    import subprocess
    import sys

    out.mkdir(parents=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": ISOLATED_SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}
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
