"""Shared fixtures: the editions table, the published site built by `make editions`, and a
publisher's copy of the tree (``published_copy``), built once per run for every worker.

`make test` builds every edition first, so the tests read exactly what a publisher ships.
Tests that need a tree of their own (broken catalogs) build their own copy
(``support.copy_project``).

Lanes (markers, pyproject.toml): ``browser`` (tests/browser, a real Chromium), ``site`` (reads
what `make editions` built), ``rebuild`` (copies the project and builds it again). What has
none of the three is the fast lane, ``make check``: catalogs, tools and extensions on small
fixtures.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from brochure.base.editions import publication
from support import (
    BROKEN_CATALOG,
    BROKEN_ENTRY,
    CHANGED_CATALOG,
    CHANGED_MSGSTR,
    PLANTED,
    SITE,
    build_state,
    built_once,
    copy_project,
    make,
    plant_stale_outputs,
    source_date_epoch,
)


@pytest.fixture(scope="session")
def pub():
    return publication()


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} is missing: run `make editions` first (`make test` does)")
    return SITE


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        fixtures = getattr(item, "fixturenames", ())
        if "site" in fixtures:
            item.add_marker(pytest.mark.site)
        if {"built", "new_editions", "published_copy"} & set(fixtures):  # a copy of the project built anew
            item.add_marker(pytest.mark.rebuild)
    # Modules that read the published copy run last (a stable sort keeps the rest in order):
    # it is built in the background from the start, so by then nobody waits for it.
    readers = {item.path for item in items if _reads_published_copy(item)}
    items.sort(key=lambda item: item.path in readers)


def _reads_published_copy(item) -> bool:
    return bool({"published_copy", "new_editions"} & set(getattr(item, "fixturenames", ())))


def pytest_report_header(config):
    """The versions every coupling in DEVELOPING.md depends on, at the top of every run."""
    names = ("sphinx", "furo", "myst-parser", "docutils", "markdown-it-py", "babel")
    return "libraries: " + ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)
# -- A publisher's copy of the tree, followed through its life ------------------------------

PUBLISHED_COPY = "published-copy"
COMPARED_PAGES = [f"{code}/{page}" for code in ("de", "en", "tr") for page in ("index.html", "uebersetzungsstand.html")]


@dataclass(frozen=True)
class PublishedCopy:
    root: Path  # the copy of the project, after every step below
    first_site: Path  # its _build/site as the first, clean `make editions` left it
    second_run: dict  # build_state() before and after a second `make editions`, nothing changed
    after_french: Path  # right after `make new-edition CODE=fr`: editions.toml, html/, epub/
    before: dict[str, str]  # page -> its HTML before the editions were added (de, en, tr)
    arabic_plurals: int
    stale: dict  # the planted stale outputs (PLANTED) still there after the second run
    after_translation: Path  # the Turkish site after one changed msgstr and a plain `make editions`
    refused: dict  # `make editions` with a broken Turkish catalog: exit status, output, site before/after

    @property
    def dist(self) -> Path:  # what `make release` wrote, with stale outputs planted in _build
        return self.root / "dist"

    @property
    def site(self) -> Path:  # the assembled site after the last plain `make editions`
        return self.root / "_build" / "site"


def _live_a_publishers_life(base: Path) -> None:
    """The steps, in the order a publisher takes them; what later steps change is saved first."""
    import json
    import shutil

    from pseudo_locale import pseudo_localise

    from brochure.i18n.headers import plural_forms
    from brochure.tools.new_edition import add_edition

    root = copy_project(base / "project")
    build = root / "_build"
    make(root, "editions")  # 1. clean, with the tree's own SOURCE_DATE_EPOCH (reproducibility)
    shutil.copytree(build / "site", base / "first-site")
    before = {page: (build / "html" / page).read_text(encoding="utf-8") for page in COMPARED_PAGES}
    first = build_state(root)
    # 2. Again, nothing changed but what an earlier build left behind (say, images a hostile
    # catalog pulled in, since fixed): planted after the state was recorded.
    plant_stale_outputs(build)
    make(root, "editions")
    (base / "second-run.json").write_text(json.dumps({"before": first, "after": build_state(root)}))
    stale = {name: (build / name).exists() for name in PLANTED}
    # 3. A release, with the stale outputs planted again in the working build directory.
    plant_stale_outputs(build)
    make(root, "release")
    # 4. One translation changed, then a plain `make editions`: every format must follow.
    catalog = root / "locale" / CHANGED_CATALOG
    text = catalog.read_text(encoding="utf-8")
    assert text.count(CHANGED_MSGSTR[0]) == 1, f"{catalog} changed: pick another msgstr"
    catalog.write_text(text.replace(*CHANGED_MSGSTR), encoding="utf-8")
    make(root, "editions")
    shutil.copytree(build / "site" / "tr", base / "after-translation")
    make(root, "new-edition", "CODE=fr")  # 3. a French edition, built at once
    after_french = base / "after-french"
    after_french.mkdir()
    shutil.copy2(root / "editions.toml", after_french / "editions.toml")
    shutil.copytree(build / "html" / "fr", after_french / "html")
    shutil.copytree(build / "epub" / "fr", after_french / "epub")
    # 4. An Arabic one, its catalogs pseudo-localised. `make new-edition` is the table row,
    # `make update-po` and an immediate build, proven by step 3; that build would be redone
    # with the pseudo-localised catalogs, so here only the first two steps run.
    add_edition("ar", root / "editions.toml")
    make(root, "update-po")
    messages = root / "locale" / "ar" / "LC_MESSAGES"
    plurals = plural_forms(polib.pofile(str(messages / "sphinx.po")).metadata["Plural-Forms"]).nplurals
    pseudo_localise(messages, interface_plurals=plurals)
    make(root, "editions")  # 5. one plain build (no -E) publishes all five
    # 6. A Turkish catalog polib cannot read: every other edition builds, make fails naming
    # the line, and the site is left as it was. The catalog is restored afterwards.
    broken = root / "locale" / BROKEN_CATALOG
    original = broken.read_bytes()
    broken.write_bytes(original + BROKEN_ENTRY.encode("utf-8"))
    site_before = build_state(root)["site"]
    env = {**os.environ, "BUILDDIR": str(build), "SOURCE_DATE_EPOCH": source_date_epoch()}
    done = subprocess.run(["make", "--no-print-directory", "editions"], cwd=root, env=env,
                          capture_output=True, text=True)
    broken.write_bytes(original)
    refused = {"status": done.returncode, "output": done.stdout + done.stderr,
               "line": original.decode("utf-8").count("\n") + 3,  # blank line, msgid, then the broken msgstr
               "site before": site_before, "site after": build_state(root)["site"]}
    (base / "new-editions.json").write_text(json.dumps({"before": before, "arabic_plurals": plurals,
                                                        "stale": stale, "refused": refused}))


@pytest.fixture(scope="session", autouse=True)
def _start_the_published_copy_early(request, tmp_path_factory):
    """Start building the published copy in the background when the run has tests that need
    it: the build is a minute of `make` and runs beside the first tests instead of before the
    ones that wait for it. One worker starts it; ``built_once`` makes the others wait."""
    import threading

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    needed = any(_reads_published_copy(item) for item in request.session.items)
    if worker == "gw0" and needed:
        # The run's temporary directory is made on first use: made here, before the thread,
        # so the thread and the fixture cannot each make one (and build the copy twice).
        tmp_path_factory.getbasetemp()

        def build():
            try:
                built_once(tmp_path_factory, PUBLISHED_COPY, _live_a_publishers_life)
            except BaseException:  # noqa: BLE001 - recorded by built_once, reported by the fixture
                pass
        threading.Thread(target=build, name="published-copy", daemon=True).start()


@pytest.fixture(scope="session")
def published_copy(tmp_path_factory) -> PublishedCopy:
    """A copy of the project built as published, built again with nothing changed, then given
    a French edition (`make new-edition CODE=fr`) and an Arabic one whose catalogs are
    pseudo-localised, and built once more with a plain `make editions` (no -E).

    Built once per run for every worker (``support.built_once``): the reproducibility,
    incremental-build and new-edition tests all read it; none may change it."""
    import json

    base = built_once(tmp_path_factory, PUBLISHED_COPY, _live_a_publishers_life)
    facts = json.loads((base / "new-editions.json").read_text(encoding="utf-8"))
    return PublishedCopy(base / "project", base / "first-site",
                         json.loads((base / "second-run.json").read_text(encoding="utf-8")),
                         base / "after-french", facts["before"], facts["arabic_plurals"],
                         facts["stale"], base / "after-translation", facts["refused"])


@pytest.fixture(scope="session")
def new_editions(published_copy) -> PublishedCopy:
    """The published copy with French and Arabic added (the name the edition tests use)."""
    return published_copy
