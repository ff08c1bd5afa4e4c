"""Every build refuses a catalog that breaks a rule, names its file and line, and keeps refusing.

One copy of the project is built once (Turkish HTML); then the hostile or broken catalogs of
``CASES`` are written into it and

* a plain ``sphinx-build -W`` (what Read the Docs and the Makefile run) fails before writing a
  page, naming the catalog, the line, the rule and the page;
* a second build, with nothing changed, fails again (Sphinx forgets warnings of pages it does
  not re-read; the gate does not);
* ``check-po`` reports the same findings for the catalog: one rulebook, two callers;

and the catalogs are restored. The line each case expects comes from the written file itself
(the ``msgstr`` line of the entry that carries the case's marker, the header field, or the
line msgfmt names for a duplicate or an invalid byte), not from the code under test.

A build costs seconds and a refusal is decided before Sphinx reads a page, so the cases are
not built one by one: they are applied together, in as few rounds as keep them from masking
each other (:func:`rounds`), and each case then looks for its own finding in its round's
output. Two cases may share a round on different entries of one catalog, as the integrity
rules judge every entry on its own and the gate and check-po report every finding of every
catalog. A case that changes the catalog as a whole (a header field, or PO syntax that msgfmt
and polib may stop reading at) gets its catalog to itself: a wrong charset or an unreadable
file changes what is found in every other entry.

Three classes are built as classes, not examples, from what the PO format and its readers
accept (``CLASS_CASES``):

* every white space and separator a reader may take between a keyword and its string, or
  for the end of a line (every character Python's ``str.isspace`` accepts, which is what
  polib and Babel strip; msgfmt's space, tab, form feed, vertical tab and CR among them; a
  newline, none at all, two spaces, zero-width characters), after ``msgstr`` in a page
  catalog and after ``msgid`` in the interface catalog, plus white space before a keyword
  and text after a string. These are judged on the file's lines, so they share a catalog
  with each other (each on an entry of its own, marked by a comment) but not with cases
  that need the catalog parsed;
* every place gettext looks for a catalog of ``tr`` other than ``locale/tr/LC_MESSAGES/*.po``
  (the language-variant folders ``gettext.find`` tries, those other readers try, a ``.mo``
  without its ``.po``);
* every kind of file that is not a regular file (symbolic links to ``/dev/zero``, to
  ``/proc/self/environ``, to a catalog, dangling, to a folder; a FIFO, a character device, a
  socket, a folder named ``*.po``) and a file over the size limit.

The last two are refused by name, at line 1, before anything reads them; every case must also
leave the published page as it was (nothing written).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest

from brochure.i18n.admission import MAX_CATALOG_BYTES
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
    change: Callable[[Path, str], None]  # (catalog, the case's marker)
    header: str = ""  # a header case: the line of this field is expected, not the marker's
    # "entry" (judged on a parsed entry), "lexical" (judged on the file's lines) or "file"
    # (refused by name: catalog is the path below locale/, change creates it)
    kind: str = "entry"
    # Where the mistake begins when not at the marker: the finding names the line with this.
    starts: str = ""

    @property
    def mark(self) -> str:
        """Unique to the case: no case's marker is part of another's (``ZZlinkZZ``, ``ZZautolinkZZ``)."""
        return "ZZ" + self.id.replace("-", "") + "ZZ"

    @property
    def whole_catalog(self) -> bool:
        """The change affects how the whole catalog is read: no other case may share it."""
        return bool(self.header) or (self.rule == "syntax" and self.kind == "entry")

    @property
    def path(self) -> Path:
        """The file the finding names, relative to the project."""
        return Path("locale") / self.catalog if self.kind == "file" else TR / self.catalog


def unchanged(entry: polib.POEntry) -> bool:
    return "ZZ" not in entry.msgstr  # no case's marker yet: each case gets an entry of its own


def msgstr(predicate: Callable[[polib.POEntry], bool],
           new: Callable[[str, str], str]) -> Callable[[Path, str], None]:
    """Replace the msgstr (``new(msgstr, mark)``) of the first translated entry matching
    *predicate* that no other case has changed."""

    def change(path: Path, mark: str) -> None:
        catalog = polib.pofile(str(path))
        entry = next((e for e in catalog if e.msgstr and not e.fuzzy and unchanged(e) and predicate(e)), None)
        assert entry is not None, f"{path.name} has no (further) entry this case can change"
        entry.msgstr = new(entry.msgstr, mark)
        catalog.save()

    return change


def any_entry(entry: polib.POEntry) -> bool:
    return not entry.msgid.startswith(("#", "-")) and len(entry.msgid) > 20


def interface_text(entry: polib.POEntry) -> bool:
    """An interface string without tags, quotes or placeholders of its own."""
    return not re.search(r'[<>"%{]', entry.msgid + entry.msgstr)


def header(name: str, value: str) -> Callable[[Path, str], None]:
    def change(path: Path, mark: str) -> None:
        text = path.read_text(encoding="utf-8")
        new, count = re.subn(rf'^"{name}: .*\\n"$', f'"{name}: {value}\\\\n"', text, flags=re.M)
        assert count == 1, f"{path} has no {name} header"
        path.write_text(new, encoding="utf-8")

    return change


def duplicate_first_message(path: Path, mark: str) -> None:
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgstr and any_entry(e))
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f'\nmsgid "{polib.escape(entry.msgid)}"\nmsgstr "{mark}"\n', encoding="utf-8")


def invalid_byte(path: Path, mark: str) -> None:
    # The byte right after the marker, on its line (polib wraps long msgstrs at spaces).
    msgstr(any_entry, lambda s, m: f"{m}INVALID {s}")(path, mark)
    path.write_bytes(path.read_bytes().replace(b"INVALID", b"\xff", 1))


# Cases of one kind share a catalog, an entry each (index.po has only six entries to change);
# every whole-catalog case has a catalog of its own, so that all but one share a round.
PAGE = "index.po"
LINKS = "arbeitskreis/ausblicke.po"
STRUCTURE = "arbeitskreis/rueckblicke.po"
INTERFACE = "sphinx.po"
ROLES = "arbeitskreis/einblicke.po"
CASES = [
    # resources and links the msgid does not have
    Case("image", LINKS, "markup", msgstr(any_entry, lambda s, m: f"{s} ![](https://tracker.example/p.gif?{m})")),
    Case("link", LINKS, "markup", msgstr(any_entry, lambda s, m: f"{s} [{m}](https://example.org/)")),
    Case("autolink", LINKS, "markup", msgstr(any_entry, lambda s, m: f"{s} <https://example.org/{m}>")),
    Case("javascript-link", LINKS, "scheme", msgstr(any_entry, lambda s, m: f"{s} [{m}](javascript:alert(1))")),
    Case("data-image", LINKS, "scheme",
         msgstr(any_entry, lambda s, m: f"{s} ![{m}](data:image/svg+xml;base64,PHN2Zz4=)")),
    Case("changed-url", "ueber-diese-ausgabe.po", "markup",
         msgstr(lambda e: "](https://" in e.msgid, lambda s, m: s.replace("](https://", f"](https://{m}.example/", 1))),
    # roles and their targets
    Case("doc-target", PAGE, "markup",
         msgstr(lambda e: "<ueber-diese-ausgabe>`" in e.msgid,
                lambda s, m: re.sub(r"\{doc\}`[^`]*<ueber-diese-ausgabe>`", f"{{doc}}`{m} <glossar>`", s))),
    # a reference in running text that would print the target's whole title
    Case("doc-without-text", LINKS, "reference",
         msgstr(lambda e: "</ueber-diese-ausgabe>`" in e.msgid,
                lambda s, m: re.sub(r"\{doc\}`[^`]*</ueber-diese-ausgabe>`", "{doc}`/ueber-diese-ausgabe`", s) + f" {m}"),
         starts="{doc}"),  # the finding names the line where the reference begins
    Case("term-target-typo", PAGE, "markup",
         msgstr(lambda e: "{term}" in e.msgid,
                lambda s, m: re.sub(r"(\{term\}`[^`<]*<)([^>]+)>", rf"\g<1>\g<2>{m}>", s, count=1))),
    Case("raw-role", PAGE, "markup", msgstr(any_entry, lambda s, m: f"{s} {{raw}}`<b>{m}</b>`")),
    # a role with one backtick dropped: one finding, at the role
    Case("role-without-closing-backtick", ROLES, "markup",
         msgstr(lambda e: "{term}`" in e.msgstr,
                lambda s, m: re.sub(r"(\{term\}`[^`]*)`", r"\g<1>", s, count=1) + f" {m}"), starts="{term}"),
    Case("role-without-opening-backtick", ROLES, "markup",
         msgstr(lambda e: "{term}`" in e.msgstr, lambda s, m: s.replace("{term}`", "{term}", 1) + f" {m}"),
         starts="{term}"),  # the finding names the line where the role begins
    # raw HTML and directives
    Case("inline-html", LINKS, "html", msgstr(any_entry, lambda s, m: f"{s} <img src=x onerror=alert('{m}')>"),
         starts="<img"),
    Case("directive", LINKS, "markup", msgstr(any_entry, lambda s, m: f"```{{raw}} html\n<script>{m}</script>\n```")),
    # structure
    Case("paragraph-split", STRUCTURE, "markup", msgstr(any_entry, lambda s, m: f"{s}\n\n{m} und mehr.")),
    Case("list-marker", STRUCTURE, "markup", msgstr(any_entry, lambda s, m: f"- {m} {s}")),
    Case("numbered-list", STRUCTURE, "markup", msgstr(any_entry, lambda s, m: f"3. {m} {s}")),
    Case("heading-marker", STRUCTURE, "markup", msgstr(any_entry, lambda s, m: f"# {m} {s}")),
    Case("quote-marker", STRUCTURE, "markup", msgstr(any_entry, lambda s, m: f"> {m} {s}")),
    # headers, each in a catalog of its own
    Case("plural-forms-script", INTERFACE, "header",
         header("Plural-Forms", "nplurals=2; plural=(n != 1)+alert(document.domain);"), header="Plural-Forms"),
    Case("plural-forms-malformed", "anhang.po", "header", header("Plural-Forms", "nplurals=1; plural=n;"),
         header="Plural-Forms"),
    Case("charset", "schlusswort.po", "header", header("Content-Type", "text/plain; charset=ISO-8859-1"),
         header="Content-Type"),
    Case("language", "grussworte/kuhn.po", "header", header("Language", "de"), header="Language"),
    # names every edition's imprint shows (the German original's too)
    Case("translator-bidi-and-url", "handreichungen/index.po", "header",
         header("Last-Translator", "Ali \u202eTXT.EXE\u202c https://evil.example/real <a@b.c>"),
         header="Last-Translator"),
    Case("team-markup", "uebersetzungsstand.po", "header",
         header("Language-Team", "<b>Team</b> onmouseover=alert(2) <t@example.org>"), header="Language-Team"),
    # the interface catalog reaches the templates unescaped
    Case("interface-tag", INTERFACE, "html", msgstr(interface_text, lambda s, m: f"{m}<img src=x onerror=alert(1)>")),
    Case("interface-unclosed-tag", INTERFACE, "html",
         msgstr(interface_text, lambda s, m: f"{m} <img src=x onerror=alert(1) ")),
    Case("interface-comment", INTERFACE, "html", msgstr(interface_text, lambda s, m: f"{m} <!-- ")),
    Case("interface-attribute-quote", INTERFACE, "html",
         msgstr(interface_text, lambda s, m: f'{m}" onmouseover="alert(1)')),
    Case("interface-placeholder", INTERFACE, "placeholder",
         msgstr(lambda e: e.msgid == "Print edition, p. %(page)s", lambda s, m: f"{m} %(page)s %(evil)s")),
    # syntax, encoding, duplicates
    Case("duplicate", "grussworte/index.po", "syntax", duplicate_first_message),
    Case("encoding", "arbeitskreis/index.po", "syntax", invalid_byte),
]


# -- The classes -------------------------------------------------------------------------------

# Everything a reader may take for white space or a line's end: str.isspace() (what polib and
# Babel strip; the newline included), and what is not white space but invisible.
WHITESPACE = [chr(code) for code in range(0x110000) if chr(code).isspace()]
SEPARATORS = [*WHITESPACE, "", "  ", " \t", "\u200b", "\ufeff", "\u00ad"]
assert {"\t", "\x0b", "\x0c", "\r", "\n", "\x85", "\u00a0", "\u2028", "\u3000"} <= set(SEPARATORS)


def _entry_lines(lines: list[str]) -> list[int]:
    """Indexes of the msgid lines of the catalog's entries, header and obsolete ones left out."""
    found = [index for index, line in enumerate(lines) if line.startswith("msgid ")]
    return found[1:]  # the first is the header


