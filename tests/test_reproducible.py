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


def test_the_code_digest_follows_the_code_and_nothing_else(tmp_path):
    """The configuration value that makes a build after a code change a full one."""
    from brochure.base.reproducible import code_digest

    (tmp_path / "brochure" / "sphinxext").mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    extension = tmp_path / "brochure" / "sphinxext" / "box.py"
    extension.write_text("CLASSES = ['box']\n", encoding="utf-8")
    (tmp_path / "templates" / "page.html").write_text("<p>{{ body }}</p>\n", encoding="utf-8")
    first = code_digest(tmp_path)
    (tmp_path / "brochure" / "sphinxext" / "__pycache__").mkdir()
    (tmp_path / "brochure" / "sphinxext" / "__pycache__" / "box.cpython-313.pyc").write_bytes(b"\0")
    assert code_digest(tmp_path) == first  # compiled files are not code
    extension.write_text("CLASSES = ['box', 'notranslate']\n", encoding="utf-8")
    assert code_digest(tmp_path) != first
    extension.write_text("CLASSES = ['box']\n", encoding="utf-8")
    assert code_digest(tmp_path) == first  # the same code, the same digest


def test_the_build_records_the_code_digest_as_an_environment_setting():
    """Registered with rebuild "env": Sphinx reads every page again when the value changed."""
    from brochure.base.reproducible import code_digest
    from brochure.sphinxext import edition

    registered = {}

    class App:
        def connect(self, *args):
            pass

        def add_config_value(self, name, default, rebuild, types=()):
            registered[name] = (default, rebuild)

    edition.setup(App())  # type: ignore[arg-type]
    assert registered["brochure_code"] == (code_digest(), "env")
