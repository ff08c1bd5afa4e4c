"""Killing a catalog tool (`kill -9`) at many moments of its write phase, and what it left.

The tool runs as ``python -m brochure.tools.<tool>`` in a small copy of the project (its
package, its editions table and some of its catalogs), so it is the real command on real
catalogs. A run is watched until it starts writing — a catalog's directory gains an entry
(a temporary file) or a catalog changes in place — or until it has replaced some catalogs,
and killed then or a few milliseconds later. After each kill every catalog must be byte for
byte its old or its new version (the version an uninterrupted run writes), and no other file
may look like a catalog.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import polib

from brochure.base.editions import ROOT

WATCH_LIMIT = 30.0  # seconds a run may take to start writing


def tool_copy(dest: Path, catalogs: list[str]) -> Path:
    """The package, the editions table and the named catalogs (relative to locale/)."""
    shutil.copytree(ROOT / "brochure", dest / "brochure", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "editions.toml", dest / "editions.toml")
    for name in catalogs:
        target = dest / "locale" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "locale" / name, target)
    return dest


def catalog_files(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted((root / "locale").rglob("*.po"))}


def run_tool(root: Path, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=root, env=_env(), capture_output=True, text=True)


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass
class Kill:
    moment: str
    finished: bool  # the tool ended before the kill reached it
    new: list[Path] = field(default_factory=list)  # catalogs it had replaced
    old: list[Path] = field(default_factory=list)  # catalogs still as they were


def _marks(paths: list[Path]) -> list:
    marks = []
    for path in paths:
        try:
            status = path.stat()
            marks.append((status.st_ino, status.st_mtime_ns, status.st_size))
        except FileNotFoundError:
            marks.append(None)
    return marks


def watched(root: Path, args: list[str], old: dict[Path, bytes], replaced: int = 0) -> subprocess.Popen:
    """The tool started on the *old* catalogs, returned once it has begun writing (a catalog's
    directory or a catalog changed) and changed at least *replaced* catalogs — or has ended."""
    for path, data in old.items():
        path.write_bytes(data)
    directories = sorted({path.parent for path in old})
    for directory in directories:
        for leftover in directory.glob(".*.partial"):
            leftover.unlink()
    paths = list(old)
    before, before_directories = _marks(paths), _marks(directories)
    process = subprocess.Popen([sys.executable, "-m", *args], cwd=root, env=_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + WATCH_LIMIT
    while process.poll() is None:
        now = _marks(paths)
        changed = sum(1 for a, b in zip(before, now, strict=True) if a != b)
        if changed >= replaced and (changed or _marks(directories) != before_directories):
            break
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"{' '.join(args)} wrote nothing within {WATCH_LIMIT} s")
        time.sleep(0.0001)  # leaves the tool the CPU on a busy machine
    return process


def uninterrupted(root: Path, args: list[str], old: dict[Path, bytes]) -> dict[Path, bytes]:
    """The catalogs a whole run writes."""
    process = watched(root, args, old)
    assert process.wait() == 0, f"{' '.join(args)} failed"
    return catalog_files(root)


def kill_during_writes(root: Path, args: list[str], old: dict[Path, bytes], replaced: int,
                       delay: float) -> subprocess.Popen:
    """The tool started on the *old* catalogs and killed *delay* seconds after it had begun
    writing and changed *replaced* catalogs."""
    process = watched(root, args, old, replaced)
    if delay:
        time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return process


def judge(process: subprocess.Popen, moment: str, old: dict[Path, bytes], new: dict[Path, bytes],
          root: Path) -> Kill:
    """What the killed run left: every catalog old or new, no stray catalog; else AssertionError."""
    kill = Kill(moment, finished=process.returncode == 0)
    now = catalog_files(root)
    assert sorted(now) == sorted(old), f"catalogs appeared or vanished: {sorted(set(now) ^ set(old))}"
    for path, data in now.items():
        if data == new[path] and data != old[path]:
            kill.new.append(path)
        elif data == old[path]:
            kill.old.append(path)
        else:
            raise AssertionError(f"killed {moment}: {path.relative_to(root)} is "
                                 f"neither old nor new ({len(data)} bytes, old {len(old[path])}, "
                                 f"new {len(new[path])}): {messages_read(path)}")
    return kill


def messages_read(path: Path) -> str:
    """How the two readers see a catalog, for a failure message."""
    result = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(path)], capture_output=True,
                            text=True, env={**os.environ, "LC_ALL": "C"})
    try:
        count = len([e for e in polib.pofile(str(path)) if not e.obsolete])
    except (OSError, ValueError) as err:
        count = f"unreadable ({err})"
    return f"msgfmt: {result.stderr.strip()!r}; polib: {count} messages"


def message_set(data: bytes) -> set[tuple]:
    """Every message with its translation and state, as polib reads it."""
    po = polib.pofile(data.decode("utf-8"))
    return {(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, tuple(sorted(e.msgstr_plural.items())),
             e.fuzzy, e.obsolete) for e in po}


def msgfmt_accepts(data: bytes) -> bool:
    result = subprocess.run(["msgfmt", "--check-format", "-o", os.devnull, "-"], input=data,
                            capture_output=True, env={**os.environ, "LC_ALL": "C"})
    return result.returncode == 0


def kill_at_many_moments(root: Path, args: list[str], old: dict[Path, bytes],
                         new: dict[Path, bytes]) -> list[Kill]:
    """Kills at moments set by the tool's progress, so a busy machine cannot move them out of
    the write phase: in the first write (0, 0.5 and 2 ms after it began), and after each
    catalog replaced — at once, or a few milliseconds later, inside the next one's write,
    check or rename. Each run is judged as it ends (:func:`judge`)."""
    spread = random.Random(25)
    moments = [(0, 0.0), (0, 0.0005), (0, 0.002)]
    for replaced in range(1, len(old)):
        moments.append((replaced, spread.uniform(0.0005, 0.005) if replaced % 2 == 0 else 0.0))
    kills = []
    for replaced, delay in moments:
        process = kill_during_writes(root, args, old, replaced, delay)
        kills.append(judge(process, f"after {replaced} catalog(s) + {delay * 1000:.1f} ms", old, new, root))
    return kills


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]
