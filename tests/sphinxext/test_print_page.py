"""Every page with a print page shows it, in the edition's language."""


from brochure.base.editions import ROOT
from brochure.i18n.interface import interface_gettext
from support import edition_pages


def print_pages():
    pages = {}
    for path in (ROOT / "source").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            for line in text.split("---\n", 2)[1].splitlines():
                if line.startswith("print_page:"):
                    name = path.relative_to(ROOT / "source").with_suffix("").as_posix()
                    pages[name] = line.split(":", 1)[1].strip()
    return pages


def test_print_page_line_in_every_edition(pub, site):
    expected_pages = print_pages()
    assert len(expected_pages) > 25
    for edition in pub.editions:
        label = interface_gettext(edition.code)(
            "Print edition, p. %(page)s")
        pages = edition_pages(edition.code)
        for name, page in pages.items():
            line = page.select_one("article p.print-page")
            if name in expected_pages:
                assert line is not None, f"{edition.code}/{name}"
                assert line.get_text() == label % {"page": expected_pages[name]}
                # directly under the page title (and the title's German original, in a translation)
                above = line.find_previous_sibling(lambda tag: "bilingual-original" not in tag.get("class", []))
                assert above.name == "h1"
            else:
                assert line is None, f"{edition.code}/{name}"
