"""`make new-edition CODE=xx` adds an edition that builds at once, German showing through."""

import os
import subprocess
import tomllib

import polib
import pytest
from bs4 import BeautifulSoup

from brochure.editions import load
from brochure.i18n.catalog_headers import has_placeholder
from brochure.tools.assemble_site import landing_page
from brochure.tools.new_edition import TODO, NewEditionError, edition_row, native_name
from support import copy_project

pytestmark = pytest.mark.rebuild  # copies the project and builds it again

@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with a French edition added through the Makefile."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    env = {**os.environ, "BUILDDIR": str(root / "_build")}
    result = subprocess.run(["make", "--no-print-directory", "new-edition", "CODE=fr"], cwd=root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_row_has_native_name_and_marked_values(project):
    table = tomllib.loads((project / "editions.toml").read_text(encoding="utf-8"))
    french = next(row for row in table["edition"] if row["code"] == "fr")
    assert french["native_name"] == "Français"
    assert french["epub_identifier"].endswith("-fr") and french["epub_basename"].endswith("-fr")
    text = (project / "editions.toml").read_text(encoding="utf-8")
    assert text.count(TODO) == 3


def test_catalogs_created_for_every_page_and_the_interface(project):
    messages = project / "locale" / "fr" / "LC_MESSAGES"
    pages = {p.relative_to(project / "source").with_suffix("").as_posix() for p in (project / "source").rglob("*.md")}
    catalogs = {p.relative_to(messages).with_suffix("").as_posix() for p in messages.rglob("*.po")}
    assert catalogs == pages | {"sphinx"}
    assert polib.pofile(str(messages / "index.po")).metadata["Language"] == "fr"


def test_new_catalogs_have_complete_headers_in_gettexts_layout(project):
    for path in sorted((project / "locale" / "fr" / "LC_MESSAGES").rglob("*.po")):
        text = path.read_text(encoding="utf-8")
        po = polib.pofile(text)
        assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"  # Babel's, for French
        assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
        assert not po.metadata_is_fuzzy and not has_placeholder(text), path
        assert po.metadata["Last-Translator"] == po.metadata["Language-Team"] == ""
        assert subprocess.run(["msgcat", str(path)], capture_output=True).stdout == path.read_bytes()


def test_new_edition_builds_at_once_with_german_fallback(project):
    page = BeautifulSoup((project / "_build" / "html" / "fr" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.html["lang"] == "fr"
    assert "Jubiläumsbroschüre" in page.get_text()
    assert any((project / "_build" / "epub" / "fr").glob("*-fr.epub"))


def test_new_edition_joins_the_language_choice(project):
    root = BeautifulSoup(landing_page(load(project / "editions.toml")), "lxml")
    choice = {a["hreflang"]: a.get_text() for a in root.select("nav a[hreflang]")}
    assert list(choice) == ["de", "en", "tr", "fr"]
    assert "Français" in choice["fr"]


def test_existing_or_unknown_code_is_refused():
    with pytest.raises(NewEditionError, match="exists already"):
        edition_row("tr")
    with pytest.raises(NewEditionError, match="not a language code"):
        native_name("xx")
