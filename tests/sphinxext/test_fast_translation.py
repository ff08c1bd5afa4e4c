"""``brochure.sphinxext.fast_translation`` must make translated builds cheaper, never different.

The extension replaces parts of Sphinx's and MyST's per-message parsing, so the proof is a
comparison: the project's Turkish and English HTML editions, built with and without it, must
be byte-identical (every page and the search index, and the same warnings). To make every
message take the translated path, untranslated entries of a temporary copy get a
pseudo-translation first. A spy on a tiny project checks that the expensive objects are really
built once instead of once per message, so the test fails if the extension silently stops
working (for instance after a MyST upgrade).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = "brochure.sphinxext.fast_translation"
SOURCE_DATE_EPOCH = "1700000000"  # fixed, so "last updated" stamps cannot differ

# Runs one build in a fresh interpreter, as `make` does: Sphinx keeps process-wide state
# (translators, registered directives) that would couple two builds in one process.
DRIVER = r"""
import io, json, runpy, sys
from pathlib import Path
from docutils.frontend import OptionParser
from markdown_it import MarkdownIt
from sphinx.application import Sphinx

root, language, out, enabled = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4] == "1"
ext = sys.argv[5]
extensions = [e for e in runpy.run_path(str(root / "conf.py"))["extensions"] if e != ext]
extensions += [ext] if enabled else []

counts = {"parsers": 0, "option_parsers": 0}
def spy(cls, key):
    original = cls.__init__
    def init(self, *args, **kwargs):
        counts[key] += 1
        original(self, *args, **kwargs)
    cls.__init__ = init
spy(MarkdownIt, "parsers")
spy(OptionParser, "option_parsers")

warnings = io.StringIO()
app = Sphinx(root / "source", root, out / "html", out / "doctrees", "html",
             confoverrides={"language": language, "extensions": extensions},
             status=None, warning=warnings, freshenv=True)
app.build()
assert (ext in app.extensions) == enabled, app.extensions
(out / "report.json").write_text(json.dumps(
    {**counts, "warnings": warnings.getvalue(), "status": app.statuscode}))
"""


def _copy_project(target: Path) -> Path:
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns("_build", ".venv", ".git", "__pycache__", ".pytest_cache", "*.mo"),
    )
    return target


def _pseudo_translate(project: Path, language: str) -> None:
    """Give every untranslated page message a marked translation."""
    for path in (project / "locale" / language / "LC_MESSAGES").rglob("*.po"):
        if path.name == "sphinx.po":  # interface strings: not parsed as MyST
            continue
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if not entry.msgstr and not entry.obsolete:
                entry.msgstr = f"{entry.msgid} [{language}]"
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalog.save()


def _compile_catalogs(project: Path, language: str) -> None:
    """Write the .mo files once, so two builds started together do not both write them."""
    from sphinx.util.i18n import CatalogRepository

    repo = CatalogRepository(str(project / "source"), [str(project / "locale")], language, "utf-8")
    for catalog in repo.catalogs:
        catalog.write_mo(language)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project whose en and tr catalogs translate every message."""
    copy = _copy_project(tmp_path_factory.mktemp("fast-translation") / "project")
    for language in ("tr", "en"):
        _pseudo_translate(copy, language)
        _compile_catalogs(copy, language)
    return copy


def _start_build(
    project: Path, language: str, out: Path, enabled: bool, import_path: Path | None = None
) -> subprocess.Popen:
    """Build ``project`` in a fresh interpreter; the extension comes from ``import_path``
    (default: the copy itself, as its conf.py puts it on the path)."""
    out.mkdir(parents=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}
    if import_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(import_path), env.get("PYTHONPATH")]))
    command = [sys.executable, "-c", DRIVER, str(project), language, str(out), str(int(enabled)), EXTENSION]
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(build: subprocess.Popen, out: Path) -> dict:
    output, _ = build.communicate(timeout=600)
    assert build.returncode == 0, output
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _compared_files(html_dir: Path) -> dict[str, bytes]:
    files = sorted(html_dir.rglob("*.html")) + [html_dir / "searchindex.js"]
    return {path.relative_to(html_dir).as_posix(): path.read_bytes() for path in files}


