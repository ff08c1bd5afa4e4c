"""TRANSLATING.md's commands exist and do what the guide says they do.

Every command the guide shows (a ``make`` or ``git`` command in its text or in a shell block)
is run: the translator's week here, as written, against a local bare clone of the project
(nothing reaches the network), the preview here with ``PORT=0``, and the project manager's
commands by the tests named in :data:`RUN_ELSEWHERE`. A command added to the guide without a
test fails :func:`test_every_command_of_the_guide_is_run_by_a_test`.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from support import ROOT, copy_project

GUIDE = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
WEEK = GUIDE[GUIDE.index("## A translator's week"):GUIDE.index("## Every check")]
SHELL_BLOCK = re.compile(r"^( *)```sh\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
COMMAND_SPAN = re.compile(r"`((?:make|git) [^`]*)`")
# The address in the guide's clone command stands for the project's repository.
CLONE_ADDRESS = "https://git.example.org/brochure.git"


def shell_lines(text: str) -> list[str]:
    """The commands of the shell blocks in *text*, continuation lines joined."""
    lines = []
    for _indent, block in SHELL_BLOCK.findall(text):
        lines += [line.strip() for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    return lines


def guide_commands() -> set[str]:
    """Every make and git command of the guide, by its first two words (``make stats``)."""
    commands = COMMAND_SPAN.findall(GUIDE) + [line for line in shell_lines(GUIDE)
                                              if line.split()[0] in ("make", "git")]
    return {" ".join(command.split()[:2]) for command in commands}


# Run here: the translator's week, the layout repair and the preview.
RUN_HERE = {"git clone", "make venv", "git pull", "make stats", "make check-po", "git status", "git add",
            "git commit", "git push", "git restore", "make normalize-po", "make serve-tr"}
# Run by other tests: command -> (the module that runs it, what it calls to run it).
RUN_ELSEWHERE = {
    "make html-tr": ("tests/tools/test_serve.py", r'"make", "--no-print-directory", "html-tr"'),
    "make update-po": ("tests/tools/test_catalog_round_trips.py", r'make\(root, "update-po"'),
    "make new-edition": ("tests/conftest.py", r'make\(root, "new-edition"'),
    "make editions": ("tests/conftest.py", r'make\(root, "editions"\)'),
    "make release": ("tests/conftest.py", r'make\(root, "release"\)'),
    # The target runs brochure.tools.weblate_setup, which the Weblate lane runs against Weblate.
    "make weblate-setup": ("tests/weblate/test_weblate_lane.py", r"weblate_setup\.main\("),
    "make weblate-test": ("tests/weblate/test_weblate_lane.py", r"make weblate-test"),
    # The targets run brochure.tools.review and the print build with bilingual_print.
    "make review-tr": ("tests/tools/test_review.py", r'review\.messages\("tr", repository, since="reviewed"\)'),
    "git tag": ("tests/tools/test_review.py", r'git\(tmp_path, "tag", "reviewed"\)'),
    "make pdf-bilingual-tr": ("tests/tools/test_bilingual_pdf.py", r'"bilingual_print=1"'),
}


def make(*arguments: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=cwd, capture_output=True,
                          text=True, timeout=300, **kwargs)


def test_every_command_of_the_guide_is_run_by_a_test():
    commands = guide_commands()
    assert {"make stats", "make check-po", "git clone", "git push", "make serve-tr"} <= commands
    assert commands <= RUN_HERE | set(RUN_ELSEWHERE), commands - RUN_HERE - set(RUN_ELSEWHERE)
    for command, (module, call) in RUN_ELSEWHERE.items():
        assert re.search(call, (ROOT / module).read_text(encoding="utf-8")), command


def test_every_make_target_and_variable_of_the_guide_exists():
    targets = make("-pn", "help").stdout
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    commands = [command for command in COMMAND_SPAN.findall(GUIDE) + shell_lines(GUIDE) if command.startswith("make ")]
    for command in commands:
        target, *variables = command.split()[1:]
        assert re.search(rf"^{re.escape(target)}:", targets, re.M), command
        for variable in variables:
            assert f"$({variable.split('=')[0]})" in makefile, command
    # "make serve-tr uses http://127.0.0.1:8000"
    assert re.search(r"^PORT\s*\?=\s*8000$", makefile, re.M) and "<http://127.0.0.1:8000>" in WEEK


def test_every_link_inside_the_guide_reaches_a_heading():
    def anchor(heading: str) -> str:
        return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")

    headings = {anchor(h) for h in re.findall(r"^#+ (.+)$", GUIDE, re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", GUIDE.replace("\n", " "))
    assert links and set(links) <= headings, set(links) - headings


def test_the_table_lists_every_check():
    from brochure.i18n.rules import CHECK_IDS

    table = GUIDE[GUIDE.index("## Every check"):]
    for check in CHECK_IDS:
        assert f"| `{check}` |" in table, check


def test_stats_and_check_po_for_one_edition_show_that_edition_only():
    stats = make("stats", "CODE=tr")
    assert stats.returncode == 0, stats.stderr
    assert "tr (Türkçe)" in stats.stdout and "en (English)" not in stats.stdout
    for column in ("translated", "fuzzy", "untranslated"):
        assert column in stats.stdout
    wrong = make("check-po", "CODE=xx")
    assert wrong.returncode != 0 and "no edition with code 'xx'" in wrong.stderr


# -- The translator's week, as written, in a clone ------------------------------------------

KUHN = "locale/tr/LC_MESSAGES/grussworte/kuhn.po"


def git(*arguments: str, cwd: Path, env: dict) -> str:
    done = subprocess.run(["git", *arguments], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def borrowed_environment(clone: Path) -> None:
    """The project's installed environment for the clone, up to date in make's eyes: what
    ``make venv`` leaves behind (installing it again is the venv lane's test, not this one)."""
    venv = clone / ".venv"
    venv.mkdir()
    for entry in (ROOT / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()


class Week:
    """Runs the guide's commands one by one, as a shell would, keeping the current folder."""

    def __init__(self, start: Path, env: dict, origin: Path):
        self.cwd, self.env, self.origin = start, env, origin
        self.outputs: dict[str, str] = {}

    def run(self, line: str) -> str:
        line = line.replace(CLONE_ADDRESS, str(self.origin))
        if line.startswith("cd "):
            self.cwd = self.cwd / shlex.split(line)[1]
            return ""
        if line == "make venv":
            borrowed_environment(self.cwd)
        done = subprocess.run(line, shell=True, cwd=self.cwd, env=self.env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, (line, done.stdout, done.stderr)
        self.outputs[line] = done.stdout + done.stderr
        return self.outputs[line]

    def step(self, number: int) -> list[str]:
        """The shell commands of the week's step *number*, run; their lines."""
        steps = re.split(r"^(\d+)\. ", WEEK, flags=re.M)
        text = steps[steps.index(str(number)) + 1]
        lines = shell_lines(text)
        for line in lines:
            self.run(line)
        return lines


@pytest.fixture
def week(tmp_path) -> Week:
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(origin)], check=True, timeout=120)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "BUILDDIR", "MAKE"))}
    env.update(HOME=str(tmp_path), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Ayşe Yılmaz",
               GIT_AUTHOR_EMAIL="ayse@example.org", GIT_COMMITTER_NAME="Ayşe Yılmaz",
               GIT_COMMITTER_EMAIL="ayse@example.org")
    return Week(tmp_path, env, origin)


