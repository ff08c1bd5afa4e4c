"""``brochure.sphinxext.fallback_language``: work per page that does not grow with the book.

Which pages show a German title is a fact about every page's table of contents; every page
asks it (its previous and next links, its references in German passages). Read once per build,
it costs the book's size once; read per page, it cost pages × pages. Counted, not timed.
"""

from __future__ import annotations

from pathlib import Path

from brochure.sphinxext import fallback_language
from support import build_scratch_project


def book(chapters: int) -> dict[str, str]:
    names = [f"kapitel-{number:02d}" for number in range(chapters)]
    pages = {"index.md": "# Start\n\n```{toctree}\n" + "\n".join(names) + "\n```\n"}
    pages |= {f"{name}.md": f"# Kapitel {number}\n\nText.\n" for number, name in enumerate(names)}
    return pages


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def title_readings(tmp_path: Path, monkeypatch, chapters: int) -> tuple[int, str]:
    readings = []
    read = fallback_language._read_title_facts

    def counting(env):
        readings.append(1)
        return read(env)

    monkeypatch.setattr(fallback_language, "_read_title_facts", counting)
    # An English edition whose catalogs translate nothing: every title shows in German.
    pages = book(chapters)
    outdir, _ = build_scratch_project(tmp_path / str(chapters), language="en",
                                      extensions=["myst_parser", "brochure.sphinxext.fallback_language"],
                                      pages=pages, catalogs={name.replace(".md", ".po"): HEADER for name in pages},
                                      settings="translation_progress_classes = True\n")
    return len(readings), (outdir / "kapitel-01.html").read_text(encoding="utf-8")


def test_the_titles_are_read_once_per_build_and_mark_the_neighbour_links(tmp_path: Path, monkeypatch) -> None:
    small, _ = title_readings(tmp_path, monkeypatch, 3)
    large, page = title_readings(tmp_path, monkeypatch, 30)
    assert small == large == 1
    assert '<span lang="de">Kapitel 2</span>' in page  # the next page's German title
