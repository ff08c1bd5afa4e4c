"""The assembled site: one folder per edition, its ePub beside it, a language choice at the root."""

from urllib.parse import urljoin

from support import SITE, edition_pages, soup


def test_every_edition_has_html_and_its_epub(pub, site):
    for edition in pub.editions:
        assert (site / edition.code / "index.html").is_file()
        assert (site / edition.code / edition.epub_filename).is_file()


def test_root_page_offers_every_edition_in_its_own_language(pub, site):
    links = soup(site / "index.html").select("nav a[hreflang]")
    assert [a["hreflang"] for a in links] == pub.codes
    for link, edition in zip(links, pub.editions, strict=True):
        assert link["href"] == f"{edition.code}/index.html"
        assert link.find_parent(attrs={"lang": edition.code}) is not None
        assert edition.native_name in link.get_text()
        assert (site / link["href"]).is_file()


def test_every_page_declares_its_language(pub, site):
    for edition in pub.editions:
        pages = edition_pages(edition.code)
        assert len(pages) > 40
        for name, page in pages.items():
            assert page.html["lang"] == edition.code, f"{edition.code}/{name}"


def test_every_page_links_the_editions_own_epub(pub, site):
    for edition in pub.editions:
        for name, page in edition_pages(edition.code).items():
            link = page.select_one("a.edition-download")
            assert link is not None, f"{edition.code}/{name}: no ePub download"
            target = urljoin(f"{edition.code}/{name}.html", link["href"])
            assert target == f"{edition.code}/{edition.epub_filename}", f"{edition.code}/{name}"
            assert (SITE / target).is_file()
