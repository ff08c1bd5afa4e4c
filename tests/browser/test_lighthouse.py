"""Lighthouse: accessibility, best practices and SEO at 100 on a phone and a desktop.

Lighthouse is the npm package pinned in ``tests/lighthouse/package.json`` (``make npm-tools``
installs it with the Node 22 it needs, from the npm package ``node``; Debian's Node is older).
It drives Debian's Chromium (``CHROME_PATH``); nothing is downloaded at test time. The sample
is the root page and, per edition, an article deep in the brochure and the downloads page (the
search page is ``noindex`` by design and left out), each with Lighthouse's phone settings and
those of its desktop preset; ``make lighthouse`` runs only these tests.

A Lighthouse CLI run per page and form factor cost over 20 s (a Chrome each, long waits for
the page to settle), so ``tests/lighthouse/audit.mjs`` runs them through Lighthouse's Node API,
many runs to one Chrome; one fixture runs all of them once and each test reads its report.

Without the npm tools the tests are skipped locally and fail in CI, like the other browser tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from brochure.base.editions import ROOT, publication
from browsing import CHROMIUM

TOOLS = ROOT / "tests" / "lighthouse"
NODE = TOOLS / "node_modules" / ".bin" / "node"
AUDIT = TOOLS / "audit.mjs"
PACKAGES = [TOOLS / "node_modules" / name / "package.json" for name in ("lighthouse", "chrome-launcher")]
CATEGORIES = ("accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")  # audit.mjs's names for Lighthouse's phone and desktop configs
# Lighthouse runs one audit at a time in a process, and part of each run waits for the page to
# settle: two processes, a Chrome each, overlap those waits (measured alone with the twenty
# runs of a larger sample: 48 s, 110 s with one process, 42 s with three, which in the suite
# only take CPU from the other worker).
PROCESSES = 2
TIMEOUT_S = 300  # for all runs together

# Each kind of page once per edition: an article (the edition's home page is one too, with
# the same template and furniture) and the downloads page (cards, checksums, file links).
SAMPLE = ["index.html"] + [
    f"{edition.code}/{name}.html"
    for edition in publication().editions
    for name in ("handreichungen/schwerpunktthemen/osnabrueck-rass-turgut-sabelhaus", "downloads")
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_requirement() -> str | None:
    if not (NODE.exists() and all(package.exists() for package in PACKAGES)):
        return f"Lighthouse is not installed in {TOOLS}: run `make npm-tools`"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM}; install it with `apt-get install chromium`"
    return None


def run_audits(runs: list[str]) -> list[dict]:
    """Lighthouse's reports on runs ("form factor:URL"), split over PROCESSES runs of audit.mjs."""
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    command = [str(NODE), str(AUDIT), ",".join(CATEGORIES)]
    processes = [
        subprocess.Popen([*command, *runs[i::PROCESSES]], cwd=TOOLS, env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in range(PROCESSES)
    ]
    deadline = time.monotonic() + TIMEOUT_S
    reports, errors = [], []
    for process in processes:
        try:
            stdout, stderr = process.communicate(timeout=max(deadline - time.monotonic(), 1))
        except subprocess.TimeoutExpired:
            process.terminate()  # audit.mjs then closes its Chrome
            stdout, stderr = process.communicate()
            errors.append(f"timed out after {TIMEOUT_S} s")
        if process.returncode:
            errors.append(f"audit.mjs exited with {process.returncode}:\n{stderr[-2000:]}")
        reports += [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    if errors:
        pytest.fail("\n".join(errors), pytrace=False)
    return reports


@pytest.fixture(scope="module")
def reports(server) -> dict[tuple[str, str], dict]:
    """Each (page, form factor)'s report: its scores, failing audits and any runtime error."""
    reason = missing_requirement()
    if reason is not None:
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    prefix = f"{server.url}/"
    runs = [f"{form_factor}:{prefix}{path}" for path in SAMPLE for form_factor in FORM_FACTORS]
    return {
        (report["url"].removeprefix(prefix), report["formFactor"]): report
        for report in run_audits(runs)
    }


@pytest.mark.parametrize("form_factor", FORM_FACTORS)
@pytest.mark.parametrize("path", SAMPLE)
def test_lighthouse_scores_100(path, form_factor, reports):
    report = reports.get((path, form_factor))
    assert report is not None, f"no Lighthouse report for {path} ({form_factor})"
    assert report["error"] is None, f"Lighthouse could not audit {path} ({form_factor}): {report['error']}"
    failing = "\n".join(f"  {audit['category']}: {audit['id']} ({audit['title']})" for audit in report["failing"])
    assert report["scores"] == dict.fromkeys(CATEGORIES, 1), (
        f"{path} ({form_factor}): {report['scores']}; failing audits:\n{failing}"
    )
    # audit.mjs replaces Lighthouse's second-long machine benchmark (coupling list, DEVELOPING.md).
    assert report["benchmarkSkipped"], (
        "Lighthouse benchmarked the machine: audit.mjs's replacement of "
        "pageFunctions.computeBenchmarkIndex no longer applies to this Lighthouse release"
    )
