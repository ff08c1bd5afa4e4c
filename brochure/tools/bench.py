"""Measure how fast the editions build, against the project's targets.

    python -m brochure.tools.bench [--runs N] [--only a,b,c,d,e,f,g,h,i] [--fast-translation on|off]
                                   [--fill-catalogs] [--scale-language CODE]

Every measurement runs in a temporary copy of the project (never in ``_build/`` here) and is
the median of N runs (default 3). Printed are the ratios with their targets:

(a) ``make editions`` from cold vs the same builds (html, epub, pdf × every edition, and each
    translation's bilingual PDF) run one
    after another — plain ``sphinx-build`` for HTML and ePub, the PDF tool on each plain HTML
    build — : how much the Makefile's parallel schedule saves, like for like;
(b) the Turkish HTML edition vs the German one, both from cold: what translation costs;
(c) ``make html-tr`` after one msgstr edit vs ``make html-tr`` from cold: whether a
    translator's edit rebuilds only what it touches;
(d) the sources and catalogs multiplied ten-fold vs the real project: whether build time
    grows linearly with content;
(f) ``make serve-tr``: from saving one msgstr to the rebuilt page in ``_build/html/tr/``
    (median of seven saves) vs ``make html-tr`` from cold, with the number of rebuilds the
    preview server made for the seven saves (one each is right);

(g) what each speed module (``brochure/speed/``) is worth: ``make editions`` from cold with
    every module, then with all of them left out (``SPEED=off``, the stock path) and with each
    one left out in turn (``BROCHURE_SPEED=without:<module>``); each figure is that time over
    the time with every module. A module earns its keep when leaving it out costs time;
(h) the Turkish HTML edition from cold with the German original beside every translated
    block (``brochure.sphinxext.bilingual``) vs the same build without that extension: what
    the bilingual view costs, in time and in the size of the pages;
(i) the Turkish bilingual PDF (``make pdf-bilingual-tr``) vs the Turkish PDF, both from the
    same HTML build's doctrees: what printing the German beside the translation costs.

Beside the ratios it prints (e), the time of each format of one edition from cold: the HTML
build, then the ePub and the PDF, each made after (and from) that HTML build.

The benchmark reports, it does not gate: it exits 0 unless a build itself fails to run.
Builds run without ``-W`` (the Makefile's other options are kept), so that warnings from
catalogs being translated cannot abort a measurement; warnings do not change build time and
their number is printed. The load average is printed too: on a machine busy with other work
the parallel builds of (a) gain little and every figure is noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from brochure import speed
from brochure.base.editions import ROOT, publication
from brochure.i18n.paths import INTERFACE_CATALOG
from brochure.i18n.stats import edition_stats
from brochure.i18n.writing import write_catalog

VENV = ROOT / ".venv"
SPHINX_BUILD = VENV / "bin" / "sphinx-build"
FAST_TRANSLATION = "brochure.speed.fast_translation"
BILINGUAL = "brochure.sphinxext.bilingual"
# The Makefile's SPHINXOPTS without -W (see the module docstring).
MAKE_SPHINXOPTS = "--keep-going -q"
SOURCE_DATE_EPOCH = "1700000000"
SCALE = 10
SCALE_DIR = "teil-{:02d}"  # the copies of the book inside source/ for (d)
COPY_IGNORE = shutil.ignore_patterns("_build", ".venv", ".git", "__pycache__", ".pytest_cache", "*.mo")


class BenchError(RuntimeError):
    """A build or copy step failed: the figures would mean nothing."""


# -- The temporary project ---------------------------------------------------------------


def copy_project(target: Path, fast_translation: str | None, fill_catalogs: bool) -> Path:
    """A buildable copy: sources, catalogs and tools, sharing this project's virtualenv."""
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    (target / ".venv").symlink_to(VENV)
    # The Makefile reinstalls the venv when a lock is newer than .venv/.installed; never let a
    # benchmark do that to the shared venv.
    if not (VENV / ".installed").exists():
        raise BenchError(f"{VENV} is not set up: run `make venv` first")
    installed = (VENV / ".installed").stat().st_mtime
    for lock in ("requirements-pip.txt", "requirements-test.txt"):
        os.utime(target / lock, (installed - 1, installed - 1))
    if fast_translation:
        _set_fast_translation(target / "conf.py", fast_translation == "on")
    if fill_catalogs:
        for edition in publication().translations:
            pseudo_translate(target, edition.code)
    return target