def lexical(keyword: str, edit: Callable[[str, str], str]) -> Callable[[Path, str], None]:
    """Mark an entry no other case marked with a comment, then ``edit(line, keyword)`` its
    *keyword* line; the file is edited as text split at newlines only, as msgfmt reads it."""

    def change(path: Path, mark: str) -> None:
        lines = path.read_bytes().decode("utf-8").split("\n")
        for index in _entry_lines(lines):
            if "ZZ" in lines[index - 1]:
                continue
            target = index
            if keyword != "msgid":
                target = next(i for i in range(index + 1, len(lines)) if lines[i].startswith(keyword + " "))
            lines[target] = edit(lines[target], keyword)
            lines.insert(index, f"# {mark}")
            path.write_bytes("\n".join(lines).encode("utf-8"))
            return
        raise AssertionError(f"{path.name} has no (further) entry this case can change")

    return change


def separated(separator: str) -> Callable[[str, str], str]:
    return lambda line, keyword: keyword + separator + line[len(keyword) + 1:]


def _name(text: str) -> str:
    return "-".join(f"U{ord(c):04X}" for c in text) or "none"


SEPARATOR_PAGE = "glossar.po"
CLASS_CASES = [
    *(Case(f"after-msgstr-{_name(sep)}", SEPARATOR_PAGE, "syntax", lexical("msgstr", separated(sep)), kind="lexical")
      for sep in SEPARATORS if sep != " "),
    *(Case(f"after-msgid-{_name(sep)}", INTERFACE, "syntax", lexical("msgid", separated(sep)), kind="lexical")
      for sep in SEPARATORS if sep != " "),
    Case("after-msgid-plural-tab", INTERFACE, "syntax", lexical("msgid_plural", separated("\t")), kind="lexical"),
    *(Case(f"before-msgstr-{_name(sep)}", SEPARATOR_PAGE, "syntax",
           lexical("msgstr", lambda line, keyword, sep=sep: sep + line), kind="lexical")
      for sep in (" ", "\t", "\u00a0", "\ufeff")),
    *(Case(f"after-string-{name}", SEPARATOR_PAGE, "syntax",
           lexical("msgstr", lambda line, keyword, tail=tail: line + tail), kind="lexical")
      for name, tail in (("space", " "), ("tab", "\t"), ("second-string", ' "[x](https://evil.example/)"'),
                         ("cr", "\r"), ("comment", " # x"))),
]


