"""Where the catalogs live: ``<locale dir>/<code>/LC_MESSAGES/<page>.po``.

Content is translated in one catalog per page (``gettext_compact = False``), named after the
page's docname; the interface (theme, extensions, search) in the ``sphinx`` domain, the
catalog domain Sphinx itself uses for templates. Every module that needs a catalog's path,
its page or its edition asks here, so the layout is written down once. Functions take the
locale directory as an argument (default: the project's ``locale/``) so that the Sphinx
extensions can pass ``app.config.locale_dirs`` and the tests a scratch tree.
"""

from __future__ import annotations

from pathlib import Path

from brochure.base.editions import BUILD_DIR, LOCALE_DIR, publication

INTERFACE_DOMAIN = "sphinx"
INTERFACE_CATALOG = f"{INTERFACE_DOMAIN}.po"
MESSAGES = "LC_MESSAGES"


def sphinx_locale_dirs(srcdir: Path | str, locale_dirs: list[str]) -> list[Path]:
    """``locale_dirs`` as Sphinx resolves them: relative to the source directory."""
    return [Path(srcdir, directory) for directory in locale_dirs]


def messages_dir(code: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return Path(locale_dir) / code / MESSAGES


def catalog_path(code: str, docname: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """The catalog of one page (``grussworte/kuhn``) or of the interface (``sphinx``)."""
    return messages_dir(code, locale_dir) / f"{docname}.po"


def edition_catalogs(code: str, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every catalog of one edition, interface included, in a stable order: the regular
    ``.po`` files :func:`brochure.i18n.admission.survey` admits (never a link or a device)."""
    from brochure.i18n.admission import survey  # it names its findings with this module's layout

    return survey(code, locale_dir)[0]


def all_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every catalog under *locale_dir*, of every language folder, in a stable order
    (regular files only: a link or a device is nothing a tool may read or rewrite)."""
    from brochure.i18n.admission import is_admissible

    return [path for path in sorted(Path(locale_dir).glob(f"*/{MESSAGES}/**/*.po")) if is_admissible(path)]


def translation_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every catalog of every translated edition: what a page built from all of them depends on."""
    return [path for edition in publication().translations for path in edition_catalogs(edition.code, locale_dir)]


def default_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """What the checks cover: every edition's admitted catalogs (for the source language, whose
    content has no catalogs, the interface catalog only); see :func:`survey_all`."""
    return survey_all(locale_dir)[0]


def survey_all(locale_dir: Path = LOCALE_DIR) -> tuple[list[Path], list]:
    """(every edition's admitted catalogs, the [file] findings of every edition): what
    ``check-po`` and the release check, the union of what each edition's build gate admits."""
    from brochure.i18n.admission import survey

    paths: list[Path] = []
    findings: list = []
    for code in publication().codes:
        admitted, refused = survey(code, locale_dir)
        paths += admitted
        findings += refused
    return paths, findings


# -- what a build reads ----------------------------------------------------------------------
# Sphinx never reads locale/: the build gate copies each catalog it checked, with the .mo
# msgfmt compiled from exactly those bytes, into a folder of the build's own (beside its
# doctrees, one per edition), and points locale_dirs there (brochure.sphinxext.catalog_gate).

CHECKED_CATALOGS = "checked-catalogs"


def checked_locale_dir(doctreedir: Path | str) -> Path:
    """The locale directory a build reads: the checked copies, beside its doctrees."""
    return Path(doctreedir) / CHECKED_CATALOGS


def edition_checked_locale_dir(code: str) -> Path:
    """The one ``make html-<code>`` and ``make epub-<code>`` read (doctrees in
    ``$(BUILDDIR)/doctrees/<code>``, as the Makefile gives them): for the tools that render
    pages outside Sphinx from the edition's interface catalog."""
    return checked_locale_dir(BUILD_DIR / "doctrees" / code)


def locale_folder(path: Path) -> tuple[str | None, Path | None]:
    """(code, locale dir) for ``.../<locale dir>/<code>/LC_MESSAGES/...``; (None, None) otherwise."""
    parts = Path(path).resolve().parts
    for index in range(len(parts) - 1, 1, -1):
        if parts[index] == MESSAGES:
            return parts[index - 1], Path(*parts[: index - 1])
    return None, None


def docname_of(path: Path) -> str | None:
    """The page a catalog translates (``grussworte/kuhn``); None for the interface catalog."""
    if Path(path).name == INTERFACE_CATALOG:
        return None
    parts = Path(path).with_suffix("").parts
    if MESSAGES in parts:
        index = len(parts) - 1 - parts[::-1].index(MESSAGES)
        return "/".join(parts[index + 1 :]) or None
    return Path(path).stem


def is_interface(path: Path) -> bool:
    return Path(path).name == INTERFACE_CATALOG
