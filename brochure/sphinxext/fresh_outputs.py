"""Every output of a build comes from that build: nothing stale is kept, nothing is skipped.

Two gaps in Sphinx's incremental builds, both visible only because ``make editions`` lets the
HTML and the ePub build of an edition share one doctree directory (the ePub build reads
nothing again: README, "Performance"):

**A page whose doctree changed is written again, by every builder.** Sphinx decides which
pages to write from two things: the pages *this* build re-read, and pages whose output is
older than their *source file*. A changed translation changes no source file; the HTML build
re-reads the page (the compiled catalog is a dependency) and writes it, and the ePub build
that follows finds nothing re-read and every ``.xhtml`` newer than its ``.md``, so the ePub
kept the old text until a clean build. The same held for any builder after a build whose
writing failed half-way: the page was read, never written, and never written later either.
Here a page is also out of date when its doctree file is newer than its output: whichever
build re-read it, every builder writes it again. The builder's ``get_outdated_docs`` is
wrapped for that (the method Sphinx's builder API has builders implement), for the builders
that write one file per page (HTML and ePub).

**Files the build no longer produces are removed.** Sphinx writes into its output directory
and never deletes: an image a translation once referenced stays in ``_images/`` after the
translation is fixed, a page's output stays after the page is gone, and both would be
published (the site and the HTML archive take the whole directory; the ePub lists every file
of its directory in its package document). When writing starts (``write-started``: the pages
are read, nothing is written yet) every file is deleted except the output of a current page
and the images and downloads current pages reference (and the search index, which Sphinx
updates rather than rewrites); everything else (static files, indices,
search index, the ePub's package files) the build writes anew anyway, so what is left at the
end is exactly what this build produced.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _writes_pages(builder) -> bool:
    return callable(getattr(builder, "get_outfilename", None)) and hasattr(builder, "imagedir")


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def newer_doctrees(builder) -> Iterator[str]:
    """Pages whose doctree was written after their output (or that have no output)."""
    env = builder.env
    for docname in sorted(env.found_docs):
        read = _mtime(Path(env.doctreedir, f"{docname}.doctree"))
        if read is None:
            continue  # never read: Sphinx's own check reads and writes it
        written = _mtime(Path(builder.get_outfilename(docname)))
        if written is None or written < read:
            yield docname


def _wrap_outdated(app: Sphinx) -> None:
    builder = app.builder
    if not _writes_pages(builder):
        return
    original = builder.get_outdated_docs

    def get_outdated_docs() -> str | Iterable[str]:
        outdated = original()
        if isinstance(outdated, str):  # "all" and the like: nothing to add
            return outdated
        return sorted(set(outdated) | set(newer_doctrees(builder)))

    builder.get_outdated_docs = get_outdated_docs


def current_outputs(builder) -> set[Path]:
    """The files of the output directory that the current pages account for."""
    env, outdir = builder.env, Path(builder.outdir)
    keep = {Path(builder.get_outfilename(docname)) for docname in env.found_docs}
    keep |= {outdir / builder.imagedir / name for _docs, name in env.images.values()}
    keep |= {outdir / "_downloads" / dest for _docs, dest in env.dlfiles.values()}
    if getattr(builder, "searchindex_filename", None):
        # Sphinx updates the search index of the previous build (loaded when writing starts,
        # pages that no longer exist dropped), so it must still be there.
        keep.add(outdir / builder.searchindex_filename)
    return keep


def prune(app: Sphinx, builder) -> None:
    if not _writes_pages(builder):
        return
    outdir = Path(builder.outdir)
    keep = current_outputs(builder)
    removed = 0
    for root, dirs, files in os.walk(outdir, topdown=False):
        for name in files:
            path = Path(root, name)
            if path not in keep:
                path.unlink()
                removed += 1
        for name in dirs:
            directory = Path(root, name)
            if directory.is_symlink():
                directory.unlink()
            elif not any(directory.iterdir()):
                directory.rmdir()
    logger.debug("fresh_outputs: %d file(s) removed from %s before writing", removed, outdir)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _wrap_outdated)
    app.connect("write-started", prune)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
