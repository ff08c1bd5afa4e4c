"""``python -m brochure.tools.stats [--json] [--lang xx]``: how far each translation is.

A readable table per edition (one row per page, totals, the interface catalog, pages that
have no catalog yet), or with ``--json`` the same numbers as stable JSON on stdout. The
numbers come from :mod:`brochure.i18n.stats`, the one definition every report shares; the
percent is :func:`~brochure.i18n.stats.reader_percent`, the figure the status page shows. Exit
status 0, or 2 for usage errors and unreadable catalogs; completeness is judged by the
release check, not here.
"""

from __future__ import annotations

import argparse
import sys

from brochure.base.editions import EditionsError, publication
from brochure.i18n.stats import CatalogStats, EditionStats, all_stats, edition_stats, reader_percent, to_json

HEADINGS = ("page", "translated", "fuzzy", "untranslated", "words", "%")


def format_table(stats: EditionStats, title: str) -> str:
    body = [_cells(name, page) for name, page in stats.pages.items()]
    footer = [_cells("total", stats.totals)]
    if stats.interface is not None:
        footer.append(_cells("interface (sphinx.po)", stats.interface))
    widths = [max(len(row[i]) for row in [HEADINGS, *body, *footer]) for i in range(len(HEADINGS))]
    rule = tuple("-" * width for width in widths)
    lines = [title, "=" * len(title)]
    lines += [_row(row, widths) for row in [HEADINGS, rule, *body, rule, *footer]]
    if stats.missing:
        lines.append(f"pages without a catalog ({len(stats.missing)}): {', '.join(stats.missing)}")
    return "\n".join(lines)


def _cells(name: str, stats: CatalogStats) -> tuple[str, ...]:
    return (
        name,
        f"{stats.translated}/{stats.messages}",
        str(stats.fuzzy),
        str(stats.untranslated),
        f"{stats.translated_words}/{stats.words}",
        f"{reader_percent(stats):.1f}",
    )


def _row(cells: tuple[str, ...], widths: list[int]) -> str:
    first, *numbers = cells
    aligned = [f"{first:<{widths[0]}}"] + [f"{c:>{w}}" for c, w in zip(numbers, widths[1:], strict=False)]
    return "  ".join(aligned).rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m brochure.tools.stats",
        description="Translation statistics per edition (messages and words, by page).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--lang", metavar="CODE", help="only this edition (default: every translation)")
    args = parser.parse_args(argv)
    try:
        pub = publication()
        if args.lang is not None:
            pub.edition(args.lang)  # raises for a code that is not in the table
            editions = [edition_stats(args.lang)]
        else:
            editions = all_stats()
    except EditionsError as err:
        print(f"stats: error: {err}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as err:
        print(f"stats: error: unreadable catalog: {err}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(to_json(editions))
        return 0
    names = pub.native_names
    for index, stats in enumerate(editions):
        if index:
            print()
        title = f"{stats.code} ({names.get(stats.code, stats.code)}): {reader_percent(stats.totals):.1f} % of words translated"
        print(format_table(stats, title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
