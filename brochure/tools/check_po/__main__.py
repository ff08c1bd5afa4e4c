"""Command line: ``python -m brochure.tools.check_po [PATH ...]`` (see the package docstring)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from brochure.base.editions import LOCALE_DIR, EditionsError, publication
from brochure.i18n.gettext_tools import GettextError
from brochure.i18n.paths import survey_all
from brochure.tools.check_po.runner import Context, check_locale, check_paths


class UsageError(Exception):
    pass


def expand(arguments: list[Path]) -> list[Path]:
    paths: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            found = sorted(argument.rglob("*.po"))
            if not found:
                raise UsageError(f"no .po files under {argument}")
            paths += found
        else:
            paths.append(argument)  # a missing file is reported as a finding
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m brochure.tools.check_po",
        description="Lint gettext catalogs for markup, HTML, links, quotes, terms and spelling.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help=".po files or directories (default: every catalog of every edition)",
    )
    parser.add_argument(
        "--locale-dir", type=Path, metavar="DIR",
        help="with no PATH: the locale directory whose editions are checked (default: the project's)",
    )
    parser.add_argument(
        "--lang", metavar="CODE",
        help="with no PATH: only this edition's catalogs (make check-po CODE=tr)",
    )
    args = parser.parse_args(argv)  # exits with status 2 on usage errors
    context = Context()
    try:
        if args.paths:
            paths = expand(args.paths)
            findings = check_paths(paths, context)
        elif args.lang is not None:
            locale_dir = args.locale_dir or LOCALE_DIR
            publication().edition(args.lang)  # raises for a code that is not in the table
            paths, refused = survey_all(locale_dir)
            mine = Path(locale_dir, args.lang)
            paths = [path for path in paths if Path(path).is_relative_to(mine)]
            findings = sorted([f for f in refused if Path(f.path).is_relative_to(mine)]
                              + check_paths(paths, context))
        else:
            paths, findings = check_locale(args.locale_dir or LOCALE_DIR, context=context)
    except (UsageError, EditionsError) as err:
        print(f"check-po: error: {err}", file=sys.stderr)
        return 2
    except GettextError as err:
        print(f"check-po: error: {err}", file=sys.stderr)
        return 2
    for finding in findings:
        print(finding.format())
    for note in context.notes:
        print(f"check-po: note: {note}", file=sys.stderr)
    print(summary(findings, len(paths)))
    return 1 if findings else 0


def summary(findings: list, catalogs: int) -> str:
    if not findings:
        return f"check-po: {catalogs} catalog(s), no problems"
    by_check = Counter(finding.check for finding in findings)
    files = len({finding.path for finding in findings})
    details = ", ".join(f"{check} {count}" for check, count in sorted(by_check.items()))
    return f"check-po: {len(findings)} problem(s) in {files} of {catalogs} catalog(s) ({details})"


if __name__ == "__main__":
    sys.exit(main())