def _set_fast_translation(conf: Path, enabled: bool) -> None:
    """Add or remove the extension at the end of the copy's conf.py, whatever the lead chose."""
    if enabled:
        line = f"\nif {FAST_TRANSLATION!r} not in extensions:\n    extensions.append({FAST_TRANSLATION!r})\n"
    else:
        line = f"\nextensions = [e for e in extensions if e != {FAST_TRANSLATION!r}]\n"
    conf.write_text(conf.read_text(encoding="utf-8") + line, encoding="utf-8")


def pseudo_translate(project: Path, code: str) -> int:
    """Mark every untranslated page message as translated, to measure a finished edition."""
    import polib

    filled = 0
    for path in (project / "locale" / code / "LC_MESSAGES").rglob("*.po"):
        if path.name == INTERFACE_CATALOG:
            continue
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if not entry.msgstr and not entry.obsolete:
                entry.msgstr = f"{entry.msgid} [{code}]"
                if "fuzzy" in entry.flags:  # Sphinx would skip it
                    entry.flags.remove("fuzzy")
                filled += 1
        write_catalog(path, str(catalog).encode(catalog.encoding))
    return filled


def make_cold(project: Path) -> None:
    """No build output and no compiled catalogs, as after ``make clean``."""
    shutil.rmtree(project / "_build", ignore_errors=True)
    for mo in (project / "locale").rglob("*.mo"):
        mo.unlink()


def scale_project(project: Path, factor: int = SCALE) -> int:
    """Put factor-1 more copies of the book (pages and catalogs) into ``source/teil-NN/``.

    The glossary stays single (its terms must be unique; every copy refers to it), so each
    copy's start page lists only "ueber-diese-ausgabe" under its second toctree, and the real
    start page gets a hidden toctree of the copies. Returns the number of pages afterwards.
    """
    source = project / "source"
    pages = [p.relative_to(source) for p in sorted(source.rglob("*.md")) if p.name != "glossar.md"]
    catalog_dirs = sorted((project / "locale").glob("*/LC_MESSAGES"))
    copies = [SCALE_DIR.format(n) for n in range(2, factor + 1)]
    for name in copies:
        for page in pages:
            _copy_file(source / page, source / name / page)
        start = source / name / "index.md"
        start.write_text(re.sub(r"(?m)^glossar\n", "", start.read_text(encoding="utf-8")), encoding="utf-8")
        for messages in catalog_dirs:
            for page in pages:
                po = messages / page.with_suffix(".po")
                if po.exists():
                    _copy_file(po, messages / name / page.with_suffix(".po"))
    toctree = "\n```{toctree}\n:hidden:\n\n" + "\n".join(f"{n}/index" for n in copies) + "\n```\n"
    index = source / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + toctree, encoding="utf-8")
    return len(list(source.rglob("*.md")))


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def edit_one_msgstr(project: Path, code: str, addition: str = " (überarbeitet)") -> str:
    """Change the translation of one body paragraph of one page; return the catalog's name."""
    import polib

    messages = project / "locale" / code / "LC_MESSAGES"
    for path in sorted(messages.rglob("*.po")):
        if path.name in (INTERFACE_CATALOG, "index.po"):  # a leaf page, not a title in a toctree
            continue
        catalog = polib.pofile(str(path))
        body = [e for e in catalog if not e.obsolete and e.msgid.count(" ") > 8]
        if body:
            entry = body[0]
            entry.msgstr = (entry.msgstr or entry.msgid) + addition
            write_catalog(path, str(catalog).encode(catalog.encoding))
            return str(path.relative_to(messages))
    raise BenchError(f"no catalog in {messages} has a paragraph to edit")


# -- Running and timing ------------------------------------------------------------------


def _environment() -> dict[str, str]:
    """This environment, minus what would tie a copy's builds to the caller's: an inherited
    BUILDDIR (``make bench``) would send their output to the real project's build directory."""
    inherited = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "BUILDDIR")
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH  # the Makefile would ask git, absent in copies
    return env


