"""The lock files, read: which package each pins at which version.

``requirements-pip.txt`` (the installer), ``requirements.txt`` (the build, what Read the Docs
installs) and ``requirements-test.txt`` (everything ``make venv`` installs) are written by
pip-compile; ``make venv``, the lock tests and ``make upgrade-check`` read them here.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from brochure.base.editions import ROOT

LOCKS = ("requirements-pip.txt", "requirements.txt", "requirements-test.txt")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def normal(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    """``name==version`` lines of a lock or of ``pip freeze``, by normalised name."""
    return {normal(name): version for name, version in PIN.findall(text)}


def locked(lock: str = "requirements-test.txt") -> dict[str, str]:
    return pins((ROOT / lock).read_text(encoding="utf-8"))


def installed_pins(python: Path) -> dict[str, str]:
    """What an environment holds, as ``pip freeze --all`` lists it (pip itself included)."""
    frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True)
    return pins(frozen.stdout)
