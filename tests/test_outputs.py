"""Outputs come only from the build that made them, follow every change, and one edition's
broken catalog stays that edition's problem.

All of it is read from steps of ``published_copy`` (tests/conftest.py): stale outputs planted
in the build directories before a plain `make editions` and before `make release`, one Turkish
msgstr changed before a plain `make editions`, and a Turkish catalog broken before the last.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from brochure.base.editions import publication
from support import BROKEN_CATALOG, CHANGED_MSGSTR, PLANTED

TURKISH = publication().edition("tr")
BILINGUAL_TURKISH = f"{TURKISH.epub_basename}-de.pdf"  # the German original beside the Turkish
NEW_TEXT = "YENIMETIN"
OLD_TEXT = "Belediye"  # the word the change replaced
OLD_TITLE = "Kuhn, Eyalet Başkenti Stuttgart Belediye"  # the body says "… Başkanı Fritz Kuhn’a"


def planted_names() -> set[str]:
    return {Path(name).name for name in PLANTED}


def zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


# -- Outputs come only from the build that made them ----------------------------------------

def test_a_plain_make_editions_removes_what_no_build_produced(published_copy):
    """Planted in _build/html, _build/epub and _build/site, all gone after the next run."""
    assert published_copy.stale == dict.fromkeys(PLANTED, False)


def test_no_stale_output_reaches_the_site_or_its_downloads(published_copy):
    site = published_copy.site
    assert not [path for path in site.rglob("*") if path.name in planted_names()]
    for edition in publication().editions:
        for archive in (edition.epub_filename, edition.html_archive_filename):
            names = zip_names(site / edition.code / archive)
            assert not [name for name in names if Path(name).name in planted_names()], archive


def test_a_release_holds_exactly_what_a_clean_build_produces(published_copy):
    """`make release` ran with the stale outputs planted in the working build directory: its
    files are byte for byte the first clean build's, so none of them can be in it."""
    dist = published_copy.dist
    for edition in publication().editions:
        bilingual = [f"{edition.epub_basename}-de.pdf"] if edition.code != "de" else []
        for name in (edition.epub_filename, edition.pdf_filename, edition.html_archive_filename, *bilingual):
            clean = published_copy.first_site / edition.code / name
            assert (dist / name).read_bytes() == clean.read_bytes(), name
        names = zip_names(dist / edition.html_archive_filename)
        assert not [name for name in names if Path(name).name in planted_names()]
    assert not [path.name for path in dist.parent.glob(".dist.*")]  # no temporary directory left


# -- Incremental builds are correct ---------------------------------------------------------

def visible_text(html: str) -> str:
    return BeautifulSoup(html, "lxml").get_text().replace("\u00ad", "")  # soft hyphens out


def test_a_changed_translation_reaches_the_html_page(published_copy):
    page = visible_text((published_copy.after_translation / "grussworte" / "kuhn.html").read_text(encoding="utf-8"))
    assert NEW_TEXT in page and OLD_TITLE not in page


def test_a_changed_translation_reaches_the_epub(published_copy):
    with zipfile.ZipFile(published_copy.after_translation / TURKISH.epub_filename) as book:
        page = visible_text(book.read("grussworte/kuhn.xhtml").decode("utf-8"))
        navigation = book.read("nav.xhtml").decode("utf-8")
    assert NEW_TEXT in page and OLD_TITLE not in page
    assert NEW_TEXT in navigation


@pytest.mark.parametrize("name", [TURKISH.pdf_filename, BILINGUAL_TURKISH])
def test_a_changed_translation_reaches_the_pdf(published_copy, name):
    reader = pypdf.PdfReader(published_copy.after_translation / name)
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"-\n", "", text.replace("\u00ad", ""))
    assert NEW_TEXT in text
    assert OLD_TITLE not in " ".join(text.split())


def test_the_downloads_page_lists_the_changed_files_checksums(published_copy):
    site = published_copy.after_translation
    page = BeautifulSoup((site / "downloads.html").read_text(encoding="utf-8"), "lxml")
    checksums = {}
    for row in page.select("table.downloads-table tbody tr"):
        cells = row.find_all("td")
        checksums[cells[1].a["href"]] = cells[4].get_text()
    for name in (TURKISH.epub_filename, TURKISH.pdf_filename, TURKISH.html_archive_filename, BILINGUAL_TURKISH):
        assert checksums[f"../tr/{name}"] == hashlib.sha256((site / name).read_bytes()).hexdigest(), name
    assert (site / TURKISH.epub_filename).read_bytes() != (published_copy.first_site / "tr" / TURKISH.epub_filename).read_bytes()


def test_the_change_was_the_one_expected():
    assert CHANGED_MSGSTR[0].replace(OLD_TEXT, NEW_TEXT) == CHANGED_MSGSTR[1]


# -- Failures stay where they belong --------------------------------------------------------

def test_a_broken_catalog_fails_make_editions_with_its_file_and_line(published_copy):
    refused = published_copy.refused
    assert refused["status"] != 0
    assert f"locale/{BROKEN_CATALOG}:{refused['line']}: [syntax]" in refused["output"]
    assert "Translation refused" in refused["output"]


def test_a_broken_catalog_is_a_report_never_a_crash(published_copy):
    output = published_copy.refused["output"]
    assert "Traceback" not in output and "sphinx-err-" not in output and "Versions\n" not in output


@pytest.mark.parametrize("code", ["de", "en"])
def test_every_other_edition_builds_while_one_is_refused(published_copy, code):
    output = published_copy.refused["output"]
    for target in ("html", "epub", "pdf"):
        assert f"{target}-{code}] Error" not in output
    assert f"/pdf/{code}/" in output  # its PDF step ran, so its HTML build succeeded
    assert re.search(rf"-b epub -D language={code} ", output)
    assert re.search(r"\[\S*Makefile:\d+: html-tr\] Error", output)


def test_a_refused_build_publishes_nothing(published_copy):
    refused = published_copy.refused
    assert refused["site after"] == refused["site before"]
