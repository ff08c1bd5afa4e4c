"""``brochure.sphinxext.rendered_html``: the passes over rendered HTML, their order, and work
per page that does not grow with the book.

furo prints the whole navigation tree into every page, so a pass that reads the tree on every
page costs pages × pages: ten times the content once took 13 to 16 times as long, most of it
hyphenating the same tree again on every page. The scale test builds one book at two sizes and
counts the characters every pass reads, per page: with the tree's passes run once per build
and the page passes reading the page without the tree, the count per page stays the same.
Counting, not timing: the figure is the same on a busy machine.
"""

from __future__ import annotations

from pathlib import Path

from brochure.sphinxext import rendered_html
from brochure.sphinxext.rendered_html import NAVIGATION_PASSES, PAGE_PASSES, Pass
from brochure.typesetting.hyphenation import SOFT_HYPHEN
from support import build_scratch_project

EXTENSIONS = ["myst_parser", "brochure.speed.fast_navigation", "brochure.sphinxext.soft_hyphens",
              "brochure.sphinxext.rendered_html"]
SETTINGS = 'html_theme = "furo"\nfast_navigation_required = True\n'
SMALL, LARGE = 6, 60
# Per page, the larger book's passes may read this much more than the smaller one's: the
# tree's one-off processing spread over the pages, and longer file names. A pass that reads
# the tree on every page reads about twice as much here, and more the larger the book.
GROWTH = 1.25


def book(chapters: int) -> dict[str, str]:
    """A book of *chapters* pages, each with a heading long enough to be hyphenated."""
    names = [f"kapitel-{number:03d}" for number in range(chapters)]
    pages = {"index.md": "# Jubiläumsbroschüre\n\n```{toctree}\n:caption: Integrationsbeauftragte\n\n"
                         + "\n".join(names) + "\n```\n"}
    for number, name in enumerate(names):
        pages[f"{name}.md"] = (f"# Integrationsmonitoring und Verwaltungsmodernisierung {number}\n\n"
                               "Ein Absatz Text.\n\n## Zuwanderungsgeschichte\n\nNoch ein Absatz.\n")
    return pages


def counted(passes: tuple[Pass, ...], read: list[int]) -> tuple[Pass, ...]:
    def counting(step: Pass) -> Pass:
        def run(app, html: str) -> str:
            read.append(len(html))
            return step.run(app, html)
        return step._replace(run=run)
    return tuple(counting(step) for step in passes)


def characters_read_per_page(tmp_path: Path, monkeypatch, chapters: int) -> float:
    read: list[int] = []
    monkeypatch.setattr(rendered_html, "NAVIGATION_PASSES", counted(NAVIGATION_PASSES, read))
    monkeypatch.setattr(rendered_html, "PAGE_PASSES", counted(PAGE_PASSES, read))
    outdir, warnings = build_scratch_project(tmp_path / str(chapters), language="de", extensions=EXTENSIONS,
                                             pages=book(chapters), catalogs={}, settings=SETTINGS)
    assert [line for line in warnings.splitlines() if "is already registered" not in line] == []
    page = (outdir / "kapitel-000.html").read_text(encoding="utf-8")
    assert SOFT_HYPHEN in page.split('class="sidebar-tree"')[1].split("</ul>")[0]  # the tree's passes ran
    pages = len(list(outdir.glob("*.html")))
    return sum(read) / pages


def test_work_per_page_does_not_grow_with_the_book(tmp_path: Path, monkeypatch) -> None:
    small = characters_read_per_page(tmp_path, monkeypatch, SMALL)
    large = characters_read_per_page(tmp_path, monkeypatch, LARGE)
    assert large <= GROWTH * small, f"{large:.0f} characters per page at {LARGE} chapters, {small:.0f} at {SMALL}"


def test_the_page_passes_never_see_the_navigation_tree(tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []

    def remember(app, page: str) -> str:
        seen.append(page)
        return page

    monkeypatch.setattr(rendered_html, "PAGE_PASSES", (Pass("remember", remember, lambda app: True),))
    outdir, _ = build_scratch_project(tmp_path, language="de", extensions=EXTENSIONS, pages=book(3),
                                      catalogs={}, settings=SETTINGS)
    assert seen and all('class="sidebar-tree"' in page for page in seen)
    assert not [page for page in seen if "toctree-l1" in page.split('class="sidebar-tree"')[1].split("</div>")[0]]
    # ... and every written page has its tree back, and no placeholder.
    written = (outdir / "kapitel-001.html").read_text(encoding="utf-8")
    assert "toctree-l1" in written and rendered_html.PLACEHOLDER not in written