def run(command: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> float:
    """Run ``command`` and return its wall-clock time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**_environment(), **(extra_env or {})},
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-25:])
        raise BenchError(f"{' '.join(command)} failed in {cwd} ({done.returncode}):\n{tail}")
    return elapsed


def make(project: Path, target: str) -> float:
    return run(["make", "--no-print-directory", target, f"SPHINXOPTS={MAKE_SPHINXOPTS}"], project)


def pdf_build(project: Path, code: str, build_dir: Path, doctrees: Path, bilingual: bool = False) -> float:
    """The PDF as ``make pdf-CODE`` (or ``make pdf-bilingual-CODE``) makes it: the print build
    from the HTML build's doctrees, then the PDF tool on ``build_dir/print[-bilingual]/CODE``."""
    option, folder = (["-D", "bilingual_print=1"], "print-bilingual") if bilingual else ([], "print")
    command = [str(SPHINX_BUILD), "-c", ".", "-q", "-b", "print", "-D", f"language={code}", *option,
               "-d", str(doctrees), "source", str(build_dir / folder / code)]
    tool = [str(VENV / "bin" / "python"), "-m", "brochure.tools.build_pdf", code, *(["--bilingual"] if bilingual else [])]
    return run(command, project) + run(tool, project, {"BUILDDIR": str(build_dir)})


def sphinx_build(project: Path, code: str, builder: str, out: Path, warnings: Path | None = None) -> float:
    """A plain build as the README shows it, with its own doctree directory per build."""
    command = [str(SPHINX_BUILD), "-c", ".", "-q", "-b", builder, "-D", f"language={code}",
               "-d", str(out.parent / f"{out.name}.doctrees"), "source", str(out)]
    if warnings is not None:
        command[1:1] = ["-w", str(warnings)]
    return run(command, project)


# -- The four measurements ----------------------------------------------------------------


@dataclass
class Result:
    key: str
    label: str
    numerator: float
    denominator: float
    target: float
    detail: str
    at_least: bool = False  # the ratio must reach the target rather than stay under it

    @property
    def ratio(self) -> float:
        return self.numerator / self.denominator

    @property
    def verdict(self) -> str:
        met = self.ratio >= self.target if self.at_least else self.ratio <= self.target
        return "PASS" if met else "FAIL"

    @property
    def bound(self) -> str:
        return ("≥ " if self.at_least else "≤ ") + format(self.target, "g")


def measure_editions(project: Path, runs: int) -> Result:
    codes = publication().codes

    def with_make() -> float:
        make_cold(project)
        return make(project, "editions")

    def one_after_another() -> float:
        make_cold(project)
        out = project / "_build" / "plain"
        source = publication().source_language
        return sum(sphinx_build(project, c, "html", out / "html" / c)
                   + sphinx_build(project, c, "epub", out / "epub" / c)
                   + pdf_build(project, c, out, out / "html" / f"{c}.doctrees")
                   + (pdf_build(project, c, out, out / "html" / f"{c}.doctrees", bilingual=True) if c != source else 0)
                   for c in codes)

    made, plain = _interleaved(runs, with_make, one_after_another)
    together, apart = _interleaved(runs, *_pair_of_builds(project, codes[0]))
    return Result("a", "make editions / its builds one after another", made, plain, 0.55,
                  f"{made:.1f} s vs {plain:.1f} s ({len(codes)} editions × html, epub, pdf, and the "
                  f"translations' bilingual PDFs; cold); "
                  f"two builds at once take {together / apart:.2f} × the time of two in a row")


def measure_speed_modules(project: Path, runs: int) -> list[Result]:
    """(g) Cold ``make editions`` without each speed module, and without all, over the time with
    all of them; the variants alternate run by run, so a busy moment hits them alike."""
    variants = {"all left out (SPEED=off)": "off",
                **{f"without {module}": f"without:{module}" for module in speed.MODULES}}

    def editions_with(switch: str) -> Callable[[], float]:
        def build() -> float:
            make_cold(project)
            return run(["make", "--no-print-directory", "editions", f"SPHINXOPTS={MAKE_SPHINXOPTS}"],
                       project, {speed.SWITCH: switch})
        return build

    switches = {"on": "on", **variants}
    times: dict[str, list[float]] = {name: [] for name in switches}
    order = list(switches)
    editions_with("on")()  # untimed: the first build of all pays for cold file caches
    for run_number in range(runs):
        # Each run starts with another variant: the first build of a run pays for cold caches.
        for name in order[run_number % len(order):] + order[:run_number % len(order)]:
            times[name].append(editions_with(switches[name])())
    with_all = statistics.median(times["on"])
    # A module is worth keeping while leaving it out takes longer (the ratio reaches 1).
    return [Result("g", f"editions {name} / with all speed modules", statistics.median(times[name]),
                   with_all, 1.0, f"{statistics.median(times[name]):.1f} s vs {with_all:.1f} s", at_least=True)
            for name in variants]


def measure_formats(project: Path, runs: int, code: str) -> str:
    """(e) One edition's HTML from cold, then its ePub and its PDF, each from that HTML build's doctrees."""
    times: dict[str, list[float]] = {"html": [], "epub": [], "pdf": []}
    out = project / "_build" / "formats"
    for _ in range(runs):
        make_cold(project)
        # The Makefile's layout: one doctree directory, the ePub after the HTML build.
        doctrees = ["-d", str(out / "doctrees" / code)]
        for builder in ("html", "epub"):
            command = [str(SPHINX_BUILD), "-c", ".", "-q", "-b", builder, "-D", f"language={code}",
                       *doctrees, "source", str(out / builder / code)]
            times[builder].append(run(command, project))
        times["pdf"].append(pdf_build(project, code, out, out / "doctrees" / code))
    medians = {name: statistics.median(values) for name, values in times.items()}
    return (f"(e) {code} edition, cold, medians: HTML {medians['html']:.1f} s, then ePub "
            f"{medians['epub']:.1f} s and PDF {medians['pdf']:.1f} s (both from the HTML build's doctrees)")


def _pair_of_builds(project: Path, code: str) -> tuple[Callable[[], float], Callable[[], float]]:
    """Two identical builds started together, and the same two in a row.

    Their ratio is what parallelism can give on this machine right now: 0.5 on two idle
    cores, 1 or more when other work already keeps the CPUs busy. (a) beats it only by work
    ``make editions`` does not repeat (an ePub build reuses its HTML build's reading).
    """
    out = project / "_build" / "pair"
    command = [str(SPHINX_BUILD), "-c", ".", "-q", "-b", "html", "-D", f"language={code}"]

    def builds() -> list[list[str]]:
        return [command + ["-d", str(out / f"{n}.doctrees"), "source", str(out / str(n))] for n in (1, 2)]

    def together() -> float:
        make_cold(project)
        start = time.perf_counter()
        running = [subprocess.Popen(c, cwd=project, env=_environment(), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL) for c in builds()]
        if any(p.wait() != 0 for p in running):
            raise BenchError(f"{' '.join(command)} failed in {project}")
        return time.perf_counter() - start

    def in_a_row() -> float:
        make_cold(project)
        return sum(run(c, project) for c in builds())

    return together, in_a_row


def measure_translation(project: Path, runs: int) -> Result:
    source, translated = publication().source_language, "tr"
    warnings = {code: project.parent / f"{project.name}-{code}-warnings.txt" for code in (source, translated)}

    def build(code: str) -> Callable[[], float]:
        def once() -> float:
            make_cold(project)
            return sphinx_build(project, code, "html", project / "_build" / "plain" / code, warnings[code])
        return once

    tr, de = _interleaved(runs, build(translated), build(source))
    counts = ", ".join(f"{code} {_count_warnings(path)}" for code, path in warnings.items())
    return Result("b", f"{translated} HTML / {source} HTML", tr, de, 1.3,
                  f"{tr:.1f} s vs {de:.1f} s (plain sphinx-build, cold; warnings: {counts})")


def measure_bilingual(project: Path, without: Path, runs: int, code: str) -> Result:
    """(h) One edition's HTML from cold with the German copies, and in a copy without them."""
    conf = without / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"\nextensions = [e for e in extensions if e != {BILINGUAL!r}]\n",
                    encoding="utf-8")

    def build(tree: Path) -> Callable[[], float]:
        def once() -> float:
            make_cold(tree)
            return sphinx_build(tree, code, "html", tree / "_build" / "plain" / code)
        return once

    def megabytes(tree: Path) -> float:
        return sum(page.stat().st_size for page in (tree / "_build" / "plain" / code).rglob("*.html")) / 1e6

    shown, plain = _interleaved(runs, build(project), build(without))
    return Result("h", f"{code} HTML with the German beside / without", shown, plain, 1.15,
                  f"{shown:.1f} s vs {plain:.1f} s (cold); pages {megabytes(project):.2f} MB vs "
                  f"{megabytes(without):.2f} MB")


