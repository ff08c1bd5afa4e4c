"""Every build is the gate: a catalog that breaks an integrity rule stops the build.

Translators are outsiders to the build, and whatever their catalog says would reach the
published pages. Sphinx itself lets most of it through: a msgstr that adds a link or an
image is published, one whose structure differs silently shows German, and the warnings it
does give are forgotten on the next incremental build, which no longer re-reads the page.

So before anything is read or written, this extension runs the translation core's integrity
rules (:func:`brochure.i18n.rules.check_integrity`, the same call ``check-po`` makes) over
every catalog of the edition's language and, if any finding remains, stops the build with an
error that lists each one as ``catalog:line: [rule] message (page …)``. It does so on every
build, not only on the one that reads the page, so a refused catalog stays refused — in
``make html-xx``, ``make editions``, the live preview and a plain ``sphinx-build`` — until it
is fixed; the build after the fix passes without ``-E``. Builders that publish nothing
(``gettext``, which ``make update-po`` runs) are not gated.

The verdict of each catalog is kept in the doctree directory, keyed by the file's content
and the rules' own source, so an unchanged catalog is not checked twice and a changed
catalog or rule is always checked again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx

import brochure.i18n
from brochure.i18n.gettext_tools import GettextError
from brochure.i18n.model import Finding
from brochure.i18n.paths import docname_of, edition_catalogs, sphinx_locale_dirs
from brochure.i18n.rules import check_integrity

UNGATED_BUILDERS = frozenset({"gettext"})
VERDICTS = "catalog-verdicts.json"


class CatalogRefused(SystemExit):
    """The end of a refused build; its message is the report.

    A ``SystemExit``, not a ``SphinxError``: Sphinx 9 prints every exception that reaches
    ``sphinx-build``, its own "nice" errors included, as a crash report (versions, a saved
    traceback, a request to report a Sphinx bug; sphinx-doc/sphinx#14543). ``sphinx-build``
    lets ``SystemExit`` through, so Python prints the report alone and exits with status 1.
    Whoever runs Sphinx in-process (the live preview) catches it like any exception.
    """

    category = "Translation refused"

    def __init__(self, report: str) -> None:
        super().__init__(f"{self.category}: {report}")  # what Python prints at exit
        self.report = report

    def __str__(self) -> str:
        return self.report


def _rules_fingerprint() -> str:
    """Changes whenever the code of the rules changes (a new rule re-checks every catalog)."""
    digest = hashlib.sha256()
    for path in sorted(Path(brochure.i18n.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def gate(app: Sphinx) -> None:
    if app.builder.name in UNGATED_BUILDERS:
        return
    language = str(app.config.language)
    findings: list[Finding] = []
    cache_file = Path(app.doctreedir) / VERDICTS
    cache = _load(cache_file)
    fresh: dict[str, dict] = {}
    fingerprint = _rules_fingerprint()
    for locale_dir in sphinx_locale_dirs(app.srcdir, app.config.locale_dirs):
        paths = edition_catalogs(language, locale_dir)
        if not paths:
            continue
        keys = {path: _key(path, fingerprint) for path in paths}
        unknown = [path for path in paths if cache.get(str(path), {}).get("key") != keys[path]]
        try:
            checked = {result.path: result for result in check_integrity(unknown)}
        except GettextError as err:
            raise CatalogRefused(str(err)) from None
        for path in paths:
            if path in checked:
                verdict = {"key": keys[path], "findings": [_as_json(f) for f in checked[path].findings]}
            else:
                verdict = cache[str(path)]
            fresh[str(path)] = verdict
            findings += [_from_json(path, item) for item in verdict["findings"]]
    if fresh != cache:
        _save(cache_file, fresh)
    if findings:
        raise CatalogRefused(report(language, findings))


def report(language: str, findings: list[Finding]) -> str:
    files = len({finding.path for finding in findings})
    lines = [
        f"{len(findings)} problem(s) in {files} catalog(s) of the {language!r} edition; "
        "nothing was built. Fix each line below (make check-po lists the same):"
    ]
    for finding in sorted(findings):
        page = docname_of(finding.path)
        lines.append(f"  {finding.format()}" + (f" (page {page})" if page else " (interface)"))
    return "\n".join(lines)


def _key(path: Path, fingerprint: str) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(fingerprint.encode("ascii"))
    return digest.hexdigest()


def _as_json(finding: Finding) -> list:
    return [finding.line, finding.check, finding.message]


def _from_json(path: Path, item: list) -> Finding:
    line, check, message = item
    return Finding(path, line, check, message)


def _load(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(path: Path, verdicts: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(verdicts, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)


def setup(app: Sphinx) -> dict:
    # builder-inited: after the configuration (language, locale_dirs) is final, before Sphinx
    # reads a source or writes a page.
    app.connect("builder-inited", gate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
