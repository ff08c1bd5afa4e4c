"""A reader on a phone (390 × 844) and on a desktop: what they see in the first screen.

* the language switcher at the top of every page, without scrolling or opening a menu, with
  targets of at least 24 × 24 CSS pixels, reachable with the keyboard right after the skip link;
* no heading of any edition breaks a word without a hyphen at 320 and 390 px (every page's
  article is laid out in turn in one page of the edition, with the same stylesheet and column
  as on its own page: a layout per page instead of a page load);
* copying a hyphenated heading gives the word without soft hyphens;
* the downloads page fits the phone's width and at most two screens; a tap selects the whole
  checksum, and a copy gives the 64 digits;
* the root page suggests the browser's language without going anywhere, in furo's type;
* no page asks for a file that is not there (the favicon).
"""

from __future__ import annotations

import re

import pytest

from brochure.base.editions import publication
from browsing import PHONE
from support import SITE, edition_pages

EDITIONS = publication().editions
DEEP_PAGE = "handreichungen/integrationsmonitoring/wiesbaden-burgmeier"
FIRST_SCREEN_PAGES = ["index", DEEP_PAGE, "handreichungen/schwerpunktthemen/osnabrueck-rass-turgut-sabelhaus",
                      "downloads", "search"]
SOFT_HYPHEN = "\u00ad"
MIN_TARGET = 24


def code(edition) -> str:
    return edition.code


@pytest.fixture(params=["phone", "desktop"])
def any_page(request, phone_page, desktop_page):
    page = phone_page if request.param == "phone" else desktop_page
    page.errors.clear()
    return page


SWITCHER_BOXES = """() => [...document.querySelectorAll("nav.edition-switcher a")].map((a) => {
  const box = a.getBoundingClientRect();
  const visible = getComputedStyle(a).visibility === "visible" && box.width > 0 && box.height > 0;
  return {code: a.hreflang, lang: a.lang, text: a.textContent.trim(), visible,
          top: box.top, bottom: box.bottom, left: box.left, right: box.right,
          width: box.width, height: box.height, current: a.getAttribute("aria-current")};
})"""


@pytest.mark.parametrize("name", FIRST_SCREEN_PAGES)
@pytest.mark.parametrize("edition", EDITIONS, ids=code)
def test_switcher_is_in_the_first_screen(edition, name, any_page, server):
    any_page.goto(f"{server.url}/{edition.code}/{name}.html")
    viewport = any_page.viewport_size
    links = any_page.evaluate(SWITCHER_BOXES)
    assert [link["text"] for link in links] == [e.native_name for e in EDITIONS]
    for link, other in zip(links, EDITIONS, strict=True):
        assert link["visible"], link
        assert link["lang"] == other.code and link["code"] == other.code
        assert 0 <= link["top"] and link["bottom"] <= viewport["height"], f"below the first screen: {link}"
        assert 0 <= link["left"] and link["right"] <= viewport["width"], f"outside the screen: {link}"
        assert link["width"] >= MIN_TARGET and link["height"] >= MIN_TARGET, f"target too small: {link}"
        assert (link["current"] == "page") == (other == edition)


def test_switcher_comes_right_after_the_skip_link_on_the_keyboard(phone_page, server):
    phone_page.goto(f"{server.url}/de/{DEEP_PAGE}.html")
    phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("document.activeElement.classList.contains('skip-to-content')")
    reached = []
    for _ in EDITIONS:
        phone_page.keyboard.press("Tab")
        reached.append(phone_page.evaluate("document.activeElement.getAttribute('hreflang')"))
    assert reached == [e.code for e in EDITIONS]
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url(f"{server.url}/{EDITIONS[-1].code}/{DEEP_PAGE}.html")


def test_switcher_is_a_labelled_navigation_landmark_in_the_editions_language(page, server):
    for edition in EDITIONS:
        page.goto(f"{server.url}/{edition.code}/index.html")
        label = page.get_attribute("nav.edition-switcher", "aria-label")
        assert label and page.locator(f'nav[aria-label="{label}"]').count() == 1
    labels = set()
    for edition in EDITIONS:
        page.goto(f"{server.url}/{edition.code}/index.html")
        labels.add(page.get_attribute("nav.edition-switcher", "aria-label"))
    assert len(labels) > 1, "the label is not translated"


HEADINGS = "article h1, article h2, article h3, article h4"

# Keep the articles of the given pages (their nodes, parsed, not yet in the document).
FETCH_ARTICLES = """async (urls) => {
  const parser = new DOMParser();
  window.articles = await Promise.all(urls.map(async (url) => {
    const page = parser.parseFromString(await (await fetch(url)).text(), "text/html");
    return {url, nodes: [...page.querySelector("article").childNodes]};
  }));
  return window.articles.map((article) => article.nodes.length);
}"""

