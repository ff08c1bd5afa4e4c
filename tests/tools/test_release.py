"""`make release` refuses an incomplete edition, naming language and file; else writes dist/."""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile

import pikepdf
import polib
import pytest

from brochure.base.editions import publication
from brochure.tools.release import epubcheck_problems, pdf_problems, publish
from support import copy_project


def release_check(project):
    return subprocess.run([sys.executable, "-m", "brochure.tools.release", "check"], cwd=project,
                          capture_output=True, text=True)


@pytest.mark.rebuild
def test_untranslated_fuzzy_and_broken_messages_are_refused_with_language_and_file(tmp_path):
    project = copy_project(tmp_path / "project")
    untranslated = project / "locale" / "tr" / "LC_MESSAGES" / "grussworte" / "kuhn.po"
    po = polib.pofile(str(untranslated))
    po.translated_entries()[0].msgstr = ""
    po.save()
    fuzzy = project / "locale" / "en" / "LC_MESSAGES" / "anhang.po"
    po = polib.pofile(str(fuzzy))
    po.translated_entries()[0].flags.append("fuzzy")
    po.save()
    broken = project / "locale" / "en" / "LC_MESSAGES" / "schlusswort.po"
    po = polib.pofile(str(broken))
    po.translated_entries()[1].msgstr = "1. Starts like a list"
    po.save()

    result = release_check(project)
    assert result.returncode == 1
    assert "release refused:" in result.stderr
    assert "tr: locale/tr/LC_MESSAGES/grussworte/kuhn.po: 1 untranslated, 0 fuzzy" in result.stderr
    assert "en: locale/en/LC_MESSAGES/anhang.po: 0 untranslated, 1 fuzzy" in result.stderr
    assert "en: locale/en/LC_MESSAGES/schlusswort.po:" in result.stderr and "[markup]" in result.stderr


def test_epubcheck_finding_is_refused_with_language_and_file(tmp_path, site):
    pub = publication()
    broken_site = tmp_path / "site"
    shutil.copytree(site, broken_site)
    edition = pub.edition("tr")
    book = broken_site / "tr" / edition.epub_filename
    with zipfile.ZipFile(site / "tr" / edition.epub_filename) as source, zipfile.ZipFile(book, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "content.opf":
                data = data.replace(b"<dc:language>tr</dc:language>", b"")
            target.writestr(item, data)
    problems = epubcheck_problems(pub, broken_site, codes=["tr"])  # the one book broken here
    assert problems and all(p.startswith("tr: ") and edition.epub_filename in p for p in problems)


def test_pdf_ua_finding_is_refused_with_language_and_file(tmp_path, site):
    pub = publication()
    broken_site = tmp_path / "site"
    shutil.copytree(site, broken_site)
    edition = pub.edition("en")
    assert pdf_problems(pub, broken_site) == []
    with pikepdf.open(broken_site / "en" / edition.pdf_filename, allow_overwriting_input=True) as pdf:
        del pdf.Root["/Lang"]  # a screen reader would have to guess the language
        pdf.save(broken_site / "en" / edition.pdf_filename)
    problems = pdf_problems(pub, broken_site)
    assert problems and all(p.startswith("en: ") and edition.pdf_filename in p for p in problems)
    assert any("UA-06-001" in p for p in problems)


def test_a_bilingual_pdf_is_checked_like_the_editions(tmp_path, site):
    pub = publication()
    broken_site = tmp_path / "site"
    shutil.copytree(site, broken_site)
    bilingual = broken_site / "tr" / f"{pub.edition('tr').epub_basename}-de.pdf"
    with pikepdf.open(bilingual, allow_overwriting_input=True) as pdf:
        del pdf.Root["/Lang"]
        pdf.save(bilingual)
    problems = pdf_problems(pub, broken_site)
    assert problems and all(p.startswith("tr: ") and bilingual.name in p for p in problems)


def test_publish_writes_epubs_pdfs_archives_checksums_and_manifest(tmp_path, site):
    pub = publication()
    dist = publish(pub, site, tmp_path / "dist")
    bilingual = [f"{e.epub_basename}-de.pdf" for e in pub.editions if e.code != "de"]
    expected = sorted([*bilingual, *(name for e in pub.editions
                                     for name in (e.epub_filename, e.pdf_filename, e.html_archive_filename))])
    assert sorted(p.name for p in dist.iterdir()) == sorted(expected + ["SHA256SUMS", "manifest.json"])
    for line in (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
    verify = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    assert [e["edition"] for e in manifest["editions"]] == pub.codes
    assert manifest["version"] == pub.release
    assert re.fullmatch(r"[0-9a-f]{40}", manifest["commit"])  # the tests run in a git checkout
