"""check_po reports every kind of broken translation, at the right file and line.

Each test writes the catalog it checks (fixtures ``write_po`` and ``po_locale`` in
conftest.py) and asserts the finding's check id, path and line, usually the msgstr line.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

import pytest

from brochure.i18n import gettext_tools
from brochure.i18n.markup import check_markup
from brochure.i18n.paths import survey_all
from brochure.i18n.references import bare_references, check_reference
from brochure.i18n.safety import check_html, check_scheme
from brochure.tools.check_po import Entry, Finding, check_catalog
from brochure.tools.check_po import __main__ as cli
from brochure.tools.check_po.runner import Context
from brochure.tools.check_po.spelling import Speller, SpellingUnavailable
from brochure.tools.check_po.terms import check_term, load_termbase
from brochure.tools.check_po.text import check_quotes, check_whitespace

needs_msgfmt = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed"
)


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def last_msgstr(path: Path) -> int:
    """Line of the last msgstr: the entry under test in one-entry catalogs."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, 1) if line.startswith("msgstr"))


@cache
def _findings(path: Path, content: bytes | None) -> tuple[Finding, ...]:
    return tuple(check_catalog(path))


def findings(path: Path) -> tuple[Finding, ...]:
    """check_catalog, once per catalog content (hunspell and msgfmt are separate processes)."""
    return _findings(path, path.read_bytes() if path.exists() else None)


def found(path: Path, check: str | None = None) -> list[tuple[Path, int, str]]:
    """(path, line, check) of every finding, optionally of one check only."""
    return [(f.path, f.line, f.check) for f in findings(path) if check is None or f.check == check]


def messages(path: Path, check: str) -> list[str]:
    return [f.message for f in findings(path) if f.check == check]


CLEAN = """\
    #: ../../source/grussworte/kuhn.md:5
    msgid "Fritz Kuhn, Oberbürgermeister der Landeshauptstadt Stuttgart"
    msgstr "Fritz Kuhn, Lord Mayor of the state capital Stuttgart"

    #: ../../source/grussworte/kuhn.md:7
    #, python-brace-format
    msgid ""
    "Im Arbeitskreis arbeiten {term}`Integrationsbeauftragte` zusammen; siehe "
    "{doc}`Einblicke </arbeitskreis/einblicke>` und die [Pressemitteilung](https://example.org/pm)."
    msgstr ""
    "In the working group, {term}`integration officers <Integrationsbeauftragte>` "
    "work together; see {doc}`Insights </arbeitskreis/einblicke>` and the "
    "[press release](https://example.org/pm)."

    msgid "Das Zitat „weltoffen“ steht in `code \\"x\\"` und **fett**."
    msgstr "The quotation “cosmopolitan” is in `code \\"x\\"` and in **bold**."

    msgid "Kapitel 3. Teil"
    msgid_plural "Kapitel 3. Teile"
    msgstr[0] "Chapter 3. part"
    msgstr[1] "Chapter 3. parts"

    #, fuzzy
    msgid "Die Willkommenskultur wächst."
    msgstr "The welcome culture grows."

    msgid "Noch nicht übersetzt."
    msgstr ""

    #~ msgid "Veraltet."
    #~ msgstr "- obsolete entries are not checked"
    """


def test_clean_catalog_passes(write_po):
    path = write_po(CLEAN)
    assert check_catalog(path) == []


def test_clean_catalog_exits_0(write_po, capsys):
    path = write_po(CLEAN)
    assert cli.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "check-po: 1 catalog(s), no problems"


# -- [syntax] -----------------------------------------------------------------------------

@needs_msgfmt
def test_unterminated_string_is_reported_at_its_line(write_po):
    path = write_po('msgid "Eins."\nmsgstr "One.\n\nmsgid "Zwei."\nmsgstr "Two."\n')
    assert (path, line_of(path, 'msgstr "One.'), "syntax") in found(path, "syntax")


@needs_msgfmt
def test_duplicate_message_is_reported(write_po):
    path = write_po('msgid "Eins."\nmsgstr "One."\n\nmsgid "Eins."\nmsgstr "Uno."\n')
    [message] = messages(path, "syntax")
    assert "duplicate message definition" in message