# Each kept article in turn in this page's article (images decoded, as after a page load), and
# every place inside one of its headings where the line breaks, with the characters around it.
LINE_BREAKS_IN_HEADINGS = """async (selector) => {
  const article = document.querySelector("article");
  const found = [];
  for (const {url, nodes} of window.articles) {
    article.replaceChildren(...nodes.map((node) => document.importNode(node, true)));
    await Promise.all([...article.querySelectorAll("img")].map((img) => img.decode().catch(() => null)));
    for (const heading of article.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      let previous = null;  // {node, index, top}
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest(".headerlink")) continue;
        for (let i = 0; i < node.data.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rects = range.getClientRects();
          if (!rects.length) continue;  // a soft hyphen where the line does not break
          const top = Math.round(rects[rects.length - 1].top);
          if (previous && top > previous.top + 2) {
            found.push({page: url, heading: heading.textContent.replaceAll("\\u00ad", "").slice(0, 80),
                        before: previous.node.data.slice(Math.max(0, previous.index - 12), previous.index + 1),
                        after: node.data.slice(i, i + 12)});
          }
          previous = {node, index: i, top};
        }
      }
    }
  }
  return found;
}"""

# A line may end after a space, a hyphen (hard or soft), a dash or a slash: nothing else.
ALLOWED_LINE_END = re.compile(r"[\s\u00ad\-\u2010\u2013\u2014/]$")
HEADING_WIDTHS = (320, 390)  # the narrowest phones in use, and a common one


@pytest.mark.parametrize("edition", EDITIONS, ids=code)
def test_no_heading_breaks_a_word_without_a_hyphen(edition, phone_page, server):
    names = list(edition_pages(edition.code))
    urls = [f"{server.url}/{edition.code}/{name}.html" for name in names]
    broken = []
    try:
        phone_page.goto(urls[names.index("index")])
        fetched = dict(zip(names, phone_page.evaluate(FETCH_ARTICLES, urls), strict=True))
        assert len(fetched) > 40 and all(fetched.values()), fetched
        for width in HEADING_WIDTHS:
            phone_page.set_viewport_size({"width": width, "height": PHONE["height"]})
            for line_break in phone_page.evaluate(LINE_BREAKS_IN_HEADINGS, HEADINGS):
                if not ALLOWED_LINE_END.search(line_break["before"]) and not line_break["after"][:1].isspace():
                    name = line_break["page"].removeprefix(f"{server.url}/")
                    broken.append(f"{name} at {width} px: …{line_break['before']}|{line_break['after']}… "
                                  f"in {line_break['heading']!r}")
    finally:
        phone_page.set_viewport_size(PHONE)
    assert broken == [], "\n".join(broken)


COPY_SELECTION = """(selector) => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector(selector));
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  let copied = null;
  // Runs after the page's own copy handler (document, bubbling), sees what it put there.
  const listener = (event) => { copied = event.clipboardData.getData("text/plain"); };
  window.addEventListener("copy", listener);
  document.execCommand("copy");
  window.removeEventListener("copy", listener);
  return {copied, selected: selection.toString()};
}"""


def test_copying_a_hyphenated_heading_gives_the_word(page, server):
    page.goto(f"{server.url}/de/uebersetzungsstand.html")
    heading = page.evaluate("document.querySelector('article h1').textContent")
    assert SOFT_HYPHEN in heading, "the heading has no soft hyphens to test with"
    result = page.evaluate(COPY_SELECTION, "article h1")
    assert result["copied"] is not None and result["copied"].startswith("Übersetzungsstand")
    assert SOFT_HYPHEN not in result["copied"]


def test_find_in_page_text_and_title_have_no_soft_hyphens(page, server):
    page.goto(f"{server.url}/de/uebersetzungsstand.html")
    assert SOFT_HYPHEN not in page.title()
    assert page.evaluate("window.find('Übersetzungsstand')"), "the browser's find does not find the word"


@pytest.mark.parametrize("edition", EDITIONS, ids=code)
def test_downloads_page_fits_a_phone(edition, phone_page, server):
    phone_page.goto(f"{server.url}/{edition.code}/downloads.html")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"scrolls sideways: {width} px"
    rows = phone_page.locator(".downloads-table tbody tr")
    assert rows.count() >= 3 * len(EDITIONS)
    # Compact cards, the reader's own edition's first: all of its files within two screens,
    # however many editions follow (the page grows with them, a reader's part does not).
    boxes = rows.evaluate_all("(rows) => rows.map((r) => [r.getBoundingClientRect().bottom, "
                              "r.getBoundingClientRect().height, r.querySelector('td span').lang])")
    own = [bottom for bottom, _height, lang in boxes if lang == edition.code]
    assert len(own) >= 3 and max(own) <= 2 * PHONE["height"], f"{max(own)} px: own files beyond two screens"
    assert all(card <= PHONE["height"] / 4 for _bottom, card, _lang in boxes), "a file's card is over a quarter screen"
    for box in phone_page.locator(".downloads-table code.checksum").evaluate_all(
            "(codes) => codes.map((c) => c.getBoundingClientRect().right)"):
        assert box <= PHONE["width"]


