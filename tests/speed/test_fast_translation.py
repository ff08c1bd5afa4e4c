"""``brochure.speed.fast_translation`` must make translated builds cheaper, never different.

A spy on a tiny project checks that the expensive objects are really built once instead of
once per message, with the same output, so the test fails if the extension silently stops
working (for instance after a MyST upgrade). The whole project's editions are compared with
and without it in ``tests/speed/test_build_speed.py``.
"""

from __future__ import annotations

from pathlib import Path

import polib

from support import compile_catalogs, finish_isolated_build, start_isolated_build

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = "brochure.speed.fast_translation"


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
    compile_catalogs(root, "tr")
    return root


def test_parser_and_settings_are_built_once_for_all_messages(tmp_path: Path) -> None:
    project = _tiny_project(tmp_path / "tiny")
    stock_out, fast_out = tmp_path / "stock", tmp_path / "fast"
    stock = finish_isolated_build(start_isolated_build(project, "tr", stock_out, import_path=ROOT), stock_out)
    fast = finish_isolated_build(
        start_isolated_build(project, "tr", fast_out, add=(EXTENSION,), import_path=ROOT), fast_out)

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

    from brochure.speed import fast_translation

    def parse(self, inputstring, document):  # a MystParser.parse that no longer calls it
        return None

    monkeypatch.setattr(myst_sphinx.MystParser, "parse", parse)
    problems = fast_translation._unsupported()
    assert any("create_md_parser" in problem for problem in problems)
    assert fast_translation.install() is False