def create(make: Callable[[Path], None]) -> Callable[[Path, str], None]:
    """A file case: *make* creates the path (its parent folders first)."""

    def change(path: Path, mark: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)

    return change


def compiled_catalog(path: Path) -> None:
    """A .mo compiled from a hostile catalog with msgfmt: what gettext would load."""
    source = path.with_name(path.name + ".source")
    source.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "Schlusswort"\nmsgstr "[evil](https://evil.example/)"\n', encoding="utf-8")
    subprocess.run(["msgfmt", "-o", str(path), str(source)], check=True)
    source.unlink()


def symlink(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def unix_socket(path: Path) -> None:
    with contextlib.chdir(path.parent), socket.socket(socket.AF_UNIX) as sock:
        sock.bind(path.name)  # relative: a socket's path is limited to 108 bytes


def character_device(path: Path) -> None:
    os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is


def oversized(path: Path) -> None:
    with path.open("wb") as stream:
        stream.write(b'msgid ""\nmsgstr ""\n' + b"#" * MAX_CATALOG_BYTES + b"\n")


# Every folder gettext.find tries for "tr" before "tr" itself (locale.normalize gives
# tr_TR.ISO8859-9), and the spellings other readers try.
VARIANTS = ["tr_TR.ISO8859-9", "tr_TR", "tr.ISO8859-9", "tr.UTF-8", "tr_TR.UTF-8", "tr@latin", "TR", "tr_CY"]
MESSAGES_DIR = "tr/LC_MESSAGES"
CLASS_CASES += [
    *(Case(f"variant-{name}", name, "file",
           lambda path, mark: create(compiled_catalog)(path / "LC_MESSAGES" / "schlusswort.mo", mark), kind="file")
      for name in VARIANTS),
    Case("mo-without-po", f"{MESSAGES_DIR}/schlusswort-neu.mo", "file", create(compiled_catalog), kind="file"),
    Case("mo-without-po-below", f"{MESSAGES_DIR}/grussworte/neu.mo", "file", create(compiled_catalog), kind="file"),
    Case("link-to-dev-zero", f"{MESSAGES_DIR}/notes.po", "file", create(symlink("/dev/zero")), kind="file"),
    Case("link-to-environ", f"{MESSAGES_DIR}/environ.po", "file", create(symlink("/proc/self/environ")), kind="file"),
    Case("link-to-catalog", f"{MESSAGES_DIR}/kopie.po", "file", create(symlink("index.po")), kind="file"),
    Case("dangling-link", f"{MESSAGES_DIR}/fehlt.po", "file", create(symlink("/nonexistent/x.po")), kind="file"),
    Case("link-to-folder", f"{MESSAGES_DIR}/extern", "file", create(symlink("/etc")), kind="file"),
    Case("link-as-mo", f"{MESSAGES_DIR}/index2.mo", "file", create(symlink("/dev/zero")), kind="file"),
    Case("fifo", f"{MESSAGES_DIR}/fifo.po", "file", create(os.mkfifo), kind="file"),
    Case("device", f"{MESSAGES_DIR}/zero.po", "file", create(character_device), kind="file"),
    Case("socket", f"{MESSAGES_DIR}/sock.po", "file", create(unix_socket), kind="file"),
    Case("folder", f"{MESSAGES_DIR}/ordner.po", "file", create(lambda path: path.mkdir()), kind="file"),
    Case("oversized", f"{MESSAGES_DIR}/gross.po", "file", create(oversized), kind="file"),
]
ALL_CASES = CASES + CLASS_CASES


def rounds(cases: list[Case]) -> list[list[Case]]:
    """The cases in as few rounds as keep every whole-catalog case alone in its catalog.

    First fit, in the order of ``cases``: entry cases of one catalog share a round (each
    changes an entry no other case changed), a whole-catalog case waits for a round in which
    nobody else touches its catalog.
    """
    groups: list[list[Case]] = []
    for case in cases:
        for group in groups:
            sharing = [other for other in group if other.catalog == case.catalog]
            mixed = any((other.kind == "lexical") != (case.kind == "lexical") for other in sharing)
            if not sharing or not (mixed or case.whole_catalog or any(other.whole_catalog for other in sharing)):
                group.append(case)
                break
        else:
            groups.append([case])
    return groups


def expected_line(path: Path, case: Case) -> int:
    if case.kind == "file":
        return 1  # refused by name
    if case.kind == "lexical":
        lines = path.read_bytes().decode("utf-8").split("\n")
        marked = next(number for number, text in enumerate(lines, 1) if text == f"# {case.mark}")
        return next(number for number in range(marked + 1, len(lines) + 1)
                    if lines[number - 1].lstrip(" \t\u00a0\ufeff").startswith(_keyword(case)))
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    needle = f'"{case.header}:' if case.header else case.mark
    marked = next(number for number, text in enumerate(lines, 1) if needle in text)
    if case.header:
        return marked
    if case.id == "duplicate":  # msgfmt points at the second definition's msgid
        return marked - 1
    if case.id == "encoding":  # msgfmt points at the line with the invalid byte
        return marked
    if case.id == "directive":  # the msgstr is another block from its first line on
        keyword = max(number for number in range(1, marked + 1) if lines[number - 1].startswith("msgstr"))
        return keyword + 1 if lines[keyword - 1] == 'msgstr ""' else keyword
    if case.starts:
        return max(number for number in range(1, marked + 1) if case.starts in lines[number - 1])
    if case.rule == "syntax":  # msgfmt names the msgstr keyword's line
        return max(number for number in range(1, marked + 1) if lines[number - 1].startswith("msgstr"))
    return marked  # the marker stands where the mistake is: the finding names that line


def _keyword(case: Case) -> str:
    return "msgid_plural" if "plural" in case.id else "msgid" if "msgid" in case.id else "msgstr"


def sphinx_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "-c", ".",
         "-D", "language=tr", "-d", "_build/doctrees/tr", "source", "_build/html/tr"],
        cwd=project, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1395360000"},
    )


