"""Parsed hyphenation patterns kept between processes.

pyphen parses a ``hyph_*.dic`` file the first time a process hyphenates its language: half a
CPU-second for German's hundred thousand patterns, again in every HTML build that writes
pages and in every PDF rendering (WeasyPrint hyphenates through pyphen). pyphen keeps the
parsed patterns (a ``pyphen.HyphDict``) for the life of the process only, in the dictionary
``pyphen.hdcache``, which ``pyphen.Pyphen`` consults before reading a file. No option of pyphen
keeps them longer, so ``install()`` puts a dictionary there that also keeps each parsed file as
a pickle in the build directory, named after the file's content and pyphen's version, and
reads it back in the next process (about a twentieth of the time). A changed pattern file or
another pyphen version gets a pickle of its own; one that cannot be read is parsed again. The
patterns, and so every hyphenation, are the same either way.

A coupling to pyphen's internals (DEVELOPING.md, coupling list); ``tests/speed/test_pattern_cache.py``
fails when pyphen stops taking its patterns from this cache.

Upstream: pyphen has no persistent cache option; this module goes when it gets one (or when
parsing a pattern file costs little).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pyphen

from brochure.base.editions import BUILD_DIR
from brochure.speed import enabled

CACHE_DIR = BUILD_DIR / "hyphenation"
PICKLE_PROTOCOL = 5


class PersistentPatterns(dict):
    """``pyphen.hdcache`` that also looks for, and leaves, a pickle of each pattern file."""

    def __init__(self, directory: Path, entries: dict):
        super().__init__(entries)
        self.directory = directory

    def pickle_path(self, pattern_file: Path) -> Path:
        digest = hashlib.sha256(Path(pattern_file).read_bytes())
        digest.update(f"pyphen {pyphen.VERSION}".encode())
        return self.directory / f"{Path(pattern_file).stem}-{digest.hexdigest()[:16]}.pickle"

    def __contains__(self, pattern_file) -> bool:
        if super().__contains__(pattern_file):
            return True
        try:
            with self.pickle_path(pattern_file).open("rb") as stream:
                patterns = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return False  # pyphen parses the file, and __setitem__ leaves a pickle of it
        if type(patterns) is not pyphen.HyphDict:
            return False
        super().__setitem__(pattern_file, patterns)
        return True

    def __setitem__(self, pattern_file, patterns) -> None:
        super().__setitem__(pattern_file, patterns)
        if type(patterns) is pyphen.HyphDict:  # not subclasses (Turkish: brochure.typesetting.turkish_hyphenation)
            self._store(pattern_file, patterns)

    def _store(self, pattern_file, patterns: pyphen.HyphDict) -> None:
        """Written under another name, then renamed: parallel builds may store the same file."""
        try:
            target = self.pickle_path(pattern_file)
            self.directory.mkdir(parents=True, exist_ok=True)
            scratch = target.with_name(f".{target.name}.{os.getpid()}")
            scratch.write_bytes(pickle.dumps(patterns, protocol=PICKLE_PROTOCOL))
            os.replace(scratch, target)
        except OSError:
            pass  # a build directory that cannot be written only loses the speed-up


def install(directory: Path = CACHE_DIR) -> None:
    """Make every ``pyphen.Pyphen`` of this process keep its parsed patterns in *directory*
    (``$BUILDDIR/hyphenation``: the HTML builds and the PDFs share them); nothing when the
    speed switch is off (``brochure.speed``)."""
    if enabled("pattern_cache") and not isinstance(pyphen.hdcache, PersistentPatterns):
        pyphen.hdcache = PersistentPatterns(directory, pyphen.hdcache)
