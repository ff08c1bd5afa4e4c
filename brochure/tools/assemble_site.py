"""Assemble the published site from the built editions: ``_build/site/``.

    _build/site/index.html          the reader picks a language
    _build/site/<code>/…            the HTML edition
    _build/site/<code>/<name>.epub  the edition's ePub, linked from every page of it
    _build/site/<code>/<name>-html.zip  the edition's HTML, to read offline
    _build/site/<code>/<name>.pdf   the edition's PDF (A4, tagged), from ``make pdf-<code>``
    _build/site/<code>/downloads.html   every edition's files with size, date and SHA-256
    _build/site/sitemap.xml         the sitemap index: one sitemap per edition
    _build/site/translation-status.json   the translation progress of every edition

Run after the HTML, ePub and PDF builds (``make editions`` does all three, and runs this only
when every build succeeded: a refused build publishes nothing, the site keeps its last good
state). The site is exactly the builds' output: a file they no longer produce is removed (the
build directories hold only what their last build produced: ``brochure.sphinxext.fresh_outputs``),
and every file is replaced whole, never left half-written.
"""

from __future__ import annotations

import hashlib
import html
import shutil
import sys
from pathlib import Path, PurePosixPath

from babel.dates import format_date
from babel.units import format_unit

from brochure.base.editions import BUILD_DIR, INTERFACE_MSGID_LANGUAGE, Edition, Publication, publication
from brochure.base.output_files import write_file
from brochure.base.reproducible import source_date
from brochure.i18n.direction import direction_attribute
from brochure.i18n.interface import N_, interface_gettext
from brochure.i18n.stats import stable_json
from brochure.tools import status_json
from brochure.tools.html_archive import html_archive, published_files
from brochure.tools.landing_page import landing_page

SITE_DIR = BUILD_DIR / "site"


ROWS = ("<!-- downloads -->", "<!-- /downloads -->")
# The site, path by path (``tr/index.html``): a file of the builds, or generated content.
SiteFiles = dict[str, "Path | bytes"]


class AssemblyError(RuntimeError):
    pass


def _size(size: int, locale: str) -> str:
    if size >= 1024 * 1024:
        return format_unit(round(size / 1024 / 1024, 1), "digital-megabyte", length="short", locale=locale)
    return format_unit(round(size / 1024), "digital-kilobyte", length="short", locale=locale)


CHECKSUM_GROUP = 8


def checksum_html(digest: str) -> str:
    """The checksum in groups of eight, for reading and comparing on a small screen.

    The groups are spans, spaced and broken between by CSS (static/downloads.css) and
    ``<wbr>``, not by characters: a copy, and a tap that selects it all (``user-select:
    all``), gives the 64 hex digits that ``sha256sum`` prints.
    """
    groups = (digest[i:i + CHECKSUM_GROUP] for i in range(0, len(digest), CHECKSUM_GROUP))
    return '<code class="checksum">' + "<wbr>".join(f"<span>{group}</span>" for group in groups) + "</code>"


def _english_marked(label: str, msgid: str, reader: Edition) -> str:
    """`` lang="en"`` (and dir) for a label the reader's catalog does not translate yet."""
    if reader.code == INTERFACE_MSGID_LANGUAGE or label != msgid:
        return ""
    return f' lang="{INTERFACE_MSGID_LANGUAGE}"{direction_attribute(INTERFACE_MSGID_LANGUAGE, reader.code)}'


# Each format of Publication.downloads: its label on the downloads page and its media type.
DOWNLOAD_KINDS = {
    "epub": (N_("ePub book"), "application/epub+zip"),
    "html": (N_("HTML archive (ZIP)"), "application/zip"),
    "pdf": (N_("PDF for printing (A4)"), "application/pdf"),
    # Translators: a PDF with the German original beside every translated paragraph.
    "pdf-bilingual": (N_("Bilingual PDF with the German original (A4)"), "application/pdf"),
}
# The formats a build makes, each in $(BUILDDIR)/<format>/<code>/ by `make <format>-<code>`;
# the HTML archive is made here.
BUILT_IN = ("epub", "pdf", "pdf-bilingual")


