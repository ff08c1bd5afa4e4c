"""brochure.i18n.stats counts what Sphinx will show, and every report prints the same numbers."""

from __future__ import annotations

import json
import textwrap
from functools import partial
from pathlib import Path

import pytest

from brochure.i18n import stats
from brochure.i18n.stats import CatalogStats, catalog_stats, count_words, edition_stats, to_json
from brochure.tools import stats as stats_cli

HEADER = """\
msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""

# 3 translated (2 + 3 + 1 words), 1 fuzzy (3 words), 2 untranslated (1 + 4 words);
# the header and the obsolete entry are not messages.
PAGE = """\
msgid "Zwei Wörter"
msgstr "Two words"

msgid "Siehe {term}`Teilhabe <Teilhabe>` hier."
msgstr "See {term}`participation` here."

msgid "Kapitel %(n)s"
msgid_plural "Kapitel %(n)s"
msgstr[0] "Chapter %(n)s"
msgstr[1] "Chapters %(n)s"

#, fuzzy
msgid "Ein unscharfer Eintrag"
msgstr "A fuzzy entry"

msgid "Leer"
msgstr ""

msgid "Siehe [die Seite](https://example.org/a/b) jetzt."
msgstr ""

#~ msgid "Veraltet und lang, mit vielen Wörtern"
#~ msgstr "Obsolete"
"""


def write(locale_dir: Path, relative: str, body: str, lang: str = "tr") -> Path:
    path = locale_dir / lang / "LC_MESSAGES" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(lang=lang) + textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("msgid", "words"),
    [
        ("Zwei Wörter", 2),
        ("Siehe {term}`Teilhabe <Teilhabe>` hier.", 3),
        ("Siehe {doc}`/ueber-diese-ausgabe`.", 1),
        ("Siehe {doc}`die Seite </ueber-diese-ausgabe>`.", 3),
        ("Siehe [die Seite](https://example.org/a/b) jetzt.", 4),
        ("EU-Binnenzuwanderung seit 2009", 3),
        ("Druckausgabe, S. %(page)s", 2),
    ],
)
def test_words_are_counted_on_the_readable_msgid(msgid, words):
    assert count_words(msgid) == words


def test_catalog_stats(tmp_path):
    result = catalog_stats(write(tmp_path, "page.po", PAGE))
    assert (result.translated, result.fuzzy, result.untranslated) == (3, 1, 2)
    assert (result.translated_words, result.fuzzy_words, result.untranslated_words) == (6, 3, 5)
    assert result.messages == 6 and result.words == 14
    assert result.percent == pytest.approx(100 * 6 / 14)
    assert not result.complete


def test_plural_entry_with_an_empty_form_is_untranslated(tmp_path):
    path = write(
        tmp_path,
        "page.po",
        'msgid "Ein Teil"\nmsgid_plural "Teile"\nmsgstr[0] "Bir parça"\nmsgstr[1] ""\n',
    )
    assert catalog_stats(path).untranslated == 1


def test_empty_catalog_is_zero_percent(tmp_path):
    result = catalog_stats(write(tmp_path, "page.po", ""))
    assert result == CatalogStats() and result.percent == 0.0 and not result.complete


def test_broken_catalog_raises(tmp_path):
    path = write(tmp_path, "page.po", 'msgid "a"\nmsgstr "b"\nunknown "x"\n')
    with pytest.raises(OSError):
        catalog_stats(path)


@pytest.fixture
def edition(tmp_path) -> tuple[Path, Path]:
    """A tr edition with two pages (one nested), the interface catalog, one page missing."""
    locale_dir, source_dir = tmp_path / "locale", tmp_path / "source"
    write(locale_dir, "index.po", PAGE)
    write(locale_dir, "grussworte/kuhn.po", 'msgid "Grußwort"\nmsgstr "Selamlama"\n')
    write(locale_dir, "sphinx.po", 'msgid "Search"\nmsgstr "Ara"\n\nmsgid "Next"\nmsgstr ""\n')
    for page in ("index.md", "grussworte/kuhn.md", "grussworte/schmidt.md"):
        (source_dir / page).parent.mkdir(parents=True, exist_ok=True)
        (source_dir / page).write_text("# Titel\n", encoding="utf-8")
    return locale_dir, source_dir


def test_edition_stats(edition):
    locale_dir, source_dir = edition
    result = edition_stats("tr", locale_dir, source_dir)
    assert list(result.pages) == ["grussworte/kuhn", "index"]
    assert result.pages["grussworte/kuhn"].complete
    # The interface catalog is reported on its own and not in the page totals.
    assert (result.interface.translated, result.interface.untranslated) == (1, 1)
    assert result.totals == result.pages["index"] + result.pages["grussworte/kuhn"]
    assert (result.totals.translated, result.totals.words) == (4, 15)
    assert result.missing == ("grussworte/schmidt",)
    assert not result.complete


def test_edition_without_catalogs(tmp_path):
    result = edition_stats("en", tmp_path / "locale", None)
    assert result.pages == {} and result.interface is None and result.totals.percent == 0.0
    assert not result.complete


def test_json_is_stable_and_sorted(edition):
    locale_dir, source_dir = edition
    result = [edition_stats("tr", locale_dir, source_dir)]
    text = to_json(result)
    assert text == to_json([edition_stats("tr", locale_dir, source_dir)])
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    tr = data["tr"]
    assert tr["pages"]["index"]["translated_words"] == 6
    assert tr["totals"]["percent"] == round(100 * 7 / 15, 2)
    assert tr["interface"]["untranslated"] == 1
    assert tr["missing"] == ["grussworte/schmidt"]


@pytest.fixture
def cli_on(edition, monkeypatch):
    """The command line, reading the scratch edition instead of the project's catalogs."""
    locale_dir, source_dir = edition
    monkeypatch.setattr(stats_cli, "edition_stats", partial(stats.edition_stats, locale_dir=locale_dir, source_dir=source_dir))
    monkeypatch.setattr(stats_cli, "all_stats", lambda: [stats.edition_stats("tr", locale_dir, source_dir)])
    return stats_cli.main


