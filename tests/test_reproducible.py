"""Two clean builds of one commit give byte-identical sites, ePubs and PDFs included.

The two builds: the tree's own `make editions` (what `make test` builds first and every site
test reads) and the clean build of a copy in another directory (``published_copy``), with the
same SOURCE_DATE_EPOCH (``support.source_date_epoch``). So the output depends on neither the
place nor the time of the build.
"""

import filecmp

from support import SITE


def differing_files(left, right, prefix=""):
    comparison = filecmp.dircmp(left, right)
    found = [prefix + name for name in comparison.left_only + comparison.right_only]
    for name in comparison.common_files:
        if (left / name).read_bytes() != (right / name).read_bytes():
            found.append(prefix + name)
    for name in comparison.common_dirs:
        found += differing_files(left / name, right / name, f"{prefix}{name}/")
    return found


def test_two_clean_builds_are_byte_identical(site, published_copy):
    assert site == SITE
    different = differing_files(published_copy.first_site, site)
    assert different == [], (
        f"{len(different)} files differ from a clean build of a copy (is {site} current? `make test` "
        f"builds it first): {different[:20]}")
