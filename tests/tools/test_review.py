"""The review document (brochure.tools.review, ``make review-xx [SINCE=ref]``).

A scratch git repository holds one Turkish catalog; after a commit, one translation is edited,
one German text changes (the entry goes fuzzy with its previous text, as ``make update-po``
leaves it), one German text changes with its translation revised already (no previous text
left: the German at the reference is the previous one), and the rest stays. Since that
commit, exactly the changed messages are listed, with their change word by word.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from brochure.tools import review

HEADER = """\
msgid ""
msgstr ""
"Language: tr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""

BEFORE = HEADER + """\
msgid "Der Arbeitskreis trifft sich zweimal im Jahr."
msgstr "Çalışma grubu yılda iki kez toplanır."

msgid "Die Broschüre erschien zum Jubiläum."
msgstr "Broşür yıl dönümü için yayımlandı."

msgid "Die Kommunen tauschen Erfahrungen aus."
msgstr "Belediyeler deneyim paylaşır."

msgid "Ein Satz bleibt, wie er ist."
msgstr "Bir cümle olduğu gibi kalır."

msgid "Noch ohne Übersetzung."
msgstr ""
"""

AFTER = HEADER + """\
msgid "Der Arbeitskreis trifft sich zweimal im Jahr."
msgstr "Çalışma grubu yılda iki defa toplanır."

#, fuzzy
#| msgid "Die Broschüre erschien zum Jubiläum."
msgid "Die Broschüre erschien 2014 zum Jubiläum."
msgstr "Broşür yıl dönümü için yayımlandı."

msgid "Die Kommunen tauschen regelmäßig Erfahrungen aus."
msgstr "Belediyeler düzenli olarak deneyim paylaşır."

msgid "Ein Satz bleibt, wie er ist."
msgstr "Bir cümle olduğu gibi kalır."

msgid "Noch ohne Übersetzung."
msgstr ""
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "HOME": str(root),
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repository(tmp_path) -> Path:
    catalog = tmp_path / "locale" / "tr" / "LC_MESSAGES" / "seite.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(BEFORE, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "locale")
    git(tmp_path, "commit", "-q", "-m", "catalog")
    git(tmp_path, "tag", "reviewed")
    catalog.write_text(AFTER, encoding="utf-8")
    return tmp_path


def test_since_a_reference_exactly_the_changed_messages_are_listed(repository):
    listed = {message.german: message for message in review.messages("tr", repository, since="reviewed")}
    assert set(listed) == {
        "Der Arbeitskreis trifft sich zweimal im Jahr.",  # translation edited
        "Die Broschüre erschien 2014 zum Jubiläum.",  # German changed, fuzzy
        "Die Kommunen tauschen regelmäßig Erfahrungen aus.",  # German changed, translation revised
    }
    fuzzy = listed["Die Broschüre erschien 2014 zum Jubiläum."]
    assert fuzzy.state == review.FUZZY
    assert fuzzy.previous_german == "Die Broschüre erschien zum Jubiläum."
    revised = listed["Die Kommunen tauschen regelmäßig Erfahrungen aus."]
    assert revised.previous_german == "Die Kommunen tauschen Erfahrungen aus."  # the German at the reference
    assert revised.state == review.TRANSLATED
    edited = listed["Der Arbeitskreis trifft sich zweimal im Jahr."]
    assert edited.previous_german is None and edited.translation == "Çalışma grubu yılda iki defa toplanır."
    assert (edited.file, edited.line) == ("locale/tr/LC_MESSAGES/seite.po", 9)


def test_without_a_reference_every_message_is_listed_with_its_state(repository):
    listed = review.messages("tr", repository)
    assert len(listed) == 5
    states = {message.german: message.state for message in listed}
    assert states["Noch ohne Übersetzung."] == review.UNTRANSLATED
    assert states["Die Broschüre erschien 2014 zum Jubiläum."] == review.FUZZY
    assert states["Ein Satz bleibt, wie er ist."] == review.TRANSLATED


def test_the_document_shows_the_change_word_by_word_and_needs_nothing_else(repository):
    html = review.document("tr", review.messages("tr", repository, since="reviewed"), "reviewed")
    page = BeautifulSoup(html, "lxml")
    rows = page.select("tbody tr")
    assert len(rows) == 3
    fuzzy = next(row for row in rows if "fuzzy" in row["class"])
    german, translation = fuzzy.select("td.text")
    assert [ins.get_text() for ins in german.select("ins")] == ["2014"] and not german.select("del")
    assert german["lang"] == "de" and translation["lang"] == "tr"
    assert "seite.po:" in fuzzy.select_one("td.where").get_text()
    # Opens from disk: nothing loaded from elsewhere.
    assert not page.select("[src], link[href], script")


def test_an_unknown_reference_is_an_error_not_an_empty_list(repository, capsys):
    with pytest.raises(review.ReviewError, match="unknown git reference"):
        review.messages("tr", repository, since="no-such-tag")


def test_a_word_diff_stays_bounded_for_long_texts():
    long = " ".join(["Wort"] * 1000)
    assert review.word_diff(long, long + " neu").startswith("<del>")