def measure_bilingual_pdf(project: Path, runs: int, code: str) -> Result:
    """(i) One edition's bilingual PDF vs its own PDF, both from the same HTML build's doctrees
    (``make pdf-bilingual-CODE`` vs ``make pdf-CODE``): print document and rendering."""
    make_cold(project)
    html = project / "_build" / "plain" / code
    sphinx_build(project, code, "html", html)

    def pdf(bilingual: bool) -> Callable[[], float]:
        out = project / "_build" / ("bilingual" if bilingual else "edition")

        def once() -> float:
            shutil.rmtree(out, ignore_errors=True)  # no render skipped as unchanged
            option = ["-D", "bilingual_print=1"] if bilingual else []
            seconds = run([str(SPHINX_BUILD), "-c", ".", "-q", "-b", "print", "-D", f"language={code}", *option,
                           "-d", str(html.parent / f"{html.name}.doctrees"), "source", str(out / "print" / code)],
                          project)
            return seconds + run([str(VENV / "bin" / "python"), "-c",
                                  "import sys; from pathlib import Path; from brochure.tools import build_pdf; "
                                  "build_pdf.build(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), "
                                  "bilingual=sys.argv[4] == '1')",
                                  code, str(out / "print"), str(out / "pdf"), "1" if bilingual else "0"], project)
        return once

    bilingual, own = _interleaved(runs, pdf(True), pdf(False))
    return Result("i", f"{code} bilingual PDF / {code} PDF", bilingual, own, 2.5,
                  f"{bilingual:.1f} s vs {own:.1f} s (print document and rendering, from the HTML build)")


