"""The environment is exactly the lock: every package pinned, nothing floating, nothing extra."""

from __future__ import annotations

import re
import sys

from brochure.base.editions import ROOT
from brochure.tools.locks import LOCKS, PIN, installed_pins, locked


def test_installed_packages_equal_the_lock():
    # pip and setuptools included: the installer is locked like every other package.
    assert installed_pins(sys.executable) == locked(), "run `make venv` (or `make lock` after changing a requirements*.in)"


def test_the_installer_is_locked_once():
    installer, tests = locked("requirements-pip.txt"), locked()
    assert list(installer) == ["pip"] and tests["pip"] == installer["pip"]


def test_every_build_package_is_locked_alike_for_the_build_and_the_tests():
    build, tests = locked("requirements.txt"), locked()
    assert build and {name: tests.get(name) for name in build} == build


def test_every_locked_package_has_a_hash():
    for lock in LOCKS:
        text = (ROOT / lock).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
        unhashed = [b.split()[0] for b in blocks if PIN.match(b) and "--hash=sha256:" not in b]
        assert unhashed == [], f"{lock}: {unhashed}"
