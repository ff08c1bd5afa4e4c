"""epub_check: one epubcheck VM per process checks every ePub in turn, each on its own.

The editions' own ePubs and copies broken on purpose; the release gate and the ePub tests call
the same function (tests/tools/test_release.py, tests/test_epub.py).
"""

from __future__ import annotations

import zipfile

import pytest

from brochure.base.editions import publication
from brochure.tools import epub_check
from brochure.tools.epub_check import EpubcheckUnavailable, epubcheck_report


def without_language(book, target):
    """A copy of *book* whose package document lost its dc:language."""
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "content.opf":
                data = data.replace(b"<dc:language>", b"<dc:x>").replace(b"</dc:language>", b"</dc:x>")
            copy.writestr(item, data)
    return target


@pytest.fixture
def books(site):
    return [site / e.code / e.epub_filename for e in publication().editions]


def test_one_vm_checks_each_book_on_its_own(books, tmp_path):
    """A broken book between good ones gets its finding; the books after it get none of it."""
    broken = without_language(books[0], tmp_path / "broken.epub")
    results = [epubcheck_report(book) for book in (books[1], broken, *books)]
    assert results[0] == [] and results[2:] == [[] for _ in books]
    assert any("RSC-005" in finding and "dc:language" in finding and "(content.opf)" in finding
               for finding in results[1]), results[1]


def test_the_vm_is_started_once_and_again_after_it_died(tmp_path, monkeypatch):
    """On a VM of its own, with a file that is no ePub (a check a cold VM does at once): killing
    the shared VM would make the next test's check start a VM again."""
    monkeypatch.setattr(epub_check, "_queue", None)
    letter = tmp_path / "letter.epub"
    letter.write_text("Dear reader,", encoding="utf-8")
    try:
        first = epubcheck_report(letter)
        vm = epub_check._queue.process
        assert epubcheck_report(letter) == first and first
        assert epub_check._queue.process is vm  # the second check went to the same VM
        vm.kill()
        vm.wait()
        assert epubcheck_report(letter) == first  # a new VM
        assert epub_check._queue.process is not vm
    finally:
        epub_check._queue.close()


def test_a_file_that_is_no_epub_gets_findings(tmp_path):
    book = tmp_path / "notes.epub"
    book.write_text("Dear reader,", encoding="utf-8")
    findings = epubcheck_report(book)
    assert findings and all(finding.startswith(("ERROR PKG-", "FATAL PKG-")) for finding in findings), findings


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(EpubcheckUnavailable, match=r"no such file: .*gone\.epub"):
        epubcheck_report(tmp_path / "gone.epub")


def test_missing_java_says_what_to_install(books, monkeypatch):
    monkeypatch.setattr(epub_check, "_queue", None)
    monkeypatch.setattr(epub_check.shutil, "which", lambda name: None)
    with pytest.raises(EpubcheckUnavailable, match="install default-jre-headless"):
        epubcheck_report(books[0])