def _count_warnings(path: Path) -> int:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return sum(1 for line in text.splitlines() if "WARNING" in line or "ERROR" in line)


def measure_incremental(project: Path, runs: int) -> Result:
    code = "tr"
    edited, nothing_to_do = [], []

    def cold() -> float:
        make_cold(project)
        return make(project, f"html-{code}")

    def after_edit() -> float:
        make_cold(project)
        make(project, f"html-{code}")
        edited.append(edit_one_msgstr(project, code))
        seconds = make(project, f"html-{code}")
        # The same command with nothing to rebuild: the fixed cost every edit pays.
        nothing_to_do.append(make(project, f"html-{code}"))
        return seconds

    incremental, full = _interleaved(runs, after_edit, cold)
    return Result("c", f"make html-{code}: one msgstr edited / cold", incremental, full, 0.20,
                  f"{incremental:.2f} s vs {full:.1f} s (edited {edited[-1]}; "
                  f"with nothing to rebuild {statistics.median(nothing_to_do):.2f} s)")


def measure_scale(project: Path, scaled: Path, runs: int, code: str) -> Result:
    base_pages = len(list((project / "source").rglob("*.md")))
    scaled_pages = len(list((scaled / "source").rglob("*.md")))
    warnings: dict[Path, Path] = {}

    def build(tree: Path) -> Callable[[], float]:
        def once() -> float:
            make_cold(tree)
            warnings[tree] = tree.parent / f"{tree.name}-warnings.txt"
            return sphinx_build(tree, code, "html", tree / "_build" / "plain" / code, warnings[tree])
        return once

    big, small = _interleaved(runs, build(scaled), build(project))
    extra = _added_warnings(warnings[project], warnings[scaled])
    note = "scaling adds no warnings" if not extra else f"scaling adds {len(extra)} warning(s): {extra[0]}"
    return Result("d", f"{SCALE}× content / real size ({code} HTML)", big, small, SCALE * 1.1,
                  f"{big:.1f} s vs {small:.1f} s ({scaled_pages} vs {base_pages} pages; {note})")


