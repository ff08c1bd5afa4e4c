"""Every page of every edition passes axe-core's WCAG 2.1 A and AA rules, in light and dark mode.

Each page is loaded once and checked in both modes: first in the mode the previous page was
left in, which the new page remembers, then in the other one. A mode is set the way furo's
theme button sets it (``body[data-theme]``, remembered in ``localStorage.theme``), with
``prefers-color-scheme`` emulated to match. Before each axe run the test checks that the mode
really applies (the page background is light or dark), so a theme change that silently does
nothing cannot pass as "dark mode is fine".

The theme changes colours and nothing else, and the test checks that it does: the same elements
are visible in both modes (only the theme button's own icon differs). So the dark run needs only
axe's colour rules (tag ``cat.color``: contrast, links told apart from text); every other rule
would see the same page again.
"""

from __future__ import annotations

import pytest

from brochure.base.editions import publication
from support import SITE

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Switch the mode the way furo's button does, let any transition finish, and measure the
# background's relative luminance (into `luminance`).
_SWITCH = """
  localStorage.setItem("theme", mode);
  document.body.dataset.theme = mode;
  document.documentElement.getBoundingClientRect();  // apply the new styles now
  await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
"""

# The switch alone (screenshots); returns the luminance.
SET_MODE = f"async (mode) => {{{_SWITCH}  return luminance;\n}}"

# One call per mode: the switch, every visible element outside the theme button (whose icon
# follows the mode) by its place, and axe: all rules, or only the colour rules ("cat.color").
CHECK_MODE = f"""async ([mode, tags, colourOnly]) => {{{_SWITCH}
  const visible = [...document.querySelectorAll("body *")]
    .filter((e) => !e.closest(".theme-toggle") && e.checkVisibility())
    .map((e) => e.tagName + "." + [...e.classList].join(".") + (e.id ? "#" + e.id : ""));
  const rules = axe.getRules(tags).filter((rule) => !colourOnly || rule.tags.includes("cat.color"));
  const results = await axe.run(document, {{
    runOnly: {{type: "rule", values: rules.map((rule) => rule.ruleId)}},
    resultTypes: ["violations"],
  }});
  return {{
    luminance,
    visible,
    violations: results.violations.map((v) => ({{
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({{target: n.target.join(" "), html: n.html, summary: n.failureSummary}})),
    }})),
  }};
}}"""


def site_pages() -> list[str]:
    """The language picker and every page of every edition, as paths below the site root."""
    pages = ["index.html"]
    for code in publication().codes:
        base = SITE / code
        pages += [
            path.relative_to(SITE).as_posix()
            for path in sorted(base.rglob("*.html"))
            if not path.relative_to(base).as_posix().startswith("_")
        ]
    return pages


def describe(mode: str, violation: dict) -> str:
    nodes = "\n".join(
        f"      {node['target']}: {node['html'][:200]}\n        {node['summary']}".rstrip()
        for node in violation["nodes"][:10]
    )
    more = len(violation["nodes"]) - 10
    return (
        f"  [{mode}] {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    {violation['helpUrl']}\n{nodes}" + (f"\n      … and {more} more" if more > 0 else "")
    )


def light_and_dark_problems(page, name: str) -> list[str]:
    """axe's violations on the loaded page in both modes; fails if a mode does not apply or
    shows other elements than the other.

    The page is checked first in the mode it was left in (its colour-scheme emulation and the
    theme it remembers), then in the other one: one mode switch per page instead of two."""
    problems, visible = [], {}
    first = getattr(page, "colour_mode", "light")  # a new page emulates the light scheme
    for mode in (first, "dark" if first == "light" else "light"):
        if mode != first:
            page.emulate_media(color_scheme=mode)
            page.colour_mode = mode
        found = page.evaluate(CHECK_MODE, [mode, AXE_TAGS, mode == "dark"])
        luminance = found["luminance"]
        applied = luminance > 0.7 if mode == "light" else luminance < 0.3
        assert applied, f"{name}: {mode} mode did not apply (background luminance {luminance:.2f})"
        visible[mode] = found["visible"]
        problems += [describe(mode, violation) for violation in found["violations"]]
    assert visible["dark"] == visible["light"], f"{name}: the dark mode shows other elements than the light one"
    return problems


@pytest.mark.parametrize("name", site_pages())
def test_page_passes_axe_in_light_and_dark_mode(name, axe_page, server):
    axe_page.goto(f"{server.url}/{name}")
    problems = light_and_dark_problems(axe_page, name)
    assert not problems, f"{name}: accessibility violations\n" + "\n".join(problems)
