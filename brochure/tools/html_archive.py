"""One HTML edition as a reproducible zip, the download for reading offline.

``make editions`` puts every edition's archive on the downloads pages (through
``brochure.tools.assemble_site``); Read the Docs, which builds one edition per project, calls
this module on its own::

    python -m brochure.tools.html_archive LANG HTML_DIR TARGET_DIR
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from brochure.base.editions import EditionsError, publication
from brochure.base.output_files import write_file
from brochure.base.reproducible import write_zip

# Build bookkeeping that readers do not need.
BOOKKEEPING = {".buildinfo", ".buildinfo.bak", ".doctrees", "_sources"}


def published_files(html_dir: Path) -> list[Path]:
    """The files of an HTML build that readers get, without Sphinx's bookkeeping, sorted."""
    return sorted(
        path for path in html_dir.rglob("*")
        if path.is_file() and not any(part in BOOKKEEPING for part in path.relative_to(html_dir).parts)
    )


def html_archive(html_dir: Path, folder: str) -> bytes:
    """A reproducible zip of an HTML edition: sorted entries, fixed times, one top folder."""
    archive = io.BytesIO()
    write_zip(archive, ((f"{folder}/{p.relative_to(html_dir).as_posix()}", p.read_bytes())
                        for p in published_files(html_dir)))
    return archive.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python -m brochure.tools.html_archive LANG HTML_DIR TARGET_DIR", file=sys.stderr)
        return 2
    try:
        edition = publication().edition(argv[0])
    except EditionsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    source, target_dir = Path(argv[1]), Path(argv[2])
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / edition.html_archive_filename
    write_file(target, html_archive(source, edition.html_archive_filename.removesuffix(".zip")))
    print(f"archive: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