@needs_msgfmt
def test_placeholder_mismatch_in_interface_catalog(write_po):
    path = write_po(
        '#, python-format\nmsgid "Print edition, p. %(page)s"\nmsgstr "Basılı baskı, s. %(sayfa)s"\n',
        lang="tr",
        name="sphinx.po",
    )
    findings = found(path, "syntax")
    assert findings and all(line >= line_of(path, "msgid \"Print") for _, line, _ in findings)
    assert any("page" in message for message in messages(path, "syntax"))


def test_missing_msgfmt_is_an_error_naming_the_package(write_po, monkeypatch, capsys):
    """msgfmt is the reference reader: without it, no silently weaker check."""
    monkeypatch.setattr(gettext_tools.shutil, "which", lambda name: None)
    path = write_po('msgid "Eins."\nmsgstr "One."\n')
    assert cli.main([str(path)]) == 2
    assert "install the Debian package 'gettext'" in capsys.readouterr().err


def test_invalid_utf8_is_reported_at_its_line(write_po):
    path = write_po('msgid "Eins."\nmsgstr "One."\n')
    with path.open("ab") as stream:
        stream.write(b'\nmsgid "Zwei."\nmsgstr "Tw\xff."\n')
    [(_, line, check)] = found(path, "syntax")
    assert (line, check) == (line_of(path, 'msgstr "Tw'), "syntax")


def test_binary_file_is_a_finding_not_a_traceback(tmp_path):
    path = tmp_path / "broken.po"
    path.write_bytes(b"\x00\x01\x02binary\xff")
    assert [check for _, _, check in found(path)] and all(c == "syntax" for _, _, c in found(path))


def test_missing_file(tmp_path, capsys):
    missing = tmp_path / "locale" / "en" / "LC_MESSAGES" / "nope.po"
    assert found(missing) == [(missing, 1, "file")]
    assert cli.main([str(missing)]) == 1
    assert "[file] no such file" in capsys.readouterr().out


# -- [header] -----------------------------------------------------------------------------

def header(lang_line: str, content_type: str = "text/plain; charset=UTF-8", plural: bool = True) -> str:
    lines = ['msgid ""', 'msgstr ""', '"Project-Id-Version: test\\n"']
    lines += [f'"{lang_line}\\n"'] if lang_line else []
    lines += [f'"Content-Type: {content_type}\\n"']
    lines += ['"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'] if plural else []
    return "\n".join(lines) + "\n"


BODY = 'msgid "Eins."\nmsgstr "One."\n'


def test_language_must_match_the_folder(write_po):
    path = write_po(BODY, lang="tr", header=header("Language: en"))
    assert found(path, "header") == [(path, line_of(path, '"Language: en'), "header")]
    assert "'en'" in messages(path, "header")[0] and "'tr'" in messages(path, "header")[0]


def test_language_missing(write_po):
    path = write_po(BODY, header=header(""))
    assert found(path, "header") == [(path, line_of(path, 'msgstr ""'), "header")]
    assert messages(path, "header") == ["no Language header (should be 'en')"]


def test_charset_must_be_utf8(write_po):
    path = write_po(BODY, header=header("Language: en", "text/plain; charset=ISO-8859-1"))
    assert found(path, "header") == [(path, line_of(path, "charset=ISO"), "header")]


def test_plural_forms_missing(write_po):
    path = write_po(BODY, header=header("Language: en", plural=False))
    assert found(path, "header") == [(path, line_of(path, 'msgstr ""'), "header")]
    assert messages(path, "header") == ["no Plural-Forms header"]


