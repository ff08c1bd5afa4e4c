"""``brochure.i18n.synonyms``: the termbase's synonym columns, and errors that name file and line."""

from __future__ import annotations

import pytest

from brochure.base.editions import LOCALE_DIR, publication
from brochure.i18n.synonyms import SynonymError, Synonyms, load_synonyms


def termbase(tmp_path, text):
    path = tmp_path / "termbase.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_synonyms_of_one_language_in_file_order(tmp_path):
    path = termbase(tmp_path, "de,en,tr,note,tr_synonyms\n"
                              "Integration,integration,uyum,,entegrasyon\n"
                              "Inklusion,inclusion,kapsayıcılık,,inklüzyon; kapsama\n"
                              "Teilhabe,participation,toplumsal katılım,,\n")
    assert load_synonyms(path, "tr") == (
        Synonyms("uyum", ("entegrasyon",)),
        Synonyms("kapsayıcılık", ("inklüzyon", "kapsama")),
    )
    assert load_synonyms(path, "en") == ()


def test_the_project_termbase_sends_entegrasyon_to_uyum():
    entries = load_synonyms(LOCALE_DIR / "termbase.csv", "tr")
    assert Synonyms("uyum", ("entegrasyon",)) in entries


def test_every_synonym_column_belongs_to_an_edition():
    header = (LOCALE_DIR / "termbase.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    codes = {edition.code for edition in publication().editions}
    assert {name.removesuffix("_synonyms") for name in header if name.endswith("_synonyms")} <= codes


def test_a_synonym_without_its_term_names_file_and_line(tmp_path):
    path = termbase(tmp_path, "de,tr,tr_synonyms\nIntegration,uyum,entegrasyon\nTeilhabe,,katılım\n")
    with pytest.raises(SynonymError) as error:
        load_synonyms(path, "tr")
    assert (error.value.path, error.value.line) == (path, 3)
    assert "katılım" in str(error.value) and str(error.value).startswith(f"{path}:3:")


def test_a_synonym_column_without_its_language_is_refused(tmp_path):
    path = termbase(tmp_path, "de,tr,fr_synonyms\nIntegration,uyum,intégration\n")
    with pytest.raises(SynonymError, match=r"fr_synonyms.*'fr'") as error:
        load_synonyms(path, "tr")
    assert error.value.line == 1


def test_an_unreadable_termbase_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "termbase.csv"
    path.write_bytes(b"de,tr,tr_synonyms\nIntegration,uyum,entegrasyon\xff\n")
    with pytest.raises(SynonymError, match="not UTF-8"):
        load_synonyms(path, "tr")
    with pytest.raises(SynonymError, match="cannot read"):
        load_synonyms(tmp_path / "missing.csv", "tr")
