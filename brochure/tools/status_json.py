"""``translation-status.json`` at the root of the published site: the status page for machines.

Dashboards, translation platforms and release scripts should not scrape the status page, and
should not count anything themselves: this file holds exactly what :mod:`brochure.i18n.stats`
computes (the numbers of ``make stats`` and of every edition's status page), for every
translation in ``editions.toml``:

    {"source_language": "de",
     "editions": {"en": {"native_name": "English", "totals": {…}, "chapters": {…},
                         "pages": {…}, "interface": {…}, "missing": […], "complete": true}, …}}

The output is stable (sorted keys, no timestamps), so an unchanged translation state gives a
byte-identical file. ``brochure.tools.assemble_site`` writes it with :func:`write`; run alone,

    python -m brochure.tools.status_json [SITE_DIR]

writes it into SITE_DIR (default ``_build/site``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from brochure.base.editions import BUILD_DIR, LOCALE_DIR, SOURCE_DIR, publication
from brochure.base.output_files import write_file
from brochure.i18n.stats import all_stats, stable_json

FILENAME = "translation-status.json"


def document(locale_dir: Path = LOCALE_DIR, source_dir: Path | None = SOURCE_DIR) -> dict:
    pub = publication()
    names = pub.native_names
    editions = {}
    for stats in all_stats(locale_dir, source_dir):
        entry = stats.as_dict()
        del entry["code"]  # the key says it
        entry["native_name"] = names[stats.code]
        editions[stats.code] = entry
    return {"source_language": pub.source_language, "editions": editions}


def write(site_dir: Path, locale_dir: Path = LOCALE_DIR, source_dir: Path | None = SOURCE_DIR) -> Path:
    """Write ``translation-status.json`` into ``site_dir`` (created if needed); returns its path."""
    target = Path(site_dir) / FILENAME
    write_file(target, stable_json(document(locale_dir, source_dir)).encode("utf-8"))
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1:
        print("usage: python -m brochure.tools.status_json [SITE_DIR]", file=sys.stderr)
        return 2
    site_dir = Path(args[0]) if args else BUILD_DIR / "site"
    try:
        target = write(site_dir)
    except (OSError, ValueError) as err:
        print(f"status_json: error: unreadable catalog: {err}", file=sys.stderr)
        return 2
    print(f"written: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
