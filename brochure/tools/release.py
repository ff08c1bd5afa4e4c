"""Publish the editions: refuse an incomplete one, otherwise write ``dist/``.

    python -m brochure.tools.release check     before the build: catalogs complete and clean
    python -m brochure.tools.release publish SITE   after the build: epubcheck, then dist/

``make release`` runs both around a warnings-as-errors build of every edition into a fresh,
empty build directory (``_build/release/``, emptied first), never the working ``_build/``:
whatever an earlier build left there (an image a hostile catalog once pulled in) cannot reach
a release, and ``dist/`` holds exactly what a clean build of the commit produces. It
refuses to publish — naming the language and the files — when an edition has an
untranslated or fuzzy message, a ``make check-po`` finding, a build warning (the build stops)
or an epubcheck or PDF/UA check finding. Otherwise ``dist/`` holds one ePub, one PDF and one HTML archive per edition,
``SHA256SUMS`` (verify with ``sha256sum -c SHA256SUMS``) and ``manifest.json``.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from brochure.base.editions import ROOT, Publication, publication
from brochure.base.output_files import replace_directory, write_file
from brochure.base.reproducible import source_date
from brochure.i18n.paths import INTERFACE_DOMAIN, catalog_path, locale_folder
from brochure.i18n.stats import edition_stats
from brochure.tools.assemble_site import SITE_DIR
from brochure.tools.check_po.runner import check_locale
from brochure.tools.epub_check import EpubcheckUnavailable, epubcheck_report

DIST_DIR = ROOT / "dist"


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def completeness_problems(pub: Publication) -> list[str]:
    problems = []
    for edition in pub.translations:
        stats = edition_stats(edition.code)
        for page in stats.missing:
            problems.append(f"{edition.code}: no catalog for page {page} (run make update-po)")
        for page, page_stats in stats.pages.items():
            if page_stats.untranslated or page_stats.fuzzy:
                problems.append(
                    f"{edition.code}: {_relative(catalog_path(edition.code, page))}: "
                    f"{page_stats.untranslated} untranslated, {page_stats.fuzzy} fuzzy"
                )
        interface = stats.interface
        if interface is not None and (interface.untranslated or interface.fuzzy):
            problems.append(
                f"{edition.code}: {_relative(catalog_path(edition.code, INTERFACE_DOMAIN))}: "
                f"{interface.untranslated} untranslated, {interface.fuzzy} fuzzy"
            )
    return problems


def check() -> list[str]:
    pub = publication()
    problems = completeness_problems(pub)
    _, findings = check_locale()
    problems += [f"{locale_folder(f.path)[0] or '?'}: {f.format()}" for f in findings]
    return problems


def epubcheck_problems(pub: Publication, site: Path = SITE_DIR, codes: list[str] | None = None) -> list[str]:
    """Every edition's ePub through epubcheck (or only the editions *codes*), one VM for all."""
    problems = []
    for edition in pub.editions:
        if codes is not None and edition.code not in codes:
            continue
        book = site / edition.code / edition.epub_filename
        if not book.exists():
            problems.append(f"{edition.code}: {_relative(book)} is missing (run make editions)")
            continue
        try:
            findings = epubcheck_report(book)
        except EpubcheckUnavailable as err:
            return [str(err)]
        problems += [f"{edition.code}: {_relative(book)}: {finding}" for finding in findings]
    return problems


def pdf_problems(pub: Publication, site: Path = SITE_DIR) -> list[str]:
    """Findings of pdfua (the machine-checkable part of PDF/UA-1) in every PDF of the release
    (each edition's, and each translation's bilingual one)."""
    problems = []
    pdfs = [(edition, name) for edition in pub.editions
            for name, file_format in pub.downloads(edition) if file_format.startswith("pdf")]
    for edition, name in pdfs:
        pdf = site / edition.code / name
        if not pdf.exists():
            problems.append(f"{edition.code}: {_relative(pdf)} is missing (run make editions)")
            continue
        done = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", str(pdf)],
                              capture_output=True, text=True, check=False)
        try:
            findings = json.loads(done.stdout)["findings"]
        except (ValueError, KeyError):
            problems.append(f"{edition.code}: {_relative(pdf)}: pdfua failed: {done.stderr.strip()}")
            continue
        for finding in findings:
            problems.append(f"{edition.code}: {_relative(pdf)}: {finding.get('severity', '?').upper()} "
                            f"{finding.get('rule_id', '?')} {finding.get('message', '')}")
    return problems


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else "unknown"


def publish(pub: Publication, site: Path = SITE_DIR, dist: Path = DIST_DIR) -> Path:
    """Write *dist* from the site of one build (``make release``: a fresh build directory).

    The new release is written beside the old one and swapped in whole
    (``output_files.replace_directory``): a failure or a kill leaves the previous release.
    """
    def fill(directory: Path) -> None:
        editions, sums = [], []
        for edition in pub.editions:
            files = []
            for name, kind in pub.downloads(edition):
                data = (site / edition.code / name).read_bytes()
                write_file(directory / name, data)
                digest = hashlib.sha256(data).hexdigest()
                sums.append(f"{digest}  {name}")
                files.append({"name": name, "format": kind, "size": len(data), "sha256": digest})
            editions.append({"edition": edition.code, "native_name": edition.native_name,
                             "title": edition.title, "files": files})
        write_file(directory / "SHA256SUMS", ("\n".join(sums) + "\n").encode("utf-8"))
        manifest = {
            "publication": pub.edition(pub.source_language).title,
            "version": pub.release,
            "commit": _commit(),
            "date": source_date().isoformat(),
            "editions": editions,
        }
        write_file(directory / "manifest.json",
                   (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))

    replace_directory(dist, fill)
    return dist


def _refuse(problems: list[str]) -> int:
    print("release refused:", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    step = argv[0] if argv else ""
    if step == "check":
        problems = check()
        return _refuse(problems) if problems else 0
    if step == "publish":
        # The site of the release's own fresh build (make release names it), else _build/site.
        site = Path(argv[1]) if len(argv) > 1 else SITE_DIR
        problems = epubcheck_problems(publication(), site) + pdf_problems(publication(), site)
        if problems:
            return _refuse(problems)
        dist = publish(publication(), site)
        print(f"published: {_relative(dist)} (verify: cd {_relative(dist)} && sha256sum -c SHA256SUMS)")
        return 0
    print("usage: python -m brochure.tools.release check | publish [SITE_DIR]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