# -- [markup] -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("msgstr", "expected"),
    [
        ("1. chapter begins here.", "msgstr is a numbered list, msgid a paragraph"),
        ("- first, a list.", "msgstr is a bullet list, msgid a paragraph"),
        ("> quoted, wrongly.", "msgstr is a block quote, msgid a paragraph"),
        ("# Heading", "msgstr is a heading, msgid a paragraph"),
        ("    indented text", "msgstr is an indented code block"),
        ("First paragraph.\\n\\nSecond paragraph.", "msgstr goes on after a paragraph with a paragraph"),
        ("First line\\n- then a list", "msgstr goes on after a paragraph with a bullet list"),
    ],
)
def test_block_structure_differs(write_po, msgstr, expected):
    """At the line where the other block begins: the first line, or the line after the break."""
    path = write_po(f'msgid "Der erste Absatz beginnt hier."\nmsgstr "{msgstr}"\n')
    where = msgstr.split("\\n")[-1] if "\\n" in msgstr else msgstr
    assert found(path, "markup") == [(path, line_of(path, where), "markup")]
    [message] = messages(path, "markup")
    assert message.startswith(expected)
    assert "silently" in message


def test_numbered_list_message_says_how_to_escape(write_po):
    path = write_po('msgid "Bölüm 3 beginnt."\nmsgstr "3. bölüm başlıyor."\n', lang="tr")
    [message] = messages(path, "markup")
    assert "'1\\.'" in message