def mark_first_message_fuzzy(catalog: Path) -> None:
    """What make update-po leaves after a German change: the translation kept, marked fuzzy."""
    text = catalog.read_text(encoding="utf-8")
    first = text.index("\nmsgid ", text.index("\n\n"))  # the first message after the header
    catalog.write_text(text[:first] + "\n#, fuzzy" + text[first:], encoding="utf-8")


@pytest.mark.rebuild  # a clone of the project, its catalogs checked
def test_a_translators_week_runs_as_the_guide_writes_it(week, tmp_path):
    # 1. Get the files (once), then the project manager commits a German change's result.
    assert week.step(1)[:3] == [f"git clone {CLONE_ADDRESS} brochure", "cd brochure", "make venv"]
    clone = week.cwd
    assert (clone / KUHN).is_file() and clone.name == "brochure"
    manager = tmp_path / "manager"
    git("clone", "--quiet", str(week.origin), str(manager), cwd=tmp_path, env=week.env)
    mark_first_message_fuzzy(manager / KUHN)
    git("commit", "--quiet", "-am", "German change brought into the catalogs", cwd=manager, env=week.env)
    git("push", "--quiet", cwd=manager, env=week.env)
    week.run("git pull")  # the weekly command of step 1
    assert "#, fuzzy" in (clone / KUHN).read_text(encoding="utf-8")

    # 2. Find what needs work: the page with the fuzzy message.
    assert week.step(2) == ["make stats CODE=tr"]
    rows = {line.split()[0]: line.split()[1:] for line in week.outputs["make stats CODE=tr"].splitlines()
            if line.startswith("grussworte/kuhn ")}
    assert rows["grussworte/kuhn"][1] == "1", week.outputs["make stats CODE=tr"]  # fuzzy

    # 3. Translate: the reviewed translation confirmed (Needs Work switched off).
    catalog = clone / KUHN
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("#, fuzzy\n", "", 1), encoding="utf-8")

    # 4. Check.
    assert week.step(4) == ["make check-po CODE=tr"]
    assert week.outputs["make check-po CODE=tr"].rstrip().endswith("no problems")

    # 6. Hand back, after putting back what an update-po of one's own changed elsewhere.
    for other in ("locale/en/LC_MESSAGES/grussworte/kuhn.po", "locale/de/LC_MESSAGES/sphinx.po"):
        with (clone / other).open("a", encoding="utf-8") as changed:
            changed.write("\n")
    restore = re.search(r"`(git restore [^`]+)`", WEEK).group(1)
    week.run(restore)
    lines = week.step(6)
    assert lines[:2] == ["git status", "git add locale/tr"] and lines[-1] == "git push"
    assert KUHN in week.outputs["git status"] and "locale/en" not in week.outputs["git status"]
    pushed = git("show", "--name-only", "--format=%an", "HEAD", cwd=week.origin, env=week.env).split()
    assert pushed == ["Ayşe", "Yılmaz", KUHN]

    # A catalog saved with line wrapping: [format] names it, make normalize-po puts it back.
    published = catalog.read_bytes()
    subprocess.run(["msgcat", "--width=79", "-o", str(catalog), str(catalog)], check=True)
    assert catalog.read_bytes() != published
    assert "[format]" in make("check-po", "CODE=tr", cwd=clone, env=week.env).stdout
    week.run("make normalize-po")
    assert catalog.read_bytes() == published and git("status", "--porcelain", cwd=clone, env=week.env) == ""


