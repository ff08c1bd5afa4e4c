"""`make serve-<lang>`: which change rebuilds, restarts or is ignored, and bad command lines.

Fast checks without a server; tests/tools/test_serve.py runs the preview itself.
"""

import socket
import subprocess
from pathlib import Path

from brochure.base.editions import ROOT
from brochure.tools.serve import REBUILD, RESTART, classify, insert_after_body_tag

PROJECT = "/p"


def kind(relative, code="tr"):
    return classify(Path(PROJECT, relative), Path(PROJECT), code, Path(PROJECT, "_build"))


def test_build_output_and_temporary_files_never_trigger_a_rebuild():
    for path in ("locale/tr/LC_MESSAGES/anhang.mo", "locale/tr/LC_MESSAGES/grussworte/kuhn.mo",
                 "_build/html/tr/anhang.html", "_build/doctrees/tr/catalog-verdicts.json",
                 "brochure/__pycache__/editions.cpython-311.pyc", "locale/tr/LC_MESSAGES/.anhang.po.swp",
                 "locale/tr/LC_MESSAGES/anhang.po~", "source/4913", "source/.#anhang.md", "source/.goutputstream-X1Y2",
                 "locale/tr/LC_MESSAGES/anhang.poAbC123", "locale/tr/LC_MESSAGES/#anhang.po#",
                 "locale/en/LC_MESSAGES/anhang.po", "README.md", ".git/index"):
        assert kind(path) is None, path


def test_pages_rebuild_in_place_and_code_or_configuration_restarts():
    for path in ("locale/tr/LC_MESSAGES/anhang.po", "locale/tr/LC_MESSAGES/grussworte/kuhn.po",
                 "source/anhang.md", "source/bilder/logo.png"):
        assert kind(path) == REBUILD, path
    for path in ("conf.py", "editions.toml", "templates/sidebar/edition.html", "static/editions.css",
                 "brochure/sphinxext/credits.py", "brochure/i18n/rules.py", "locale/tr/LC_MESSAGES/sphinx.po"):
        assert kind(path) == RESTART, path


def test_the_banner_goes_right_after_the_body_tag():
    assert insert_after_body_tag(b'<html><body class="x"><p>a</p></body></html>', b"<div>E</div>") == \
        b'<html><body class="x"><div>E</div><p>a</p></body></html>'


def test_bad_command_lines_get_a_clear_error_and_no_traceback():
    python = str(ROOT / ".venv" / "bin" / "python")
    for args, expected in ((["xx"], "unknown edition 'xx'"), (["tr", "-D", "language"], "expected NAME=VALUE"),
                           (["tr", "-j", "zero"], "expected a positive number or auto"),
                           (["tr", "--port", "70000"], "expected 0 to 65535")):
        done = subprocess.run([python, "-m", "brochure.tools.serve", *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, check=False)
        assert done.returncode == 2 and expected in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([python, "-m", "brochure.tools.serve", "tr", "--port", str(port)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
