"""The editions table: loaded once, validated with errors that name the file and the edition."""

import pytest

from brochure.base.editions import EditionsError, load

VALID = """
[publication]
source_language = "de"
base_url = "https://example.org/"
[[edition]]
code = "de"
native_name = "Deutsch"
title = "T"
subtitle = "S"
tagline = "G"
editors = "E"
epub_identifier = "id-de"
epub_basename = "book-de"
"""


def test_identifiers_and_file_names_are_unique(pub):
    for attribute in ("epub_identifier", "epub_basename", "native_name", "title"):
        values = [getattr(e, attribute) for e in pub.editions]
        assert len(values) == len(set(values)), attribute


def test_missing_field_names_file_and_edition(tmp_path):
    path = tmp_path / "editions.toml"
    path.write_text(VALID.replace('title = "T"\n', ""), encoding="utf-8")
    with pytest.raises(EditionsError, match=r"editions\.toml: edition #1 \(de\) lacks title"):
        load(path)


def test_duplicate_code_is_rejected(tmp_path):
    path = tmp_path / "editions.toml"
    path.write_text(VALID + VALID.split("\n", 4)[4].replace("[publication]", ""), encoding="utf-8")
    with pytest.raises(EditionsError, match="appears twice"):
        load(path)


def test_syntax_error_names_file(tmp_path):
    path = tmp_path / "editions.toml"
    path.write_text("[[edition]\n", encoding="utf-8")
    with pytest.raises(EditionsError, match=str(path)):
        load(path)


def test_unknown_code_lists_known_editions(pub):
    with pytest.raises(EditionsError, match="known: " + ", ".join(pub.codes)):
        pub.edition("xx")