def test_escaped_ordinal_is_fine(write_po):
    path = write_po('msgid "Bölüm 3 beginnt."\nmsgstr "3\\\\. bölüm başlıyor."\n', lang="tr")
    assert found(path, "markup") == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        # Broken inline markup renders literally, without a warning.
        ("Siehe `code` hier.", "See `code here.", "a backtick"),
        ("Das ist **wichtig**.", "This is **important.", "'**' shows as text"),
        ("Ein [Link](/a.md) hier.", "A [link] (/a.md) here.", "'](' (a broken link) shows as text"),
        ("Ein [Link](/a.md) hier.", "A [link](/a.md here.", "'](' (a broken link)"),
        ("Mit {{ name }} hier.", "With {{ name } here.", "'{{' (a broken substitution)"),
        ("Siehe {term}`Teilhabe`.", "See {term}participation.", "role name like '{term}'"),
        # Structure compared item by item.
        ("Siehe {doc}`/a/b`.", "See {doc}`/a/c`.", "{doc} target '/a/c' in msgstr, '/a/b' in msgid"),
        ("Siehe {doc}`Titel </a/b>`.", "See {doc}`Title </a/c>`.", "{doc} target"),
        ("Ein [Link](/a.md).", "A [link](/b.md).", "link '/b.md' in msgstr, '/a.md' in msgid"),
        ("Ein [Link](https://a.org).", "A [link](https://b.org).", "link 'https://b.org' in msgstr"),
        ("Siehe {term}`Teilhabe`.", "See participation.", "msgid has 1 {term} role(s), msgstr 0"),
        ("Mit `x = 1` hier.", "With `x = 2` here.", "inline code '`x = 2`'".replace("`", "")),
        ("Ganz *betont* hier.", "Quite emphasised here.", "msgid has 1 emphasis"),
        ("Eine Fußnote[^1].", "A footnote[^2].", "footnote reference '2' in msgstr, '1' in msgid"),
        ("Mit {{ name }} hier.", "With {{ other }} here.", "substitution 'other' in msgstr"),
    ],
)
def test_inline_markup_differs(write_po, msgid, msgstr, expected):
    path = write_po(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    findings = found(path, "markup")
    assert findings and set(findings) == {(path, last_msgstr(path), "markup")}
    assert any(expected in message for message in messages(path, "markup")), messages(path, "markup")


def test_escaped_markup_characters_are_not_left_over(write_po):
    # Escaped, they are meant as text: no unbalanced backtick or unclosed emphasis.
    path = write_po('msgid "Ein Stern und ein Backtick."\nmsgstr "A \\\\* star and a \\\\` backtick."\n')
    assert "\\* star" in path.read_text(encoding="utf-8")
    assert found(path, "markup") == []


def test_role_text_may_differ_and_order_may_change(write_po):
    path = write_po(
        'msgid "{term}`Teilhabe` und {doc}`/a` sowie [x](/b.md) und [y](/c.md)."\n'
        'msgstr "[y](/c.md), [x](/b.md), {doc}`the page </a>` and {term}`participation <Teilhabe>`."\n'
    )
    assert found(path, "markup") == []


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("Siehe {term}`Teilhabe`.", "See {term}`participation`.", "{term} target 'participation' in msgstr, 'Teilhabe'"),
    ("Siehe {term}`Teilhabe <Teilhabe>`.", "See {term}`participation <Teilhbe>`.", "'Teilhbe' in msgstr"),
    ("{doc}`/a` und {doc}`/b`.", "{doc}`/a` and {doc}`/c`.", "{doc} target '/c' in msgstr, '/b' in msgid"),
    ("{ref}`Ziel <ziel>`.", "{ref}`Target <ziel-2>`.", "{ref} target 'ziel-2' in msgstr"),
])
def test_reference_targets_stay_as_in_the_msgid(write_po, msgid, msgstr, expected):
    """Sphinx resolves a translated reference by its original target: a changed one breaks."""
    path = write_po(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    assert found(path, "markup") == [(path, last_msgstr(path), "markup")]
    assert expected in messages(path, "markup")[0]


def test_markup_is_not_checked_in_the_interface_catalog(write_po):
    path = write_po('msgid "Search"\nmsgstr "- Ara"\n', lang="tr", name="sphinx.po")
    assert found(path, "markup") == []


def test_check_functions_work_on_plain_entries():
    assert check_markup(Entry("Ein Satz.", "1. A sentence.", lang="en"))
    assert check_markup(Entry("Ein Satz.", "A sentence.", lang="en")) == []


# -- [html] and [scheme] ------------------------------------------------------------------

def test_inline_html_in_content(write_po):
    path = write_po('msgid "Hallo Welt."\nmsgstr "Hello <b>world</b>."\n')
    assert found(path, "html") == [(path, last_msgstr(path), "html")]
    assert "'<b>'" in messages(path, "html")[0]


def test_html_block_in_content(write_po):
    """One finding: the msgstr is an HTML block, not a paragraph (which is also raw HTML)."""
    path = write_po('msgid "Hallo Welt."\nmsgstr "<script>alert(1)</script>"\n')
    assert found(path) == [(path, last_msgstr(path), "markup")]
    assert "remove the HTML" in messages(path, "markup")[0]


def test_interface_catalog_allows_only_the_msgids_tags(write_po):
    path = write_po(
        'msgid "<a href=\\"%(path)s\\">Copyright</a>"\n'
        'msgstr "<a href=\\"%(path)s\\">Telif hakkı</a>"\n\n'
        'msgid "Search"\n'
        'msgstr "<img src=x onerror=alert(1)>Ara"\n',
        lang="tr",
        name="sphinx.po",
    )
    assert found(path, "html") == [(path, line_of(path, "<img"), "html")]


@pytest.mark.parametrize(
    ("msgstr", "scheme"),
    [
        ("A [link](javascript:alert(1)) here.", "javascript"),
        ("A <data:text/html,x> autolink.", "data"),
        ("A [file](file:///etc/passwd).", "file"),
        ("Plain javascript:void(0) text.", "javascript"),
        ("A [link](<JaVaScRiPt:alert(1)>).", "javascript"),
    ],
)
def test_unsafe_scheme_in_content(write_po, msgstr, scheme):
    path = write_po(f'msgid "Ein [Link](https://example.org) hier."\nmsgstr "{msgstr}"\n')
    assert found(path, "scheme") == [(path, last_msgstr(path), "scheme")]
    assert f"'{scheme}:'" in messages(path, "scheme")[0]


def test_unsafe_scheme_in_interface_catalog(write_po):
    path = write_po(
        'msgid "<a href=\\"%(url)s\\">Home</a>"\nmsgstr "<a href=\\"vbscript:x\\">Ana sayfa</a>"\n',
        lang="tr",
        name="sphinx.po",
    )
    assert (path, last_msgstr(path), "scheme") in found(path, "scheme")


def test_allowed_schemes_pass():
    entry = Entry(
        "Siehe [a](https://a.org), <mailto:x@example.org>, [b](http://b.org), [c](/c.md).",
        "See [a](https://a.org), <mailto:x@example.org>, [b](http://b.org), [c](/c.md).",
        lang="en",
    )
    assert check_scheme(entry) == [] and check_html(entry) == [] and check_markup(entry) == []


# -- [whitespace] -------------------------------------------------------------------------

def test_trailing_whitespace_differs(write_po):
    path = write_po('msgid "Absatz"\nmsgstr "Paragraph "\n')
    assert found(path, "whitespace") == [(path, last_msgstr(path), "whitespace")]
    assert messages(path, "whitespace") == ["msgstr ends with ' ', msgid with no whitespace"]


def test_leading_newline_differs_in_interface_catalog(write_po):
    path = write_po('msgid "\\nSphinx and "\nmsgstr "Sphinx ve "\n', lang="tr", name="sphinx.po")
    assert found(path, "whitespace") == [(path, last_msgstr(path), "whitespace")]


def test_same_whitespace_passes():
    assert check_whitespace(Entry("Sphinx and ", "Sphinx ve ", lang="tr", interface=True)) == []


# -- [quotes] -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "msgstr", "expected"),
    [
        ("en", 'A \\"quote\\" here.', "straight quotation mark"),
        ("en", "A „quote“ here.", "„"),
        ("en", "A “quote“ here.", "2 opening “ but 0 closing ”"),
        ("tr", "Bir «alıntı» burada.", "« »"),
        ("tr", "Bir „alıntı“ burada.", "„"),
    ],
)
def test_wrong_quotation_marks(write_po, lang, msgstr, expected):
    path = write_po(f'msgid "Ein „Zitat“ hier."\nmsgstr "{msgstr}"\n', lang=lang)
    assert found(path, "quotes") and set(found(path, "quotes")) == {(path, last_msgstr(path), "quotes")}
    assert any(expected in message for message in messages(path, "quotes")), messages(path, "quotes")


