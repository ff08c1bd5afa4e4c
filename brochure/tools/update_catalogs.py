"""Bring the catalogs up to date with the message templates, losing nothing.

    python -m brochure.tools.update_catalogs --templates POT_DIR LANG [LANG ...] [--templates ...]

GNU ``msgmerge --previous`` does the merge (``brochure.i18n.gettext_tools``):

* a changed message keeps its old translation, marked fuzzy, with the previous msgid
  (``#| msgid``), so a PO editor shows exactly what changed in the German text;
* removed messages stay in the catalog as obsolete entries (``#~``), translation included;
* new messages are added untranslated; locations name the page without line numbers.

On top of it, what keeps the catalogs' history clean:

* every catalog is merged before any is written: one that gettext cannot read stops the run,
  with file and line, and nothing is changed;
* each catalog is replaced as a whole (``brochure.i18n.writing``): a kill or a full disk
  leaves every catalog either as it was or as updated, never cut; a failed write ends the run
  with one line naming the catalog;
* a catalog is rewritten only when its messages changed. Otherwise it is left exactly as it
  is — its ``POT-Creation-Date`` and the layout its last editor saved it in included, so an
  update never produces a commit that only re-wraps a translator's save;
* a new catalog is created by sphinx-intl, the project's catalog manager (the template with
  the language set, as ``sphinx-intl update`` creates it), with a header free of placeholders
  (``brochure.i18n.catalog_headers``); its interface catalog starts with Sphinx's own
  translations for the language (``brochure.i18n.sphinx_translations``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sphinx_intl import catalog as sphinx_intl_catalog

from brochure.base.editions import LOCALE_DIR
from brochure.i18n import catalog_headers, gettext_tools, sphinx_translations
from brochure.i18n.gettext_tools import GettextError
from brochure.i18n.model import display_path
from brochure.i18n.paths import is_interface, messages_dir
from brochure.i18n.writing import WriteError, write_catalog


class CatalogError(RuntimeError):
    pass


class CatalogWriteError(CatalogError):
    """Writing stopped at one catalog; those before it are new, it and the rest are old."""


@dataclass
class Update:
    po_path: Path
    status: str  # "created", "updated" or "unchanged"



def _without_creation_date(data: bytes) -> bytes:
    return b"\n".join(line for line in data.split(b"\n") if not line.startswith(b'"POT-Creation-Date:'))


def plan(pot_dir: Path, languages: list[str], locale_dir: Path = LOCALE_DIR) -> list[tuple[Path, Path, str]]:
    """(template, catalog, language) for every template and language."""
    return [
        (pot, messages_dir(lang, locale_dir) / pot.relative_to(pot_dir).with_suffix(".po"), lang)
        for lang in languages
        for pot in sorted(pot_dir.rglob("*.pot"))
    ]


def merged(pot_path: Path, po_path: Path, language: str) -> tuple[bytes | None, str]:
    """(new content or None when the messages did not change, status) for one catalog."""
    try:
        if not po_path.exists():
            return _created(pot_path, po_path, language), "created"
        data = gettext_tools.msgmerge(po_path, pot_path)
        # Compared as msgcat writes the current file: a save in another layout is no change.
        if _without_creation_date(data) == _without_creation_date(gettext_tools.msgcat(po_path)):
            return None, "unchanged"
        return data, "updated"
    except GettextError as err:
        raise CatalogError(_relative_paths(str(err), pot_path, po_path)) from None
    except OSError as err:
        raise CatalogError(f"{display_path(po_path)}: cannot read: {err}") from None


def _created(pot_path: Path, po_path: Path, language: str) -> bytes:
    """A new catalog: sphinx-intl's, its header repaired, then merged like every later update
    (msgmerge orders the header fields and writes the locations), so the next update finds
    nothing to change. A new interface catalog starts with Sphinx's own translations."""
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / po_path.name
        draft.write_bytes(_sphinx_intl_catalog(pot_path, language, draft))
        initial = catalog_headers.repaired(draft.read_bytes(), language, new=True, name=display_path(po_path))
        draft.write_bytes(initial)
        if not is_interface(po_path):
            return gettext_tools.msgmerge(draft, pot_path)
        filled = sphinx_translations.prefilled(draft, pot_path, language)
    if filled.source is not None:
        print(f"{display_path(po_path)}: {filled.taken} messages translated from Sphinx's "
              f"{display_path(filled.source)}")
    for msgid in filled.left_out:
        print(f"{display_path(po_path)}: Sphinx's translation of {msgid!r} left out: it breaks a "
              "rule of this project (check-po shows which once translated again)")
    return filled.data


