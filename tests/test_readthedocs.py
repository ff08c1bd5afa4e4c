"""The Read the Docs configuration builds the edition named by READTHEDOCS_LANGUAGE."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from brochure.base.editions import ROOT, publication
from support import copy_project

pytestmark = pytest.mark.rebuild  # copies the project and builds it again


def test_read_the_docs_build_gives_html_and_one_epub_one_zip_and_one_pdf(tmp_path):
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert "gettext" in config["build"]["apt_packages"]  # every build checks catalogs with msgfmt
    project = copy_project(tmp_path / "project")
    output = tmp_path / "output"
    # Read the Docs' environment: no BUILDDIR of ours, this test's Python first on PATH.
    env = {key: value for key, value in os.environ.items() if key != "BUILDDIR"}
    env |= {"READTHEDOCS_LANGUAGE": "tr", "READTHEDOCS_OUTPUT": str(output),
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    for command in config["build"]["commands"]:
        if command.startswith("python -m pip "):
            continue  # the install: tests/test_lock_install.py runs these in a new environment
        result = subprocess.run(command, shell=True, cwd=project, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    edition = publication().edition("tr")
    page = BeautifulSoup((output / "html" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.html["lang"] == "tr"
    assert [p.name for p in (output / "epub").iterdir()] == [edition.epub_filename]
    assert [p.name for p in (output / "htmlzip").iterdir()] == [edition.html_archive_filename]
    assert [p.name for p in (output / "pdf").iterdir()] == [edition.pdf_filename]
    with zipfile.ZipFile(output / "htmlzip" / edition.html_archive_filename) as archive:
        assert any(name.endswith("/index.html") for name in archive.namelist())
