"""The downloads page of every edition lists every edition's files, its own first, with true
checksums."""

import hashlib
import zipfile
from urllib.parse import urljoin

import pytest

from brochure.base.editions import publication
from brochure.i18n.interface import interface_gettext
from support import SITE, soup

EDITIONS = publication().editions


@pytest.mark.parametrize("reader", EDITIONS, ids=lambda e: e.code)
def test_downloads_page_lists_every_file_with_size_and_checksum(reader, site):
    page = soup(SITE / reader.code / "downloads.html")
    assert page.html["lang"] == reader.code
    rows = page.select("table.downloads-table tbody tr")
    own_first = [reader, *(e for e in EDITIONS if e != reader)]
    expected = [(e.code, name) for e in own_first
                for name in (e.epub_filename, e.html_archive_filename, e.pdf_filename, *bilingual(e))]
    assert len(rows) == len(expected)
    for row, (code, filename) in zip(rows, expected, strict=True):
        edition, file_cell, size, _date, checksum = row.find_all("td")
        assert edition.span["lang"] == code
        target = SITE / urljoin(f"{reader.code}/downloads.html", file_cell.a["href"])
        assert target.name == filename and target.is_file()
        assert checksum.get_text() == hashlib.sha256(target.read_bytes()).hexdigest()
        assert any(ch.isdigit() for ch in size.get_text())


def bilingual(edition) -> list[str]:
    """A translation's bilingual PDF (German beside it); the German edition has none."""
    return [] if edition.code == "de" else [f"{edition.epub_basename}-de.pdf"]


@pytest.mark.parametrize("reader", EDITIONS, ids=lambda e: e.code)
def test_every_translation_offers_its_bilingual_pdf_in_the_readers_language(reader, site):
    page = soup(SITE / reader.code / "downloads.html")
    label = interface_gettext(reader.code)("Bilingual PDF with the German original (A4)")
    offered = [a["href"] for a in page.select("table.downloads-table tbody tr td a") if a.get_text() == label]
    assert offered == [f"../{e.code}/{name}" for e in [reader, *(e for e in EDITIONS if e != reader)]
                       for name in bilingual(e)]  # each translation's, none for the German edition
    if reader.code != "en":  # an interface string, in the reader's language
        assert "Bilingual" not in label


def test_downloads_page_is_reachable_from_every_page(site):
    for edition in EDITIONS:
        page = soup(SITE / edition.code / "index.html")
        assert page.select_one("a.edition-downloads")["href"] == "downloads.html"


def test_html_archive_holds_the_edition_in_one_folder(site):
    for edition in EDITIONS:
        with zipfile.ZipFile(SITE / edition.code / edition.html_archive_filename) as archive:
            names = archive.namelist()
        folder = edition.html_archive_filename.removesuffix(".zip")
        assert f"{folder}/index.html" in names
        assert all(name.startswith(folder + "/") for name in names)
        assert not any("/_sources/" in name or ".buildinfo" in name for name in names)
