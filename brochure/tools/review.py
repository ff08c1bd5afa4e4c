"""``python -m brochure.tools.review tr [--since REF]``: a bilingual review document.

For reviewers who do not use PO tools: one HTML file, self-contained (its style inline, no
script, no link it needs), that opens from disk and lists every message of an edition's
catalogs — or, with ``--since REF`` (``make review-tr SINCE=v1.0``), every message whose German
or translation changed since that git reference — with

* the German, and where a previous German exists its change word by word (deleted words struck
  through, new ones underlined): the previous text a fuzzy entry keeps (``#| msgid``), or,
  with ``--since``, the German the catalog had at the reference;
* the translation, marked with the edition's language and direction;
* its state: translated, fuzzy (the German changed and the translation awaits review) or
  untranslated;
* its catalog file and line, where a PO editor finds it.

The catalogs at the reference are read with ``git show REF:path``; nothing is checked out.
Written with the project's atomic writer to ``_build/review/review-<code>.html`` (or
``--output``). Exit status 0; 2 for a usage error, an unknown reference or a catalog that
cannot be read (named with its file and line, as ``make check-po`` names it).
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

import polib

from brochure.base.editions import BUILD_DIR, INTERFACE_MSGID_LANGUAGE, ROOT, EditionsError, publication
from brochure.base.output_files import write_file
from brochure.i18n.direction import text_direction
from brochure.i18n.paths import edition_catalogs, is_interface
from brochure.i18n.reading import load_catalog

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"
# Word diffs cost the product of the two texts' lengths; beyond this the change is shown whole.
MAX_DIFF_WORDS_PRODUCT = 400 * 400


class ReviewError(Exception):
    """A reason the document cannot be written (reference, catalog), said in one line."""


@dataclass(frozen=True)
class Message:
    file: str  # relative to the project root
    line: int
    context: str | None
    german: str
    translation: str
    state: str
    previous_german: str | None  # what the German was before (fuzzy entry, or at the reference)
    source_language: str  # German for the pages; the interface catalog's msgids are English


def state_of(entry: polib.POEntry) -> str:
    if entry.fuzzy:
        return FUZZY
    return TRANSLATED if entry.translated() else UNTRANSLATED


def translation_of(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return "\n".join(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return entry.msgstr


def current_messages(code: str, root: Path) -> list[tuple[Path, polib.POEntry]]:
    """Every live entry of the edition's catalogs, read as the gate reads them."""
    found = []
    for path in edition_catalogs(code, root / "locale"):
        catalog, findings = load_catalog(path)
        if catalog is None:
            raise ReviewError("; ".join(finding.format() for finding in findings) or f"{path}: unreadable")
        found += [(path, entry) for entry in catalog.po if not entry.obsolete]
    return found


def catalog_at(reference: str, path: Path, root: Path) -> polib.POFile | None:
    """The catalog as it was at *reference*; None when it did not exist there."""
    relative = path.relative_to(root).as_posix()
    shown = subprocess.run(["git", "-C", str(root), "show", f"{reference}:{relative}"],
                           capture_output=True, check=False)
    if shown.returncode != 0:
        return None
    try:
        return polib.pofile(shown.stdout.decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise ReviewError(f"{relative} at {reference}: unreadable ({err})") from err


def check_reference(reference: str, root: Path) -> None:
    verified = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet",
                               f"{reference}^{{commit}}"], capture_output=True, check=False)
    if verified.returncode != 0:
        raise ReviewError(f"unknown git reference: {reference}")