FINDING = re.compile(r"^\s*(\S+?):(\d+): \[(\w+)\] (.*)$", re.M)


def reported(output: str) -> set[tuple[str, int, str]]:
    """(file, line, rule) of every ``file:line: [rule]`` line in a build's or check-po's output."""
    return {(file, int(line), rule) for file, line, rule, _ in FINDING.findall(output)}


def labels(output: str) -> dict[tuple[str, int, str], set[str]]:
    """The page label each finding of a refusal ends with: ``(page index)`` or ``(interface)``."""
    found: dict[tuple[str, int, str], set[str]] = {}
    for file, line, rule, message in FINDING.findall(output):
        label = re.search(r"\((page \S+|interface)\)$", message)
        found.setdefault((file, int(line), rule), set()).add(label.group(0) if label else "")
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("gate") / "project")
    result = sphinx_build(project)
    assert result.returncode == 0, result.stderr
    return project


@dataclass
class Round:
    """What one round's builds and check-po said about the cases applied together."""

    cases: list[Case]
    catalogs: list[str]  # relative to the project, as the gate and check-po name them
    expected: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # case id -> finding
    not_applied: dict[str, str] = field(default_factory=dict)  # case id -> why its change failed
    builds: list[subprocess.CompletedProcess] = field(default_factory=list)
    check_po_status: int | None = None
    check_po_output: str = ""
    published_before: dict[str, tuple[int, int]] = field(default_factory=dict)
    published_after: dict[str, tuple[int, int]] = field(default_factory=dict)


