"""Rewrite every catalog in GNU gettext's layout, its header free of template placeholders.

    python -m brochure.tools.normalize_catalogs        (make normalize-po)

The layout is what ``msgcat`` writes: the format ``check-po`` expects and PO editors set to
gettext's defaults keep. Messages, comments and editor headers are kept; only the header's
template placeholders (``SOME DESCRIPTIVE TITLE``, ``YEAR-MO-DA`` …, a fuzzy header) are
replaced (``brochure.i18n.catalog_headers``). Every catalog is read first: one that gettext
cannot read stops the run with file and line, and nothing is written. Each catalog is
replaced as a whole (``brochure.i18n.writing``): a kill or a full disk leaves it old or new.
"""

from __future__ import annotations

import sys
from pathlib import Path

from brochure.base.editions import LOCALE_DIR
from brochure.i18n import catalog_headers
from brochure.i18n.gettext_tools import GettextError
from brochure.i18n.model import display_path
from brochure.i18n.paths import all_catalogs
from brochure.i18n.writing import WriteError, write_catalog


def language_of(path: Path, locale_dir: Path = LOCALE_DIR) -> str:
    return path.relative_to(locale_dir).parts[0]


def normalize(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Rewrite the catalogs that differ from their normal form; returns them."""
    pending = []
    for path in all_catalogs(locale_dir):
        data = path.read_bytes()
        normal = catalog_headers.repaired(data, language_of(path, locale_dir), name=display_path(path))
        if normal != data:
            pending.append((path, normal))
    for done, (path, normal) in enumerate(pending):
        try:
            write_catalog(path, normal)
        except WriteError as err:
            raise NormalizeWriteError(f"{err}; {done} catalog(s) before it were normalized, "
                                      "the rest left as they were") from None
    return [path for path, _ in pending]


class NormalizeWriteError(RuntimeError):
    """Writing stopped at one catalog; those before it are new, it and the rest are old."""



def main() -> int:
    try:
        changed = normalize()
    except GettextError as err:
        print(f"error: {err}\nNo catalog was changed.", file=sys.stderr)
        return 1
    except NormalizeWriteError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"normalized: {display_path(path)}")
    print(f"{len(changed)} of {len(all_catalogs())} catalogs changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
