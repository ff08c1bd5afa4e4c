"""Each edition's ePub: localized metadata, a cover, `lang` on every document, epubcheck-clean."""

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from brochure.base.editions import publication
from brochure.tools.epub_check import epubcheck_report
from printed_toc import missing_or_out_of_order

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "xhtml": "http://www.w3.org/1999/xhtml"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EDITIONS = publication().editions


@pytest.fixture(params=EDITIONS, ids=lambda e: e.code)
def book(request, site):
    edition = request.param
    with zipfile.ZipFile(site / edition.code / edition.epub_filename) as archive:
        yield edition, archive


def opf(archive):
    return etree.fromstring(archive.read("content.opf"))


def test_container_starts_with_uncompressed_mimetype(book):
    _edition, archive = book
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/epub+zip"


def test_metadata_is_the_editions_own(book):
    edition, archive = book
    package = opf(archive)
    assert package.findtext(".//dc:title", namespaces=NS) == f"{edition.title} – {edition.subtitle}"
    assert package.findtext(".//dc:language", namespaces=NS) == edition.code
    uid = package.get("unique-identifier")
    identifier = package.find(f".//dc:identifier[@id='{uid}']", NS)
    assert identifier.text == edition.epub_identifier


def test_imprint_names_the_digital_editions_own_editors(book):
    """No source names an author, publisher or rights holder of the print brochure: the
    metadata name the digital edition's editors, in the edition's language."""
    edition, archive = book
    package = opf(archive)
    assert package.findtext(".//dc:creator", namespaces=NS) == edition.editors
    assert package.findtext(".//dc:publisher", namespaces=NS) == edition.editors
    rights = package.findtext(".//dc:rights", namespaces=NS)
    assert rights.endswith(edition.editors) and "Arbeitskreis" not in rights
    assert package.findtext(".//dc:contributor", namespaces=NS) not in ("", "unknown")


def test_cover_image_is_declared_and_in_the_editions_language(book):
    edition, archive = book
    items = opf(archive).findall(".//opf:item[@properties='cover-image']", NS)
    assert len(items) == 1
    svg = archive.read(items[0].get("href")).decode("utf-8")
    assert f'xml:lang="{edition.code}"' in svg
    assert edition.title.split()[0] in svg


def test_every_content_document_declares_the_language(book):
    edition, archive = book
    documents = [n for n in archive.namelist() if n.endswith(".xhtml")]
    assert len(documents) > 40
    for name in documents:
        root = etree.fromstring(archive.read(name))
        assert root.get("lang") == edition.code, name
        assert root.get(XML_LANG) == edition.code, name


def test_table_of_contents_lists_every_author_in_print_order(book):
    _edition, archive = book
    nav = etree.fromstring(archive.read("nav.xhtml"))
    titles = [" ".join("".join(a.itertext()).split()) for a in nav.iterfind(".//xhtml:a", NS)]
    assert missing_or_out_of_order(titles) == []


@pytest.fixture(scope="module")
def epubcheck_findings(site) -> dict[str, list[str]]:
    """epubcheck's findings for every edition's ePub, checked in turn by one VM (epub_check)."""
    return {e.code: epubcheck_report(site / e.code / e.epub_filename) for e in EDITIONS}


def test_epubcheck_reports_nothing(book, epubcheck_findings):
    edition, archive = book
    assert Path(archive.filename).is_file()
    assert epubcheck_findings[edition.code] == []


def test_accessibility_metadata_is_declared(book):
    edition, archive = book
    package = opf(archive)
    properties = {}
    for meta in package.iterfind(".//opf:meta[@property]", NS):
        properties.setdefault(meta.get("property"), []).append(meta.text)
    assert "textual" in properties["schema:accessMode"]
    assert properties["schema:accessModeSufficient"] == ["textual"]
    assert {"structuralNavigation", "tableOfContents"} <= set(properties["schema:accessibilityFeature"])
    assert properties["schema:accessibilityHazard"] == ["none"]
    summary = properties["schema:accessibilitySummary"][0]
    assert summary and (edition.code == "en" or not summary.startswith("Text-only book"))
