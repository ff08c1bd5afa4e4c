"""Bring the catalogs up to date with the message templates, losing nothing.

    python -m brochure.tools.update_catalogs POT_DIR LANG [LANG ...]

Built on sphinx-intl's catalog functions (``load_po``, ``update_with_fuzzy``, ``dump_po``),
with what translators need on top:

* a changed message keeps its old translation, marked fuzzy, **with the previous msgid**
  (``#| msgid``), so a PO editor shows exactly what changed in the German text;
* removed messages stay in the catalog as obsolete entries (``#~``), translation included;
* a catalog that cannot be read stops the whole run before anything is written, with the file
  and line — Babel's lenient reader would otherwise drop the broken entries on rewrite;
* location comments name the page without line numbers (each catalog is one page), and a
  catalog whose only change would be its POT-Creation-Date is left alone: small diffs.
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import PoFileError, denormalize, write_po
from sphinx_intl.catalog import load_po, update_with_fuzzy

from brochure.editions import LOCALE_DIR

WIDTH = 79


class CatalogError(RuntimeError):
    pass


@dataclass
class Update:
    po_path: Path
    status: str  # "created", "updated" or "unchanged"


def _restore_previous_ids(catalog) -> None:
    """Babel reads ``#| msgid`` back as a translator comment; make it the previous msgid again."""
    for message in catalog:
        previous = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        quoted = [line[len("msgid "):] if line.startswith("msgid ") else line
                  for line in previous if line.startswith(("msgid ", '"'))]
        if quoted:
            message.previous_id = [denormalize("\n".join(quoted))]


def _read(path: Path):
    try:
        catalog = load_po(str(path), abort_invalid=True)
        _restore_previous_ids(catalog)
        return catalog
    except PoFileError as err:
        reason = str(err).rsplit(" on ", 1)[0]
        raise CatalogError(f"{_show(path)}:{err.lineno}: {reason}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CatalogError(f"{_show(path)}: cannot read: {err}") from None


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _serialize(catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=True, include_lineno=False)
    return buffer.getvalue()


def _without_creation_date(data: bytes) -> bytes:
    return b"\n".join(line for line in data.split(b"\n") if not line.startswith(b'"POT-Creation-Date:'))


def plan(pot_dir: Path, languages: list[str], locale_dir: Path = LOCALE_DIR) -> list[tuple[Path, Path, str]]:
    """(template, catalog, language) for every template and language."""
    return [
        (pot, locale_dir / lang / "LC_MESSAGES" / pot.relative_to(pot_dir).with_suffix(".po"), lang)
        for lang in languages
        for pot in sorted(pot_dir.rglob("*.pot"))
    ]


def update(pot_dir: Path, languages: list[str], locale_dir: Path = LOCALE_DIR) -> list[Update]:
    jobs = plan(pot_dir, languages, locale_dir)
    # Read everything first: one unreadable catalog stops the run before any file is written.
    merged = []
    for pot_path, po_path, lang in jobs:
        template = _read(pot_path)
        if po_path.exists():
            catalog = _read(po_path)
            previous = {m.id: m.previous_id for m in catalog if m.id and m.previous_id}
            update_with_fuzzy(catalog, template)
            # Babel keeps the previous msgid only for new fuzzy matches, not for entries that
            # were fuzzy already and still await review.
            for message in catalog:
                if message.fuzzy and not message.previous_id and message.id in previous:
                    message.previous_id = previous[message.id]
            merged.append((po_path, catalog, "updated"))
        else:
            template.locale = lang
            merged.append((po_path, template, "created"))
    results = []
    for po_path, catalog, status in merged:
        data = _serialize(catalog)
        if po_path.exists():
            old = po_path.read_bytes()
            if _without_creation_date(old) == _without_creation_date(data):
                results.append(Update(po_path, "unchanged"))
                continue
        po_path.parent.mkdir(parents=True, exist_ok=True)
        po_path.write_bytes(data)
        results.append(Update(po_path, status))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("pot_dir", type=Path)
    parser.add_argument("languages", nargs="+")
    args = parser.parse_args(argv)
    if not args.pot_dir.is_dir():
        print(f"error: {args.pot_dir}: no such template directory (run make update-po)", file=sys.stderr)
        return 2
    try:
        results = update(args.pot_dir, args.languages)
    except CatalogError as err:
        print(f"error: {err}\nNo catalog was changed.", file=sys.stderr)
        return 1
    for result in results:
        if result.status != "unchanged":
            print(f"{result.status}: {_show(result.po_path)}")
    changed = sum(r.status != "unchanged" for r in results)
    print(f"{changed} of {len(results)} catalogs changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