# -- The preview ----------------------------------------------------------------------------

@pytest.mark.rebuild  # builds the Turkish edition in a copy
def test_the_preview_on_port_zero_prints_its_address_and_stops_with_ctrl_c(tmp_path):
    assert "make serve-tr PORT=0" in WEEK and "Ctrl+C" in WEEK
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "BUILDDIR": str(project / "_build")}
    server = subprocess.Popen(["make", "--no-print-directory", "serve-tr", "PORT=0"], cwd=project, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        address = None
        for line in server.stdout:
            found = re.search(r"serving the 'tr' edition on (http://127\.0\.0\.1:(\d+)/)", line)
            if found:
                address = found.group(1)
                break
        assert address is not None and not address.endswith(":0/")
        with urllib.request.urlopen(address + "index.html", timeout=30) as response:
            assert 'lang="tr"' in response.read().decode("utf-8")
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl+C in the terminal
        server.wait(timeout=60)
        server.stdout.close()
    assert running_in_session(server.pid) == []  # nothing of the preview is left running


def running_in_session(session: int) -> list[str]:
    """The processes of a session (the preview starts one of its own) that still run, after a
    few seconds' grace to finish; one that exited but is not yet reaped by init is not running."""
    end = time.monotonic() + 10
    while True:
        listing = subprocess.run(["ps", "-o", "stat=,args=", "-s", str(session)], capture_output=True,
                                 text=True).stdout.splitlines()
        running = [line for line in listing if not line.lstrip().startswith("Z")]
        if not running or time.monotonic() > end:
            return running
        time.sleep(0.2)


def test_the_status_page_is_named_as_each_edition_titles_it():
    import polib

    from brochure.base.editions import LOCALE_DIR, publication

    names = ["Übersetzungsstand"] + [
        polib.pofile(str(LOCALE_DIR / edition.code / "LC_MESSAGES" / "uebersetzungsstand.po")).find(
            "Übersetzungsstand").msgstr for edition in publication().translations]
    assert all(f"*{name}*" in WEEK for name in names), names