def published(project: Path) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file of the published edition."""
    out = project / "_build/html/tr"
    return {path.relative_to(out).as_posix(): (path.stat().st_mtime_ns, path.stat().st_size)
            for path in out.rglob("*") if path.is_file()}


def _remove(path: Path) -> None:
    """Delete what a file case created, never following a link."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)


def run_round(project: Path, cases: list[Case]) -> Round:
    catalogs = sorted({str(case.path) for case in cases})
    result = Round(cases, catalogs)
    originals = {str(case.path): (project / case.path).read_bytes() for case in cases if case.kind != "file"}
    created = [project / case.path for case in cases if case.kind == "file"]
    try:
        for case in cases:
            try:
                case.change(project / case.path, case.mark)
            except Exception as err:  # noqa: BLE001 - reported by that case's test alone
                result.not_applied[case.id] = f"{type(err).__name__}: {err}"
        for case in cases:  # on the catalogs as every case of the round left them
            if case.id not in result.not_applied:
                result.expected[case.id] = (str(case.path), expected_line(project / case.path, case), case.rule)
        result.published_before = published(project)
        result.builds = [sphinx_build(project), sphinx_build(project)]
        result.published_after = published(project)
        output = io.StringIO()
        with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(output):
            patch.chdir(project)  # check-po names catalogs relative to the working directory
            if created:  # files refused by name: check-po lists the editions as the builds do
                result.check_po_status = check_po.main(["--locale-dir", "locale"])
            else:
                result.check_po_status = check_po.main(catalogs)
        result.check_po_output = output.getvalue()
    finally:
        for path in created:
            _remove(path)
        for name, data in originals.items():
            (project / name).write_bytes(data)
    return result


