"""The Weblate lane: the project's whole translation loop through a real, pinned Weblate.

`make weblate-test` (not part of `make test`; .ci/run runs it after). Each step is a step of
TRANSLATING.md's "Weblate" section, run as written there:

1. the repository (a bare clone of this commit, Weblate's upstream) is set up in Weblate with
   ``python -m brochure.tools.weblate_setup`` (project, main component, component discovery,
   interface component, settings on every component, the termbase as glossary);
2. a translator and an administrator account edit translations through Weblate's API;
3. Weblate commits and pushes;
4. the pushed tree passes the gate (`make check-po`, `make html-tr`) and credits the translator;
5. Weblate's checks warn of MyST breaks before a build would refuse them;
6. a broken translation that Weblate lets through is pushed the same way and refused by the
   build with file and line;
7. a German change: `make update-po` in a clone, pushed; Weblate pulls it, the page's
   translation shows the change as needing review.
"""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from services import TRANSLATOR, Services

from brochure.base.editions import ROOT, publication
from brochure.i18n import weblate
from brochure.i18n.headers import plural_forms
from brochure.tools import weblate_setup

pytestmark = pytest.mark.weblate

VENV = Path(os.environ.get("WEBLATE_VENV", ROOT / "_build" / "weblate" / "venv"))
SCRATCH = ROOT / "_build" / "weblate" / "run"
PROJECT_VENV = Path(sys.executable).parent.parent
# Header fields a Weblate commit may change; every other header and message stays as it was.
CHANGING_HEADERS = {"PO-Revision-Date", "Last-Translator", "X-Generator"}
GOOD = {  # catalog -> (msgid prefix, new msgstr): one edit by the translator, one by the admin
    "tr/LC_MESSAGES/grussworte/kuhn.po": "translator",
    "en/LC_MESSAGES/anhang.po": "admin",
}
TIMINGS: dict[str, float] = {}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def make(tree: Path, *targets: str) -> subprocess.CompletedProcess:
    """make in a clone, with the project's environment (-o: never reinstall it there)."""
    return subprocess.run(["make", "--no-print-directory", f"VENV={PROJECT_VENV}", "-o",
                           f"{PROJECT_VENV}/.installed", *targets], cwd=tree, capture_output=True, text=True)


def clone(upstream: Path, name: str) -> Path:
    tree = SCRATCH / name
    subprocess.run(["rm", "-rf", str(tree)], check=True)
    git("clone", "--quiet", "--branch", weblate.BRANCH, str(upstream), str(tree), cwd=SCRATCH)
    return tree


@pytest.fixture(scope="module")
def lane():
    if not (VENV / "bin" / "weblate").exists():
        pytest.fail(f"{VENV} has no Weblate: run `make weblate-venv` (make weblate-test does)")
    subprocess.run(["rm", "-rf", str(SCRATCH)], check=True)
    SCRATCH.mkdir(parents=True)
    # Weblate's upstream: a bare repository with this commit as its main branch.
    upstream = SCRATCH / "upstream.git"
    git("init", "--quiet", "--bare", str(upstream), cwd=SCRATCH)
    git("push", "--quiet", str(upstream), f"HEAD:refs/heads/{weblate.BRANCH}", cwd=ROOT)
    services = Services(VENV, SCRATCH)
    started = time.monotonic()
    try:
        services.start()
        TIMINGS["Weblate started (database created)"] = time.monotonic() - started
        admin = weblate_setup.Api(services.url, services.tokens["admin"])
        translator = weblate_setup.Api(services.url, services.tokens[TRANSLATOR["username"]])
        started = time.monotonic()
        result = weblate_setup.main(["--url", services.url, "--token", services.tokens["admin"],
                                     "--repo", f"file://{upstream}", "--web", services.url + "/"])
        assert result == 0
        TIMINGS["project set up (weblate_setup)"] = time.monotonic() - started
        yield {"services": services, "admin": admin, "translator": translator, "upstream": upstream,
               "base": git("rev-parse", weblate.BRANCH, cwd=upstream).strip()}
    finally:
        services.stop()
        (SCRATCH / "timings.txt").write_text("".join(f"{k}: {v:.0f} s\n" for k, v in TIMINGS.items()))


