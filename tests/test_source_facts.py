"""The German text states only what its two sources support (tests/source_facts.toml):
every number, date and proper name is a listed fact or marked context."""

import pytest

import source_facts
from source_facts import check_all, check_page, load_facts, source_pages

pytestmark = pytest.mark.skipif(
    not source_facts.hunspell_available(),
    reason="hunspell with the de_DE dictionary is required (apt-get install hunspell-de-de)",
)

PAGE = "arbeitskreis/einblicke.md"


def findings_with(sentence: str, page: str = PAGE) -> list[tuple[str, str]]:
    """What the guard reports after a paragraph with ``sentence`` is added to a real page."""
    text = source_pages()[page] + "\n" + sentence + "\n"
    return [(f.kind, f.text) for f in check_page(page, text, load_facts())]


def test_german_text_states_only_sourced_facts():
    findings = check_all()
    assert not findings, "\n".join(map(str, findings))


def test_the_tree_is_clean_before_injection():
    assert findings_with("Der Arbeitskreis tagte.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Das Bundesamt hat seinen Sitz in Nürnberg.", ("name", "Nürnberg")),
        ("Auch Angela Merkel hat dazu ein Grußwort geschrieben.", ("name", "Merkel")),
        ("Mitgewirkt hat auch Dr. Erwin Quastelberger aus Kassel.", ("name", "Quastelberger")),
        ("Mitgewirkt hat auch Dr. Erwin Quastelberger aus Kassel.", ("name", "Kassel")),
        ("Dem Arbeitskreis gehören 45 Kommunen an.", ("number", "45")),
        ("Die Broschüre hat 96 Seiten.", ("number", "96")),
        ("Zwölf Städte haben sich angeschlossen.", ("number", "Zwölf")),
        ("Die nächste Tagung folgte am 14. Mai 2015.", ("date", "14. Mai 2015")),
        ("Die Tagung fand an einem Montag statt.", ("date", "Montag")),
        ("Der Arbeitskreis wurde im Jahr 2008 gegründet.", ("number", "2008")),
        ("Kapitel VII fehlt in der Druckausgabe.", ("number", "VII")),
        ("Das BAMF ist unter anderem für Asylverfahren zuständig.", ("unsupported", "Asylverfahren")),
        (
            "Die HTW ist die Hochschule für Technik und Wirtschaft des Saarlandes.",
            ("unsupported", "Hochschule für Technik und Wirtschaft"),
        ),
    ],
)
def test_an_unsourced_fact_is_reported(sentence, expected):
    assert expected in findings_with(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "KGSt steht für die Kommunale Gemeinschaftsstelle für Verwaltungsmanagement.",
        "Der Titel verweist auf Materialien der Kommunalen Gemeinschaftsstelle für Verwaltungsmanagement.",
    ],
)
def test_context_outside_its_page_is_reported(sentence):
    assert ("context", "Kommunale Gemeinschaftsstelle für Verwaltungsmanagement") in findings_with(sentence)


def test_context_on_its_page_needs_the_mark():
    term = "Kommunale Gemeinschaftsstelle für Verwaltungsmanagement"
    unmarked = f"KGSt steht für die {term}."
    assert ("context", term) in findings_with(unmarked, page="glossar.md")
    marked = f"Eine Angabe der Redaktion, nicht aus den Quellen: KGSt steht für die {term}."
    assert findings_with(marked, page="glossar.md") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Bilkay Öney, Ministerin für Integration des Landes Baden-Württemberg, wirkte am 21. März in Berlin mit.",
        "Der Solinger Beitrag von Anne Wehkamp steht auf Seite 84.",
        "In Kapitel IV verweist der Titel auf die KGSt-Materialien 2/2006.",
        "Integrationsbeauftragte aus 30 Städten und Landkreisen arbeiten zusammen.",
        "Die Internationale Tagung im Abgeordnetenhaus von Berlin war ein Thema der Pressemitteilung.",
    ],
)
def test_a_sourced_fact_passes(sentence):
    assert findings_with(sentence) == []


def test_numbers_in_front_matter_are_checked():
    text = source_pages()[PAGE].replace("print_page: 8", "print_page: 7")
    assert ("number", "7") in [(f.kind, f.text) for f in check_page(PAGE, text, load_facts())]


def test_role_and_link_targets_are_not_text():
    text = "Siehe {doc}`/handreichungen/schwerpunktthemen/inklusionspolitik` und [hier](https://example.org/4711).\n"
    assert check_page("x.md", text, load_facts()) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the year of the conference is inferred, not the press release's
        ("Laut Pressemitteilung fand die Tagung 2014 statt.", ("attribution", "2014")),
        ("Die Tagung war nach der Pressemitteilung am 21. März 2014.", ("attribution", "2014")),
        # a print page is the table of contents', not the press release's
        ("Die Pressemitteilung nennt den Beitrag auf Seite 84.", ("attribution", "84")),
        # the 30 members are the press release's, not the table of contents'
        ("Laut Inhaltsverzeichnis gehören 30 Städte dazu.", ("attribution", "30")),
    ],
)
def test_an_attribution_to_the_wrong_source_is_reported(sentence, expected):
    assert expected in findings_with(sentence, page="anhang.md")


@pytest.mark.parametrize(
    "sentence",
    [
        "Laut Pressemitteilung arbeiteten damals Integrationsbeauftragte aus 30 Städten zusammen.",
        "Die Tagung war laut Pressemitteilung für Freitag, den 21. März, angesetzt.",
        "Laut Inhaltsverzeichnis steht der Beitrag auf Seite 84.",
        "Das Jahr nennt die Pressemitteilung nicht; 2014 ist erschlossen.",
    ],
)
def test_an_attribution_to_the_right_source_or_a_marked_inference_passes(sentence):
    assert findings_with(sentence, page="anhang.md") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Im Arbeitskreis arbeiten Integrationsbeauftragte aus 30 Städten.", ("dated", "30")),
        ("Die Stadt koordiniert den Arbeitskreis.", ("dated", "koordiniert")),
        ("Das BAMF und sein Präsident unterstützen den Arbeitskreis.", ("dated", "sein Präsident")),
        ("Der Deutsche Städtetag wirkt mit Vertretern im Arbeitskreis mit.", ("dated", "wirkt mit Vertretern im Arbeitskreis")),
    ],
)
def test_a_fact_of_2014_in_the_present_tense_is_reported(sentence, expected):
    assert expected in findings_with(sentence, page="anhang.md")


def test_a_fact_of_2014_passes_when_dated_in_its_paragraph_or_on_its_page():
    assert findings_with("Die Stadt koordinierte den Arbeitskreis damals.", page="anhang.md") == []
    # einblicke.md says once that it gives the press release's state of affairs
    assert findings_with("Die Stadt koordiniert den Arbeitskreis.", page=PAGE) == []