def test_a_tap_selects_the_whole_checksum_and_a_copy_gives_its_digits(phone_page, server):
    phone_page.goto(f"{server.url}/de/downloads.html")
    checksum = phone_page.locator(".downloads-table code.checksum").first
    checksum.tap()
    selected = phone_page.evaluate("document.getSelection().toString()")
    assert re.fullmatch(r"[0-9a-f]{64}", selected), repr(selected)
    copied = phone_page.evaluate(COPY_SELECTION, ".downloads-table code.checksum")
    assert re.fullmatch(r"[0-9a-f]{64}", copied["copied"] or copied["selected"])


def reader(browser, locale: str):
    """A phone whose browser prefers *locale* (offline, like every context of the browser)."""
    return browser.new_context(viewport=PHONE, is_mobile=True, locale=locale)


def test_root_page_suggests_the_browsers_language_and_stays(browser, server):
    context = reader(browser, "tr-TR")
    page = context.new_page()
    page.goto(f"{server.url}/index.html")
    assert page.url == f"{server.url}/index.html", "the root page redirected"
    suggested = page.locator(".edition-choice.suggested")
    assert suggested.count() == 1 and suggested.get_attribute("lang") == "tr"
    assert suggested.locator(".suggestion").is_visible()
    assert page.locator(".edition-choice .suggestion:visible").count() == 1
    context.close()


def test_root_page_without_a_matching_language_suggests_nothing(browser, server):
    context = reader(browser, "fr-FR")
    page = context.new_page()
    page.goto(f"{server.url}/index.html")
    assert page.locator(".edition-choice.suggested").count() == 0
    assert page.locator(".edition-choice .suggestion:visible").count() == 0
    context.close()


def test_root_page_has_the_editions_typography(phone_page, server):
    style = "(selector) => { const s = getComputedStyle(document.querySelector(selector));" \
            " return [s.fontFamily, s.color, s.backgroundColor]; }"
    phone_page.goto(f"{server.url}/de/index.html")
    edition_body = phone_page.evaluate(style, "body")
    phone_page.goto(f"{server.url}/index.html")
    assert phone_page.evaluate(style, "body") == edition_body
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


@pytest.mark.parametrize("path", ["index.html", "de/index.html", f"tr/{DEEP_PAGE}.html", "en/downloads.html"])
def test_no_page_asks_for_a_missing_file(path, browser, server):
    context = reader(browser, "en-US")
    page = context.new_page()
    missing = []  # an answer of 404 or worse, or no answer (the browser reaches no other host)
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    page.on("requestfailed", lambda request: missing.append(f"{request.url} ({request.failure})"))
    page.goto(f"{server.url}/{path}", wait_until="networkidle")
    icon = page.evaluate("document.querySelector('link[rel~=\"icon\"]')?.href")
    context.close()
    assert missing == []
    assert icon and icon.endswith("favicon.svg") and (SITE / icon.removeprefix(f"{server.url}/")).is_file()


@pytest.mark.parametrize("host", ["localhost", "192.0.2.1", "[2001:db8::1]"])
def test_the_browser_reaches_no_other_host(host, browser, server):
    """So a page that needs the internet fails above instead of fetching. A name (even one for
    this machine, which the server would answer), an IPv4 and an IPv6 address all stay
    unresolved; only the server's own address is reached. (A page of its own: the error page
    a failed navigation leaves would interrupt the next test's.)"""
    from playwright.sync_api import Error as PlaywrightError

    port = server.url.rsplit(":", 1)[1]
    context = reader(browser, "en-US")
    try:
        with pytest.raises(PlaywrightError, match="ERR_NAME_NOT_RESOLVED"):
            context.new_page().goto(f"http://{host}:{port}/index.html", timeout=5000)
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, ids=code)
def test_sidebar_download_links_are_big_enough_to_hit(edition, page, server):
    page.goto(f"{server.url}/{edition.code}/{DEEP_PAGE}.html")
    heights = page.locator(".sidebar-edition a").evaluate_all(
        "(links) => links.map((a) => a.getBoundingClientRect().height)")
    assert len(heights) == 2 and min(heights) >= MIN_TARGET, heights
