"""`make new-edition CODE=xx` adds an edition that builds at once, German showing through."""

import tomllib

import polib
import pytest
from bs4 import BeautifulSoup

from brochure.base.editions import load
from brochure.i18n.catalog_headers import cldr_plural_forms, has_placeholder
from brochure.i18n.gettext_tools import msgcat
from brochure.tools.assemble_site import landing_page
from brochure.tools.new_edition import TODO, NewEditionError, edition_row, native_name

pytestmark = pytest.mark.rebuild  # reads the new-editions copy, a copy of the project built anew


@pytest.fixture(scope="module")
def project(new_editions):
    """The new-editions copy (tests/conftest.py), where `make new-edition CODE=fr` was run."""
    return new_editions.root


@pytest.fixture(scope="module")
def after_french(new_editions):
    """What `make new-edition CODE=fr` left, saved before the copy got its Arabic edition."""
    return new_editions.after_french


def test_row_has_native_name_and_marked_values(after_french):
    table = tomllib.loads((after_french / "editions.toml").read_text(encoding="utf-8"))
    french = next(row for row in table["edition"] if row["code"] == "fr")
    assert french["native_name"] == "Français"
    assert french["epub_identifier"].endswith("-fr") and french["epub_basename"].endswith("-fr")
    text = (after_french / "editions.toml").read_text(encoding="utf-8")
    assert text.count(TODO) == 4  # title, subtitle, tagline, editors


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
        assert po.metadata["Plural-Forms"] == cldr_plural_forms("fr")  # Babel's, for French
        assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
        assert not po.metadata_is_fuzzy and not has_placeholder(text), path
        assert po.metadata["Last-Translator"] == po.metadata["Language-Team"] == ""
        assert msgcat(path) == path.read_bytes()


def test_new_edition_builds_at_once_with_german_fallback(after_french):
    page = BeautifulSoup((after_french / "html" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.html["lang"] == "fr"
    assert "Jubiläumsbroschüre" in page.get_text()
    assert any((after_french / "epub").glob("*-fr.epub"))


def test_new_edition_joins_the_language_choice(after_french):
    root = BeautifulSoup(landing_page(load(after_french / "editions.toml")), "lxml")
    choice = {a["hreflang"]: a.get_text() for a in root.select("nav a[hreflang]")}
    assert list(choice) == ["de", "en", "tr", "fr"]
    assert "Français" in choice["fr"]


def test_existing_or_unknown_code_is_refused():
    with pytest.raises(NewEditionError, match="exists already"):
        edition_row("tr")
    with pytest.raises(NewEditionError, match="not a language code"):
        native_name("xx")