def download_rows(pub: Publication, files: SiteFiles, reader: Edition) -> str:
    """The downloads table's rows for the edition *reader*, in its language, its own first."""
    _ = interface_gettext(reader.code)
    date = format_date(source_date(), format="long", locale=reader.code)
    rows = []
    # The reader's own edition first: a reader on a phone finds its files without scrolling
    # past every other edition's; the others follow in the editions table's order.
    for edition in sorted(pub.editions, key=lambda edition: edition != reader):
        for filename, file_format in pub.downloads(edition):
            msgid, mimetype = DOWNLOAD_KINDS[file_format]
            kind = _(msgid)
            data = content(files[f"{edition.code}/{filename}"])
            digest = hashlib.sha256(data).hexdigest()
            rows.append(
                "<tr>"
                f'<td><span lang="{edition.code}">{html.escape(edition.native_name)}</span></td>'
                f'<td><a href="../{edition.code}/{filename}" type="{mimetype}" download'
                f'{_english_marked(kind, msgid, reader)}>{html.escape(kind)}</a>'
                f"<br><small>{filename}</small></td>"
                f"<td>{html.escape(_size(len(data), reader.code))}</td>"
                f"<td>{html.escape(date)}</td>"
                f"<td>{checksum_html(digest)}</td>"
                "</tr>"
            )
    return "\n".join(rows)


def filled_downloads_page(page: Path, rows: str) -> bytes:
    text = page.read_text(encoding="utf-8")
    start, end = text.find(ROWS[0]), text.find(ROWS[1])
    if start < 0 or end < 0:
        raise AssemblyError(f"{page}: no {ROWS[0]} … {ROWS[1]} markers (templates/downloads.html)")
    return (text[: start + len(ROWS[0])] + "\n" + rows + "\n" + text[end:]).encode("utf-8")


def sitemap_index(pub: Publication) -> str:
    entries = "\n".join(
        f"  <sitemap><loc>{html.escape(pub.base_url)}{e.code}/sitemap.xml</loc></sitemap>"
        for e in pub.editions
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}\n</sitemapindex>\n"
    )


def assemble(pub: Publication, build_dir: Path = BUILD_DIR, site_dir: Path = SITE_DIR) -> Path:
    """Put the site together in memory (a file of the builds, or generated bytes, per path),
    then bring ``site_dir`` in line with it: nothing is written if anything is missing."""
    missing = []
    for edition in pub.editions:
        if not (build_dir / "html" / edition.code / "index.html").exists():
            missing.append(f"{build_dir / 'html' / edition.code} (run make html-{edition.code})")
        for filename, file_format in pub.downloads(edition):
            built = build_dir / file_format / edition.code / filename
            if file_format in BUILT_IN and not built.exists():
                missing.append(f"{built} (run make {file_format}-{edition.code})")
    if missing:
        raise AssemblyError("missing build output:\n  " + "\n  ".join(missing))
    files: SiteFiles = {}
    for edition in pub.editions:
        html_dir = build_dir / "html" / edition.code
        for path in published_files(html_dir):
            files[f"{edition.code}/{path.relative_to(html_dir).as_posix()}"] = path
        for filename, file_format in pub.downloads(edition):
            if file_format in BUILT_IN:
                files[f"{edition.code}/{filename}"] = build_dir / file_format / edition.code / filename
        files[f"{edition.code}/{edition.html_archive_filename}"] = html_archive(
            html_dir, edition.html_archive_filename.removesuffix(".zip"))
    for edition in pub.editions:
        page = f"{edition.code}/downloads.html"
        files[page] = filled_downloads_page(build_dir / "html" / page, download_rows(pub, files, edition))
    files["index.html"] = landing_page(pub).encode("utf-8")
    files["sitemap.xml"] = sitemap_index(pub).encode("utf-8")
    files[status_json.FILENAME] = stable_json(status_json.document()).encode("utf-8")
    synchronize(files, site_dir)
    return site_dir


def content(source: Path | bytes) -> bytes:
    return source.read_bytes() if isinstance(source, Path) else source


def synchronize(files: SiteFiles, target: Path) -> None:
    """Make *target* hold exactly *files*, writing only what differs (cheap uploads, stable
    mtimes): a file of the builds is copied, generated bytes are written, each as a whole
    (``output_files.write_file``), and whatever the builds no longer produce is removed."""
    directories = {parent.as_posix() for name in files for parent in PurePosixPath(name).parents} - {"."}
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(target.rglob("*"), reverse=True):
        name = path.relative_to(target).as_posix()
        if (name in files and path.is_file()) or (name in directories and path.is_dir()):
            continue
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for name, source in sorted(files.items()):
        old = target / name
        data = content(source)
        if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
            continue
        write_file(old, data)


def main(argv: list[str]) -> int:
    try:
        site = assemble(publication())
    except AssemblyError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"site: {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
