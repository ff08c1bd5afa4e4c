"""Every page of every edition passes axe-core's WCAG 2.1 A and AA rules, in light and dark mode.

Each page is loaded once: axe runs in light mode, then the page is switched to dark mode the
way furo's theme button does it (``body[data-theme]``, remembered in ``localStorage.theme``),
with ``prefers-color-scheme`` emulated to match, and axe runs again. Before each run the test
checks that the mode really applies (the page background is light or dark), so a theme change
that silently does nothing cannot pass as "dark mode is fine".

The theme changes colours and nothing else, and the test checks that it does: the same elements
are visible in both modes (only the theme button's own icon differs). So the dark run needs only
axe's colour rules (tag ``cat.color``: contrast, links told apart from text); every other rule
would see the same page again.
"""

from __future__ import annotations

import pytest

from brochure.editions import publication
from support import SITE

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Switch the mode, let any transition finish, return the background's relative luminance.
SET_MODE = """async (mode) => {
  localStorage.setItem("theme", mode);
  document.body.dataset.theme = mode;
  document.documentElement.getBoundingClientRect();  // apply the new styles now
  await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""

# Every visible element outside the theme button (whose icon follows the mode), by its place.
VISIBLE_ELEMENTS = """() => [...document.querySelectorAll("body *")]
  .filter((e) => !e.closest(".theme-toggle") && e.checkVisibility())
  .map((e) => e.tagName + "." + [...e.classList].join(".") + (e.id ? "#" + e.id : ""))"""

RUN_AXE = """async ([tags, colourOnly]) => {
  const rules = axe.getRules(tags).filter((rule) => !colourOnly || rule.tags.includes("cat.color"));
  const results = await axe.run(document, {
    runOnly: {type: "rule", values: rules.map((rule) => rule.ruleId)},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
  }));
}"""


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
    """axe's violations on the loaded page in light mode, then in dark mode; fails if a mode
    does not apply or shows other elements than the other."""
    problems, visible = [], {}
    for mode in ("light", "dark"):
        page.emulate_media(color_scheme=mode)
        luminance = page.evaluate(SET_MODE, mode)
        applied = luminance > 0.7 if mode == "light" else luminance < 0.3
        assert applied, f"{name}: {mode} mode did not apply (background luminance {luminance:.2f})"
        visible[mode] = page.evaluate(VISIBLE_ELEMENTS)
        problems += [describe(mode, violation) for violation in page.evaluate(RUN_AXE, [AXE_TAGS, mode == "dark"])]
    assert visible["dark"] == visible["light"], f"{name}: the dark mode shows other elements than the light one"
    return problems


@pytest.mark.parametrize("name", site_pages())
def test_page_passes_axe_in_light_and_dark_mode(name, axe_page, server):
    axe_page.goto(f"{server.url}/{name}")
    problems = light_and_dark_problems(axe_page, name)
    assert not problems, f"{name}: accessibility violations\n" + "\n".join(problems)
