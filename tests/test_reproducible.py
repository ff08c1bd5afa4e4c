"""Two clean builds of the same sources give byte-identical sites, ePubs included."""

import filecmp
import os
import subprocess

import pytest

from support import copy_project

pytestmark = pytest.mark.rebuild  # copies the project and builds it again


def build_site(root, epoch):
    env = {**os.environ, "BUILDDIR": str(root / "_build"), "SOURCE_DATE_EPOCH": epoch}
    result = subprocess.run(["make", "--no-print-directory", "editions"], cwd=root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "_build" / "site"


def differing_files(left, right, prefix=""):
    comparison = filecmp.dircmp(left, right)
    found = [prefix + name for name in comparison.left_only + comparison.right_only]
    for name in comparison.common_files:
        if (left / name).read_bytes() != (right / name).read_bytes():
            found.append(prefix + name)
    for name in comparison.common_dirs:
        found += differing_files(left / name, right / name, f"{prefix}{name}/")
    return found


def test_two_clean_builds_are_byte_identical(tmp_path):
    epoch = "1395360000"  # 21 March 2014, the anniversary conference
    first = build_site(copy_project(tmp_path / "one"), epoch)
    second = build_site(copy_project(tmp_path / "two"), epoch)
    assert sorted(p.name for p in first.iterdir()) == sorted(p.name for p in second.iterdir())
    assert differing_files(first, second) == []
