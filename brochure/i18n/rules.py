"""The rulebook: which rules a catalog must pass, and running them.

Two kinds of rule:

* **integrity** — what would break, deface or endanger a published page, or silently show
  German instead of the translation: PO syntax, encoding and duplicates ([syntax]), the
  header ([header]), MyST structure, links, images, roles and reference targets
  ([markup]), raw HTML ([html]), link schemes ([scheme]), interface placeholders
  ([placeholder]) and references that print a page title mid-sentence ([reference]).
  Every build refuses a catalog that breaks one (``brochure.sphinxext.catalog_gate``);
  ``check-po`` and ``make release`` report them.
  They cannot be switched off with a ``# check-po: ignore`` comment.
* **editorial** — what a reviewer would correct but a reader can live with: the catalog's
  layout (not the one GNU gettext writes, [format]), white space, quotation marks,
  terminology and spelling (``brochure.tools.check_po``). ``check-po``
  and ``make release`` report them; the build does not wait for them, so a translator can
  preview a page before the spelling is perfect.

:func:`check_integrity` is the single entry point for the integrity rules; the build gate
and ``check-po`` both call it, so they report the same findings at the same lines.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from brochure.i18n.headers import check_header
from brochure.i18n.markup import check_markup
from brochure.i18n.model import Catalog, Entry, Finding
from brochure.i18n.reading import load_catalog, msgfmt_findings
from brochure.i18n.references import check_reference
from brochure.i18n.safety import check_html, check_placeholder, check_scheme

INTEGRITY_CHECKS = ("syntax", "header", "markup", "html", "scheme", "placeholder", "reference")
EDITORIAL_CHECKS = ("format", "whitespace", "quotes", "term", "spelling")
CHECK_IDS = INTEGRITY_CHECKS + EDITORIAL_CHECKS

ENTRY_RULES: dict[str, Callable[[Entry], list[Finding]]] = {
    "markup": check_markup,
    "html": check_html,
    "scheme": check_scheme,
    "placeholder": check_placeholder,
    "reference": check_reference,
}


@dataclass
class Checked:
    """One catalog after the integrity rules: the parse (None when unreadable) and findings."""

    path: Path
    catalog: Catalog | None
    findings: list[Finding] = field(default_factory=list)


def check_integrity(paths: Iterable[Path]) -> list[Checked]:
    """Every integrity rule over ``paths``. Raises GettextError when msgfmt is not installed."""
    paths = [Path(path) for path in paths]
    # msgfmt is a process per catalog: run them side by side, then parse in this process.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        strict = list(pool.map(_msgfmt_if_file, paths))
    results = []
    for path, syntax in zip(paths, strict, strict=True):
        catalog, findings = load_catalog(path, syntax)
        if catalog is not None:
            findings += catalog_integrity(catalog)
        results.append(Checked(Path(path), catalog, sorted(findings)))
    return results


def _msgfmt_if_file(path: Path) -> list[Finding] | None:
    return msgfmt_findings(path) if path.is_file() else None


def catalog_integrity(catalog: Catalog) -> list[Finding]:
    findings = check_header(catalog)
    for entry in catalog.entries:
        if entry.fuzzy or not entry.msgstr.strip():
            # Sphinx shows the German text for these, so nothing of them reaches a page; a
            # fuzzy entry's old translation is checked once a translator clears the flag.
            continue
        for rule in ENTRY_RULES.values():
            findings += rule(entry)
    return findings