@pytest.mark.parametrize("language", ["tr", "en"])
def test_translated_edition_is_byte_identical(project: Path, tmp_path: Path, language: str) -> None:
    stock_out, fast_out = tmp_path / "stock", tmp_path / "fast"
    builds = [
        (_start_build(project, language, stock_out, enabled=False), stock_out),
        (_start_build(project, language, fast_out, enabled=True), fast_out),
    ]
    stock, fast = (_finish(build, out) for build, out in builds)

    assert fast["warnings"] == stock["warnings"]
    stock_files = _compared_files(stock_out / "html")
    fast_files = _compared_files(fast_out / "html")
    assert len(stock_files) > 40
    assert sorted(fast_files) == sorted(stock_files)
    different = [name for name in stock_files if fast_files[name] != stock_files[name]]
    assert different == []
    # Sanity check that the extension was active: hundreds of messages, a handful of parsers.
    assert fast["parsers"] < stock["parsers"] / 4


# -- The spy: the expensive objects are built once, not per message ------------------------

MESSAGES = 12


def _tiny_project(root: Path) -> Path:
    """One MyST page with a title and MESSAGES paragraphs, all translated into Turkish."""
    (root / "source").mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser"]\n'
        f"locale_dirs = [{str(root / 'locale')!r}]\n"
        "gettext_compact = False\n"
        'html_theme = "basic"\n',
        encoding="utf-8",
    )
    paragraphs = [f"Absatz {n} mit *Betonung*, `Code` und [Verweis](#top)." for n in range(MESSAGES)]
    page = "(top)=\n# Seite\n\n" + "\n\n".join(paragraphs) + "\n"
    (root / "source" / "index.md").write_text(page, encoding="utf-8")
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=utf-8", "Language": "tr"}
    catalog.append(polib.POEntry(msgid="Seite", msgstr="Sayfa"))
    for n, paragraph in enumerate(paragraphs):
        translation = f"Paragraf {n}, *vurgu*, `kod` ve [bağlantı](#top)."
        catalog.append(polib.POEntry(msgid=paragraph, msgstr=translation))
    target = root / "locale" / "tr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    catalog.save(str(target / "index.po"))
    _compile_catalogs(root, "tr")
    return root


def test_parser_and_settings_are_built_once_for_all_messages(tmp_path: Path) -> None:
    project = _tiny_project(tmp_path / "tiny")
    stock_out, fast_out = tmp_path / "stock", tmp_path / "fast"
    stock = _finish(_start_build(project, "tr", stock_out, False, import_path=ROOT), stock_out)
    fast = _finish(_start_build(project, "tr", fast_out, True, import_path=ROOT), fast_out)

    fast_html = (fast_out / "html" / "index.html").read_bytes()
    assert "Paragraf 3, <em>vurgu</em>" in fast_html.decode()
    assert fast_html == (stock_out / "html" / "index.html").read_bytes()
    assert fast["warnings"] == stock["warnings"]
    # Stock MyST builds both once per message (the spy sees them); the extension builds one
    # markdown-it parser for the page and one shared by every message, and default settings
    # once for all messages.
    assert stock["parsers"] > MESSAGES and stock["option_parsers"] > MESSAGES
    assert fast["parsers"] == 2
    assert fast["option_parsers"] <= stock["option_parsers"] - MESSAGES


def test_unsupported_stack_disables_the_patch_loudly(monkeypatch) -> None:
    """If MyST stops calling create_md_parser from MystParser.parse, nothing is patched."""
    from myst_parser.parsers import sphinx_ as myst_sphinx

    from brochure.sphinxext import fast_translation

    def parse(self, inputstring, document):  # a MystParser.parse that no longer calls it
        return None

    monkeypatch.setattr(myst_sphinx.MystParser, "parse", parse)
    problems = fast_translation._unsupported()
    assert any("create_md_parser" in problem for problem in problems)
    assert fast_translation.install() is False
