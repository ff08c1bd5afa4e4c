"""Turkish hyphenation (brochure.typesetting.turkish_hyphenation): through Pyphen as WeasyPrint
calls it, and in the published Turkish PDF."""

from __future__ import annotations

import re

import pyphen
import pytest
from pypdf import PdfReader

from brochure.base.editions import BUILD_DIR, publication
from brochure.typesetting import turkish_hyphenation
from support import SITE

TURKISH_VOWELS = "aeıioöuüâîû"


@pytest.mark.parametrize("word, hyphenated", [
    ("Belediye", "Be-le-di-ye"), ("Türkçe", "Türk-çe"), ("saat", "sa-at"), ("program", "prog-ram"),
    ("strateji", "stra-te-ji"),  # a word-initial cluster stays whole
    ("İleriye", "İle-ri-ye"),  # İ is one letter: no break shifted by Python's lower()
    ("IŞIKLARI", "IŞIK-LA-RI"),  # I is ı, a vowel of its own
    ("Almanya’daki", "Al-man-ya’da-ki"),  # never next to the suffix's apostrophe
])
def test_turkish_hyphenation_as_weasyprint_asks_pyphen(word, hyphenated):
    turkish_hyphenation.register(BUILD_DIR / "pdf")
    language = pyphen.language_fallback("tr")  # WeasyPrint's call, with the element's lang
    assert pyphen.Pyphen(lang=language).inserted(word) == hyphenated


def test_turkish_edition_is_hyphenated_between_syllables(site):
    edition = publication().edition("tr")
    text = "\n".join(page.extract_text() for page in PdfReader(SITE / "tr" / edition.pdf_filename).pages)
    breaks = re.findall(r"(\w+)\u2010\n(\w+)", text)
    assert len(breaks) > 20
    for before, after in breaks:
        lower = (before + after).replace("I", "ı").replace("İ", "i").lower()
        split = len(before)
        consonant_then_vowel = lower[split] not in TURKISH_VOWELS and lower[split + 1] in TURKISH_VOWELS
        between_vowels = lower[split - 1] in TURKISH_VOWELS and lower[split] in TURKISH_VOWELS
        assert consonant_then_vowel or between_vowels, f"{before}-{after}"
