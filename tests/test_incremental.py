"""`make editions` again with nothing changed rebuilds nothing: no page, no site file rewritten."""

import os
import subprocess

import pytest

from support import copy_project

pytestmark = pytest.mark.rebuild  # copies the project and builds it again


def make_editions(project):
    env = {**os.environ, "BUILDDIR": str(project / "_build"), "SOURCE_DATE_EPOCH": "1395360000"}
    result = subprocess.run(["make", "--no-print-directory", "editions"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def source_pages_html(project):
    """Pages made from source documents (Sphinx always rewrites genindex, search and the like)."""
    names = {p.relative_to(project / "source").with_suffix(".html").as_posix()
             for p in (project / "source").rglob("*.md")}
    return {k: v for k, v in stamps(project / "_build" / "html").items() if k.split("/", 1)[1] in names}


def stamps(root):
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_second_run_rewrites_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    make_editions(project)
    build = project / "_build"
    pages_before = source_pages_html(project)
    doctrees_before = {k: v for k, v in stamps(build / "doctrees").items() if k.endswith(".doctree")}
    site_before = stamps(build / "site")
    search_before = {code: (build / "html" / code / "searchindex.js").read_bytes() for code in ("de", "en", "tr")}
    catalogs_before = {k: v for k, v in stamps(project / "locale").items() if k.endswith(".mo")}

    make_editions(project)

    assert source_pages_html(project) == pages_before
    assert {k: v for k, v in stamps(build / "doctrees").items() if k.endswith(".doctree")} == doctrees_before
    # the search index of an incremental build equals a clean build's (glossary entries included)
    assert {code: (build / "html" / code / "searchindex.js").read_bytes() for code in search_before} == search_before
    assert stamps(build / "site") == site_before
    assert {k: v for k, v in stamps(project / "locale").items() if k.endswith(".mo")} == catalogs_before