@pytest.fixture(scope="module")
def refusals(project) -> dict[str, Round]:
    """Case id -> the round it was built in."""
    by_case = {}
    for group in rounds(ALL_CASES):
        outcome = run_round(project, group)
        by_case.update({case.id: outcome for case in group})
    return by_case


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_every_build_refuses_and_check_po_agrees(refusals, case):
    result = refusals[case.id]
    assert case.id not in result.not_applied, result.not_applied.get(case.id)
    wanted = result.expected[case.id]
    first = result.builds[0]
    for build in result.builds:
        assert build.returncode == 1
        assert build.stderr.startswith("Translation refused: ")
        # the report alone: no crash report, no traceback, no request to report a Sphinx bug
        assert not re.search(r"Traceback|Versions\n=|sphinx-err-|report this", build.stderr), build.stderr
        assert wanted in reported(build.stderr), build.stderr
    if case.kind == "file":
        page = ""  # refused by name: no page reads it
    else:
        page = "(interface)" if case.catalog == INTERFACE else "(page " + case.catalog.removesuffix(".po") + ")"
    assert labels(first.stderr)[wanted] == {page}, first.stderr
    # Refused before anything was written: the published edition is as it was.
    assert result.published_after == result.published_before

    assert result.check_po_status == 1
    catalog = wanted[0]
    linted = {item for item in reported(result.check_po_output) if item[0] == catalog and item[2] in INTEGRITY_CHECKS}
    built = {item for item in reported(first.stderr) if item[0] == catalog}
    assert linted == built, "check-po and the build disagree"