def _closest(german: str, candidates: list[str]) -> str | None:
    """The German at the reference this message most likely was (its words most alike)."""
    words = german.split()
    best, best_ratio = None, 0.5
    for candidate in candidates:
        other = candidate.split()
        if len(words) * len(other) > MAX_DIFF_WORDS_PRODUCT:
            continue
        ratio = difflib.SequenceMatcher(None, other, words, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


def messages(code: str, root: Path = ROOT, since: str | None = None) -> list[Message]:
    """The messages to review: all, or those whose German or translation changed since *since*."""
    if since is not None:
        check_reference(since, root)
    listed = []
    by_catalog: dict[Path, list[polib.POEntry]] = {}
    for path, entry in current_messages(code, root):
        by_catalog.setdefault(path, []).append(entry)
    for path, entries in by_catalog.items():
        before = catalog_at(since, path, root) if since is not None else None
        old = {(entry.msgctxt, entry.msgid): entry for entry in before or [] if not entry.obsolete}
        now = {(entry.msgctxt, entry.msgid) for entry in entries}
        gone = [msgid for (context, msgid) in old if (context, msgid) not in now]
        for entry in entries:
            previous = entry.previous_msgid or None
            if since is not None:
                earlier = old.get((entry.msgctxt, entry.msgid))
                if earlier is not None:
                    if translation_of(earlier) == translation_of(entry):
                        continue  # neither the German nor the translation changed
                elif previous is None:
                    previous = _closest(entry.msgid, gone)
            listed.append(Message(
                file=path.relative_to(root).as_posix(), line=entry.linenum, context=entry.msgctxt,
                german=entry.msgid, translation=translation_of(entry), state=state_of(entry),
                previous_german=previous if previous != entry.msgid else None,
                source_language=INTERFACE_MSGID_LANGUAGE if is_interface(path) else publication().source_language,
            ))
    return listed


def word_diff(before: str, after: str) -> str:
    """*after* as HTML, words not in *before* in ``<ins>``, removed ones in ``<del>``."""
    old, new = before.split(" "), after.split(" ")
    if len(old) * len(new) > MAX_DIFF_WORDS_PRODUCT:
        return f"<del>{escape(before)}</del> <ins>{escape(after)}</ins>"
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape(" ".join(new[j1:j2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
    return " ".join(parts)


STYLE = """
body { font-family: "Liberation Sans", Arial, sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .5rem; text-align: start; vertical-align: top; }
th { background: #eee; }
td.where { white-space: nowrap; font-family: "Liberation Mono", monospace; font-size: .85em; }
td.text { width: 40%; white-space: pre-wrap; overflow-wrap: anywhere; }
del { color: #8b0000; background: #fde8e8; }
ins { color: #004d00; background: #e3f6e3; text-decoration: underline; }
.state { font-weight: bold; }
.fuzzy .state { color: #7a4a00; }
.untranslated .state { color: #8b0000; }
"""


def document(code: str, listed: list[Message], since: str | None) -> str:
    edition = publication().edition(code)
    direction = text_direction(code)
    counts = {state: sum(message.state == state for message in listed) for state in (TRANSLATED, FUZZY, UNTRANSLATED)}
    scope = (f"messages whose German or translation changed since <code>{escape(since)}</code>"
             if since else "every message")
    rows = []
    for message in listed:
        german = (word_diff(message.previous_german, message.german) if message.previous_german
                  else escape(message.german))
        context = f"<br>context: {escape(message.context)}" if message.context else ""
        rows.append(
            f'<tr class="{message.state}">'
            f'<td class="where">{escape(message.file)}:{message.line}{context}</td>'
            f'<td class="text" lang="{message.source_language}" '
            f'dir="{text_direction(message.source_language)}">{german}</td>'
            f'<td class="text" lang="{code}" dir="{direction}">{escape(message.translation)}</td>'
            f'<td class="state">{message.state}</td></tr>'
        )
    body = "\n".join(rows) or '<tr><td colspan="4">No message to review.</td></tr>'
    title = f"Review of the {escape(edition.native_name)} translation ({code})"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{len(listed)} messages: {scope}. {counts[TRANSLATED]} translated, {counts[FUZZY]} fuzzy,
{counts[UNTRANSLATED]} untranslated. The original is the German text (the interface catalog's
is English); a changed original shows
<del>removed words</del> and <ins>new words</ins>.</p>
<table>
<thead><tr><th scope="col">catalog:line</th><th scope="col">original</th>
<th scope="col">translation</th><th scope="col">state</th></tr></thead>
<tbody>
{body}
</tbody>
</table>
</main>
</body>
</html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m brochure.tools.review", description=__doc__.split("\n")[0])
    parser.add_argument("code", help="edition code of a translation, e.g. tr")
    parser.add_argument("--since", help="git reference: list only what changed since")
    parser.add_argument("--output", type=Path, help="the HTML file (default: _build/review/review-<code>.html)")
    args = parser.parse_args(argv)
    try:
        if args.code not in {edition.code for edition in publication().translations}:
            raise ReviewError(f"{args.code} is not a translated edition of editions.toml")
        listed = messages(args.code, ROOT, args.since)
    except (ReviewError, EditionsError) as err:
        print(f"review: {err}", file=sys.stderr)
        return 2
    output = args.output or BUILD_DIR / "review" / f"review-{args.code}.html"
    write_file(output, document(args.code, listed, args.since).encode("utf-8"))
    print(f"{output}: {len(listed)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
