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

One finding per mistake: an entry whose markup did not parse as the German text's does
([markup]) is not judged by the later rules (:func:`entry_integrity`), nor by the editorial
checks (``Checked.broken``): a dropped backtick would otherwise also be reported as raw HTML
(the role's ``<target>``), as a missing role and as an unknown word (the role's name).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from brochure.i18n.admission import read_admitted
from brochure.i18n.headers import check_header
from brochure.i18n.markup import check_markup
from brochure.i18n.model import Catalog, Entry, Finding
from brochure.i18n.reading import compiled_differences, layout_findings, load_catalog, msgfmt_findings
from brochure.i18n.references import check_reference
from brochure.i18n.safety import check_html, check_placeholder, check_resource, check_scheme

INTEGRITY_CHECKS = ("file", "syntax", "header", "markup", "html", "scheme", "resource", "placeholder", "reference")
EDITORIAL_CHECKS = ("format", "whitespace", "quotes", "term", "spelling")
CHECK_IDS = INTEGRITY_CHECKS + EDITORIAL_CHECKS

ENTRY_RULES: dict[str, Callable[[Entry], list[Finding]]] = {
    "markup": check_markup,
    "html": check_html,
    "scheme": check_scheme,
    "resource": check_resource,
    "placeholder": check_placeholder,
    "reference": check_reference,
}


@dataclass
class Checked:
    """One catalog after the integrity rules: the parse (None when unreadable) and findings.

    ``data`` is what was read of the file and judged; ``compiled`` the ``.mo`` msgfmt made of
    exactly those bytes (None when the catalog has findings): the only form in which a build
    may use the catalog.
    """

    path: Path
    catalog: Catalog | None
    findings: list[Finding] = field(default_factory=list)
    data: bytes | None = None
    compiled: Path | None = None
    # Entries with integrity findings: the editorial checks skip them (one finding per mistake).
    broken: frozenset[Entry] = frozenset()


def check_integrity(paths: Iterable[Path], workdir: Path | None = None) -> list[Checked]:
    """Every integrity rule over ``paths``. Raises GettextError when msgfmt is not installed.

    Each file is read once (:func:`~brochure.i18n.admission.read_admitted`: no link, device or
    oversized file is read) into a copy in *workdir* (a temporary folder when None); msgfmt
    checks and compiles that copy in one run, polib parses it for the rules, and the compiled
    catalog is compared with polib's reading (:func:`~brochure.i18n.reading.compiled_differences`).
    So what the rules judged is byte for byte what a build compiles and loads: the gate
    publishes ``compiled`` from *workdir*. The copies stay in *workdir* for the caller.
    """
    paths = [Path(path) for path in paths]
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="catalogs-")))
        read = [read_admitted(path) for path in paths]
        copies: list[Path | None] = []
        for index, (path, (data, _)) in enumerate(zip(paths, read, strict=True)):
            copy = None
            if data is not None:
                copy = Path(workdir, str(index), path.name)
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(data)
            copies.append(copy)
        # msgfmt is a process per catalog: run them side by side, then parse in this process.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            strict = list(pool.map(_msgfmt, paths, copies))
        return [_judge(path, data, refused, copy, syntax)
                for path, (data, refused), copy, syntax in zip(paths, read, copies, strict, strict=True)]


def _msgfmt(path: Path, copy: Path | None) -> list[Finding] | None:
    return None if copy is None else msgfmt_findings(copy, display=path, output=copy.with_suffix(".mo"))


def _judge(path: Path, data: bytes | None, refused: list[Finding], copy: Path | None,
           syntax: list[Finding] | None) -> Checked:
    if data is None or copy is None or syntax is None:
        return Checked(path, None, sorted(refused))
    findings = layout_findings(path, data)
    catalog, read_findings = load_catalog(path, syntax, source=copy, raw=data)
    findings += read_findings
    compiled = copy.with_suffix(".mo")
    broken: set[Entry] = set()
    if catalog is not None:
        findings += catalog_integrity(catalog, broken)
        if not syntax and compiled.is_file():
            findings += compiled_differences(catalog, compiled)
    findings = sorted(set(findings))
    usable = catalog is not None and not findings and compiled.is_file()
    return Checked(path, catalog, findings, data, compiled if usable else None, frozenset(broken))


def catalog_integrity(catalog: Catalog, broken: set[Entry] | None = None) -> list[Finding]:
    """The header's and every published entry's integrity findings; the entries that have
    some are added to *broken*."""
    findings = check_header(catalog)
    for entry in catalog.entries:
        if entry.fuzzy or not entry.msgstr.strip():
            # Sphinx shows the German text for these, so nothing of them reaches a page; a
            # fuzzy entry's old translation is checked once a translator clears the flag.
            continue
        found = entry_integrity(entry)
        if found and broken is not None:
            broken.add(entry)
        findings += found
    return findings


# Judged first, and alone when they find something: a link with a forbidden scheme is not
# parsed as a link (its brackets show as text), and markup that did not parse shows its
# pieces as text; the other rules would report the same mistake again in other words.
_FIRST = ("scheme", "markup")


def entry_integrity(entry: Entry) -> list[Finding]:
    """The entry rules; a finding of one of ``_FIRST`` (in that order) is the entry's only one."""
    for name in _FIRST:
        findings = ENTRY_RULES[name](entry)
        if findings:
            return findings
    return [finding for name, rule in ENTRY_RULES.items() if name not in _FIRST for finding in rule(entry)]
