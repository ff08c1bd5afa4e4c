"""pattern_cache: parsed hyphenation patterns come back from the build directory, unchanged.

Each "process" here is a fresh ``PersistentPatterns`` in ``pyphen.hdcache``, as ``install()``
leaves it in a new process; ``parse_counter`` counts pyphen's own parses of a pattern file.
"""

from __future__ import annotations

import pyphen
import pytest

from brochure.speed.pattern_cache import PersistentPatterns

GERMAN_WORDS = ["Integrationsmonitoring", "Migrantenselbstorganisationen", "Schifffahrt", "Zuckerbäcker"]


@pytest.fixture
def new_process(monkeypatch, tmp_path):
    """Start a 'process': an empty cache over the same directory, as ``install()`` makes it."""
    def start():
        monkeypatch.setattr(pyphen, "hdcache", PersistentPatterns(tmp_path / "cache", {}))
    return start


@pytest.fixture
def parse_counter(monkeypatch):
    parsed = []
    original = pyphen.HyphDict.__init__

    def counting(self, path):
        parsed.append(path)
        original(self, path)
    monkeypatch.setattr(pyphen.HyphDict, "__init__", counting)
    return parsed


def test_the_next_process_reads_the_patterns_back_and_hyphenates_alike(new_process, parse_counter):
    new_process()
    first = [pyphen.Pyphen(lang="de_DE").inserted(word) for word in GERMAN_WORDS]
    assert len(parse_counter) == 1
    new_process()
    again = [pyphen.Pyphen(lang="de_DE").inserted(word) for word in GERMAN_WORDS]
    assert len(parse_counter) == 1, "pyphen parsed the file again: it no longer takes patterns from hdcache"
    assert again == first and "In-te-gra-ti-ons-mo-ni-to-ring" in again


def test_a_changed_pattern_file_is_parsed_again(new_process, parse_counter, tmp_path):
    patterns = tmp_path / "hyph_xx.dic"
    patterns.write_text("UTF-8\nb1c\n", encoding="utf-8")
    new_process()
    assert pyphen.Pyphen(filename=str(patterns), left=1, right=1).inserted("abcd") == "ab-cd"
    patterns.write_text("UTF-8\na1b\n", encoding="utf-8")
    new_process()
    assert pyphen.Pyphen(filename=str(patterns), left=1, right=1).inserted("abcd") == "a-bcd"
    assert len(parse_counter) == 2


def test_an_unreadable_pickle_is_parsed_again_and_replaced(new_process, parse_counter, tmp_path):
    new_process()
    pyphen.Pyphen(lang="en_US")
    [stored] = (tmp_path / "cache").glob("hyph_en_US-*.pickle")
    stored.write_bytes(b"half a pickle")
    new_process()
    assert pyphen.Pyphen(lang="en_US").inserted("hyphenation") == "hy-phen-ation"
    assert len(parse_counter) == 2
    new_process()
    pyphen.Pyphen(lang="en_US")
    assert len(parse_counter) == 2  # the replaced pickle is read


@pytest.mark.parametrize(("switch", "installed"), [("off", False), ("on", True)])
def test_install_follows_the_speed_switch(monkeypatch, tmp_path, switch, installed):
    from brochure import speed
    from brochure.speed import pattern_cache

    monkeypatch.setenv(speed.SWITCH, switch)
    monkeypatch.setattr(pyphen, "hdcache", {})
    pattern_cache.install(tmp_path)
    assert isinstance(pyphen.hdcache, PersistentPatterns) is installed
