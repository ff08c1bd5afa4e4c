"""``brochure.speed.fast_navigation`` must give every page furo's own navigation tree.

A scratch project with the shapes a toctree can take (captions, a hidden toctree, pages two
directories deep, an external link, a page in no toctree, the generated index and search
pages) is built with and without the extension: every HTML file must be byte-identical, and
with the extension the tree is rendered once per build instead of once per page. Where the
template would not match furo (a page listed twice, a quoted title), the extension steps aside
and the output stays identical. The whole project's editions are compared in
``tests/speed/test_build_speed.py``.
"""

from __future__ import annotations

from pathlib import Path

import furo
import furo.navigation
import pytest

from support import build_scratch_project

EXTENSION = "brochure.speed.fast_navigation"

PAGES = {
    "index.md": """\
# Startseite

```{toctree}
:caption: Erster Teil

kapitel/index
vorwort
```

```{toctree}
:caption: Anhang
:hidden:

anhang
Projektseite <https://example.org/projekt>
```
""",
    "vorwort.md": "# Vorwort\n\nText.\n\n## Abschnitt\n\nMehr Text.\n",
    "kapitel/index.md": "# Kapitel\n\n```{toctree}\nerster\nunter/zweiter\n```\n",
    "kapitel/erster.md": "# Erster Beitrag\n\nText.\n",
    "kapitel/unter/zweiter.md": "# Zweiter Beitrag\n\nText mit einem [Verweis](../erster.md).\n",
    "anhang.md": "# Anhang\n\nText.\n",
    "verwaist.md": "---\norphan: true\n---\n# Verwaiste Seite\n\nIn keinem Inhaltsverzeichnis.\n",
}
SETTINGS = 'html_theme = "furo"\n'