def _sphinx_intl_catalog(pot_path: Path, language: str, scratch: Path) -> bytes:
    """The catalog ``sphinx-intl update -l LANGUAGE`` creates from a template."""
    try:
        template = sphinx_intl_catalog.load_po(str(pot_path))
        template.locale = language
    except (OSError, ValueError) as err:  # Babel: UnknownLocaleError is a ValueError
        raise CatalogError(f"{display_path(pot_path)}: cannot create a {language!r} catalog: {err}") from None
    # Babel names itself in the header; the version would churn every new catalog.
    sphinx_intl_catalog.dump_po(str(scratch), template)
    lines = scratch.read_bytes().split(b"\n")
    return b"\n".join(line for line in lines if not line.startswith(b'"Generated-By:'))


def _relative_paths(message: str, *paths: Path) -> str:
    for path in paths:
        message = message.replace(str(path), display_path(path))
    return message


def update(pot_dir: Path, languages: list[str], locale_dir: Path = LOCALE_DIR) -> list[Update]:
    return update_all([(pot_dir, languages)], locale_dir)


def update_all(template_sets: list[tuple[Path, list[str]]], locale_dir: Path = LOCALE_DIR) -> list[Update]:
    """Update the catalogs of every (template directory, languages) set, all or none."""
    jobs = [job for pot_dir, languages in template_sets for job in plan(pot_dir, languages, locale_dir)]
    # Merge everything first: one unreadable catalog stops the run before any file is written.
    pending = [(po_path, *merged(pot_path, po_path, lang)) for pot_path, po_path, lang in jobs]
    results = []
    for po_path, data, status in pending:
        if data is not None:
            try:
                po_path.parent.mkdir(parents=True, exist_ok=True)
                write_catalog(po_path, data)
            except OSError as err:  # WriteError included: each catalog is old or new, never cut
                written = sum(r.status != "unchanged" for r in results)
                raise CatalogWriteError(f"{_one_line(err, po_path)}; {written} catalog(s) before it "
                                        "were updated, the rest left as they were") from None
        results.append(Update(po_path, status))
    return results


def _one_line(err: OSError, path: Path) -> str:
    if isinstance(err, WriteError):
        return str(err)
    return f"{display_path(path)}: cannot write ({err.strerror or err}); the old file is unchanged"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--templates", nargs="+", action="append", required=True, metavar="DIR LANG",
                        help="a template directory and the languages of its catalogs (repeatable)")
    args = parser.parse_args(argv)
    sets = []
    for pot_dir, *languages in args.templates:
        if not Path(pot_dir).is_dir() or not languages:
            print(f"error: {pot_dir}: no such template directory, or no language given "
                  "(run make update-po)", file=sys.stderr)
            return 2
        sets.append((Path(pot_dir), languages))
    try:
        results = update_all(sets, LOCALE_DIR)
    except CatalogWriteError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except CatalogError as err:
        print(f"error: {err}\nNo catalog was changed.", file=sys.stderr)
        return 1
    for result in results:
        if result.status != "unchanged":
            print(f"{result.status}: {display_path(result.po_path)}")
    changed = sum(r.status != "unchanged" for r in results)
    print(f"{changed} of {len(results)} catalogs changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
