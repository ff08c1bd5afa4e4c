"""The environment is exactly the lock: every package pinned, nothing floating, nothing extra."""

from __future__ import annotations

import re
import subprocess
import sys

from brochure.editions import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    return {normal(name): version for name, version in PIN.findall(text)}


def test_installed_packages_equal_the_lock():
    lock = pins((ROOT / "requirements-test.txt").read_text(encoding="utf-8"))
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all"], capture_output=True,
                            text=True, check=True).stdout
    # pip and setuptools included: the installer is locked like every other package.
    assert pins(frozen) == lock, "run `make venv` (or `make lock` after changing a requirements*.in)"


def test_the_installer_is_locked_once():
    installer = pins((ROOT / "requirements-pip.txt").read_text(encoding="utf-8"))
    tests = pins((ROOT / "requirements-test.txt").read_text(encoding="utf-8"))
    assert list(installer) == ["pip"] and tests["pip"] == installer["pip"]


def test_every_build_package_is_locked_alike_for_the_build_and_the_tests():
    build = pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    tests = pins((ROOT / "requirements-test.txt").read_text(encoding="utf-8"))
    assert build and {name: tests.get(name) for name in build} == build


def test_every_locked_package_has_a_hash():
    for lock in ("requirements-pip.txt", "requirements.txt", "requirements-test.txt"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
        unhashed = [b.split()[0] for b in blocks if PIN.match(b) and "--hash=sha256:" not in b]
        assert unhashed == [], f"{lock}: {unhashed}"
