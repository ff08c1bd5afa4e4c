"""Every build is the gate: it publishes only catalogs it checked, compiled from what it checked.

Translators are outsiders to the build, and whatever their catalog says would reach the
published pages. Sphinx itself lets most of it through: a msgstr that adds a link or an
image is published, one whose structure differs silently shows German, and the warnings it
does give are forgotten on the next incremental build, which no longer re-reads the page.
Worse, Sphinx would read more than anyone checks: it compiles ``.po`` files with its own
reader (Babel, which reads some lines differently from msgfmt and polib), and gettext loads
any ``.mo`` it finds, in ``locale/tr_TR/`` before ``locale/tr/``.

So this extension runs when the configuration is read (``config-inited``), before Sphinx
reads a source or writes a page, and

1. lists the edition's catalogs by name (:func:`brochure.i18n.admission.survey`): a link, a
   device, an oversized file, a ``.mo`` without its ``.po``, a language-variant folder are
   refused before anything is read;
2. reads each admitted file once and runs the translation core's integrity rules over exactly
   those bytes (:func:`brochure.i18n.rules.check_integrity`, the same call ``check-po`` and
   the release check make), msgfmt compiling the same copy it checks;
3. refuses the build on any finding, with an error that lists each one as
   ``catalog:line: [rule] message (page …)``;
4. otherwise copies every checked ``.po`` and its ``.mo`` into the build's own locale
   directory (:func:`brochure.i18n.paths.checked_locale_dir`, beside the doctrees), each file
   written to a temporary name, synced and renamed, and rewritten only when it changed (its
   modification time is what Sphinx's incremental build compares), and removes from there
   every catalog that is no longer admitted;
5. points ``locale_dirs`` at that directory and loads the interface catalog from it.

``conf.py`` sets ``locale_dirs = []`` (Sphinx loads no project catalog before this runs) and
``gettext_auto_build = False`` (Sphinx compiles nothing), and names the translators' folder in
``translation_catalogs``. Nothing else under ``locale/`` is ever read by a build: not by Sphinx,
gettext, the templates nor the search page. The same happens in ``make html-xx``,
``make editions``, the live preview (which calls :func:`gate` before every rebuild), ``make
release`` and a plain ``sphinx-build``, so a refused catalog stays refused until it is fixed;
the build after the fix passes without ``-E``. The event comes before Sphinx creates the
builder, so builders that publish nothing (``gettext``, which ``make update-po`` runs, with
the source language) pass the same gate: for them it checks the source's interface catalog.

Pages built from every edition's catalogs (the credits, the translation status) take them
through :func:`checked_catalogs`: only catalogs that pass, as the bytes that passed, so another
edition's broken catalog never breaks or defaces this edition's build.

An unchanged catalog is not checked twice: the build's locale directory keeps a manifest of
the copies it holds with the rules' fingerprint, and a copy whose ``.po`` and ``.mo`` are
what the manifest says, made by the same rules from the same bytes, is taken as checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

import brochure.i18n
from brochure.i18n.admission import read_admitted, survey
from brochure.i18n.gettext_tools import GettextError
from brochure.i18n.model import Finding
from brochure.i18n.paths import MESSAGES, checked_locale_dir, docname_of
from brochure.i18n.rules import check_integrity

MANIFEST = "manifest.json"


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


def gate(app: Sphinx, config: Config | None = None) -> None:
    """Check the edition's catalogs and give the build the checked copies, or refuse it."""
    config = config or app.config
    language = str(config.language)
    source = Path(app.srcdir, config.translation_catalogs)
    target = checked_locale_dir(app.doctreedir)
    messages = target / language / MESSAGES
    paths, findings = survey(language, source)
    manifest = _load(target / MANIFEST)
    fingerprint = _rules_fingerprint()
    if manifest.get("rules") != fingerprint or manifest.get("language") != language:
        manifest = {}
    held: dict[str, list[str]] = manifest.get("catalogs", {})
    wanted: dict[str, list[str]] = {}
    unknown: list[Path] = []
    for path in paths:
        relative = path.relative_to(source / language / MESSAGES).as_posix()
        data, refused = read_admitted(path)
        if data is None:
            findings += refused
            continue
        digest = _sha(data)
        if held.get(relative, [None])[0] == digest and _holds(messages / relative, held[relative]):
            wanted[relative] = held[relative]
        else:
            unknown.append(path)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target, prefix=".work-") as work:
        try:
            checked = check_integrity(unknown, Path(work))
        except GettextError as err:
            raise CatalogRefused(str(err)) from None
        for result in checked:
            findings += result.findings
        if findings:
            raise CatalogRefused(report(language, findings))
        for result in checked:
            relative = result.path.relative_to(source / language / MESSAGES).as_posix()
            po, mo = messages / relative, (messages / relative).with_suffix(".mo")
            assert result.data is not None and result.compiled is not None  # no findings
            compiled = result.compiled.read_bytes()
            # The .po first: Sphinx would take a .mo older than its .po for outdated.
            _replace(po, result.data)
            _replace(mo, compiled)
            wanted[relative] = [_sha(result.data), _sha(compiled)]
    _remove_others(target, language, wanted)
    if wanted != held or manifest.get("rules") != fingerprint:
        _save(target / MANIFEST, {"rules": fingerprint, "language": language, "catalogs": wanted})
    config.locale_dirs = [str(target)]


