"""TRANSLATING.md's commands exist and do what the guide says they do."""

from __future__ import annotations

import re
import subprocess

from support import ROOT

GUIDE = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
COMMANDS = sorted(set(re.findall(r"`(make [a-z][\w-]*(?: [A-Z]+=\w+)*)`", GUIDE)))


def make(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_every_make_command_of_the_guide_names_a_target_and_variables_the_makefile_has():
    assert "make check-po CODE=tr" in COMMANDS and "make stats CODE=tr" in COMMANDS
    targets = make("-pn", "help").stdout
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in COMMANDS:
        target, *variables = command.split()[1:]
        assert re.search(rf"^{re.escape(target)}:", targets, re.M), command
        for variable in variables:
            assert f"$({variable.split('=')[0]})" in makefile, command


def test_stats_and_check_po_for_one_edition_show_that_edition_only():
    stats = make("stats", "CODE=tr")
    assert stats.returncode == 0, stats.stderr
    assert "tr (Türkçe)" in stats.stdout and "en (English)" not in stats.stdout
    for column in ("translated", "fuzzy", "untranslated"):
        assert column in stats.stdout
    check = make("check-po", "CODE=tr")
    assert check.returncode == 0, check.stdout + check.stderr
    assert re.search(r"check-po: \d+ catalog\(s\), no problems", check.stdout)
    wrong = make("check-po", "CODE=xx")
    assert wrong.returncode != 0 and "no edition with code 'xx'" in wrong.stderr


def test_the_table_lists_every_check():
    from brochure.i18n.rules import CHECK_IDS

    table = GUIDE[GUIDE.index("## Every check"):]
    for check in CHECK_IDS:
        assert f"| `{check}` |" in table, check


def test_the_preview_command_takes_port_zero():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--port $(PORT)" in makefile and "make serve-tr PORT=0" in GUIDE
    from brochure.tools.serve import parse

    assert parse(["tr", "--port", "0"]).port == 0