def test_no_two_cases_of_a_round_touch_one_entry_or_a_whole_catalog_case(refusals):
    """The rounds keep the cases apart: distinct lines, whole-catalog cases alone, and no
    finding in a catalog the round did not change."""
    for outcome in {id(r): r for r in refusals.values()}.values():
        lines = [(file, line) for file, line, _ in outcome.expected.values()]
        assert len(set(lines)) == len(lines), outcome.expected  # one entry (or header field) each
        for case in outcome.cases:
            sharing = [other for other in outcome.cases if other.catalog == case.catalog]
            assert not case.whole_catalog or sharing == [case], case.id
        for build in outcome.builds:
            assert {file for file, _, _ in reported(build.stderr)} <= set(outcome.catalogs), build.stderr
            # every finding line was parsed: as many as the refusal counts
            count = re.search(r"(\d+) problem\(s\) in \d+ catalog\(s\)", build.stderr)
            assert count and int(count.group(1)) == len(FINDING.findall(build.stderr)), build.stderr


def test_restored_catalogs_build_again(project, refusals):
    result = sphinx_build(project)
    assert result.returncode == 0, result.stderr


def test_refused_page_stays_refused_until_fixed_without_a_full_rebuild(project):
    """Published, broken, refused twice, fixed: the fix is published by a plain incremental build."""
    path = project / TR / "glossar.po"
    original = path.read_bytes()
    page = project / "_build/html/tr/glossar.html"
    try:
        msgstr(any_entry, lambda s, m: f"{s} ![](https://tracker.example/p.gif)")(path, MARK)
        assert sphinx_build(project).returncode != 0
        assert sphinx_build(project).returncode != 0
        assert "tracker.example" not in page.read_text(encoding="utf-8")

        msgstr(lambda e: "tracker.example" in e.msgstr,
               lambda s, m: s.replace(" ![](https://tracker.example/p.gif)", f" {MARK}"))(path, MARK)
        fixed = sphinx_build(project)
        assert fixed.returncode == 0, fixed.stderr
        assert MARK in page.read_text(encoding="utf-8")
    finally:
        # No build to undo the fix: test_restored_catalogs_build_again builds the restored
        # tree, and the other tests refuse before any page, whatever the published state.
        path.write_bytes(original)


@pytest.mark.parametrize("target", ["html-tr", "editions"])
def test_make_targets_refuse_with_file_and_line(project, target, tmp_path):
    """The Makefile's builds stop at the gate too, and write no page.

    ``make editions`` is run for the Turkish edition alone (EDITIONS=tr): with every edition,
    its two jobs would first build the German and English HTML in full (about ten seconds)
    beside the refused Turkish build, and prove nothing about the gate.
    """
    path = project / TR / PAGE
    original = path.read_bytes()
    try:
        case = Case("make", PAGE, "html", msgstr(any_entry, lambda s, m: f"{s} <script>{m}</script>"))
        case.change(path, case.mark)
        build = tmp_path / "build"
        env = {**os.environ, "BUILDDIR": str(build), "SOURCE_DATE_EPOCH": "1395360000"}
        command = ["make", "--no-print-directory", target] + (["EDITIONS=tr"] if target == "editions" else [])
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        assert result.returncode != 0
        wanted = (str(TR / PAGE), expected_line(path, case), "html")
        assert wanted in reported(result.stdout + result.stderr), result.stdout + result.stderr
        assert not (build / "html" / "tr" / "index.html").exists()
        assert not (build / "site").exists()  # nothing assembled from a refused edition
    finally:
        path.write_bytes(original)
