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

from brochure.editions import LOCALE_DIR, publication

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
    """Every catalog of one edition, interface included, in a stable order."""
    messages = messages_dir(code, locale_dir)
    return sorted(messages.rglob("*.po")) if messages.is_dir() else []


def all_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every catalog under *locale_dir*, of every language folder, in a stable order."""
    return sorted(Path(locale_dir).glob(f"*/{MESSAGES}/**/*.po"))


def translation_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every catalog of every translated edition: what a page built from all of them depends on."""
    return [path for edition in publication().translations for path in edition_catalogs(edition.code, locale_dir)]


def default_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """What the checks cover: every translation's catalogs, the source language's interface only.

    The German content has no catalogs (it is the source); its interface strings do.
    """
    pub = publication()
    paths: list[Path] = []
    for code in pub.codes:
        if code == pub.source_language:
            interface = messages_dir(code, locale_dir) / INTERFACE_CATALOG
            paths += [interface] if interface.exists() else []
        else:
            paths += edition_catalogs(code, locale_dir)
    return paths


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
