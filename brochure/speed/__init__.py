"""Code that exists only to make builds faster: one package, one switch.

Everything here replaces, for speed alone, work that Sphinx, MyST-Parser, furo or pyphen do
themselves, and so reaches into their internals (DEVELOPING.md's coupling table). With the
switch off the editions are built by the stock libraries alone, and they must come out
byte-identical (``tests/speed/test_build_speed.py`` builds both ways and compares every page and
the search index); each module also says, loudly under ``-W``, when the library it replaces no
longer looks the way it expects, instead of producing different output.

- ``fast_translation``: one MyST parser and one set of docutils default settings per build,
  instead of one per translated message;
- ``fast_navigation``: furo's navigation tree rendered once per build, not once per page;
- ``lean_doctrees``: no copy of the build environment pickled into each translated doctree;
- ``pattern_cache``: parsed hyphenation patterns kept between processes.

The switch: ``BROCHURE_SPEED=off`` in the environment (``make editions SPEED=off``) builds with
the stock path; anything else, or nothing, with these modules. To measure what one module is
worth, ``BROCHURE_SPEED=without:fast_navigation`` (a comma-separated list of ``MODULES``) leaves
out only those: ``make bench`` (g) builds the editions with each left out in turn. A module
that no longer holds on a new library release is switched off for everyone by removing it from
``EXTENSIONS`` (or, for the pattern cache, by ``install`` doing nothing) until it is fixed:
``make upgrade-check`` runs the comparison and names the module.
"""

from __future__ import annotations

import os

SWITCH = "BROCHURE_SPEED"
EXTENSIONS = (
    "brochure.speed.fast_translation",
    "brochure.speed.fast_navigation",
    "brochure.speed.lean_doctrees",
)
MODULES = ("fast_translation", "fast_navigation", "lean_doctrees", "pattern_cache")


OFF = ("off", "0", "no", "false")
WITHOUT = "without:"


def left_out() -> frozenset[str]:
    """The modules this process builds without: none, all (the switch off), or those the
    switch names after ``without:``. An unknown name is an error, not a silent no-op."""
    value = os.environ.get(SWITCH, "on").strip().lower()
    if value in OFF:
        return frozenset(MODULES)
    if not value.startswith(WITHOUT):
        return frozenset()
    names = frozenset(name.strip() for name in value[len(WITHOUT):].split(",") if name.strip())
    unknown = names - set(MODULES)
    if unknown:
        raise ValueError(f"{SWITCH}={value}: no speed module named {', '.join(sorted(unknown))} "
                         f"(known: {', '.join(MODULES)})")
    return names


def enabled(module: str | None = None) -> bool:
    """Whether this process builds with the speed modules (the default), or with *module*."""
    out = left_out()
    return module not in out if module else out != frozenset(MODULES)


def extensions() -> list[str]:
    """The Sphinx extensions of this package that a build loads."""
    return [name for name in EXTENSIONS if name.rsplit(".", 1)[1] not in left_out()]
