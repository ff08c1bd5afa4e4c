"""Compile every outdated catalog to .mo before the builds start.

Sphinx compiles outdated catalogs itself at the start of each build; when several editions
build in parallel, two builds of one language would then write the same .mo at once. Doing it
here first, with Sphinx's own rule for "outdated" (the .po is newer than the .mo), leaves the
builds nothing to write and keeps untouched catalogs' .mo files (and so the pages that depend
on them) untouched.
"""

from __future__ import annotations

import sys

from sphinx.util.i18n import CatalogRepository

from brochure.editions import LOCALE_DIR, SOURCE_DIR, publication


def compile_outdated(codes: list[str]) -> list[str]:
    written = []
    for code in codes:
        repo = CatalogRepository(str(SOURCE_DIR), [str(LOCALE_DIR)], code, "utf-8")
        for catalog in repo.catalogs:
            if catalog.is_outdated():
                catalog.write_mo(code)
                written.append(catalog.po_path)
    return written


def main() -> int:
    written = compile_outdated(publication().codes)
    if written:
        print(f"compiled {len(written)} catalog(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
