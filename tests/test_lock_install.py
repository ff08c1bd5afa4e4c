"""The locks install exactly, any day: whatever newer releases the package index holds.

A lock that breaks when someone else publishes a release is no lock: pip 23.2.1 (what
``python -m venv`` brings with Python 3.12) resolved ``fonttools[woff]``, which WeasyPrint asks
for, against the index as soon as a fonttools newer than the locked one was released there, and
refused the whole install. These tests make that day happen on purpose: a local package index
holds the locked files (``make lock-test`` downloads them first, an install step) and, beside
them, a newer release of every locked package. Then ``make venv`` and Read the Docs' install
commands run in new virtual environments against that index alone, and what they installed must
be the lock, package for package.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.version import Version

from brochure.base.editions import BUILD_DIR, ROOT
from brochure.tools.locks import installed_pins, locked, normal

pytestmark = pytest.mark.lock

WHEELHOUSE = BUILD_DIR / "wheelhouse"
# Reached only through an extra (weasyprint -> fonttools[woff] -> brotli, zopfli): the case
# that broke.
THROUGH_AN_EXTRA = {"fonttools", "brotli", "zopfli"}


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def newer_release(directory: Path, name: str, version: str) -> Path:
    """An installable, empty wheel of ``name`` one major version above ``version``."""
    newer = f"{Version(version).release[0] + 1}.0"
    dist = normal(name).replace("-", "_")
    info = f"{dist}-{newer}.dist-info"
    files = {
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {newer}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [_record_line(path, data) for path, data in files.items()] + [f"{info}/RECORD,,"]
    path = directory / f"{dist}-{newer}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as wheel:
        for member, data in files.items():
            wheel.writestr(member, data)
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return path


def supported_pythons() -> list[str]:
    """The Makefile's SUPPORTED_PYTHONS: the versions the project promises to install on."""
    line = next(line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
                if line.startswith("SUPPORTED_PYTHONS"))
    return line.split("=", 1)[1].split()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@functools.cache
def index(version: str, tmp: Path) -> tuple[Path, Path]:
    """Python ``version``'s interpreter, and an index of the locked files for it with a newer
    release of every locked package beside them."""
    wheels = WHEELHOUSE / version
    if not (WHEELHOUSE / ".complete").exists():
        pytest.fail(f"{WHEELHOUSE} is missing: run `make lock-test` (it downloads the locked files first)")
    if not (wheels / ".python").exists():
        message = f"Python {version} is not on this machine (`make lock-test` looks for it)"
        pytest.fail(message) if in_ci() else pytest.skip(message)
    directory = tmp / f"index-{version}"
    directory.mkdir()
    for path in wheels.iterdir():
        if not path.name.startswith("."):
            (directory / path.name).symlink_to(path)
    lock = locked() | locked("requirements-pip.txt")
    assert THROUGH_AN_EXTRA <= set(lock)
    for name, version in lock.items():
        newer_release(directory, name, version)
    return Path((wheels / ".python").read_text(encoding="utf-8").strip()), directory


def offline_env(directory: Path) -> dict[str, str]:
    """pip reads this index alone: no configuration file, no other index, no constraint."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    return env | {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(directory)}


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lock")


@pytest.mark.parametrize("version", supported_pythons())
def test_the_index_offers_a_newer_release_of_every_locked_package(version, tmp):
    # The test's premise: pip, asked for any locked name on this index, would find a newer one.
    available: dict[str, set[Version]] = {}
    for path in index(version, tmp)[1].glob("*.whl"):
        name, version = path.name.split("-")[:2]
        available.setdefault(normal(name), set()).add(Version(version))
    for name, version in (locked() | locked("requirements-pip.txt")).items():
        assert max(available[name]) > Version(version), name


@pytest.mark.parametrize("version", supported_pythons())
def test_make_venv_installs_exactly_the_lock(version, tmp, tmp_path):
    python, directory = index(version, tmp)
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", "venv", f"VENV={venv}", f"PYTHON={python}", f"BUILDDIR={tmp_path / 'build'}"],
        cwd=ROOT, env=offline_env(directory), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert installed_pins(venv / "bin" / "python") == locked()


def test_read_the_docs_installs_exactly_the_build_lock(tmp, tmp_path):
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["build"]["tools"]["python"] in supported_pythons()
    python, directory = index(config["build"]["tools"]["python"], tmp)
    commands = [c for c in config["build"]["commands"] if c.startswith("python -m pip ")]
    assert commands, "Read the Docs installs with `python -m pip ...`"
    venv = tmp_path / "venv"
    subprocess.run([str(python), "-m", "venv", str(venv)], check=True)
    env = offline_env(directory) | {"PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    for command in commands:
        result = subprocess.run(command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    assert installed_pins(venv / "bin" / "python") == locked("requirements.txt") | locked("requirements-pip.txt")
