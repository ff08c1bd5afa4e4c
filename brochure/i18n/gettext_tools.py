"""GNU gettext's own tools: the reference for the PO format and for merging catalogs.

Every catalog of the project is byte-identical to what ``msgcat --no-wrap`` writes for it
(:data:`LAYOUT`): a string is broken into lines only after each ``\\n``, never at a width. It is
the one layout that GNU gettext and Weblate's writer (translate-toolkit, with Weblate's "Long
lines wrapping" set to "Only wrap lines at newlines", :data:`brochure.i18n.weblate.PO_LINE_WRAP`)
write byte for byte alike, for every message and header: at a width the two break lines
differently (around MyST roles, before a parenthesis, at 80 columns). So a save by msgcat,
Poedit or Lokalize set not to wrap, or Weblate, changes nothing but what the translator changed
(tests/tools/test_weblate_layout.py saves every catalog through translate-toolkit).

``msgmerge --previous`` brings catalogs up to date with their templates; it is the
implementation the ``#| msgid`` format was defined by, and the only one that writes multi-line
previous msgids that every reader reads back identically.

The tools come with the Debian package ``gettext``; a missing tool is reported by that name.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

PACKAGE = "gettext"
# How gettext's tools write the project's catalogs (msgcat, msgmerge): no line wrapping.
LAYOUT = ("--no-wrap",)
NORMALIZE_TARGET = "make normalize-po"

# "file.po:14: message" or "file.po:14:8: message", as every gettext tool reports a problem.
_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?:\d+:)? (?P<message>.+)$")
# English messages whatever the user's locale, so the errors the tools report can be parsed.
_ENV = {**os.environ, "LC_ALL": "C"}


class GettextError(RuntimeError):
    """A gettext tool is missing or refused a file; the message names file and line."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def tool(name: str) -> str:
    """The path of gettext tool *name*, or a GettextError naming the package to install."""
    found = shutil.which(name)
    if found is None:
        raise GettextError(f"{name} not found: install the Debian package {PACKAGE!r} "
                           f"(sudo apt-get install {PACKAGE})")
    return found


def _run(name: str, args: list[str], stdin: bytes | None = None) -> bytes:
    result = subprocess.run([tool(name), *args], input=stdin, capture_output=True, env=_ENV)
    if result.returncode != 0:
        raise _problem(name, result.stderr.decode("utf-8", "replace"))
    return result.stdout


def _problem(name: str, stderr: str) -> GettextError:
    """The first problem the tool reported, as ``file:line: message``."""
    for text in stderr.splitlines():
        found = _PROBLEM.match(text)
        if found:
            line = int(found["line"])
            if found["message"] == "end-of-line within string" and line > 1:
                line -= 1  # gettext counts the newline that ended the string: the next line
            return GettextError(f"{found['file']}:{line}: {found['message']}", line)
    return GettextError(stderr.strip() or f"{name} failed")


def msgcat(path: Path, *options: str) -> bytes:
    """The catalog as GNU gettext writes it in the project's layout (its canonical form)."""
    return _run("msgcat", [*LAYOUT, *options, "--output-file=-", str(path)])


def msgcat_text(data: bytes, name: str = "<catalog>", *options: str) -> bytes:
    """msgcat for a catalog held in memory; *name* is only used in error messages."""
    try:
        return _run("msgcat", [*LAYOUT, *options, "--output-file=-", "-"], stdin=data)
    except GettextError as err:
        raise GettextError(str(err).replace("<stdin>", name, 1), err.line) from None


def msgmerge(catalog: Path, template: Path, compendium: Path | None = None) -> bytes:
    """*catalog* brought up to date with *template*, losing nothing.

    *compendium*: a catalog whose translations fill messages *catalog* does not translate,
    exact matches only (a guessed, fuzzy one would only be noise for the translator).

    A changed message keeps its translation, marked fuzzy, with the previous msgid; a removed
    one stays as an obsolete entry; a new one is added untranslated. Locations name the file
    only: each catalog is one page, and line numbers would change with every edit above them.
    """
    extra = [f"--compendium={compendium}", "--no-fuzzy-matching"] if compendium else []
    return _run("msgmerge", [*LAYOUT, "--quiet", "--previous", "--add-location=file", *extra,
                             "--output-file=-", str(catalog), str(template)])


def canonical_problem(path: Path) -> tuple[int, str] | None:
    """(line, message) when *path* is not byte-identical to what msgcat writes for it.

    The line is the first one that differs; the message says how to fix it. A catalog msgcat
    cannot read is reported with the line and reason msgcat gives. None when canonical.
    """
    try:
        expected = msgcat(path)
    except GettextError as err:
        return (err.line or 1, f"msgcat cannot read the catalog: {err}")
    actual = Path(path).read_bytes()
    if actual == expected:
        return None
    ours, theirs = actual.split(b"\n"), expected.split(b"\n")
    line = next((n for n, (a, b) in enumerate(zip(ours, theirs, strict=False), start=1) if a != b),
                min(len(ours), len(theirs)))
    return (line, f"not in the project's layout from this line on (line breaks or order differ "
                  f"from what `msgcat {' '.join(LAYOUT)}` writes: set the editor not to wrap "
                  f"lines); run `{NORMALIZE_TARGET}`")