def test_cli_table(cli_on, capsys):
    assert cli_on(["--lang", "tr"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("tr (Türkçe): 46.7 % of words translated\n")
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[3:] if line and not line.startswith("-")}
    assert rows["index"] == ["3/6", "1", "2", "6/14", "42.9"]
    assert rows["grussworte/kuhn"] == ["1/1", "0", "0", "1/1", "100.0"]
    assert rows["total"] == ["4/7", "1", "2", "7/15", "46.7"]
    assert "interface (sphinx.po)" in out
    assert "pages without a catalog (1): grussworte/schmidt" in out


def test_cli_json(cli_on, capsys):
    assert cli_on(["--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["tr"] and data["tr"]["totals"]["translated"] == 4


def test_cli_unknown_language_is_a_usage_error(cli_on, capsys):
    assert cli_on(["--lang", "xx"]) == 2
    assert "no edition with code 'xx'" in capsys.readouterr().err


def test_cli_broken_catalog_is_an_error_not_a_traceback(cli_on, edition, capsys):
    locale_dir, _ = edition
    write(locale_dir, "broken.po", 'msgid "a"\nmsgstr "b"\nunknown "x"\n')
    assert cli_on(["--lang", "tr"]) == 2
    assert "unreadable catalog" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("page", "chapter"),
    [("grussworte/kuhn", "grussworte"), ("grussworte/index", "grussworte"),
     ("handreichungen/partizipation/index", "handreichungen"), ("schlusswort", "schlusswort")],
)
def test_chapter_of_is_the_top_level_part(page, chapter):
    assert stats.chapter_of(page) == chapter


def test_chapters_sum_their_pages(edition):
    locale_dir, source_dir = edition
    write(locale_dir, "grussworte/index.po", 'msgid "Grußworte"\nmsgstr ""\n')
    result = edition_stats("tr", locale_dir, source_dir)
    assert list(result.chapters) == ["grussworte", "index"]
    assert result.chapters["grussworte"] == result.pages["grussworte/index"] + result.pages["grussworte/kuhn"]
    assert result.chapters["index"] == result.pages["index"]
    assert sum(result.chapters.values(), CatalogStats()) == result.totals
    data = json.loads(to_json(result))
    assert data["chapters"]["grussworte"]["translated"] == 1
    assert data["chapters"]["grussworte"]["untranslated"] == 1


@pytest.mark.parametrize(
    ("translated", "words", "shown"),
    [(0, 10, "0"), (1, 3, "33.3"), (2, 3, "66.7"), (973, 1000, "97.3"), (1, 16, "6.3"), (5, 16, "31.3"),
     (10, 10, "100"), (0, 0, "0"),
     # Rounded, these would read 100 and 0: never while a word is left or once one is done.
     (9999, 10000, "99.9"), (19999, 20000, "99.9"), (1, 20000, "0.1"), (1, 2000, "0.1")],
)
def test_reader_percent_is_rounded_half_up_to_one_decimal(translated, words, shown):
    result = CatalogStats(translated=1, untranslated=1, translated_words=translated,
                          untranslated_words=words - translated)
    assert str(stats.reader_percent(result)) == shown


def test_cli_prints_the_readers_percent(cli_on, edition, capsys):
    # 1 of 16 words: 6.25, which Python's float formatting would print as 6.2 (half to even).
    locale_dir, _ = edition
    german = " ".join(f"Wort{n}" for n in range(15))
    write(locale_dir, "index.po", f'msgid "Eins"\nmsgstr "Bir"\n\nmsgid "{german}"\nmsgstr ""\n')
    assert cli_on(["--lang", "tr"]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[3:]
            if line and not line.startswith("-")}
    assert rows["index"][-1] == "6.3"
