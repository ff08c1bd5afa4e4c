"""Every build refuses a catalog that breaks a rule, names its file and line, and keeps refusing.

One copy of the project is built once (Turkish HTML); then each hostile or broken catalog of
``CASES`` is written into it in turn and

* a plain ``sphinx-build -W`` (what Read the Docs and the Makefile run) fails before writing a
  page, naming the catalog, the line and the page;
* a second build, with nothing changed, fails again (Sphinx forgets warnings of pages it does
  not re-read; the gate does not);
* ``check-po`` reports the same rule at the same line: one rulebook, two callers;

and the catalog is restored. The line each case expects comes from the written file itself
(the ``msgstr`` line of the entry that carries the marker, or the header field), not from
the code under test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from brochure.i18n.rules import INTEGRITY_CHECKS
from brochure.tools.check_po import __main__ as check_po
from support import copy_project

pytestmark = pytest.mark.rebuild  # copies the project and builds it again

MARK = "ZZMARK"
TR = Path("locale/tr/LC_MESSAGES")


@dataclass(frozen=True)
class Case:
    id: str
    catalog: str  # below locale/tr/LC_MESSAGES
    rule: str
    change: Callable[[Path], None]
    line_of: str = MARK  # the expected line is the msgstr line of the entry containing this,
    header: bool = False  # ... or, for header cases, the line containing it


def msgstr(predicate: Callable[[polib.POEntry], bool], new: Callable[[str], str]) -> Callable[[Path], None]:
    """Replace the msgstr of the first translated entry matching *predicate*."""

    def change(path: Path) -> None:
        catalog = polib.pofile(str(path))
        entry = next(e for e in catalog if e.msgstr and not e.fuzzy and predicate(e))
        entry.msgstr = new(entry.msgstr)
        catalog.save()

    return change


def any_entry(entry: polib.POEntry) -> bool:
    return not entry.msgid.startswith(("#", "-")) and len(entry.msgid) > 20


def header(field: str, value: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        new, count = re.subn(rf'^"{field}: .*\\n"$', f'"{field}: {value}\\\\n"', text, flags=re.M)
        assert count == 1, f"{path} has no {field} header"
        path.write_text(new, encoding="utf-8")

    return change


def raw(old: str, new: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def duplicate_first_message(path: Path) -> None:
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgstr and any_entry(e))
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f'\nmsgid "{polib.escape(entry.msgid)}"\nmsgstr "{MARK}"\n', encoding="utf-8")


def invalid_byte(path: Path) -> None:
    msgstr(any_entry, lambda s: f"{MARK} INVALID {s}")(path)
    path.write_bytes(path.read_bytes().replace(b"INVALID", b"\xff", 1))


PAGE = "index.po"
INTERFACE = "sphinx.po"
CASES = [
    # resources and links the msgid does not have
    Case("image", PAGE, "markup", msgstr(any_entry, lambda s: f"{s} ![](https://tracker.example/p.gif?{MARK})")),
    Case("link", PAGE, "markup", msgstr(any_entry, lambda s: f"{s} [{MARK}](https://example.org/)")),
    Case("autolink", PAGE, "markup", msgstr(any_entry, lambda s: f"{s} <https://example.org/{MARK}>")),
    Case("javascript-link", PAGE, "scheme", msgstr(any_entry, lambda s: f"{s} [{MARK}](javascript:alert(1))")),
    Case("data-image", PAGE, "scheme", msgstr(any_entry, lambda s: f"{s} ![{MARK}](data:image/svg+xml;base64,PHN2Zz4=)")),
    Case("changed-url", "ueber-diese-ausgabe.po", "markup",
         msgstr(lambda e: "](https://" in e.msgid, lambda s: s.replace("](https://", f"](https://{MARK}.example/", 1))),
    # roles and their targets
    Case("doc-target", PAGE, "markup",
         msgstr(lambda e: "{doc}`ueber-diese-ausgabe`" in e.msgid,
                lambda s: s.replace("{doc}`ueber-diese-ausgabe`", f"{{doc}}`{MARK} <glossar>`"))),
    Case("term-target-typo", PAGE, "markup",
         msgstr(lambda e: "{term}" in e.msgid,
                lambda s: re.sub(r"(\{term\}`[^`<]*<)([^>]+)>", rf"\g<1>\g<2>{MARK}>", s, count=1))),
    Case("raw-role", PAGE, "markup", msgstr(any_entry, lambda s: f"{s} {{raw}}`<b>{MARK}</b>`")),
    # raw HTML and directives
    Case("inline-html", PAGE, "html", msgstr(any_entry, lambda s: f"{s} <img src=x onerror=alert('{MARK}')>")),
    Case("directive", PAGE, "markup", msgstr(any_entry, lambda s: f"```{{raw}} html\n<script>{MARK}</script>\n```")),
    # structure
    Case("paragraph-split", PAGE, "markup", msgstr(any_entry, lambda s: f"{s}\n\n{MARK} und mehr.")),
    Case("list-marker", PAGE, "markup", msgstr(any_entry, lambda s: f"- {MARK} {s}")),
    Case("numbered-list", PAGE, "markup", msgstr(any_entry, lambda s: f"3. {MARK} {s}")),
    Case("heading-marker", PAGE, "markup", msgstr(any_entry, lambda s: f"# {MARK} {s}")),
    Case("quote-marker", PAGE, "markup", msgstr(any_entry, lambda s: f"> {MARK} {s}")),
    # headers
    Case("plural-forms-script", INTERFACE, "header",
         header("Plural-Forms", "nplurals=2; plural=(n != 1)+alert(document.domain);"),
         line_of='"Plural-Forms:', header=True),
    Case("plural-forms-malformed", PAGE, "header", header("Plural-Forms", "nplurals=1; plural=n;"),
         line_of='"Plural-Forms:', header=True),
    Case("charset", PAGE, "header", header("Content-Type", "text/plain; charset=ISO-8859-1"),
         line_of='"Content-Type:', header=True),
    Case("language", PAGE, "header", header("Language", "de"), line_of='"Language:', header=True),
    # the interface catalog reaches the templates unescaped
    Case("interface-tag", INTERFACE, "html", raw('msgstr "Başa dön"', f'msgstr "{MARK}<img src=x onerror=alert(1)>"')),
    Case("interface-unclosed-tag", INTERFACE, "html", raw('msgstr "Başa dön"', f'msgstr "{MARK} <img src=x onerror=alert(1) "')),
    Case("interface-comment", INTERFACE, "html", raw('msgstr "Başa dön"', f'msgstr "{MARK} <!-- "')),
    Case("interface-attribute-quote", INTERFACE, "html",
         raw('msgstr "Başa dön"', f'msgstr "{MARK}\\" onmouseover=\\"alert(1)"')),
    Case("interface-placeholder", INTERFACE, "placeholder",
         raw('msgstr "Basılı sürüm, s. %(page)s"', f'msgstr "{MARK} %(page)s %(evil)s"')),
    # syntax, encoding, duplicates
    Case("duplicate", PAGE, "syntax", duplicate_first_message),
    Case("encoding", PAGE, "syntax", invalid_byte),
]


def expected_line(path: Path, case: Case) -> int:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    marked = next(number for number, text in enumerate(lines, 1) if case.line_of in text)
    if case.header:
        return marked
    if case.id == "duplicate":  # msgfmt points at the second definition's msgid
        return marked - 1
    return max(number for number in range(1, marked + 1) if lines[number - 1].startswith("msgstr"))


def sphinx_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "-c", ".",
         "-D", "language=tr", "-d", "_build/doctrees/tr", "source", "_build/html/tr"],
        cwd=project, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1395360000"},
    )


def reported(output: str) -> set[tuple[str, int, str]]:
    """(file, line, rule) of every ``file:line: [rule]`` line in a build's or check-po's output."""
    found = set()
    for match in re.finditer(r"^\s*(\S+\.po):(\d+): \[(\w+)\]", output, re.M):
        found.add((match.group(1), int(match.group(2)), match.group(3)))
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("gate") / "project")
    result = sphinx_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_every_build_refuses_and_check_po_agrees(project, case, monkeypatch, capsys):
    path = project / TR / case.catalog
    original = path.read_bytes()
    try:
        case.change(path)
        relative = str(TR / case.catalog)
        wanted = (relative, expected_line(path, case), case.rule)

        first, second = sphinx_build(project), sphinx_build(project)
        for result in (first, second):
            assert result.returncode != 0
            assert "Translation refused" in first.stderr
            assert wanted in reported(result.stderr), result.stderr
        page = "(interface)" if case.catalog == INTERFACE else "(page " + case.catalog.removesuffix(".po") + ")"
        assert page in first.stderr

        monkeypatch.chdir(project)
        assert check_po.main([relative]) == 1
        linted = {item for item in reported(capsys.readouterr().out) if item[2] in INTEGRITY_CHECKS}
        assert linted == reported(first.stderr), "check-po and the build disagree"
    finally:
        path.write_bytes(original)


def test_restored_catalogs_build_again(project):
    result = sphinx_build(project)
    assert result.returncode == 0, result.stderr


def test_refused_page_stays_refused_until_fixed_without_a_full_rebuild(project):
    """Published, broken, refused twice, fixed: the fix is published by a plain incremental build."""
    path = project / TR / "glossar.po"
    original = path.read_bytes()
    page = project / "_build/html/tr/glossar.html"
    try:
        msgstr(any_entry, lambda s: f"{s} ![](https://tracker.example/p.gif)")(path)
        assert sphinx_build(project).returncode != 0
        assert sphinx_build(project).returncode != 0
        assert "tracker.example" not in page.read_text(encoding="utf-8")

        msgstr(lambda e: "tracker.example" in e.msgstr,
               lambda s: s.replace(" ![](https://tracker.example/p.gif)", f" {MARK}"))(path)
        fixed = sphinx_build(project)
        assert fixed.returncode == 0, fixed.stderr
        assert MARK in page.read_text(encoding="utf-8")
    finally:
        path.write_bytes(original)
        assert sphinx_build(project).returncode == 0


@pytest.mark.parametrize("target", ["html-tr", "editions"])
def test_make_targets_refuse_with_file_and_line(project, target, tmp_path):
    path = project / TR / PAGE
    original = path.read_bytes()
    try:
        msgstr(any_entry, lambda s: f"{s} <script>{MARK}</script>")(path)
        env = {**os.environ, "BUILDDIR": str(tmp_path / "build"), "SOURCE_DATE_EPOCH": "1395360000"}
        result = subprocess.run(["make", "--no-print-directory", target], cwd=project, env=env,
                                capture_output=True, text=True)
        assert result.returncode != 0
        line = expected_line(path, Case("make", PAGE, "html", lambda p: None))
        assert (str(TR / PAGE), line, "html") in reported(result.stdout + result.stderr)
        assert not (tmp_path / "build" / "html" / "tr" / "index.html").exists()
    finally:
        path.write_bytes(original)