OTHER_EDITIONS = "other-editions.json"


def checked_catalogs(doctreedir: Path | str, code: str, source: Path | str) -> dict[Path, bytes]:
    """The catalogs of edition *code* that pass every rule, each with the bytes that passed.

    For pages built from every edition's catalogs (the translator credits, the translation
    status): they must neither crash on another edition's broken catalog nor show what it
    says, and they read what was checked, not the file again. The build's own edition comes
    from the gate's checked copies; another edition's catalogs are admitted and checked here,
    as that edition's gate would, and only those without a finding are returned. Their
    refusal is that edition's build's report, so here a failing catalog is only left out.
    Verdicts are kept beside the doctrees, keyed by the checked bytes and the rules.
    """
    source = Path(source)
    own = checked_locale_dir(doctreedir) / code / MESSAGES
    manifest = _load(checked_locale_dir(doctreedir) / MANIFEST)
    if manifest.get("language") == code and manifest.get("rules") == _rules_fingerprint():
        return {source / code / MESSAGES / relative: (own / relative).read_bytes()
                for relative in sorted(manifest.get("catalogs", {}))}
    cache_file = Path(doctreedir) / OTHER_EDITIONS
    cache = _load(cache_file)
    fingerprint = _rules_fingerprint()
    passed: dict[Path, bytes] = {}
    unknown: list[Path] = []
    fresh: dict[str, dict] = {}
    for path in survey(code, source)[0]:
        data, _refused = read_admitted(path)
        if data is None:
            continue  # refused by name: this edition's gate reports it
        key = _sha(data + fingerprint.encode("ascii"))
        verdict = cache.get(str(path), {})
        if verdict.get("key") != key:
            unknown.append(path)
            continue
        fresh[str(path)] = verdict
        if verdict.get("passes"):
            passed[path] = data
    try:
        results = check_integrity(unknown)
    except GettextError as err:
        raise CatalogRefused(str(err)) from None
    for result in results:
        if result.data is None:
            continue
        ok = not result.findings
        fresh[str(result.path)] = {"key": _sha(result.data + fingerprint.encode("ascii")), "passes": ok}
        if ok:
            passed[result.path] = result.data
    if fresh != cache:
        _save(cache_file, fresh)
    return {path: passed[path] for path in sorted(passed)}


def report(language: str, findings: list[Finding]) -> str:
    files = len({finding.path for finding in findings})
    lines = [
        f"{len(findings)} problem(s) in {files} catalog(s) of the {language!r} edition; "
        "nothing was built. Fix each line below (make check-po lists the same):"
    ]
    for finding in sorted(set(findings)):
        if finding.check == "file":  # refused by name: no page reads it
            lines.append(f"  {finding.format()}")
            continue
        page = docname_of(finding.path)
        lines.append(f"  {finding.format()}" + (f" (page {page})" if page else " (interface)"))
    return "\n".join(lines)


def _holds(po: Path, digests: list[str]) -> bool:
    """The build's copy of a catalog and its .mo are the ones the manifest names."""
    try:
        return _sha(po.read_bytes()) == digests[0] and _sha(po.with_suffix(".mo").read_bytes()) == digests[1]
    except (OSError, IndexError):
        return False


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _replace(path: Path, data: bytes) -> None:
    """*path* holds *data*: unchanged when it does already, else written whole or not at all."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_others(target: Path, language: str, wanted: dict[str, list[str]]) -> None:
    """Everything in the build's locale directory but the wanted catalogs goes: a catalog
    deleted or refused in ``locale/`` is not read from an earlier build's copy."""
    keep = {f"{language}/{MESSAGES}/{relative}" for relative in wanted}
    keep |= {name[:-3] + ".mo" for name in keep}
    for path in sorted(target.rglob("*"), reverse=True):
        name = path.relative_to(target).as_posix()
        if name == MANIFEST or name.startswith(".work-") or name in keep:
            continue
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        else:
            path.unlink()


def _load(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(path: Path, manifest: dict) -> None:
    _replace(path, json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _load_interface(app: Sphinx, config: Config) -> None:
    """Sphinx loaded its interface translator before any extension ran, from ``locale_dirs``
    as ``conf.py`` left it (empty: Sphinx's own catalogs only). Load it again as Sphinx does
    (``Sphinx._init_i18n``), the checked copy first, before the builder installs it in the
    templates."""
    import sphinx
    import sphinx.locale

    sphinx.locale.translators.pop(("general", "sphinx"), None)
    directories = [*config.locale_dirs, None, Path(sphinx.__file__).parent / "locale"]
    app.translator, _ = sphinx.locale.init(directories, config.language)


def _gate_and_load(app: Sphinx, config: Config) -> None:
    gate(app, config)
    _load_interface(app, config)


def setup(app: Sphinx) -> dict:
    app.add_config_value("translation_catalogs", "locale", "env", types=frozenset({str}))
    # Before every other handler: the edition extension and the template loader must see the
    # checked catalogs, and a refused build must stop before anything else happens.
    app.connect("config-inited", _gate_and_load, priority=1)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