def test_german_interface_catalog_uses_german_marks(write_po):
    path = write_po(
        'msgid "Toggle navigation of %(title)s"\nmsgstr "Navigation für “%(title)s” ein- oder ausklappen"\n',
        lang="de",
        name="sphinx.po",
    )
    assert set(found(path, "quotes")) == {(path, last_msgstr(path), "quotes")}
    assert any("”" in message for message in messages(path, "quotes"))


def test_quotes_in_code_urls_and_attributes_are_not_text():
    content = Entry('Siehe `a = "b"` und {doc}`"x" <a>`.', 'See `a = "b"` and {doc}`“x” <a>`.', lang="en")
    interface = Entry('<a href="%(path)s">Copyright</a>', '<a href="%(path)s">Telif hakkı</a>', lang="tr", interface=True)
    assert check_quotes(content) == [] and check_quotes(interface) == []


def test_correct_quotation_marks_pass():
    assert check_quotes(Entry("„Zitat“", "“Quote” and ‘inner’, it’s fine", lang="en")) == []
    assert check_quotes(Entry("Zitat", "„Zitat“ und ‚inneres‘", lang="de")) == []
    assert check_quotes(Entry("„Zitat“", "“Alıntı” ve Stuttgart’ın", lang="tr")) == []


# -- [term] -------------------------------------------------------------------------------

def test_different_rendering_of_a_key_term(write_po):
    path = write_po('msgid "Die Willkommenskultur wächst."\nmsgstr "The culture of welcome grows."\n')
    assert found(path, "term") == [(path, last_msgstr(path), "term")]
    assert messages(path, "term") == [
        "msgid uses 'Willkommenskultur'; the approved English term is 'welcome culture': use it, inflected as the sentence needs (locale/termbase.csv lists every approved term)"
    ]


