"""Language switcher, hreflang alternates, canonical links and sitemaps on every page."""

from urllib.parse import urljoin

import pytest
from lxml import etree

from brochure.base.editions import publication
from support import SITE, edition_pages, soup

EDITIONS = publication().editions
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def page_url(code, name):
    return f"{publication().base_url}{code}/{name}.html"


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.code)
def test_switcher_leads_to_the_same_page_in_every_edition(edition, site):
    for name, page in edition_pages(edition.code).items():
        links = page.select("nav.edition-switcher a")
        assert [a.get_text() for a in links] == [e.native_name for e in EDITIONS], name
        for link, other in zip(links, EDITIONS, strict=True):
            assert link["lang"] == other.code and link["hreflang"] == other.code
            target = urljoin(f"{edition.code}/{name}.html", link["href"])
            assert target == f"{other.code}/{name}.html", f"{edition.code}/{name}"
            assert (SITE / target).is_file()
            assert link.has_attr("aria-current") == (other.code == edition.code)


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.code)
def test_every_page_names_its_alternates_and_canonical_url(edition, site):
    source = publication().source_language
    for name, page in edition_pages(edition.code).items():
        alternates = {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}
        expected = {e.code: page_url(e.code, name) for e in EDITIONS}
        expected["x-default"] = page_url(source, name)
        assert alternates == expected, f"{edition.code}/{name}"
        assert page.select_one('head link[rel="canonical"]')["href"] == page_url(edition.code, name)


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.code)
def test_edition_sitemap_lists_every_page_with_alternates(edition, site):
    tree = etree.parse(str(SITE / edition.code / "sitemap.xml"))
    urls = tree.findall("s:url", SITEMAP_NS)
    locations = [u.findtext("s:loc", namespaces=SITEMAP_NS) for u in urls]
    assert len(set(locations)) == len(locations), "a page listed twice"
    assert set(locations) == {page_url(edition.code, name) for name in edition_pages(edition.code)}
    for url in urls:
        assert len(url.findall("x:link", SITEMAP_NS)) == len(EDITIONS)


def test_site_sitemap_index_and_landing_page_point_to_every_edition(site):
    index = etree.parse(str(SITE / "sitemap.xml"))
    assert [loc.text for loc in index.iterfind(".//s:loc", SITEMAP_NS)] == [
        f"{publication().base_url}{e.code}/sitemap.xml" for e in EDITIONS]
    landing = soup(SITE / "index.html")
    hreflangs = [link["hreflang"] for link in landing.select('head link[rel="alternate"]')]
    assert hreflangs == [e.code for e in EDITIONS] + ["x-default"]
