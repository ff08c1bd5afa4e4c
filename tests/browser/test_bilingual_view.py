"""The bilingual view in Chromium (brochure.sphinxext.bilingual): the German original beside
every translated block, on a desktop and a phone, with and without JavaScript, remembered from
page to page, accessible in both modes, and mirrored in the pseudo-localised Arabic edition.
"""

from __future__ import annotations

import pytest
from test_accessibility import light_and_dark_problems
from test_screenshots import HORIZONTAL_OVERFLOW

from brochure.i18n.interface import interface_gettext
from brochure.sphinxext.bilingual import BUTTON_MSGID, HIDE_MSGID, SHOW_MSGID
from browsing import DESKTOP, PHONE, Server

STORAGE_KEY = "brochure-bilingual"
GLOSSARY = "tr/glossar.html"
# Pages with headings, running text, lists and glossary entries translated.
PAGES = ["tr/glossar.html", "tr/index.html", "en/grussworte/index.html", "en/ueber-diese-ausgabe.html"]

# Each copy's box and its translated block's (the element right before it), and whether shown.
PAIRS = """() => [...document.querySelectorAll("article .bilingual-original")].map((copy) => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {shown: copy.checkVisibility(), copy: box(copy), block: box(copy.previousElementSibling),
          lang: copy.lang, dir: getComputedStyle(copy).direction};
})"""


def label(code: str, msgid: str) -> str:
    return interface_gettext(code)(msgid)


def fresh(page, url: str) -> None:
    """*url* with nothing remembered: the view starts hidden."""
    page.goto(url)
    page.evaluate(f"localStorage.removeItem({STORAGE_KEY!r})")
    page.reload()


def pairs(page) -> list[dict]:
    found = page.evaluate(PAIRS)
    assert found, f"{page.url}: no German copies"
    return found


def test_the_button_shows_and_hides_the_german_and_is_remembered(page, base_url):
    fresh(page, f"{base_url}/{GLOSSARY}")
    button = page.get_by_role("button", name=label("tr", BUTTON_MSGID))
    assert button.get_attribute("aria-pressed") == "false"
    assert not any(pair["shown"] for pair in pairs(page))
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert all(pair["shown"] and pair["lang"] == "de" for pair in pairs(page))
    # Another page remembers the choice, and forgets it once the reader hides the German again.
    page.goto(f"{base_url}/tr/index.html")
    button = page.get_by_role("button", name=label("tr", BUTTON_MSGID))
    assert button.get_attribute("aria-pressed") == "true"
    assert all(pair["shown"] for pair in pairs(page))
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    page.goto(f"{base_url}/{GLOSSARY}")
    assert not any(pair["shown"] for pair in pairs(page))
    assert not page.errors


def test_without_javascript_a_link_shows_the_german(new_context, server):
    context = new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/{GLOSSARY}")
        assert not any(pair["shown"] for pair in pairs(page))
        assert page.get_by_role("button").filter(has_text=label("tr", BUTTON_MSGID)).count() == 0
        page.get_by_role("link", name=label("tr", SHOW_MSGID)).click()
        assert page.url.endswith("#bilingual-view")
        assert all(pair["shown"] for pair in pairs(page))
        page.get_by_role("link", name=label("tr", HIDE_MSGID)).click()
        assert not any(pair["shown"] for pair in pairs(page))
    finally:
        context.close()


def shown_everywhere(page, url: str) -> list[dict]:
    page.goto(url)
    page.evaluate(f"localStorage.setItem({STORAGE_KEY!r}, 'on')")
    page.reload()
    found = pairs(page)
    assert all(pair["shown"] for pair in found)
    return found


@pytest.mark.parametrize("name", PAGES)
def test_side_by_side_on_a_desktop(name, page, server):
    for pair in shown_everywhere(page, f"{server.url}/{name}"):
        (copy_left, copy_top, _r, copy_bottom), (_l, block_top, block_right, block_bottom) = pair["copy"], pair["block"]
        assert copy_left >= block_right - 1, f"{name}: a German copy is not beside its translation"
        assert copy_top < block_bottom and copy_bottom > block_top, f"{name}: a German copy is not level with its translation"


@pytest.mark.parametrize("name", PAGES)
def test_each_copy_under_its_translation_on_a_phone(name, phone_page, server):
    for pair in shown_everywhere(phone_page, f"{server.url}/{name}"):
        assert pair["copy"][1] >= pair["block"][3] - 1, f"{name}: a German copy is not under its translation"
    assert phone_page.evaluate(HORIZONTAL_OVERFLOW) <= 0, f"{name} scrolls sideways with the German shown"


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_nothing_with_the_german_shown_in_light_and_dark_mode(name, axe_page, server):
    shown_everywhere(axe_page, f"{server.url}/{name}")
    problems = light_and_dark_problems(axe_page, name)
    axe_page.evaluate(f"localStorage.removeItem({STORAGE_KEY!r})")
    assert not problems, f"{name}: accessibility violations with the German shown\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def arabic_site(new_editions):
    with Server(new_editions.site) as server:
        yield server


@pytest.mark.parametrize(("screen", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_arabic_edition_shows_the_german_left_to_right_and_mirrored(screen, viewport, new_context, arabic_site):
    context = new_context(viewport=viewport, is_mobile=screen == "phone", has_touch=screen == "phone")
    try:
        page = context.new_page()
        url = f"{arabic_site.url}/ar/glossar.html"
        page.goto(url)
        assert not any(pair["shown"] for pair in pairs(page))
        page.locator("button.bilingual-toggle").click()
        assert page.locator("button.bilingual-toggle").get_attribute("aria-pressed") == "true"
        for pair in pairs(page):
            assert pair["shown"] and pair["lang"] == "de" and pair["dir"] == "ltr"
            if screen == "desktop":  # the translation at the start (right), the German after it
                assert pair["copy"][2] <= pair["block"][0] + 1, "ar: the German copy is not left of its translation"
            else:
                assert pair["copy"][1] >= pair["block"][3] - 1
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    finally:
        context.close()
