"""Lighthouse: accessibility, best practices and SEO at 100 on a phone and a desktop.

Lighthouse is the npm package pinned in ``tests/lighthouse/package.json`` (``make npm-tools``
installs it with the Node 22 it needs, from the npm package ``node``; Debian's Node is older).
It drives Debian's Chromium (``CHROME_PATH``); nothing is downloaded at test time. The sample
is the root page and, per edition, its home page, a deep page and the downloads page (the
search page is ``noindex`` by design and left out). Each run takes a few seconds, so the sample
is small; ``make lighthouse`` runs only these tests.

Without the npm tools the tests are skipped locally and fail in CI, like the other browser tests.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from brochure.editions import ROOT, publication
from browsing import CHROMIUM

TOOLS = ROOT / "tests" / "lighthouse"
NODE = TOOLS / "node_modules" / ".bin" / "node"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("accessibility", "best-practices", "seo")

SAMPLE = ["index.html"] + [
    f"{edition.code}/{name}.html"
    for edition in publication().editions
    for name in ("index", "handreichungen/schwerpunktthemen/osnabrueck-rass-turgut-sabelhaus", "downloads")
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def lighthouse():
    if not (NODE.exists() and LIGHTHOUSE.exists()):
        reason = f"Lighthouse is not installed in {TOOLS}: run `make npm-tools`"
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return [str(NODE), str(LIGHTHOUSE)]


def run_lighthouse(command: list[str], url: str, form_factor: str) -> dict:
    args = [
        *command, url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", "--output-path=stdout", "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--throttling-method=provided",  # these categories do not measure speed
    ]
    if form_factor == "desktop":
        args.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=180)
    if result.returncode:
        pytest.fail(f"lighthouse {url} ({form_factor}) failed:\n{result.stderr[-2000:]}", pytrace=False)
    return json.loads(result.stdout)


def failing_audits(report: dict, category: str) -> list[str]:
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            failing.append(f"{audit['id']}: {audit['title']}")
    return failing


@pytest.mark.parametrize("form_factor", ["mobile", "desktop"])
@pytest.mark.parametrize("path", SAMPLE)
def test_lighthouse_scores_100(path, form_factor, lighthouse, server):
    report = run_lighthouse(lighthouse, f"{server.url}/{path}", form_factor)
    scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
    problems = {category: failing_audits(report, category) for category in CATEGORIES if scores[category] < 1}
    assert scores == dict.fromkeys(CATEGORIES, 1), f"{path} ({form_factor}): {scores}\n{problems}"