@pytest.mark.parametrize(
    ("lang", "msgid", "msgstr"),
    [
        # German inflection on the msgid side, English plural inside a phrase.
        ("en", "Die Integrationsbeauftragten treffen sich.", "The integration officers meet."),
        ("en", "Sie geben Handlungsempfehlungen.", "They give recommendations for action."),
        # The approved term as the {term} role's target.
        ("en", "Siehe {term}`Teilhabe`.", "See {term}`taking part <participation>`."),
        # Turkish suffixes.
        ("tr", "Die Integrationsbeauftragten treffen sich.", "Uyum sorumluları buluşuyor."),
        ("tr", "Die Willkommenskultur wächst.", "Hoş geldin kültürünün önemi artıyor."),
        ("tr", "Das BAMF und die EU.", "BAMF'ın ve AB'nin rolü."),
        # Not the term: compounds and words that only contain an acronym's letters.
        ("en", "Faire Teilhabechancen.", "Fair opportunities to take part."),
        ("en", "Eine EUROPA-Karte.", "A map of Europe."),
        # No approved Turkish term yet: nothing to check.
        ("tr", "Diversität zählt.", "Farklılık önemli."),
    ],
)
def test_tolerated_renderings(write_po, lang, msgid, msgstr):
    path = write_po(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n', lang=lang)
    assert found(path, "term") == []


def test_acronym_rendered_differently(write_po):
    path = write_po('msgid "Die EU wächst."\nmsgstr "Avrupa Birliği büyüyor."\n', lang="tr")
    assert messages(path, "term") == ["msgid uses 'EU'; the approved Turkish term is 'AB': use it, inflected as the sentence needs (locale/termbase.csv lists every approved term)"]


def test_broken_termbase_is_one_finding(write_po, po_locale):
    (po_locale / "termbase.csv").write_text("term,en\nTeilhabe,participation\n", encoding="utf-8")
    first = write_po('msgid "Eins."\nmsgstr "One."\n', name="a.po")
    second = write_po('msgid "Zwei."\nmsgstr "Two."\n', name="b.po")
    findings = cli.check_paths([first, second])
    assert [(f.path.resolve(), f.line, f.check) for f in findings] == [
        ((po_locale / "termbase.csv").resolve(), 1, "term")
    ]
    assert "no 'de' column" in findings[0].message


def test_check_term_directly(po_locale):
    termbase = load_termbase(po_locale / "termbase.csv")
    entry = Entry("Die Teilhabe aller.", "Everyone's involvement.", lang="en")
    assert [f.check for f in check_term(entry, termbase)] == ["term"]


# -- [spelling] ---------------------------------------------------------------------------

def test_misspelled_word(write_po):
    path = write_po('msgid "Eins."\nmsgstr "One."\n\nmsgid "Rechtschreibung."\nmsgstr "Speling matters."\n')
    assert found(path, "spelling") == [(path, line_of(path, "Speling"), "spelling")]
    [message] = messages(path, "spelling")
    assert message.startswith("unknown word 'Speling': correct it;")
    assert "locale/wordlist.txt" in message and "# check-po: ignore spelling" in message


def test_names_from_the_wordlist_and_the_msgid_pass(write_po):
    path = write_po(
        'msgid "Fritz Kuhn aus Stuttgart-Mitte, Abteilung Integration."\n'
        'msgstr "Fritz Kuhn of Stuttgart’s Abteilung Integration."\n'
    )
    assert found(path, "spelling") == []


def test_markup_urls_and_code_are_not_spellchecked(write_po):
    path = write_po(
        'msgid "Siehe `xyzzy` und [Link](https://qwrtz.example/zzq)."\n'
        'msgstr "See `xyzzy` and [link](https://qwrtz.example/zzq)."\n'
    )
    assert found(path, "spelling") == []


def test_turkish_spelling(write_po):
    path = write_po('msgid "Das Wort."\nmsgstr "Stuttgart\'ın bu kelmie yanlış."\n', lang="tr")
    assert found(path, "spelling") == [(path, line_of(path, "kelmie"), "spelling")]
    assert [m.split(":")[0] for m in messages(path, "spelling")] == ["unknown word 'kelmie'"]


def test_missing_dictionary_is_reported_once(write_po):
    first = write_po('msgid "Eins."\nmsgstr "Un."\n', lang="xx", name="a.po")
    second = write_po('msgid "Zwei."\nmsgstr "Deux."\n', lang="xx", name="b.po")
    findings = [f for f in cli.check_paths([first, second]) if f.check == "spelling"]
    assert len(findings) == 1
    assert "hunspell-xx" in findings[0].message


@pytest.mark.parametrize("installed, lang, expected", [
    (["ar", "ar_SA"], "ar", "ar"),            # hunspell-ar: the bare language and country aliases
    (["fr", "fr_FR", "fr_CA"], "fr", "fr_FR"),  # the language's most likely country (CLDR) first
    (["de_AT", "de_CH"], "de", "de_AT"),      # only regional dictionaries: the first of them
    (["pt_BR"], "pt_BR", "pt_BR"),            # a code with its country
    (["fa_IR"], "fa", "fa_IR"),
])
def test_dictionary_found_under_real_hunspell_names(tmp_path, monkeypatch, installed, lang, expected):
    monkeypatch.delenv("DICPATH", raising=False)
    for name in installed:
        (tmp_path / f"{name}.dic").write_text("1\nwort\n", encoding="utf-8")
        (tmp_path / f"{name}.aff").write_text("SET UTF-8\n", encoding="utf-8")
    assert Speller(dictionary_dirs=[str(tmp_path)]).dictionary(lang) == tmp_path / expected


def test_missing_dictionary_names_the_debian_package(tmp_path, monkeypatch):
    monkeypatch.delenv("DICPATH", raising=False)
    with pytest.raises(SpellingUnavailable) as raised:
        Speller(dictionary_dirs=[str(tmp_path)]).dictionary("ar")
    assert "apt-get install hunspell-ar" in str(raised.value)
    with pytest.raises(SpellingUnavailable, match="apt-get install hunspell-de-de"):
        Speller(dictionary_dirs=[str(tmp_path)]).dictionary("de")


@pytest.mark.parametrize("lang, msgstr, typo", [
    ("fr", "La politique d'intégration des vilels allemandes.", "vilels"),
    ("ar", "سياسة الاندماج في المدن الألمانيةةةة.", "الألمانيةةةة"),
])
def test_french_and_arabic_catalogs_are_spellchecked(write_po, lang, msgstr, typo):
    path = write_po(f'msgid "Integrationspolitik deutscher Städte."\nmsgstr "{msgstr}"\n', lang=lang)
    assert [m.split(":")[0] for m in messages(path, "spelling")] == [f"unknown word {typo!r}"]


def test_missing_hunspell_is_an_error_naming_the_package(write_po):
    path = write_po('msgid "Eins."\nmsgstr "One."\n')
    context = Context(speller=Speller(executable="hunspell-is-not-installed-here"))
    [finding] = [f for f in cli.check_paths([path], context) if f.check == "spelling"]
    assert "hunspell is not installed" in finding.message
    assert "apt-get install hunspell" in finding.message


# -- suppression, fuzzy, untranslated -----------------------------------------------------

def test_translator_comment_suppresses_one_check(write_po):
    path = write_po(
        '# check-po: ignore quotes\n'
        'msgid "Ein „Zitat“."\n'
        'msgstr "A \\"quote\\" with <b>HTML</b>."\n'
    )
    assert [check for _, _, check in found(path)] == ["html"]


def test_suppression_lists_several_checks(write_po):
    path = write_po(
        '# Deliberate: the German title is quoted.\n'
        '# check-po: ignore spelling, term\n'
        'msgid "Die Willkommenskultur."\n'
        'msgstr "The Willkomenskultur."\n'
    )
    assert found(path) == []


def test_integrity_rules_cannot_be_suppressed(write_po):
    """A catalog must not be able to switch off the build's gate."""
    path = write_po(
        '# check-po: ignore html markup scheme\n'
        'msgid "Eins."\n'
        'msgstr "<img src=x onerror=alert(1)> one."\n\n'
        '# check-po: ignore html markup scheme\n'
        'msgid "Zwei."\n'
        'msgstr "[Two](javascript:alert(1))."\n\n'
        '# check-po: ignore html markup scheme\n'
        'msgid "Drei."\n'
        'msgstr "**Three."\n'
    )
    assert {check for _, _, check in found(path)} == {"html", "markup", "scheme"}


def test_fuzzy_entries_get_editorial_checks_untranslated_get_none(write_po):
    """A fuzzy entry is not published: integrity rules wait until its flag is cleared."""
    path = write_po(
        '#, fuzzy\nmsgid "Eins."\nmsgstr "- \\"one\\""\n\n'
        'msgid "Zwei."\nmsgstr ""\n'
    )
    # each straight quotation mark is a finding of its own
    assert found(path) == 2 * [(path, line_of(path, 'msgstr "- '), "quotes")]


# -- command line -------------------------------------------------------------------------

def test_output_format_and_exit_status(write_po, tmp_path, monkeypatch, capsys):
    path = write_po('msgid "Absatz"\nmsgstr "Paragraph "\n', name="grussworte/kuhn.po")
    monkeypatch.chdir(tmp_path)
    assert cli.main([str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    relative = os.path.join("locale", "en", "LC_MESSAGES", "grussworte", "kuhn.po")
    assert lines[0].startswith(f"{relative}:{last_msgstr(path)}: [whitespace] in “Absatz”: msgstr ends with")
    assert lines[-1] == "check-po: 1 problem(s) in 1 of 1 catalog(s) (whitespace 1)"


def test_directory_argument_is_searched(write_po, po_locale):
    write_po('msgid "Eins."\nmsgstr "1. one"\n', name="a/b.po")
    assert cli.main([str(po_locale)]) == 1


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--no-such-option"])
    assert exit_info.value.code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main([str(empty)]) == 2
    assert "no .po files" in capsys.readouterr().err


def test_default_catalogs_skip_source_language_content(tmp_path):
    for relative in ("de/LC_MESSAGES/sphinx.po", "de/LC_MESSAGES/index.po", "tr/LC_MESSAGES/index.po",
                     "tr/LC_MESSAGES/sphinx.po", "en/LC_MESSAGES/a/b.po"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("", encoding="utf-8")
    paths, refused = survey_all(tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in paths} == {
        "de/LC_MESSAGES/sphinx.po", "tr/LC_MESSAGES/index.po", "tr/LC_MESSAGES/sphinx.po", "en/LC_MESSAGES/a/b.po"}
    # A German page catalog would rewrite the original: refused by name, as in the German build.
    assert [(f.path.relative_to(tmp_path).as_posix(), f.check) for f in refused] == [("de/LC_MESSAGES/index.po", "file")]


# -- [format] -----------------------------------------------------------------------------

def test_catalog_not_in_gettext_layout_is_reported_with_the_fix(write_po):
    path = write_po('msgid "Eins."\nmsgstr "One."\n')
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr "One."', 'msgstr ""\n"One."'), encoding="utf-8")
    [finding] = findings(path)
    assert (finding.check, finding.line) == ("format", last_msgstr(path))
    assert "make normalize-po" in finding.message


# -- [reference] ----------------------------------------------------------------------------


def test_reference_without_link_text_in_a_sentence_is_reported_at_the_msgstr(write_po):
    path = write_po(
        'msgid "Er schrieb auch das {doc}`Schlusswort </schlusswort>` der Broschüre."\n'
        'msgstr "He also wrote the brochure’s {doc}`/schlusswort`."\n'
    )
    assert found(path, "reference") == [(path, last_msgstr(path), "reference")]
    assert "'/schlusswort'" in messages(path, "reference")[0]


@pytest.mark.parametrize(
    "msgstr",
    [
        "He also wrote the brochure’s {doc}`closing remarks </schlusswort>`.",
        "{doc}`/schlusswort` – the closing remarks",  # a list entry that is the reference
        "{doc}`/schlusswort`",
        "{doc}`/schlusswort`: the closing remarks",
    ],
)
def test_reference_with_its_own_text_or_as_a_list_entry_passes(msgstr):
    assert check_reference(Entry("Siehe {doc}`/schlusswort`.", msgstr, lang="en")) == []


def test_every_bare_reference_after_the_first_is_reported():
    text = "{doc}`/a` – see also {doc}`/b` and {ref}`c`"
    assert bare_references(text) == ["/b", "c"]
