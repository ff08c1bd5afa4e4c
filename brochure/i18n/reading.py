"""Reading a catalog, and the [syntax] rule that decides whether it can be read at all.

polib is lenient: an unterminated string silently becomes an empty msgstr, ``\\q`` is
accepted, a duplicate msgid is kept twice, a translation cut in two by a blank line loses
its second half. GNU gettext's ``msgfmt --check-format`` is the reference reader: strict
about syntax, encoding and duplicates, and it compares ``%(name)s`` placeholders, whose
mismatch breaks the interface strings at build time. So every catalog goes through msgfmt
first and polib second; a machine without msgfmt gets a
:class:`~brochure.i18n.gettext_tools.GettextError` naming the Debian package, never a
silently weaker check. Every failure in a catalog becomes a finding
with a line number; nothing here raises for bad input.

:func:`read_catalog` is the cached polib parse that readers of valid catalogs share (the
status figures, the translator credits): one parse per file version, not one per reader.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import polib

from brochure.i18n import gettext_tools
from brochure.i18n.admission import read_admitted
from brochure.i18n.model import Catalog, Entry, Finding, suppressed_checks
from brochure.i18n.paths import is_interface, locale_folder

_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_MSGFMT_LOCATION = re.compile(r"(\d+)(?::\d+)?: (.*)")


def load_catalog(path: Path, strict: list[Finding] | None = None, *,
                 source: Path | None = None, raw: bytes | None = None) -> tuple[Catalog | None, list[Finding]]:
    """The parsed catalog (None when unreadable) and the [syntax] findings.

    ``strict``: msgfmt's findings for the file when the caller already has them. ``source``
    and ``raw``: the copy to parse and its bytes, when the caller read *path* already
    (:func:`brochure.i18n.rules.check_integrity` parses the very bytes it compiles); findings
    and the catalog still name *path*. Without them *path* is read through
    :func:`~brochure.i18n.admission.read_admitted` (a link or a device is refused, not read).
    """
    path = Path(path)
    if raw is None:
        raw, refused = read_admitted(path)
        if raw is None:
            return None, refused
    source = Path(source) if source is not None else path
    strict = msgfmt_findings(source, display=path) if strict is None else strict
    try:
        po = polib.pofile(str(source))
    except (OSError, ValueError, LookupError) as err:
        # msgfmt's lines are more precise than polib's; fall back to polib's own message.
        return None, strict or [_polib_failure(path, raw, err)]
    encoding = po.encoding if _known_encoding(po.encoding) else "utf-8"
    lines = raw.decode(encoding, errors="replace").splitlines()
    catalog = _catalog(path, po, lines)
    catalog.po = po
    return catalog, strict


def _known_encoding(name: str) -> bool:
    try:
        "".encode(name)
    except (LookupError, TypeError):
        return False
    return True


def _polib_failure(path: Path, raw: bytes, err: Exception) -> Finding:
    if isinstance(err, UnicodeDecodeError):
        line = raw[: err.start].count(b"\n") + 1
        return Finding(path, line, "syntax", f"not valid {err.encoding}: byte {raw[err.start]:#04x}")
    if isinstance(err, LookupError):
        line = _first_line_with(raw, b"charset=")
        return Finding(path, line, "syntax", f"unknown charset in Content-Type ({err})")
    match = _POLIB_LINE.search(str(err))
    line = int(match.group(1)) if match else 1
    message = re.sub(r"^Syntax error in po file .*?\(line \d+\):?\s*", "", str(err)).strip()
    return Finding(path, line, "syntax", f"syntax error{': ' + message if message else ''}")


def _first_line_with(raw: bytes, needle: bytes) -> int:
    for number, text in enumerate(raw.splitlines(), start=1):
        if needle in text:
            return number
    return 1


def msgfmt_findings(path: Path, *, display: Path | None = None, output: Path | None = None) -> list[Finding]:
    """``msgfmt --check-format`` errors as findings. Raises GettextError without msgfmt.

    ``output``: where msgfmt writes the compiled catalog (nowhere by default); ``display``:
    the name the findings give the file (the translator's file, when *path* is its copy).
    """
    msgfmt = gettext_tools.tool("msgfmt")
    display = Path(display) if display is not None else Path(path)
    try:
        result = subprocess.run(
            [msgfmt, "--check-format", "-o", str(output) if output else os.devnull, "--", str(path)],
            capture_output=True,
            text=True,
            errors="replace",
            # Untranslated, so the messages can be parsed and are the same for everyone.
            env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as err:
        return [Finding(display, 1, "syntax", f"msgfmt could not check the file: {err}")]
    findings: list[Finding] = []
    prefix = f"{path}:"
    for text in result.stderr.splitlines():
        if not text.startswith(prefix):
            continue  # "msgfmt: found 2 fatal errors" and similar summaries
        match = _MSGFMT_LOCATION.match(text[len(prefix):])
        if not match:
            continue  # file-level warnings without a line: the [header] check covers them
        line, message = int(match.group(1)), "msgfmt: " + match.group(2).strip()
        if "end-of-line within string" in message:
            line = max(line - 1, 1)  # msgfmt counts the newline that ends the string's line
        if "...this is the location of the first definition" in message and findings:
            previous = findings.pop()
            message = f"{previous.message.rstrip('.')} (first definition at line {line})"
            line = previous.line
        findings.append(Finding(display, line, "syntax", message))
    if result.returncode != 0 and not findings:
        findings.append(Finding(display, 1, "syntax", "msgfmt refused the file"))
    return findings


# -- one reading for every reader ----------------------------------------------------------
#
# PO readers differ at the edges of the format. Babel (Sphinx's compiler) separates a keyword
# from its string only at a space, polib and msgfmt also at a tab, form feed or vertical tab;
# polib reads a file with universal newlines (a CR ends a line), Babel and msgfmt do not;
# Python's str.splitlines() also ends lines at FS, GS, RS, NEL and U+2028/2029; readers strip
# different sets of white space around a line; msgfmt joins two strings on one line, polib
# takes them for one. Each edge is a place where the message a check reads and the message a
# reader publishes can differ. Comparing two particular readers would close only the edges
# of those two (and a new reader, or a new version, brings new ones), so the rule is an
# allow-list instead: the layout every reader reads alike, which is also what msgcat writes.
# A line is empty, a comment (``#`` at the start), a keyword at the start followed by exactly
# one space and a string, or a string alone; after the closing quote, nothing; no control
# character anywhere (a tab only inside a string or a comment); no line or paragraph
# separator anywhere. Anything else is an integrity finding at its line, whatever any reader
# would make of it. Written by hand because no reader reports what it tolerates; the line
# grammar is three regular expressions and a string scan, linear in the file.

_KEYWORD = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])(?=[^\w\[])")
_SEPARATOR = re.compile(r"[^\S\n]+|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]+")
# Anywhere in the file: what any reader may take for the end of a line or a separator.
_NEVER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def layout_findings(path: Path, raw: bytes) -> list[Finding]:
    """[syntax] findings for every line that PO readers may read differently (see above)."""
    findings: list[Finding] = []
    text = raw.decode("utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), start=1):
        problem = _line_problem(line)
        if problem:
            findings.append(Finding(Path(path), number, "syntax", problem + _ADVICE))
    return findings


_ADVICE = " (PO readers disagree on such a line, so what is checked could differ from what is published)"


def _line_problem(line: str) -> str | None:
    never = _NEVER.search(line)
    if never:
        return f"{_describe(never.group())} in the line"
    if not line or line.startswith("#"):
        return None
    if line.startswith('"'):
        start = 0
    else:
        keyword = _KEYWORD.match(line)
        if not keyword:
            first = line[0]
            if first.isspace():
                return f"the line starts with {_describe(first)}; a keyword or a string starts at the beginning"
            return "not a line of the PO format"
        rest = line[keyword.end():]
        separator = _SEPARATOR.match(rest)
        if not separator or separator.group() != " " or not rest[1:].startswith('"'):
            found = _describe(separator.group()) if separator else "no space"
            return f"{found} after {keyword.group()}; exactly one space separates a keyword from its string"
        start = keyword.end() + 1
    end = _string_end(line, start)
    if end < 0:
        return None  # an unterminated string: msgfmt's [syntax] finding names it
    if line[end:]:
        return f"{_describe(line[end:])} after the closing quote; nothing may follow a string on its line"
    return None


def _string_end(line: str, start: int) -> int:
    """The index after the string that opens at *start*, or -1 when it is not closed."""
    index = start + 1
    while index < len(line):
        character = line[index]
        if character == "\\":
            index += 2
            continue
        if character == '"':
            return index + 1
        index += 1
    return -1


def _describe(text: str) -> str:
    if text.strip():
        return repr(text[:20])
    names = []
    for character in dict.fromkeys(text):
        name = unicodedata.name(character, "") or _CONTROL_NAMES.get(character, "a control character")
        count = text.count(character)
        names.append(f"U+{ord(character):04X} {name.lower()}" + (f" ×{count}" if count > 1 else ""))
    return ", ".join(names)


_CONTROL_NAMES = {"\t": "tab", "\r": "carriage return", "\x0b": "vertical tab", "\x0c": "form feed",
                  "\x85": "next line", "\x1c": "file separator", "\x1d": "group separator",
                  "\x1e": "record separator", "\x00": "null"}


def compiled_differences(catalog: Catalog, mo_path: Path) -> list[Finding]:
    """[syntax] findings where the compiled catalog differs from what the rules judged.

    The build publishes msgfmt's ``.mo``; the rules judge polib's reading of the same bytes.
    The layout rule above keeps the two readers' inputs unambiguous; this compares their
    results, so a disagreement nobody has thought of yet is refused too: every translated
    message polib read must be in the ``.mo`` with the same translation, and nothing else.
    The ``.mo`` is read by polib's ``mofile`` (a binary table, no parsing choices).
    """
    expected: dict[tuple[str | None, str], tuple] = {}
    lines: dict[tuple[str | None, str], int] = {}
    for entry in catalog.po or ():
        if entry.obsolete or entry.fuzzy or entry.msgid == "" or not entry.translated():
            continue
        key = (entry.msgctxt, entry.msgid)
        expected[key] = _compiled_value(entry)
        lines[key] = _find_line(catalog.lines, max((entry.linenum or 1) - 1, 0), "msgstr")
    try:
        mo = polib.mofile(str(mo_path))
    except (OSError, ValueError) as err:
        return [Finding(catalog.path, 1, "syntax", f"the compiled catalog cannot be read back: {err}")]
    found = {(entry.msgctxt, entry.msgid): _compiled_value(entry) for entry in mo if entry.msgid != ""}
    findings = []
    for key in sorted(expected.keys() | found.keys(), key=lambda item: (item[0] or "", item[1])):
        if expected.get(key) == found.get(key):
            continue
        if key in expected:
            what = "a different translation" if key in found else "no translation"
            message = f"msgfmt compiles {what} for this message than the checks read{_ADVICE}"
            findings.append(Finding(catalog.path, lines[key], "syntax", message))
        else:
            message = f"msgfmt compiles a message the checks did not read: {key[1][:60]!r}{_ADVICE}"
            findings.append(Finding(catalog.path, catalog.line_of(key[1][:40], 1), "syntax", message))
    # msgfmt leaves out the template's date, so that a .mo does not change with it.
    judged = {key: value for key, value in catalog.metadata.items() if key != "POT-Creation-Date"}
    if dict(mo.metadata) != judged:
        findings.append(Finding(catalog.path, catalog.header_line or 1, "syntax",
                                f"msgfmt compiles a different header than the checks read{_ADVICE}"))
    return findings


def _compiled_value(entry: polib.POEntry | polib.MOEntry) -> tuple:
    plural = tuple(sorted((int(index), text) for index, text in entry.msgstr_plural.items()))
    return (entry.msgid_plural or None, entry.msgstr if not plural else "", plural)


def _catalog(path: Path, po: polib.POFile, lines: list[str]) -> Catalog:
    folder_lang, locale_root = locale_folder(path)
    interface = is_interface(path)
    metadata = dict(po.metadata)
    header_line = _header_line(lines)
    catalog = Catalog(
        path=path,
        lang=folder_lang or metadata.get("Language") or None,
        folder_lang=folder_lang,
        interface=interface,
        metadata=metadata,
        header_line=header_line,
        lines=lines,
        locale_root=locale_root,
    )
    for po_entry in po:
        if po_entry.obsolete or po_entry.msgid == "":
            continue
        catalog.entries.extend(_entries(catalog, po_entry))
    return catalog


def _header_line(lines: list[str]) -> int:
    for number, text in enumerate(lines, start=1):
        if text.strip() == 'msgid ""':
            # The header is the first entry; its msgstr follows on the next line.
            return number + 1 if number < len(lines) and lines[number].startswith("msgstr") else number
        if text.startswith("msgid "):
            return 0
    return 0


def _entries(catalog: Catalog, po_entry: polib.POEntry) -> list[Entry]:
    lines = catalog.lines
    start = max((po_entry.linenum or 1) - 1, 0)
    msgid_line = _find_line(lines, start, "msgid ")
    common = dict(
        lang=catalog.lang,
        interface=catalog.interface,
        path=catalog.path,
        msgid_line=msgid_line,
        ignored=suppressed_checks(po_entry.tcomment),
        fuzzy=po_entry.fuzzy,
    )
    if po_entry.msgid_plural:
        entries = []
        for index, msgstr in sorted(po_entry.msgstr_plural.items()):
            msgid = po_entry.msgid if int(index) == 0 else po_entry.msgid_plural
            line = _find_line(lines, msgid_line - 1, f"msgstr[{index}]")
            entries.append(Entry(msgid=msgid, msgstr=msgstr, msgstr_line=line,
                                 msgstr_lines=_string_lines(lines, line, msgstr), **common))
        return entries
    line = _find_line(lines, max(msgid_line - 1, start), "msgstr")
    return [Entry(msgid=po_entry.msgid, msgstr=po_entry.msgstr, msgstr_line=line,
                  msgstr_lines=_string_lines(lines, line, po_entry.msgstr), **common)]


_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
               "f": "\f", "v": "\v"}


def _string_lines(lines: list[str], first: int, text: str) -> tuple[tuple[int, int], ...]:
    """(offset in *text*, line) for each line of the string that starts at line *first*
    (``msgstr "…"`` and the ``"…"`` lines after it); empty if they do not add up to *text*."""
    starts = []
    offset = 0
    for index in range(first - 1, len(lines)):
        line = lines[index].strip()
        if index > first - 1 and not line.startswith('"'):
            break
        opening, closing = line.find('"'), line.rfind('"')
        if opening < 0 or closing <= opening:
            return ()
        starts.append((offset, index + 1))
        offset += len(_unescape(line[opening + 1:closing]))
    return tuple(starts) if offset == len(text) else ()


def _unescape(literal: str) -> str:
    out, index = [], 0
    while index < len(literal):
        char = literal[index]
        if char == "\\" and index + 1 < len(literal):
            out.append(_PO_ESCAPES.get(literal[index + 1], literal[index + 1]))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _find_line(lines: list[str], start: int, prefix: str) -> int:
    for index in range(start, len(lines)):
        if lines[index].startswith(prefix):
            return index + 1
    return start + 1


def read_catalog(path: Path) -> polib.POFile:
    """The parsed catalog, shared by every caller until the file changes: do not modify it.

    Raises OSError/ValueError for unreadable or broken files.
    """
    stat = Path(path).stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _read(path: str, mtime_ns: int, size: int) -> polib.POFile:
    # mtime and size are not read here: they are the cache key, so a changed file is re-read.
    return polib.pofile(path)
