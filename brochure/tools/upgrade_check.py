"""What the newest Sphinx, furo, MyST-Parser and docutils would break: ``make upgrade-check``.

The project reaches into these libraries' internals (DEVELOPING.md lists every place). This
tool answers "can we upgrade?" before anyone changes a pin:

1. a scratch virtual environment in ``_build/upgrade-check/venv`` gets the lock, then the newest
   release of each library above (pip's resolver picks compatible versions of the rest);
2. the editions are built with it (``make editions`` into a scratch build directory, warnings
   as errors) and the test suite runs without the browser lane;
3. a report lists each library's locked and newest version, the build's verdict and every
   failing test, also written to ``_build/upgrade-check/report.txt``.

Exit status: 0 when everything passed, 1 when something broke, 2 when the environment could
not be made (no network to the package index, say). Nothing in the project is changed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from brochure.editions import BUILD_DIR, ROOT

LIBRARIES = ("sphinx", "furo", "myst-parser", "docutils")
WORK = BUILD_DIR / "upgrade-check"
VENV = WORK / "venv"


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)


def locked_versions() -> dict[str, str]:
    text = (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    return {name.lower(): version for name, version in re.findall(r"^([\w.-]+)==(\S+)", text, re.M)}


def installed_versions(python: Path) -> dict[str, str]:
    frozen = run([str(python), "-m", "pip", "freeze"]).stdout
    return {name.lower(): version for name, version in re.findall(r"^([\w.-]+)==(\S+)", frozen, re.M)}


def make_environment() -> Path:
    python = VENV / "bin" / "python"
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(ROOT / "requirements-test.txt")],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--upgrade", *LIBRARIES],
    ]
    for step in steps:
        result = run(step)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(step)} failed:\n{result.stderr.strip()[-2000:]}")
    # The Makefile's stamp: make must not reinstall the lock over the upgraded libraries.
    (VENV / ".installed").touch()
    return python


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    try:
        python = make_environment()
    except RuntimeError as err:
        print(f"upgrade-check: could not make the scratch environment: {err}", file=sys.stderr)
        return 2
    locked, newest = locked_versions(), installed_versions(python)
    lines = ["library        locked        newest"]
    lines += [f"{name:<14} {locked.get(name, '?'):<13} {newest.get(name, '?')}" for name in LIBRARIES]

    env = {**os.environ, "BUILDDIR": str(WORK / "build"), "VIRTUAL_ENV": str(VENV)}
    build = run(["make", "--no-print-directory", f"VENV={VENV}", "editions"], env=env)
    lines.append(f"\nmake editions: {'passed' if build.returncode == 0 else 'FAILED'}")
    if build.returncode != 0:
        lines.append(build.stderr.strip()[-3000:])
    # The environment differs from the lock on purpose: that test is not a finding here.
    tests = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ignore=tests/browser",
                 "--deselect", "tests/test_environment.py::test_installed_packages_equal_the_lock"],
                env=env)
    failed = re.findall(r"^FAILED (\S+)", tests.stdout, re.M)
    summary = tests.stdout.strip().splitlines()[-1] if tests.stdout.strip() else "no output"
    lines.append(f"tests: {summary}")
    lines += [f"  broken: {name}" for name in failed]
    report = "\n".join(lines) + "\n"
    (WORK / "report.txt").write_text(report, encoding="utf-8")
    print(report, end="")
    print(f"(report: {WORK / 'report.txt'}; couplings and their tests: DEVELOPING.md)")
    return 0 if build.returncode == 0 and tests.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
