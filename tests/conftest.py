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
    # Modules that read a built copy run last (a stable sort keeps the rest in order): the
    # copies are built in the background from the start, so by then nobody waits for them.
    readers = {item.path for item in items if _copies_read(item)}
    items.sort(key=lambda item: item.path in readers)


def pytest_report_header(config):
    """The versions every coupling in DEVELOPING.md depends on, at the top of every run."""
    names = ("sphinx", "furo", "myst-parser", "docutils", "markdown-it-py", "babel")
    return "libraries: " + ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)
# -- A publisher's copy of the tree, followed through its life ------------------------------
#
# Two copies, each built from clean and then taken through its own steps, so the two chains
# run side by side on a machine's two cores: ``published_copy`` (outputs, incremental builds,
# the release, a refused catalog) and ``new_editions`` (French and Arabic added).

PUBLISHED_COPY = "published-copy"
NEW_EDITIONS = "new-editions"
COMPARED_PAGES = [f"{code}/{page}" for code in ("de", "en", "tr") for page in ("index.html", "uebersetzungsstand.html")]


@dataclass(frozen=True)
class PublishedCopy:
    root: Path  # the copy of the project, after every step below
    first_site: Path  # its _build/site as the first, clean `make editions` left it
    second_run: dict  # build_state() before and after a second `make editions`, nothing changed
    stale: dict  # the planted stale outputs (PLANTED) still there after the second run
    after_translation: Path  # the Turkish site after one changed msgstr and a plain `make editions`
    refused: dict  # `make editions` with a broken Turkish catalog: exit status, output, site before/after

    @property
    def dist(self) -> Path:  # what `make release` wrote, with stale outputs planted in _build
        return self.root / "dist"

    @property
    def site(self) -> Path:  # the assembled site after the last plain `make editions`
        return self.root / "_build" / "site"


@dataclass(frozen=True)
class NewEditions:
    root: Path  # the copy of the project with French and Arabic added
    after_french: Path  # right after `make new-edition CODE=fr`: editions.toml, html/, epub/
    before: dict[str, str]  # page -> its HTML before the editions were added (de, en, tr)
    arabic_plurals: int

    @property
    def site(self) -> Path:  # the assembled site with all five editions
        return self.root / "_build" / "site"


def _live_a_publishers_life(base: Path) -> None:
    """The steps, in the order a publisher takes them; what later steps change is saved first."""
    import json
    import shutil

    root = copy_project(base / "project")
    build = root / "_build"
    make(root, "editions")  # 1. clean, with the tree's own SOURCE_DATE_EPOCH (reproducibility)
    shutil.copytree(build / "site", base / "first-site")
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
    # 5. A Turkish catalog polib cannot read: every other edition builds, make fails naming
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
    (base / "facts.json").write_text(json.dumps({"stale": stale, "refused": refused}))


def _add_two_editions(base: Path) -> None:
    """A built copy given a French edition by `make new-edition CODE=fr` and an Arabic one
    whose catalogs are pseudo-localised, then built once more with a plain `make editions`."""
    import json
    import shutil

    from pseudo_locale import pseudo_localise

    from brochure.i18n.headers import plural_forms
    from brochure.tools.new_edition import add_edition

    root = copy_project(base / "project")
    build = root / "_build"
    make(root, "editions")
    before = {page: (build / "html" / page).read_text(encoding="utf-8") for page in COMPARED_PAGES}
    make(root, "new-edition", "CODE=fr")  # a French edition, built at once
    after_french = base / "after-french"
    after_french.mkdir()
    shutil.copy2(root / "editions.toml", after_french / "editions.toml")
    shutil.copytree(build / "html" / "fr", after_french / "html")
    shutil.copytree(build / "epub" / "fr", after_french / "epub")
    # An Arabic one, its catalogs pseudo-localised. `make new-edition` is the table row,
    # `make update-po` and an immediate build, proven above; that build would be redone
    # with the pseudo-localised catalogs, so here only the first two steps run.
    add_edition("ar", root / "editions.toml")
    make(root, "update-po")
    messages = root / "locale" / "ar" / "LC_MESSAGES"
    plurals = plural_forms(polib.pofile(str(messages / "sphinx.po")).metadata["Plural-Forms"]).nplurals
    pseudo_localise(messages, interface_plurals=plurals)
    make(root, "editions")  # one plain build (no -E) publishes all five
    (base / "facts.json").write_text(json.dumps({"before": before, "arabic_plurals": plurals}))


CHAINS = {PUBLISHED_COPY: _live_a_publishers_life, NEW_EDITIONS: _add_two_editions}


@pytest.fixture(scope="session", autouse=True)
def _start_the_copies_early(request, tmp_path_factory):
    """Start building the copies the run needs in the background, one thread each: a chain of
    `make` steps runs beside the first tests instead of before the ones that wait for it.
    One worker starts them; ``built_once`` makes the others wait."""
    import threading

    if os.environ.get("PYTEST_XDIST_WORKER", "gw0") != "gw0":
        return
    needed = {name for item in request.session.items for name in _copies_read(item)}
    # The run's temporary directory is made on first use: made here, before the threads,
    # so a thread and a fixture cannot each make one (and build a copy twice).
    tmp_path_factory.getbasetemp()
    for name in sorted(needed):
        def build(name=name):
            try:
                built_once(tmp_path_factory, name, CHAINS[name])
            except BaseException:  # noqa: BLE001 - recorded by built_once, reported by the fixture
                pass
        threading.Thread(target=build, name=name, daemon=True).start()


def _copies_read(item) -> set[str]:
    fixtures = set(getattr(item, "fixturenames", ()))
    return {name for name, fixture in ((PUBLISHED_COPY, "published_copy"), (NEW_EDITIONS, "new_editions"))
            if fixture in fixtures}


@pytest.fixture(scope="session")
def published_copy(tmp_path_factory) -> PublishedCopy:
    """A copy of the project built as published, built again with nothing changed, released,
    given one changed translation and then one broken catalog.

    Built once per run for every worker (``support.built_once``): the reproducibility,
    incremental-build and output tests read it; none may change it."""
    import json

    base = built_once(tmp_path_factory, PUBLISHED_COPY, _live_a_publishers_life)
    facts = json.loads((base / "facts.json").read_text(encoding="utf-8"))
    return PublishedCopy(base / "project", base / "first-site",
                         json.loads((base / "second-run.json").read_text(encoding="utf-8")),
                         facts["stale"], base / "after-translation", facts["refused"])


@pytest.fixture(scope="session")
def new_editions(tmp_path_factory) -> NewEditions:
    """A built copy of the project with French and Arabic added (``_add_two_editions``)."""
    import json

    base = built_once(tmp_path_factory, NEW_EDITIONS, _add_two_editions)
    facts = json.loads((base / "facts.json").read_text(encoding="utf-8"))
    return NewEditions(base / "project", base / "after-french", facts["before"], facts["arabic_plurals"])
