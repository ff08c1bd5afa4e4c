"""Each rule's message, as a translator reads it: the line of the mistake itself, the first
words of the source text (a PO editor finds the entry by them), what is wrong and the fix, and
one finding for one mistake."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brochure.i18n.rules import CHECK_IDS, INTEGRITY_CHECKS
from brochure.tools.check_po import check_catalog
from brochure.tools.check_po.spelling import load_wordlist
from support import ROOT

# A long first line, so that msgcat wraps the msgstr and the mistake is not on its first line.
LEAD = "Diese Zeile ist lang genug, damit gettext die Übersetzung auf mehrere Zeilen umbricht"
LEAD_TR = "Bu satır, gettext çevirinin birden fazla satıra bölünmesi için yeterince uzundur ve"


def line_of(path: Path, text: str) -> int:
    """The first line with *text* from the msgstr on."""
    lines = path.read_text(encoding="utf-8").splitlines()
    msgstr = max(number for number, line in enumerate(lines, 1) if line.startswith("msgstr"))
    for number, line in enumerate(lines[msgstr - 1:], msgstr):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


# (id, language, msgid, msgstr, text on the mistake's line, check, what is wrong, the fix)
CASES = [
    ("dropped-backtick", "tr", f"{LEAD}, siehe {{term}}`Teilhabe`.",
     f"{LEAD_TR} sözlükteki {{term}}`toplumsal katılım <Teilhabe> maddesi.", "{term}", "markup",
     "the {term} role has no closing backtick", "add '`' after '<Teilhabe>'"),
    ("dropped-opening-backtick", "tr", f"{LEAD}, siehe {{term}}`Teilhabe`.",
     f"{LEAD_TR} sözlükteki {{term}}toplumsal katılım <Teilhabe>` maddesi.", "{term}", "markup",
     "the {term} role has no opening backtick", "add '`' right after '{term}'"),
    ("unclosed-link", "tr", f"{LEAD}, siehe [Bestellhinweise](/ueber-diese-ausgabe.md).",
     f"{LEAD_TR} [sipariş bilgileri](/ueber-diese-ausgabe.md bakınız.", "](/ueber", "markup",
     "'](' (a broken link) shows as text", "')' after the target"),
    ("link-without-bracket", "tr", f"{LEAD}, siehe [Bestellhinweise](/ueber-diese-ausgabe.md).",
     f"{LEAD_TR} [sipariş bilgileri(/ueber-diese-ausgabe.md) bakınız.", "(/ueber", "markup",
     "the link to '/ueber-diese-ausgabe.md' is broken", "with '[' before the text and ']' right before '('"),
    ("unclosed-bold", "en", f"{LEAD}, **wichtig**.", f"{LEAD_TR} and **important.", "**important", "markup",
     "'**' shows as text", "bold needs a closing '**'"),
    ("translated-target", "tr", f"{LEAD}, siehe {{doc}}`/glossar`.", f"{LEAD_TR} bakınız {{doc}}`/sozluk`.",
     "/sozluk", "markup", "{doc} target '/sozluk' in msgstr, '/glossar' in msgid",
     "targets stay as in the German text"),
    ("blank-line", "en", f"{LEAD}.", f"{LEAD_TR}.\n\nAnd a second paragraph.", "And a second", "markup",
     "goes on after a paragraph with a paragraph", "remove the blank line"),
    ("numbered", "tr", "Kapitel 3 beginnt.", "3. bölüm başlıyor.", "3. bölüm", "markup",
     "msgstr is a numbered list", "escape the dot after a leading number"),
    ("raw-html", "en", f"{LEAD}.", f"{LEAD_TR} <b>bold</b>.", "<b>", "html", "raw HTML in msgstr: '<b>'",
     "remove it"),
    ("scheme", "en", f"{LEAD}.", f"{LEAD_TR} <javascript:alert(1)>.", "javascript:", "scheme",
     "uses the scheme 'javascript:'", "remove the link"),
    ("resource", "en", f"{LEAD} ![Bild](../../../etc/x.png).", f"{LEAD_TR} ![image](../../../etc/x.png).", "etc/x.png",
     "resource", "points outside the project's sources", "keep the German text's target"),
    ("whitespace", "en", "Absatz", "Paragraph ", "Paragraph", "whitespace", "msgstr ends with ' '", ""),
    ("straight-quote", "tr", f"{LEAD}, „Zitat“.", f"{LEAD_TR} \"alıntı” der.", "alıntı", "quotes",
     "straight quotation mark \"", "type “ instead (Windows Alt+0147"),
    ("straight-apostrophe", "tr", f"{LEAD}, Kuhn.", f"{LEAD_TR} Kuhn'a göre.", "Kuhn'a", "quotes",
     "straight apostrophe '", "type ’ instead (Windows Alt+0146"),
    ("straight-quotes-english", "en", f"{LEAD}, „Zitat“.", "This line is long enough for gettext to wrap the "
     "translation onto two lines, a \"quote”.", "quote", "quotes", "straight quotation mark \"",
     "type “ instead (Windows Alt+0147"),
    ("straight-apostrophe-english", "en", f"{LEAD}, nach Kuhn.", "This line is long enough for gettext to wrap "
     "the translation onto two lines, in Kuhn's view.", "Kuhn's", "quotes", "straight apostrophe '",
     "type ’ instead (Windows Alt+0146"),
    ("term", "tr", f"{LEAD}, die Integrationsbeauftragte.", f"{LEAD_TR} entegrasyon sorumlusu.", "", "term",
     "msgid uses 'Integrationsbeauftragte'; the approved Turkish term is 'uyum sorumlusu'",
     "use it, inflected as the sentence needs"),
    ("spelling", "en", f"{LEAD}.", "This line is long enough for gettext to wrap the translation onto two "
     "lines, with a typpo here.", "typpo", "spelling", "unknown word 'typpo'", "add it to locale/wordlist.txt"),
]


@pytest.mark.parametrize(("lang", "msgid", "msgstr", "place", "check", "wrong", "fix"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_one_finding_at_the_mistake_with_the_source_words_and_the_fix(write_po, lang, msgid, msgstr, place,
                                                                       check, wrong, fix):
    escaped = msgstr.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    path = write_po(f'msgid "{msgid}"\nmsgstr "{escaped}"\n', lang=lang)
    findings = check_catalog(path)
    assert [finding.check for finding in findings] == [check], [f.format() for f in findings]
    [finding] = findings
    if place:
        assert finding.line == line_of(path, place), finding.format()
    text = finding.format()
    assert f"[{check}] in “{' '.join(msgid.split()[:2])}" in text  # the first words of the German text
    assert wrong in text and fix in text, text


def test_every_straight_quote_and_apostrophe_is_a_finding_of_its_own(write_po):
    path = write_po('msgid "Kuhn sagt „eine Stadt“."\nmsgstr "Kuhn\'un dediği gibi \\"bir şehir\\"."\n', lang="tr")
    messages = [finding.message for finding in check_catalog(path)]
    assert [message.split(" in ")[0] for message in messages] == [
        "straight apostrophe '", "straight quotation mark \"", "straight quotation mark \""]
    assert ["type ’" in messages[0], "type “" in messages[1], "type ”" in messages[2]] == [True] * 3


def test_a_word_list_phrase_or_name_keeps_its_turkish_suffix(write_po, po_locale):
    with (po_locale / "wordlist.txt").open("a", encoding="utf-8") as wordlist:
        wordlist.write("Bertelsmann Stiftung\nkoordinatör\n")
    path = write_po('msgid "Von der Bertelsmann Stiftung, Kuhn und der Koordination."\n'
                    'msgstr "Bertelsmann Stiftung’dan, Kuhn’a ve koordinatörlüğüne göre."\n', lang="tr")
    assert [finding.format() for finding in check_catalog(path)] == []


def test_a_lower_case_turkish_phrase_of_the_word_list_keeps_suffixes_written_on(write_po, po_locale):
    entry = ('msgid "Die Methode Fishbowl."\n'
             'msgstr "Toplantılar fishbowl yönteminde ve fishbowl yöntemiyle yapıldı."\n')
    path = write_po(entry, lang="tr")
    [unknown] = check_catalog(path)  # without the word list
    assert unknown.check == "spelling" and "'fishbowl'" in unknown.message
    with (po_locale / "wordlist.txt").open("a", encoding="utf-8") as wordlist:
        wordlist.write("fishbowl yöntemi\n")
    load_wordlist.cache_clear()  # read once per run; this test changes it between two runs
    path = write_po(entry, lang="tr", name="again.po")
    assert [finding.format() for finding in check_catalog(path)] == []


# -- The guide's table of checks shows what each check really says -------------------------

GUIDE = (ROOT / "TRANSLATING.md").read_text(encoding="utf-8")
TABLE_ROW = re.compile(r"^\| `(\w+)` \| (``?)(.+?)\2 \| (yes|no) \|", re.MULTILINE)
GUIDE_TABLE = {check: (example, stops == "yes") for check, _, example, stops in TABLE_ROW.findall(GUIDE)}

# (language, catalog name, entries) that make each check speak as in the table's example;
# None: a catalog with another header or layout, made in the test.
TABLE_INPUTS = {
    "syntax": ("tr", "page.po", 'msgid "Satz."\nmsgstr "Cümle \\q."\n'),
    "markup": ("tr", "page.po", 'msgid "Siehe {term}`Teilhabe`."\n'
                                'msgstr "Sözlükteki {term}`toplumsal katılım <Teilhabe> maddesi."\n'),
    "html": ("en", "page.po", 'msgid "Text."\nmsgstr "Text <b>bold</b>."\n'),
    "scheme": ("tr", "page.po", 'msgid "Text."\nmsgstr "Metin <javascript:alert(1)>."\n'),
    "resource": ("en", "page.po", 'msgid "Ein Bild ![Bild](../x.png)."\nmsgstr "An image ![image](../x.png)."\n'),
    "placeholder": ("tr", "sphinx.po", 'msgid "Page %(page)s"\nmsgstr "Sayfa %(name)s"\n'),
    "reference": ("tr", "page.po", 'msgid "Siehe {doc}`/glossar` im Anhang."\n'
                                   'msgstr "Ekteki {doc}`/glossar` bakınız."\n'),
    "whitespace": ("en", "page.po", 'msgid "Absatz"\nmsgstr "Paragraph "\n'),
    "quotes": ("tr", "page.po", 'msgid "Laut Kuhn gilt."\nmsgstr "Kuhn\'a göre geçerlidir."\n'),
    "term": ("tr", "page.po", 'msgid "Die Integrationsbeauftragte."\nmsgstr "Entegrasyon sorumlusu."\n'),
    "spelling": ("tr", "page.po", 'msgid "Die Leiterin."\nmsgstr "Bölüm yönetcisi."\n'),
    "header": None, "format": None, "file": None,
}


def table_catalog(check: str, write_po) -> Path:
    if check == "header":
        return write_po('msgid "A"\nmsgstr "B"\n', lang="tr", header='msgid ""\nmsgstr ""\n"Language: tr\\n"\n'
                        '"Content-Type: text/plain; charset=UTF-8\\n"\n')
    if check in ("format", "file"):
        path = write_po('msgid "A"\nmsgstr "B"\n', lang="tr")
        if check == "file":
            link = path.with_name("link.po")
            link.symlink_to(path)
            return link
        path.write_text(path.read_text(encoding="utf-8").replace('msgstr "B"', 'msgstr ""\n"B"'), encoding="utf-8")
        return path
    lang, name, body = TABLE_INPUTS[check]
    return write_po(body, lang=lang, name=name)


def test_the_guide_has_a_row_for_every_check():
    assert set(GUIDE_TABLE) == set(CHECK_IDS) == set(TABLE_INPUTS)


@pytest.mark.parametrize("check", CHECK_IDS)
def test_the_guides_example_message_is_what_the_check_says(write_po, check):
    example, stops = GUIDE_TABLE[check]
    findings = check_catalog(table_catalog(check, write_po))
    assert [finding.check for finding in findings] == [check], [f.format() for f in findings]
    message, cursor = findings[0].message, 0
    for part in (part.strip() for part in example.split("…")):
        found = message.find(part, cursor)
        assert found >= 0, f"the guide's {example!r} is not what [{check}] says: {message!r}"
        cursor = found + len(part)
    assert stops == (check in INTEGRITY_CHECKS)  # "stops the build" is the integrity rules


def test_the_layout_finding_names_the_settings_the_guide_gives(write_po):
    [finding] = check_catalog(table_catalog("format", write_po))
    assert "make normalize-po" in finding.message and "Wrap at unchecked" in finding.message
    assert "Wrap at unchecked" in GUIDE.replace("**", "") and "79" not in finding.message
