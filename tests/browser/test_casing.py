"""Text the theme capitalizes with CSS comes out in the edition's own capitals.

furo sets some labels in capitals with ``text-transform: uppercase`` (the navigation's section
caption, "On this page"). The browser capitalizes by the language of the element, so the
Turkish edition must show "İ" for "i" and "I" for "ı" ("Sürüm Bilgileri" → "SÜRÜM BİLGİLERİ",
not "BILGILERI"), and German "ß" becomes "SS". That depends on ``<html lang>`` being right;
this test reads what the browser renders (``innerText`` applies the transform) and compares it
with the capitals by the language's rules.
"""

from __future__ import annotations

import pytest

from brochure.base.editions import publication

PAGES = ["index", "handreichungen/integrationsmonitoring/wiesbaden-burgmeier"]

# Every rendered element whose own text the stylesheet turns into capitals.
UPPERCASED = """() => [...document.querySelectorAll("body *")]
  .filter((e) => getComputedStyle(e).textTransform === "uppercase" && e.getClientRects().length > 0)
  .filter((e) => e.innerText.trim() !== "")
  .map((e) => ({
    selector: e.tagName.toLowerCase() + (e.className ? "." + [...e.classList].join(".") : ""),
    lang: e.closest("[lang]").lang,
    source: e.textContent.trim(),
    rendered: e.innerText.trim(),
  }))"""


def upper(text: str, lang: str) -> str:
    """Capitals by the language's rules (Python's upper() knows no Turkish; ß → SS it knows)."""
    if lang.split("-")[0] in ("tr", "az"):
        text = text.replace("i", "İ").replace("ı", "I")
    return " ".join(text.upper().split())


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("code", publication().codes)
def test_css_capitals_follow_the_language(code, name, page, server):
    page.goto(f"{server.url}/{code}/{name}.html")
    elements = page.evaluate(UPPERCASED)
    assert elements, "no text with text-transform: uppercase found; did furo change?"
    for element in elements:
        assert element["lang"] == code, element
        rendered = " ".join(element["rendered"].split())
        assert rendered == upper(element["source"], code), element


def test_turkish_capital_i_has_its_dot(page, server):
    """The navigation caption "Sürüm Bilgileri" has i's; the rendered capitals must show İ."""
    page.goto(f"{server.url}/tr/index.html")
    captions = [e for e in page.evaluate(UPPERCASED) if "caption-text" in e["selector"]]
    assert captions, "no capitalized caption on the Turkish home page"
    for caption in captions:
        source, rendered = caption["source"], caption["rendered"]
        assert "i" in source, caption
        assert len(rendered) == len(source), caption
        assert {r for s, r in zip(source, rendered, strict=True) if s == "i"} == {"İ"}, caption
