"""[header]: the header fields Sphinx, Babel and msgfmt rely on.

A wrong ``Language`` makes Babel pick the wrong plural rules and misleads translation tools;
a charset other than UTF-8 garbles the German umlauts and Turkish letters the moment one
tool rewrites the file; without ``Plural-Forms`` msgfmt cannot compile plural messages.
"""

from __future__ import annotations

import re

from brochure.tools.check_po.model import Catalog, Finding

_CHARSET = re.compile(r"charset\s*=\s*([\w.:-]+)", re.IGNORECASE)


def check_header(catalog: Catalog) -> list[Finding]:
    return [*_language(catalog), *_charset(catalog), *_plural_forms(catalog)]


def _finding(catalog: Catalog, field: str, message: str) -> Finding:
    line = catalog.line_of(f'"{field}:', catalog.header_line or 1)
    return Finding(catalog.path, line, "header", message)


def _language(catalog: Catalog) -> list[Finding]:
    declared = catalog.metadata.get("Language", "").strip()
    expected = catalog.folder_lang
    if not declared:
        wanted = f" (should be {expected!r})" if expected else ""
        return [_finding(catalog, "Language", f"no Language header{wanted}")]
    if expected and declared != expected:
        return [
            _finding(
                catalog,
                "Language",
                f"Language header says {declared!r}, but the catalog is in the {expected!r} folder",
            )
        ]
    return []


def _charset(catalog: Catalog) -> list[Finding]:
    content_type = catalog.metadata.get("Content-Type", "")
    match = _CHARSET.search(content_type)
    if not match:
        return [_finding(catalog, "Content-Type", "Content-Type header names no charset (use UTF-8)")]
    if match.group(1).upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        return [
            _finding(catalog, "Content-Type", f"charset is {match.group(1)}, not UTF-8")
        ]
    return []


def _plural_forms(catalog: Catalog) -> list[Finding]:
    if catalog.metadata.get("Plural-Forms", "").strip():
        return []
    return [_finding(catalog, "Plural-Forms", "no Plural-Forms header")]
