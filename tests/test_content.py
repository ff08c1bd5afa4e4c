"""The editions follow the printed brochure: every author in the navigation, in print order,
every page and heading really translated."""

import re
import tomllib

import polib
import pytest

import source_facts
from brochure.base.editions import LOCALE_DIR, ROOT
from brochure.i18n.references import bare_references
from brochure.i18n.termbase import TERMBASE
from brochure.tools.check_po.terms import contains_approved, german_pattern, german_stem, load_termbase
from printed_toc import PRINT_PAGES, missing_or_out_of_order
from support import edition_pages, source_pages


def navigation_titles(code: str) -> list[str]:
    index = edition_pages(code)["index"]
    return [a.get_text(" ", strip=True) for a in index.select(".sidebar-tree a.reference")]


@pytest.mark.parametrize("code", ["de", "en", "tr"])
def test_every_author_in_navigation_in_print_order(code, site):
    assert missing_or_out_of_order(navigation_titles(code)) == [], f"{code}: missing or out of order"


def test_every_source_page_is_in_every_edition(pub, site):
    for edition in pub.editions:
        assert set(source_pages()) <= set(edition_pages(edition.code)), edition.code


def test_print_pages_shown_match_the_printed_table_of_contents(site):
    shown = set()
    for page in edition_pages("de").values():
        line = page.select_one("p.print-page")
        if line:
            shown.add(int(line.get_text().rsplit(" ", 1)[-1]))
    assert shown == PRINT_PAGES


def _kept_on_purpose(code: str, text: str) -> bool:
    """A heading may stay identical when the catalog says so (a name, an acronym)."""
    for po_path in (LOCALE_DIR / code / "LC_MESSAGES").rglob("*.po"):
        for entry in polib.pofile(str(po_path)):
            if entry.msgid == text and entry.msgstr == text:
                return True
    return False


@pytest.mark.parametrize("code", ["en", "tr"])
def test_titles_and_headings_are_translated(code, site):
    german = edition_pages("de")
    sources = set(source_pages())
    for name, page in edition_pages(code).items():
        if name not in sources:  # generated pages (index, search, downloads) use the interface catalog
            continue
        for level in ("h1", "h2", "h3"):
            ours_all, theirs_all = page.select(f"article {level}"), german[name].select(f"article {level}")
            assert len(ours_all) == len(theirs_all), f"{code}/{name}: {level} headings differ in number"
            for ours, theirs in zip(ours_all, theirs_all, strict=True):
                text = ours.get_text(" ", strip=True).rstrip("#").strip()
                if text == theirs.get_text(" ", strip=True).rstrip("#").strip():
                    bare = text.split(" ", 1)[1] if text[:1].isdigit() else text
                    assert _kept_on_purpose(code, bare), f"{code}/{name}: {level} {text!r} is German"


@pytest.mark.parametrize("code", ["en", "tr"])
def test_no_german_fallback_anywhere(code, site):
    for name, page in edition_pages(code).items():
        assert not page.select(".untranslated"), f"{code}/{name} shows untranslated German text"


# -- The German text: references and terms -----------------------------------------------

def source_messages() -> dict[str, list[str]]:
    """Page -> its paragraphs and list items, the units Sphinx makes messages of."""
    messages = {}
    for name in source_pages():
        text = (ROOT / "source" / f"{name}.md").read_text(encoding="utf-8")
        text = re.sub(r"^```.*?^```\s*$", "", text, flags=re.S | re.M)  # directives, toctrees
        units = []
        for block in re.split(r"\n\s*\n", text):
            units += [item.strip() for item in re.split(r"^\s*[-*] ", block, flags=re.M) if item.strip()]
        messages[name] = units
    return messages


def test_no_reference_in_running_text_prints_a_page_title():
    """The rule every catalog passes (brochure.i18n.references), on the German sources."""
    bare = [f"{name}: {target} in {unit[:80]!r}"
            for name, units in source_messages().items() for unit in units
            for target in bare_references(unit)]
    assert not bare, "\n".join(bare)


# General vocabulary: words a translation renders as its sentence needs ("Seite" is a page,
# a side or nothing at all). Every other noun that recurs on GENERAL_PAGES or more pages of
# the German text is a term of the brochure and has a row in locale/termbase.csv.
GENERAL_WORDS = frozenset(
    "Seite Titel Beitrag Kapitel Stadt Beispiel Praxis Teil Text Thema Jahr Frage Begriff "
    "Angabe Strategie Sprache Stichwort Blick Umgang Materialien Abschnitt Verwaltung "
    "Vertreterinnen Zuwanderung Kommune Kommunale Beiträge Städte Themen Abkürzung Politik "
    "Mitwirkende".split()
)
RECURRING_PAGES = 4
NOUN = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-ZÄÖÜ][a-zäöüß]{3,}(?:-[A-ZÄÖÜ]?[a-zäöüß]+)*\b")