PREVIEW_SAVES = 7
PREVIEW_WAIT = 300  # seconds: a bound on every wait for the preview server


def measure_preview(project: Path, cold_project: Path, runs: int) -> Result:
    """Save-to-page time of ``make serve-tr`` against a cold ``make html-tr`` (in another copy).

    The server keeps its Sphinx application alive (``brochure.tools.serve``); the time runs
    from just before a catalog is saved until the page in ``_build/html/tr/`` holds the new
    text, polled every few milliseconds. The cold builds run in a second copy, between saves,
    while the server waits for the next change.
    """
    import signal

    code = "tr"
    make_cold(project)
    log = project.parent / f"{project.name}-serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(["make", "--no-print-directory", f"serve-{code}", "PORT=0",
                                   f"SPHINXOPTS={MAKE_SPHINXOPTS}"], cwd=project, env=_environment(),
                                  stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    saves: list[float] = []
    colds: list[float] = []
    try:
        _wait(lambda: "[serve] watching for changes" in log.read_text(encoding="utf-8"), server, log, "the first build")
        for number in range(1, PREVIEW_SAVES + 1):
            marker = f"(Fassung {number})"
            start = time.perf_counter()
            catalog = edit_one_msgstr(project, code, f" {marker}")
            page = project / "_build" / "html" / code / Path(catalog).with_suffix(".html")
            _wait(lambda page=page, marker=marker: page.exists() and marker in page.read_text(encoding="utf-8"),
                  server, log, f"{marker} in {page.name}", pause=0.005)
            saves.append(time.perf_counter() - start)
            _wait(lambda number=number: _preview_builds(log) >= number + 1, server, log, f"build {number + 1}")
            if number <= runs:
                make_cold(cold_project)
                colds.append(make(cold_project, f"html-{code}"))
            else:
                time.sleep(1)  # as long as a cold build would give a second, unwanted rebuild
        builds = _preview_builds(log) - 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    save, cold = statistics.median(saves), statistics.median(colds)
    return Result("f", f"make serve-{code}: save to page / cold make html-{code}", save, cold, 0.25,
                  f"{save:.2f} s vs {cold:.1f} s (median of {len(saves)} saves of {catalog}, "
                  f"{builds} rebuild(s) for them; slowest save {max(saves):.2f} s)")


def _preview_builds(log: Path) -> int:
    return len(re.findall(r"(?m)^\[serve\] build \d+ ", log.read_text(encoding="utf-8")))


def _wait(condition: Callable[[], bool], server: subprocess.Popen, log: Path, what: str,
          pause: float = 0.1) -> None:
    end = time.monotonic() + PREVIEW_WAIT
    while not condition():
        if server.poll() is not None or time.monotonic() > end:
            tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-25:])
            raise BenchError(f"the preview server did not show {what}:\n{tail}")
        time.sleep(pause)


def _added_warnings(base: Path, scaled: Path) -> list[str]:
    """Warnings of the scaled build that are not copies of a warning of the real one."""
    def normalised(path: Path) -> set[str]:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        text = re.sub(r"\x1b\[[0-9;]*m", "", text)
        text = re.sub(r"/_build/plain/|teil-\d\d/", "/", text)
        return {re.sub(r"^/\S+/source/", "", line) for line in text.splitlines() if "WARNING" in line or "ERROR" in line}
    return sorted(normalised(scaled) - normalised(base))


def _interleaved(runs: int, first: Callable[[], float], second: Callable[[], float]) -> tuple[float, float]:
    """Medians of both, alternating, so that a busy moment of the machine hits both alike."""
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


