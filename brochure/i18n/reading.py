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
from pathlib import Path

import polib

from brochure.i18n import gettext_tools
from brochure.i18n.model import Catalog, Entry, Finding, suppressed_checks
from brochure.i18n.paths import is_interface, locale_folder

_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_MSGFMT_LOCATION = re.compile(r"(\d+)(?::\d+)?: (.*)")


def load_catalog(path: Path, strict: list[Finding] | None = None) -> tuple[Catalog | None, list[Finding]]:
    """The parsed catalog (None when unreadable) and the [syntax] findings.

    ``strict``: msgfmt's findings for the file when the caller already has them.
    """
    path = Path(path)
    if not path.exists():
        return None, [Finding(path, 1, "syntax", "no such file")]
    if not path.is_file():
        return None, [Finding(path, 1, "syntax", "not a regular file")]
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Finding(path, 1, "syntax", f"cannot read the file: {err.strerror or err}")]

    strict = msgfmt_findings(path) if strict is None else strict
    try:
        po = polib.pofile(str(path))
    except (OSError, ValueError, LookupError) as err:
        # msgfmt's lines are more precise than polib's; fall back to polib's own message.
        return None, strict or [_polib_failure(path, raw, err)]
    encoding = po.encoding if _known_encoding(po.encoding) else "utf-8"
    lines = raw.decode(encoding, errors="replace").splitlines()
    return _catalog(path, po, lines), strict


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


def msgfmt_findings(path: Path) -> list[Finding]:
    """``msgfmt --check-format`` errors as findings. Raises GettextError without msgfmt."""
    msgfmt = gettext_tools.tool("msgfmt")
    try:
        result = subprocess.run(
            [msgfmt, "--check-format", "-o", os.devnull, "--", str(path)],
            capture_output=True,
            text=True,
            errors="replace",
            # Untranslated, so the messages can be parsed and are the same for everyone.
            env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as err:
        return [Finding(path, 1, "syntax", f"msgfmt could not check the file: {err}")]
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
        findings.append(Finding(path, line, "syntax", message))
    return findings


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
            entries.append(Entry(msgid=msgid, msgstr=msgstr, msgstr_line=line, **common))
        return entries
    line = _find_line(lines, max(msgid_line - 1, start), "msgstr")
    return [Entry(msgid=po_entry.msgid, msgstr=po_entry.msgstr, msgstr_line=line, **common)]


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