def term_patterns(termbase) -> list[re.Pattern[str]]:
    """Each row's German term and its German synonyms, inflected as the terminology check finds them."""
    patterns = []
    for term in termbase.terms:
        patterns.append(term.pattern)
        for synonym in term.translations.get("de_synonyms", "").split(";"):
            if pattern := german_pattern(synonym):
                patterns.append(pattern)
    return patterns


def terms_without_row(pages: dict[str, str], termbase, names: set[str], institutions: list[str]) -> dict[str, set[str]]:
    """Recurring nouns that neither a termbase row, a name nor GENERAL_WORDS accounts for."""
    patterns = term_patterns(termbase) + [re.compile(re.escape(name)) for name in institutions]
    general = {german_stem(word) for word in GENERAL_WORDS}
    found: dict[str, set[str]] = {}
    for page, markdown in pages.items():
        for paragraph in source_facts.page_text(markdown)[0]:
            covered = [m.span() for p in patterns for m in p.finditer(paragraph)]
            for match in NOUN.finditer(paragraph):
                if match.group() in names or any(a <= match.start() < b for a, b in covered):
                    continue
                stem = german_stem(match.group())
                if stem not in general:
                    found.setdefault(stem, set()).add(page)
    return {stem: pages for stem, pages in found.items() if len(pages) >= RECURRING_PAGES}


def _termbase_and_names():
    facts = tomllib.loads(source_facts.FACTS.read_text(encoding="utf-8"))
    names = {word for table in ("persons", "places") for name in facts[table] for word in re.findall(r"[\w-]+", name)}
    return load_termbase(LOCALE_DIR / TERMBASE), names, list(facts["institutions"])


def test_every_recurring_term_of_the_german_text_has_a_termbase_row():
    termbase, names, institutions = _termbase_and_names()
    missing = terms_without_row(source_facts.source_pages(), termbase, names, institutions)
    assert not missing, "no termbase row: " + ", ".join(f"{stem} ({len(p)} pages)" for stem, p in sorted(missing.items()))


def test_a_new_recurring_term_is_found():
    termbase, names, institutions = _termbase_and_names()
    pages = {f"p{n}.md": "# T\n\nDas Redaktionsteam prüft die Texte.\n" for n in range(RECURRING_PAGES)}
    assert set(terms_without_row(pages, termbase, names, institutions)) == {"Redaktionsteam"}


def german_contains(longer: str, term: str) -> bool:
    """"Integrationsbeauftragte" contains "Integration"; "Politische Partizipation" does not
    contain "Teilhabe"."""
    return all(german_stem(word).lower() in longer.lower() for word in term.split())


def collisions(termbase, lang: str) -> list[tuple[str, str]]:
    """Pairs of rows (German a, German b) where b's rendering contains a's although the German
    b does not contain a: a reader of the translation could no longer tell a from b, nor
    could the terminology check."""
    found = []
    for a in termbase.terms:
        for b in termbase.terms:
            ours_a, ours_b = termbase.approved(a, lang), termbase.approved(b, lang)
            if a is b or not ours_a or not ours_b or german_contains(b.german, a.german):
                continue
            if contains_approved(ours_b, ours_a, lang):
                found.append((a.german, b.german))
    return found


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_termbase_keeps_apart_what_the_german_keeps_apart(lang):
    termbase = load_termbase(LOCALE_DIR / TERMBASE)
    assert collisions(termbase, lang) == []


def test_one_rendering_for_two_german_concepts_is_a_collision(tmp_path):
    path = tmp_path / "termbase.csv"
    path.write_text("de,en\nTeilhabe,participation\nPolitische Partizipation,political participation\n",
                    encoding="utf-8")
    assert collisions(load_termbase(path), "en") == [("Teilhabe", "Politische Partizipation")]


@pytest.mark.parametrize("code", ["de", "en", "tr"])
def test_every_page_of_the_print_edition_says_once_that_its_text_is_only_in_print(code, site):
    pages = {name: page for name, page in edition_pages(code).items() if page.select_one("p.print-page")}
    with_print_page = [p for p in (ROOT / "source").rglob("*.md") if "\nprint_page:" in p.read_text(encoding="utf-8")]
    assert len(pages) == len(with_print_page)
    for name, page in pages.items():
        notices = page.select("article p.print-only")
        assert len(notices) == 1, name
        assert notices[0].a is not None and notices[0].a["href"].endswith("ueber-diese-ausgabe.html"), name
        assert not notices[0].select('[lang="en"]') or code == "en", f"{code}/{name}: notice untranslated"


def test_the_german_text_does_not_repeat_the_print_only_notice(site):
    repeated = re.compile(r"nur (in der )?(gedruckt|Druckausgabe)|Bestellhinweise|zur Bestellung siehe")
    for name, page in edition_pages("de").items():
        if not page.select_one("p.print-page"):
            continue
        prose = " ".join(p.get_text(" ") for p in page.select("article p:not(.print-only):not(.print-page)"))
        assert not repeated.search(prose), f"{name}: {repeated.search(prose).group()}"
