"""``brochure.typesetting.hyphenation``: where soft hyphens go, and where they never go."""

from __future__ import annotations

import pytest

from brochure.typesetting.hyphenation import (
    NAVIGATION_UNITS,
    SOFT_HYPHEN,
    hyphenate_html,
    hyphenator,
)

SHY = SOFT_HYPHEN


def shown(html: str) -> str:
    return html.replace(SHY, "|")


@pytest.mark.parametrize(("lang", "word", "expected"), [
    ("de", "Übersetzungsstand", "Über|set|zungs|stand"),
    ("de", "migrationspolitischen", "mi|gra|ti|ons|po|li|ti|schen"),
    ("en", "Retrospectives", "Ret|ro|spect|ives"),
    # Turkish syllables: one consonant goes to the next syllable, of two only the last.
    ("tr", "çalışmalarımız", "ça|lış|ma|la|rı|mız"),
    ("tr", "Başlatılmasında", "Baş|la|tıl|ma|sın|da"),
    ("tr", "kültürlerarası", "kül|tür|le|ra|ra|sı"),  # the rule, not the compound
])
def test_long_words_get_their_languages_break_points(lang, word, expected):
    assert shown(hyphenator(lang).word(word)) == expected


def test_no_piece_is_a_single_letter():
    for lang, word in [("de", "Saarlandes"), ("tr", "belediyelerdeki"), ("de", "Ausländerbehörde")]:
        pieces = hyphenator(lang).word(word).split(SHY)
        assert len(pieces) > 1 and min(len(piece) for piece in pieces) >= 2, pieces


@pytest.mark.parametrize("word", ["Stuttgart", "Wiesbaden", "KGSt", "MSOs", "kurz"])
def test_short_words_and_words_with_inner_capitals_stay_whole(word):
    assert SHY not in hyphenate_html(f"<h2>{word}</h2>", "de")


def test_turkish_web_pages_break_words_as_the_pdf_does():
    """One Turkish rule (brochure.typesetting.turkish_hyphenation) for the soft hyphens and the PDFs."""
    # no break next to a suffix's apostrophe: "Almanya’da", never "Almanya’-da"
    assert shown(hyphenator("tr").word("Almanya’dakiler")) == "Al|man|ya’da|ki|ler"


def test_headings_and_table_cells_only_not_running_text():
    html = "<h1>Integrationsbehörde</h1><p>Integrationsbehörde</p><table><tr><th>Integrationsbehörde</th><td>Integrationsbehörde</td></tr></table>"
    out = hyphenate_html(html, "de")
    assert out.count("In" + SHY + "te") == 3
    assert "<p>Integrationsbehörde</p>" in out


def test_tags_entities_and_attributes_are_never_touched():
    html = ('<h2 id="integrationsbehoerde" title="Integrationsbehörde">Integrationsbehörde &amp; '
            'Ausländerbehörde&nbsp;Integrationsmonitoring<a class="headerlink" href="#integrationsbehoerde">#</a></h2>')
    out = hyphenate_html(html, "de")
    assert out.replace(SHY, "") == html
    assert 'title="Integrationsbehörde"' in out and "&amp;" in out and "&nbsp;" in out


def test_code_urls_and_mail_addresses_stay_whole():
    html = ("<td><code>Integrationsbehörde</code> <span class=\"pre\">Ausländerbehörde</span> "
            "https://www.integrationsbeauftragte.de/Ausländerbehörde info@integrationsbeauftragte.de "
            "www.integrationsmonitoring.de <span translate=\"no\">Integrationsmonitoring</span></td>")
    assert SHY not in hyphenate_html(html, "de")


def test_names_in_a_byline_and_after_a_title_stay_whole():
    html = ("<h1>Landkreis Osnabrück, Werner Hülsmannsberger: Zuwanderungsgestaltung</h1>"
            "<h1>Prof. Dr. Filsingerhausen, Hochschulkooperation</h1>")
    out = shown(hyphenate_html(html, "de"))
    assert "Hülsmannsberger" in out and "Filsingerhausen" in out
    assert "Zu|wan|de|rungs" in out and "Hoch|schul" in out


def test_a_lowercase_phrase_before_a_colon_is_no_byline():
    out = shown(hyphenate_html("<h1>Integrationspolitik von morgen: Zwischen Krise</h1>", "de"))
    assert out.startswith("<h1>In|te|gra|ti|ons|po|li|tik")


def test_a_lang_attribute_switches_the_rules():
    out = hyphenate_html('<h2>Integrationsbehörde <span lang="tr">çalışmalarımız</span></h2>', "de")
    assert shown(out).endswith('<span lang="tr">ça|lış|ma|la|rı|mız</span></h2>')


def test_a_language_without_patterns_gets_no_soft_hyphens():
    assert SHY not in hyphenate_html("<h1>استراتيجيةالتكاملالبلدية</h1>", "ar")


def test_navigation_links_are_units_and_hyphenating_twice_changes_nothing():
    html = '<ul><li><a class="reference internal" href="x.html">Ausländerbehörde</a></li></ul>'
    once = hyphenate_html(html, "de", NAVIGATION_UNITS)
    assert SHY in once
    assert hyphenate_html(once, "de", NAVIGATION_UNITS) == once
