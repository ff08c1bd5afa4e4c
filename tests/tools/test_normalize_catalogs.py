"""`make normalize-po` puts every catalog in the project's layout with a header free of
template placeholders, keeping every message and the editors' headers."""

import polib
import pytest

from brochure.i18n.catalog_headers import has_placeholder
from brochure.i18n.gettext_tools import GettextError, msgcat
from brochure.tools.normalize_catalogs import normalize

SAVED_WRAPPED = """\
# SOME DESCRIPTIVE TITLE.
# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: Kommunaler Qualitätszirkel zur Integrationspolitik 1.0\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: Ayşe Yılmaz <ayse@example.org>\\n"
"Language-Team: Türkçe çeviri ekibi\\n"
"Language: tr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"X-Generator: Poedit 3.4\\n"

#: ../../source/grussworte/kuhn.md
#, fuzzy
#| msgid ""
#| "Das erste Grußwort der Broschüre stammt von Fritz Kuhn, dem "
#| "Oberbürgermeister der Landeshauptstadt."
msgid ""
"Das erste Grußwort der Broschüre stammt von Fritz Kuhn, dem Oberbürgermeister "
"der Landeshauptstadt Stuttgart."
msgstr ""
"Broşürün ilk selamlama yazısı, eyalet başkentinin belediye başkanı Fritz "
"Kuhn’a aittir."
"""


@pytest.fixture
def catalog(tmp_path):
    path = tmp_path / "locale" / "tr" / "LC_MESSAGES" / "grussworte" / "kuhn.po"
    path.parent.mkdir(parents=True)
    path.write_text(SAVED_WRAPPED, encoding="utf-8")
    return path


def entries(path):
    return [(e.msgid, e.msgstr, e.fuzzy, e.previous_msgid) for e in polib.pofile(str(path))]


def test_catalog_is_rewritten_in_gettexts_layout_without_placeholders(catalog):
    before = entries(catalog)
    assert normalize(catalog.parents[3]) == [catalog]
    text = catalog.read_text(encoding="utf-8")
    assert msgcat(catalog) == catalog.read_bytes()
    po = polib.pofile(text)
    assert not has_placeholder(text) and not po.metadata_is_fuzzy
    assert po.metadata["X-Generator"] == "Poedit 3.4"
    assert po.metadata["Last-Translator"] == "Ayşe Yılmaz <ayse@example.org>"
    assert entries(catalog) == before
    assert normalize(catalog.parents[3]) == []  # a second run changes nothing


def test_broken_catalog_is_reported_and_nothing_written(catalog, tmp_path):
    good = catalog.with_name("walther.po")
    good.write_text(SAVED_WRAPPED, encoding="utf-8")
    catalog.write_text(SAVED_WRAPPED + '\nmsgid "unterminated\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(GettextError, match=r"kuhn\.po:30: end-of-line within string"):
        normalize(catalog.parents[3])
    assert good.read_text(encoding="utf-8") == SAVED_WRAPPED