def _html_files(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


@pytest.fixture
def rendered_trees(monkeypatch) -> list[str]:
    """Every non-empty tree that furo's get_navigation_tree is asked to process."""
    calls: list[str] = []
    original = furo.navigation.get_navigation_tree

    def counting(toctree_html: str) -> str:
        if toctree_html:
            calls.append(toctree_html)
        return original(toctree_html)

    monkeypatch.setattr(furo.navigation, "get_navigation_tree", counting)
    monkeypatch.setattr(furo, "get_navigation_tree", counting)  # furo's own imported name
    return calls


def _build(tmp_path: Path, name: str, extensions: list[str], pages: dict[str, str]) -> tuple[Path, str]:
    return build_scratch_project(tmp_path / name, language="de", extensions=["myst_parser", *extensions],
                                 pages=pages, catalogs={}, settings=SETTINGS)


def _real_problems(warnings: str) -> list[str]:
    # A second Sphinx application in one process re-registers Sphinx's nodes: not our concern.
    return [line for line in warnings.splitlines() if "is already registered" not in line]


def test_every_page_gets_furos_navigation_tree(tmp_path: Path, rendered_trees: list[str]) -> None:
    stock_out, stock_warnings = _build(tmp_path, "stock", [], PAGES)
    stock_renders = len(rendered_trees)
    rendered_trees.clear()
    fast_out, fast_warnings = _build(tmp_path, "fast", [EXTENSION], PAGES)

    assert _real_problems(fast_warnings) == _real_problems(stock_warnings) == []
    stock, fast = _html_files(stock_out), _html_files(fast_out)
    assert sorted(fast) == sorted(stock)
    assert [name for name in stock if fast[name] != stock[name]] == []
    # The comparison covers what the template must get right.
    second = stock["kapitel/unter/zweiter.html"].decode()
    assert 'class="current reference internal" href="#"' in second
    assert 'class="toctree-l2 current current-page"' in second
    assert 'checked=""' in second
    assert 'href="../../anhang.html"' in second and 'href="https://example.org/projekt"' in second
    assert 'href="kapitel/index.html"' in stock["verwaist.html"].decode()
    # Furo renders a tree for each of the 9 pages; the extension renders one for the build.
    assert stock_renders == len(stock) == 9
    assert len(rendered_trees) == 1


UNMODELLED = {
    # Sphinx marks the branches of a page listed twice in ways the template does not model.
    "a page listed twice": {"kapitel/index.md": "# Kapitel\n\n```{toctree}\nerster\nunter/zweiter\n/vorwort\n```\n"},
    # A double quote in a title (in code, so smart quotes leave it) makes BeautifulSoup quote
    # that checkbox's label with '.
    "a quoted title": {"kapitel/index.md": '# Das `"Kapitel"`\n\n```{toctree}\nerster\nunter/zweiter\n```\n'},
}


@pytest.mark.parametrize("shape", sorted(UNMODELLED))
def test_shapes_the_template_does_not_model_leave_the_work_to_furo(
    tmp_path: Path, rendered_trees: list[str], shape: str
) -> None:
    pages = {**PAGES, **UNMODELLED[shape]}
    stock_out, _ = _build(tmp_path, "stock", [], pages)
    rendered_trees.clear()
    fast_out, fast_warnings = _build(tmp_path, "fast", [EXTENSION], pages)

    assert _real_problems(fast_warnings) == []
    stock, fast = _html_files(stock_out), _html_files(fast_out)
    assert [name for name in stock if fast[name] != stock[name]] == []
    # Furo rendered every page itself (besides the extension's marked attempt, if it got that far).
    assert len([tree for tree in rendered_trees if "brochure-nav-" not in tree]) == len(fast)


def test_other_builders_are_left_alone(tmp_path: Path) -> None:
    outdir, _ = build_scratch_project(tmp_path, language="de", extensions=["myst_parser", EXTENSION],
                                      pages=PAGES, catalogs={}, settings=SETTINGS, builder="dirhtml")
    second = (outdir / "kapitel" / "unter" / "zweiter" / "index.html").read_text(encoding="utf-8")
    # dirhtml links to directories; the html template would have written ../../anhang.html.
    assert 'href="../../../anhang/"' in second
    assert 'class="toctree-l2 current current-page"' in second


def test_stepping_aside_is_a_warning_where_the_project_relies_on_the_fast_path(tmp_path: Path) -> None:
    """conf.py sets fast_navigation_required: a furo change that costs the fast path fails -W."""
    pages = {**PAGES, **UNMODELLED["a page listed twice"]}
    _, warnings = build_scratch_project(tmp_path, language="de", extensions=["myst_parser", EXTENSION],
                                        pages=pages, catalogs={},
                                        settings=SETTINGS + "fast_navigation_required = True\n")
    assert "fast_navigation: furo computes the navigation per page" in "\n".join(_real_problems(warnings))


def test_navigation_passes_run_once_and_give_furos_tree_with_them(tmp_path: Path, rendered_trees: list[str]) -> None:
    """With the project's passes (brochure.sphinxext.rendered_html), the tree is processed once,
    before it is cut into the template. In a French edition without an interface catalog the
    toggles' labels stay English and get ``lang="en"`` between ``aria-label`` and ``class``."""
    passes = ["brochure.sphinxext.soft_hyphens", "brochure.sphinxext.rendered_html"]
    pages = {**PAGES, "kapitel/erster.md": "# Integrationsmonitoring\n\nText.\n"}

    def build(name: str, extensions: list[str]) -> Path:
        out, warnings = build_scratch_project(tmp_path / name, language="fr", extensions=["myst_parser", *extensions],
                                              pages=pages, catalogs={}, settings=SETTINGS)
        assert _real_problems(warnings) == []
        return out

    stock = _html_files(build("stock", passes))
    rendered_trees.clear()
    fast = _html_files(build("fast", [EXTENSION, *passes]))
    assert [name for name in stock if fast[name] != stock[name]] == []
    assert len(rendered_trees) == 1
    second = stock["kapitel/unter/zweiter.html"].decode()
    assert 'aria-label="Toggle navigation of Kapitel" lang="en" checked="" class="toctree-checkbox"' in second
    assert "\u00ad" in second.split('class="sidebar-tree"')[1].split("</ul>")[0]  # soft hyphens in the tree