# -- Report -------------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    sphinx = subprocess.run([str(SPHINX_BUILD), "--version"], capture_output=True, text=True).stdout.strip()
    return f"nproc {_cpus()}, {model}, Python {platform.python_version()}, {sphinx}"


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load() -> str:
    """The load average, with a warning when other work competes for the CPUs: a busy
    machine slows the parallel builds of (a) most and makes every figure noisy."""
    one, five, _ = os.getloadavg()
    # More runnable processes than CPUs: other work competes (this benchmark runs at most two).
    busy = "  (busy machine: figures are unreliable)" if one > _cpus() else ""
    return f"load average {one:.1f} / {five:.1f} (1 / 5 min){busy}"


def catalog_state(project: Path) -> str:
    """How much of each translation is done: the share of messages that go through the parser."""
    totals = {e.code: edition_stats(e.code, project / "locale", None).totals for e in publication().translations}
    return "translated messages: " + ", ".join(f"{code} {t.translated}/{t.messages}" for code, t in totals.items())


def print_table(results: list[Result]) -> None:
    print(f"{'':3} {'ratio':<52} {'value':>7} {'target':>8}  verdict  medians")
    for r in results:
        print(f"({r.key}) {r.label:<52} {r.ratio:7.2f} {r.bound:>8}  {r.verdict:<7}  {r.detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m brochure.tools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--only", default="a,b,c,d,e,f,g,h,i", help="comma-separated subset of a,b,c,d,e,f,g,h,i")
    parser.add_argument("--fast-translation", choices=("on", "off"),
                        help=f"force {FAST_TRANSLATION} on or off in the copies (default: as conf.py says)")
    parser.add_argument("--fill-catalogs", action="store_true",
                        help="pseudo-translate every untranslated message first (a finished translation)")
    parser.add_argument("--scale-language", default="tr", help="edition built for (d) (default: tr)")
    args = parser.parse_args(argv)

    print(f"machine: {machine()}")
    print(f"before: {load()}")
    results: list[Result] = []
    formats: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="brochure-bench-") as tmp:
            measure_all(args, Path(tmp), results, formats)
    except BenchError as err:
        print_table(results)
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"after: {load()}")
    print()
    print_table(results)
    for line in formats:
        print(line)
    return 0


def measure_all(args: argparse.Namespace, tmp: Path, results: list[Result], formats: list[str]) -> None:
    """Run the chosen measurements, each in its own copy, appending to ``results`` (and the
    per-format times of (e) to ``formats``)."""
    wanted = set(args.only.split(","))
    pristine = copy_project(tmp / "pristine", args.fast_translation, args.fill_catalogs)
    print(catalog_state(pristine))
    print(f"fast translation: {_fast_translation_state(pristine)}; runs per figure: {args.runs}")

    def fresh(name: str) -> Path:
        """A new copy for each measurement, so that no measurement sees another's edits."""
        return shutil.copytree(pristine, tmp / name, symlinks=True)

    if "a" in wanted:
        results.append(measure_editions(fresh("a"), args.runs))
    if "b" in wanted:
        results.append(measure_translation(fresh("b"), args.runs))
    if "c" in wanted:
        results.append(measure_incremental(fresh("c"), args.runs))
    if "d" in wanted:
        scaled = fresh("d-scaled")
        scale_project(scaled)
        results.append(measure_scale(fresh("d"), scaled, args.runs, args.scale_language))
    if "e" in wanted:
        formats.append(measure_formats(fresh("e"), args.runs, args.scale_language))
    if "f" in wanted:
        results.append(measure_preview(fresh("f"), fresh("f-cold"), args.runs))
    if "g" in wanted:
        results.extend(measure_speed_modules(fresh("g"), args.runs))
    if "h" in wanted:
        results.append(measure_bilingual(fresh("h"), fresh("h-without"), args.runs, args.scale_language))
    if "i" in wanted:
        results.append(measure_bilingual_pdf(fresh("i"), args.runs, args.scale_language))


def _fast_translation_state(project: Path) -> str:
    done = subprocess.run(
        [str(VENV / "bin" / "python"), "-c",
         "import runpy, sys; print(sys.argv[1] in runpy.run_path('conf.py')['extensions'])", FAST_TRANSLATION],
        cwd=project, capture_output=True, text=True, env=_environment(),
    )
    return {"True": "enabled", "False": "disabled"}.get(done.stdout.strip(), "unknown")


if __name__ == "__main__":
    sys.exit(main())
