"""What the newest releases of the libraries we reach into would break: ``make upgrade-check``.

The project relies on things its libraries do not promise; DEVELOPING.md's coupling table lists
every place, the library (PyPI name) it reaches into, and the tests that catch a break. This
tool answers "can we upgrade?" before anyone changes a pin, for every library of that table:

1. a scratch virtual environment in ``_build/upgrade-check/venv``, made with the interpreter of
   the project's own environment (the newest supported Python the Makefile found), gets the
   locked pip, the lock, and then the newest release of each library (pip's resolver picks
   compatible versions of the rest; the newest release for this Python, so a release that needs
   a newer Python is not offered and the report says which Python it used);
2. the editions are built with it (``make editions`` into a scratch build directory, warnings as
   errors) and the whole test suite runs, browser lane included (not the lock lane);
3. the report lists, per library: locked version → newest version → pass or FAIL, where a
   library fails when a test named for one of its couplings fails; then, per module of
   ``brochure.speed``, whether it still holds (its tests, and the editions built with the speed
   switch on and off byte-identical); failures no coupling names and the build's verdict are
   listed after it. Written to ``_build/upgrade-check/report.txt``.

Exit status: 0 when everything passed, 1 when something broke, 2 when the environment could
not be made (no network to the package index, say). Nothing in the project is changed.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from brochure import speed
from brochure.base.editions import BUILD_DIR, ROOT
from brochure.tools.locks import installed_pins, locked, normal

WORK = BUILD_DIR / "upgrade-check"
VENV = WORK / "venv"
COUPLINGS = ROOT / "DEVELOPING.md"
# A name in the table's library column that pip cannot install ("GNU gettext (Debian)",
# "lighthouse (npm)") is reported as not checked here.
PYPI_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Coupling:
    number: str
    libraries: tuple[str, ...]
    where: str  # the table's cells as written
    relies_on: str
    tests: tuple[str, ...]  # test files (tests/....py) and test function names (test_...)


def couplings(text: str | None = None) -> list[Coupling]:
    """The rows of DEVELOPING.md's coupling table."""
    text = COUPLINGS.read_text(encoding="utf-8") if text is None else text
    table = text[text.index("| # | library |"):]
    rows = []
    for line in table.splitlines()[2:]:
        if not line.startswith("| "):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        number, libraries, where, relies_on, caught_by = cells[0], cells[1], cells[2], cells[3], cells[5]
        tests = re.findall(r"`(tests/[\w/]+\.py)", caught_by) + re.findall(r"`(test_\w+)`", caught_by)
        rows.append(Coupling(number, tuple(lib.strip() for lib in libraries.split(",")), where, relies_on,
                             tuple(tests)))
    return rows


def libraries(rows: list[Coupling]) -> list[str]:
    """Every library the table names, in the order of first mention."""
    return list(dict.fromkeys(lib for row in rows for lib in row.libraries))


def attribute(rows: list[Coupling], failed: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Failed test ids (``tests/x.py::test_y[param]``) by the library whose coupling names them,
    and the failures no coupling names."""
    by_library: dict[str, list[str]] = {}
    unclaimed = []
    for test in failed:
        path, _, name = test.partition("::")
        function = re.sub(r"\[.*\]$", "", name.split("::")[-1])
        claimed = [row for row in rows if path in row.tests or function in row.tests]
        for row in claimed:
            for library in row.libraries:
                by_library.setdefault(library, []).append(test)
        if not claimed:
            unclaimed.append(test)
    return by_library, unclaimed


def speed_modules(failed: list[str]) -> dict[str, list[str]]:
    """Per module of ``brochure.speed``, its failed tests: its own test module's, and the
    comparison of whole editions built with the switch on and off (which concerns them all)."""
    return {module: [test for test in failed if test.startswith(
                (f"tests/speed/test_{module}.py::", "tests/speed/test_build_speed.py::"))]
            for module in speed.MODULES}


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)


def make_environment(upgrade: list[str]) -> Path:
    python = VENV / "bin" / "python"
    locked_install = ["--quiet", "--disable-pip-version-check", "--require-hashes", "--no-deps"]
    steps = [
        # The project environment's interpreter, resolved to the Python it was made with.
        [str(Path(sys.executable).resolve()), "-m", "venv", "--clear", str(VENV)],
        [str(python), "-m", "pip", "install", *locked_install, "-r", str(ROOT / "requirements-pip.txt")],
        [str(python), "-m", "pip", "install", *locked_install, "-r", str(ROOT / "requirements-test.txt")],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", *upgrade],
    ]
    for step in steps:
        result = run(step)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(step)} failed:\n{result.stderr.strip()[-2000:]}")
    # The Makefile's stamp: make must not reinstall the lock over the upgraded libraries.
    (VENV / ".installed").touch()
    return python


def report(rows: list[Coupling], lock: dict[str, str], newest: dict[str, str], failed: list[str],
           build_ok: bool, build_log: str, python_version: str) -> tuple[str, bool]:
    by_library, unclaimed = attribute(rows, failed)
    lines = [f"Python {python_version}; newest releases installable on it.", "",
             f"{'library':<22} {'locked':<14} {'newest':<14} verdict"]
    for library in libraries(rows):
        if not PYPI_NAME.match(library):
            lines.append(f"{library:<22} {'-':<14} {'-':<14} not checked here (not a Python package)")
            continue
        name = normal(library)
        verdict = "FAIL" if by_library.get(library) or not build_ok else "pass"
        lines.append(f"{library:<22} {lock.get(name, '?'):<14} {newest.get(name, '?'):<14} {verdict}")
        lines += [f"  broken: {test}" for test in by_library.get(library, [])]
    lines.append("\nspeed module (brochure/speed)   verdict")
    for module, broken in speed_modules(failed).items():
        lines.append(f"{module:<31} {'NO LONGER HOLDS' if broken else 'holds'}")
        lines += [f"  broken: {test}" for test in broken]
    lines.append(f"\nmake editions: {'passed' if build_ok else 'FAILED'}")
    if not build_ok:
        lines.append(build_log.strip()[-3000:])
    lines.append(f"failed tests no coupling names: {len(unclaimed)}")
    lines += [f"  broken: {test}" for test in unclaimed]
    return "\n".join(lines) + "\n", build_ok and not failed


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    rows = couplings()
    upgrade = [lib for lib in libraries(rows) if PYPI_NAME.match(lib)]
    try:
        python = make_environment(upgrade)
    except RuntimeError as err:
        print(f"upgrade-check: could not make the scratch environment: {err}", file=sys.stderr)
        return 2
    env = {**os.environ, "BUILDDIR": str(WORK / "build"), "VIRTUAL_ENV": str(VENV)}
    build = run(["make", "--no-print-directory", f"VENV={VENV}", "editions"], env=env)
    # The environment differs from the lock on purpose: that test is not a finding here.
    tests = run([str(python), "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile", "-m", "not lock and not weblate",
                 "-p", "no:cacheprovider",
                 "--deselect", "tests/test_environment.py::test_installed_packages_equal_the_lock"], env=env)
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", tests.stdout, re.M)
    text, ok = report(rows, locked(), installed_pins(python), failed, build.returncode == 0,
                      build.stdout + build.stderr, platform.python_version())
    summary = tests.stdout.strip().splitlines()[-1] if tests.stdout.strip() else "no output"
    text += f"tests: {summary}\n"
    ok = ok and tests.returncode == 0
    (WORK / "report.txt").write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"(report: {WORK / 'report.txt'}; couplings and their tests: DEVELOPING.md)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
