"""Add an edition in one step: ``make new-edition CODE=fr``.

* appends a row to ``editions.toml`` — the native name from Babel's locale data, everything
  the publisher must still translate copied from the source edition and marked ``TODO``;
* creates the new language's catalogs from the current templates (German shows through until
  a message is translated) and its interface catalog;
* the edition then builds at once (``make html-fr``) and appears wherever the editions table
  is read: the language choice of the site, the tests, the release.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError

from brochure.base.editions import TABLE, EditionsError, load
from brochure.i18n.model import display_path
from brochure.i18n.writing import WriteError, replace_file

TODO = "TODO: translate"


class NewEditionError(ValueError):
    pass


def native_name(code: str) -> str:
    try:
        name = Locale.parse(code).get_display_name(code)
    except (UnknownLocaleError, ValueError):
        raise NewEditionError(f"{code!r} is not a language code Babel knows (examples: fr, ar, uk)") from None
    return name[:1].upper() + name[1:]


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def edition_row(code: str, table: Path = TABLE) -> str:
    pub = load(table)
    if code in pub.codes:
        raise NewEditionError(f"{table.name}: edition {code!r} exists already")
    source = pub.edition(pub.source_language)
    stem = re.sub(rf"-{re.escape(source.code)}$", "", source.epub_identifier)
    base = re.sub(rf"-{re.escape(source.code)}$", "", source.epub_basename)
    return "\n".join([
        "",
        "[[edition]]",
        f"code = {_toml_string(code)}",
        f"native_name = {_toml_string(native_name(code))}",
        f"title = {_toml_string(source.title)}  # {TODO}",
        f"subtitle = {_toml_string(source.subtitle)}  # {TODO}",
        f"tagline = {_toml_string(source.tagline)}  # {TODO}",
        f"editors = {_toml_string(source.editors)}  # {TODO}",
        f"epub_identifier = {_toml_string(f'{stem}-{code}')}",
        f"epub_basename = {_toml_string(f'{base}-{code}')}",
        "",
    ])


def add_edition(code: str, table: Path = TABLE) -> str:
    """Append the row; the table is replaced only once the new one loads (never cut)."""
    row = edition_row(code, table)
    text = table.read_text(encoding="utf-8")

    def loads(written: Path) -> None:
        try:
            load(written)
        except EditionsError as err:
            raise WriteError(f"{display_path(table)}: the new row does not load, the table is unchanged: "
                             f"{str(err).replace(str(written), 'the new table')}") from None

    replace_file(table, (text.rstrip("\n") + "\n" + row).encode("utf-8"), loads)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Add an edition to editions.toml.")
    parser.add_argument("code", help="language code, e.g. fr")
    args = parser.parse_args(argv)
    try:
        row = add_edition(args.code)
    except (NewEditionError, EditionsError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"{TABLE.name}: added{row}")
    print(f"Fill in the values marked '{TODO}' in {TABLE.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