def page_components(api) -> dict[str, dict]:
    return {c["name"]: c for c in weblate_setup.components(api) if not c.get("is_glossary")}


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as msgfmt --statistics counts them."""
    text = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)], capture_output=True,
                          text=True, env={**os.environ, "LC_ALL": "C"}, check=True).stderr
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", text)}
    return counts.get("translated", 0), counts.get("fuzzy", 0), counts.get("untranslated", 0)


def test_one_component_per_catalog_with_msgfmts_counts(lane):
    api = lane["admin"]
    found = page_components(api)
    pages = {p.relative_to(ROOT / "source").with_suffix("").as_posix() for p in (ROOT / "source").rglob("*.md")}
    assert set(found) == pages | {weblate.INTERFACE_COMPONENT}
    pub = publication()
    for name, component in found.items():
        assert component["source_language"]["code"] == ("en" if name == weblate.INTERFACE_COMPONENT
                                                          else pub.source_language)
        codes = set()
        for translation in api.every(f"components/brochure/{component['slug']}/translations/"):
            if translation["is_source"]:
                continue
            codes.add(translation["language_code"])
            path = ROOT / translation["filename"]
            translated, fuzzy, untranslated = msgfmt_statistics(path)
            assert (translation["translated"], translation["fuzzy"], translation["total"]) == \
                (translated, fuzzy, translated + fuzzy + untranslated), path
        expected = pub.interface_codes if name == weblate.INTERFACE_COMPONENT else [e.code for e in pub.translations]
        assert codes == set(expected) - {component["source_language"]["code"]}, name


def test_every_component_has_the_documented_settings(lane):
    api = lane["admin"]
    project = api.get("projects/brochure/")
    for key, value in weblate.PROJECT_SETTINGS.items():  # the names exist in the pinned Weblate
        assert project[key] == value, key
    main = api.get(f"components/brochure/{weblate.MAIN_COMPONENT}/")
    for key, value in weblate.COMPONENT_SETTINGS.items():
        assert main[key] == value, key
    for component in page_components(api).values():
        detail = api.get(f"components/brochure/{component['slug']}/")
        for key, value in weblate.EVERY_COMPONENT.items():
            assert detail[key] == value, (component["name"], key)
    addons = {a["name"] for a in weblate_setup.addons_of(api, weblate.MAIN_COMPONENT)}
    assert set(weblate.MAIN_COMPONENT_ADDONS) <= addons
    # Discovery cloned the add-ons: every page credits its committers.
    kuhn = page_components(api)["grussworte/kuhn"]["slug"]
    assert weblate.AUTHORS_ADDON in {a["name"] for a in weblate_setup.addons_of(api, kuhn)}


def test_the_glossary_is_the_termbase(lane):
    api = lane["admin"]
    for edition in publication().translations:
        terms = weblate_setup.glossary_terms(edition.code)
        translation = api.get(f"translations/brochure/{weblate_setup.GLOSSARY}/{edition.code}/")
        assert translation["total"] == len(terms) and translation["translated"] == len(terms)


def units(api, component: str, code: str, query: str = "") -> list[dict]:
    suffix = f"?q={query}" if query else ""
    return api.every(f"translations/brochure/{component}/{code}/units/{suffix}")


def slug_of(api, page: str) -> str:
    return page_components(api)[page]["slug"]


def edit(api, page: str, code: str, change) -> tuple[dict, str]:
    """Change the first long translated unit of *page*; the unit and its new text."""
    unit = next(u for u in units(api, slug_of(api, page), code) if u["translated"] and len(u["target"][0]) > 60)
    text = change(unit["target"][0])
    answer = api.call("PATCH", f"units/{unit['id']}/", {"target": [text], "state": 20})
    return answer, text


def commit_and_push(api) -> None:
    for operation in ("commit", "push"):
        result = api.call("POST", "projects/brochure/repository/", {"operation": operation})
        assert result.get("result") is True, (operation, result)


def equivalent_plurals(a: str, b: str) -> bool:
    first, second = plural_forms(a), plural_forms(b)
    rules = gettext.c2py(first.expression), gettext.c2py(second.expression)
    return first.nplurals == second.nplurals and all(rules[0](n) == rules[1](n) for n in range(200))


@pytest.fixture(scope="module")
def pushed(lane):
    """Two good edits through the API (translator: Turkish, admin: English), committed, pushed."""
    edits = {}
    edits["tr/LC_MESSAGES/grussworte/kuhn.po"] = edit(
        lane["translator"], "grussworte/kuhn", "tr", lambda t: t.rstrip(".") + " (gözden geçirildi).")[1]
    edits["en/LC_MESSAGES/anhang.po"] = edit(
        lane["admin"], "anhang", "en", lambda t: t.rstrip(".") + " (revised).")[1]
    started = time.monotonic()
    commit_and_push(lane["admin"])
    TIMINGS["commit and push"] = time.monotonic() - started
    tree = clone(lane["upstream"], "pushed")
    return {"tree": tree, "edits": edits}


def test_the_pushed_diff_touches_only_the_edited_entries(lane, pushed):
    tree, edits = pushed["tree"], pushed["edits"]
    changed = git("diff", "--name-only", lane["base"], "HEAD", cwd=tree).split()
    assert sorted(changed) == sorted(f"locale/{name}" for name in edits)
    for name, text in edits.items():
        path = f"locale/{name}"
        before = polib.pofile(git("show", f"{lane['base']}:{path}", cwd=tree))
        after = polib.pofile(str(tree / path))
        old = {e.msgid: e.msgstr for e in before}
        new = {e.msgid: e.msgstr for e in after}
        assert [k for k in old if old[k] != new.get(k)] == [next(k for k in new if new[k] == text)]
        assert set(old) == set(new)
        assert [(e.msgid, e.flags, e.occurrences, e.comment, e.tcomment) for e in before] == \
            [(e.msgid, e.flags, e.occurrences, e.comment, e.tcomment) for e in after]
        for key in set(before.metadata) | set(after.metadata):
            if key in CHANGING_HEADERS:
                continue
            if key == "Plural-Forms":  # Weblate writes its own spelling of the same rule
                assert equivalent_plurals(before.metadata[key], after.metadata[key])
                continue
            assert before.metadata.get(key) == after.metadata.get(key), (path, key)
        assert after.metadata["Language-Team"] == before.metadata["Language-Team"]
        added = [line for line in after.header.splitlines() if line not in before.header.splitlines()]
        assert all(re.fullmatch(r".+ <.+@.+>, \d{4}\.", line) for line in added), added


def test_the_pushed_tree_passes_the_gate_and_credits_the_translator(pushed):
    tree = pushed["tree"]
    started = time.monotonic()
    check = make(tree, "check-po")
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]
    build = make(tree, "html-tr")
    TIMINGS["check-po and html-tr on the pushed tree"] = time.monotonic() - started
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    page = (tree / "_build" / "html" / "tr" / "ueber-diese-ausgabe.html").read_text(encoding="utf-8")
    from bs4 import BeautifulSoup

    items = {li.span["lang"]: li.span.get_text() for li in BeautifulSoup(page, "lxml").select("ul.translators li")}
    assert TRANSLATOR["full_name"] in items["tr"]
    assert "Türkçe çeviri ekibi" in items["tr"]
    for account in ("Admin", "admin", "Turkish", "English:  ", "@"):
        assert account not in items["tr"] and account not in items["en"], items
    kuhn = (tree / "_build" / "html" / "tr" / "grussworte" / "kuhn.html").read_text(encoding="utf-8")
    assert pushed["edits"]["tr/LC_MESSAGES/grussworte/kuhn.po"].split("(")[-1].rstrip(".") in kuhn


@pytest.mark.parametrize(("page", "change"), [
    pytest.param("anhang", lambda t: t + " Ayrıntılar: [bkz.](https://example.com/pavkovic).", id="added link"),
    pytest.param("anhang", lambda t: t[:t.index("`", t.index("{term}`") + 7)] + t[t.index("`", t.index("{term}`") + 7) + 1:]
                 if "{term}`" in t else t, id="broken role"),
    pytest.param("ueber-diese-ausgabe", lambda t: re.sub(r"\]\([^)]+\)", "](https://example.com/phish)", t, count=1),
                 id="changed url"),
])
def test_weblate_warns_of_myst_breaks_and_does_not_publish_them(lane, pushed, page, change):
    api = lane["translator"]
    candidates = [u for u in units(api, slug_of(api, page), "tr") if u["translated"]]
    unit = next(u for u in candidates if change(u["target"][0]) != u["target"][0])
    original = unit["target"][0]
    api.call("PATCH", f"units/{unit['id']}/", {"target": [change(original)], "state": 20})
    saved = api.get(f"units/{unit['id']}/")
    try:
        assert saved["has_failing_check"] is True
        assert saved["state"] == 10  # "Needs editing": an enforced check failed; fuzzy, never published
    finally:
        api.call("PATCH", f"units/{unit['id']}/", {"target": [original], "state": 20})


def test_a_broken_translation_weblate_lets_through_is_refused_by_the_build(lane, pushed):
    """A Turkish sentence starting with an ordinal ("3. bölüm") is a Markdown list to MyST: the
    German would show silently. Weblate has no check for it; the build refuses the catalog."""
    api = lane["translator"]
    page = "grussworte/schmidt"
    unit = next(u for u in units(api, slug_of(api, page), "tr") if u["translated"] and len(u["target"][0]) > 40)
    api.call("PATCH", f"units/{unit['id']}/", {"target": ["3. bölüm: " + unit["target"][0]], "state": 20})
    assert api.get(f"units/{unit['id']}/")["state"] == 20
    commit_and_push(lane["admin"])
    tree = clone(lane["upstream"], "broken")
    build = make(tree, "html-tr")
    assert build.returncode != 0
    output = build.stdout + build.stderr
    assert re.search(r"locale/tr/LC_MESSAGES/grussworte/schmidt\.po:\d+: \[markup\]", output), output[-3000:]
    assert not (tree / "_build" / "html" / "tr" / "index.html").exists()


def test_a_german_change_reaches_weblate_as_needing_review(lane, pushed):
    """German edited, `make update-po`, pushed; Weblate pulls: the translation needs review."""
    tree = clone(lane["upstream"], "german")
    page = tree / "source" / "grussworte" / "kuhn.md"
    po = polib.pofile(str(tree / "locale" / "tr" / "LC_MESSAGES" / "grussworte" / "kuhn.po"))
    entry = next(e for e in po if e.translated() and len(e.msgid) > 60 and e.msgid in page.read_text(encoding="utf-8"))
    changed = entry.msgid.replace(" ", " ausdrücklich ", 1)
    page.write_text(page.read_text(encoding="utf-8").replace(entry.msgid, changed, 1), encoding="utf-8")
    update = make(tree, "update-po")
    assert update.returncode == 0, update.stdout[-3000:] + update.stderr[-3000:]
    git("-c", "user.name=Redaktion", "-c", "user.email=redaktion@example.org", "commit", "--quiet", "-am",
        "German: one sentence changed", cwd=tree)
    git("push", "--quiet", "origin", weblate.BRANCH, cwd=tree)
    api = lane["admin"]
    result = api.call("POST", "projects/brochure/repository/", {"operation": "pull"})
    assert result.get("result") is True, result
    fuzzy = [u for u in units(api, slug_of(api, "grussworte/kuhn"), "tr") if u["fuzzy"]]
    assert [u["source"][0] for u in fuzzy] == [changed]
    assert fuzzy[0]["previous_source"] == entry.msgid


def test_weblates_writer_keeps_the_layout(lane):
    """The layout property test with the translate-toolkit the pinned Weblate installs."""
    result = subprocess.run([str(VENV / "bin" / "python"), str(ROOT / "tests" / "weblate_saves.py")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert ", 0 problem(s)" in result.stdout


def test_import_of_the_setup_tool_needs_nothing_but_the_standard_library():
    """The project manager runs the tool from the project's environment; it must not need Weblate."""
    code = "import sys, brochure.tools.weblate_setup; print('translate' in sys.modules, 'weblate' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False False"
