"""The editions table (``editions.toml``): the single place that says which editions exist.

Everything that needs to know an edition's language code, native name, localized title or
ePub identifiers reads it through this module. Run as a script
(``python -m brochure.base.editions``) it prints the edition lists as make variables for the
Makefile.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "editions.toml"
SOURCE_DIR = ROOT / "source"
LOCALE_DIR = ROOT / "locale"
# The Makefile exports BUILDDIR so that its builds, the tools and the tests agree on it.
BUILD_DIR = Path(os.environ.get("BUILDDIR") or ROOT / "_build").resolve()

# The interface strings (theme, extensions) are written in English: editions in that
# language need no interface catalog.
INTERFACE_MSGID_LANGUAGE = "en"

REQUIRED = ("code", "native_name", "title", "subtitle", "tagline", "editors", "epub_identifier", "epub_basename")


class EditionsError(ValueError):
    """The editions table is missing, malformed or incomplete."""


@dataclass(frozen=True)
class Edition:
    code: str
    native_name: str
    title: str
    subtitle: str
    tagline: str
    # Who made this digital edition, in the edition's language: its creator and publisher in
    # the ePub and PDF metadata, the footer's copyright line and the imprint.
    editors: str
    epub_identifier: str
    epub_basename: str

    @property
    def epub_filename(self) -> str:
        return f"{self.epub_basename}.epub"

    @property
    def html_archive_filename(self) -> str:
        return f"{self.epub_basename}-html.zip"

    @property
    def pdf_filename(self) -> str:
        return f"{self.epub_basename}.pdf"


@dataclass(frozen=True)
class Publication:
    source_language: str
    release: str
    base_url: str
    editions: tuple[Edition, ...]

    @property
    def print_edition(self) -> str:
        """The printed brochure's title and period, as its title page gives them."""
        source = self.edition(self.source_language)
        return f"{source.title}. {source.subtitle}"

    def bilingual_pdf_filename(self, edition: Edition) -> str:
        """``…-tr.pdf`` → ``…-tr-de.pdf``: the translation with the original beside it."""
        return f"{edition.epub_basename}-{self.source_language}.pdf"

    def downloads(self, edition: Edition) -> tuple[tuple[str, str], ...]:
        """The files a reader downloads for *edition*, as (file name, format): the downloads
        pages, ``make release`` and its checks all list these. A translation also has a
        bilingual PDF (``pdf-bilingual``: the German original beside every block)."""
        files = [(edition.epub_filename, "epub"), (edition.html_archive_filename, "html"),
                 (edition.pdf_filename, "pdf")]
        if edition.code != self.source_language:
            files.append((self.bilingual_pdf_filename(edition), "pdf-bilingual"))
        return tuple(files)

    def copyright(self, code: str, year: int) -> str:
        """The copyright line of edition *code*: the digital edition's editors and its year.

        No source names an author, publisher or rights holder of the print brochure, so the
        line names only the digital edition's own editors (in the edition's language).
        """
        return f"{year}, {self.edition(code).editors}"

    @property
    def codes(self) -> list[str]:
        return [edition.code for edition in self.editions]

    @property
    def native_names(self) -> dict[str, str]:
        """Edition code -> the edition's language named in itself ("Türkçe")."""
        return {edition.code: edition.native_name for edition in self.editions}

    @property
    def interface_codes(self) -> list[str]:
        """The editions that need an interface catalog (sphinx.po)."""
        return [code for code in self.codes if code != INTERFACE_MSGID_LANGUAGE]

    @property
    def translations(self) -> list[Edition]:
        """The editions made from catalogs, i.e. all but the source language's."""
        return [e for e in self.editions if e.code != self.source_language]

    def edition(self, code: str | None) -> Edition:
        for edition in self.editions:
            if edition.code == code:
                return edition
        raise EditionsError(
            f"{TABLE.name}: no edition with code {code!r} (known: {', '.join(self.codes)})"
        )


def load(path: Path = TABLE) -> Publication:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EditionsError(f"{path}: the editions table is missing") from None
    except tomllib.TOMLDecodeError as err:
        raise EditionsError(f"{path}: {err}") from None
    pub = data.get("publication", {})
    editions = []
    for index, row in enumerate(data.get("edition", []), start=1):
        missing = [key for key in REQUIRED if not str(row.get(key, "")).strip()]
        if missing:
            raise EditionsError(
                f"{path}: edition #{index} ({row.get('code', '?')}) lacks {', '.join(missing)}"
            )
        editions.append(Edition(**{key: str(row[key]) for key in REQUIRED}))
    codes = [e.code for e in editions]
    if len(set(codes)) != len(codes):
        raise EditionsError(f"{path}: an edition code appears twice: {codes}")
    source = pub.get("source_language", "")
    if source not in codes:
        raise EditionsError(f"{path}: source_language {source!r} has no [[edition]] row")
    return Publication(
        source_language=source,
        release=str(pub.get("release", "")),
        base_url=_base_url(path, pub.get("base_url", "")),
        editions=tuple(editions),
    )


def _base_url(path: Path, value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise EditionsError(f"{path}: [publication] base_url must be an http(s) URL, not {value!r}")
    return value if value.endswith("/") else value + "/"


@cache
def publication() -> Publication:
    """The project's own table, read once per process."""
    return load()


def make_variables(pub: Publication) -> str:
    """The edition lists as make variables: the Makefile's generated include."""
    return (
        f"EDITIONS := {' '.join(pub.codes)}\n"
        f"TRANSLATIONS := {' '.join(e.code for e in pub.translations)}\n"
        f"INTERFACE := {' '.join(pub.interface_codes)}\n"
    )


if __name__ == "__main__":
    try:
        sys.stdout.write(make_variables(publication()))
    except EditionsError as err:
        sys.exit(f"error: {err}")
