"""Helpers shared by the tests: the built site, its pages, a working copy of the project."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from brochure.editions import BUILD_DIR, ROOT

SITE = BUILD_DIR / "site"
PROJECT_FILES = ("source", "locale", "brochure", "templates", "static", "conf.py", "editions.toml",
                 "Makefile", "requirements.txt")


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
                          settings: str = "") -> tuple[Path, str]:
    """A minimal translated Sphinx project, built to HTML; returns its output dir and warnings.

    *pages* and *catalogs* map file names (``index.md``, ``index.po``) to their text; Sphinx
    compiles the catalogs itself at the start of the build.
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
        (srcdir / name).write_text(text, encoding="utf-8")
    messages = srcdir / "locale" / (catalog_language or language) / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for name, text in catalogs.items():
        (messages / name).write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(srcdir=srcdir, confdir=srcdir, outdir=root / "out", doctreedir=root / "doctrees",
                 buildername="html", status=None, warning=warnings, freshenv=True)
    app.build()
    return root / "out", warnings.getvalue()
