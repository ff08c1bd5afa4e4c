"""`make editions` again with nothing changed rebuilds nothing: no page, no site file rewritten.

The two runs are steps of ``published_copy`` (tests/conftest.py), which records
``support.build_state`` before and after the second.
"""

import pytest


@pytest.mark.parametrize("part", ["pages", "doctrees", "site", "catalogs"])
def test_second_run_rewrites_nothing(published_copy, part):
    before, after = (published_copy.second_run[run][part] for run in ("before", "after"))
    assert before, f"no {part} recorded"
    rewritten = sorted(name for name in before if after.get(name) != before[name])
    assert (rewritten, sorted(set(after) - set(before))) == ([], [])


def test_search_index_of_an_incremental_build_equals_the_clean_builds(published_copy):
    """Glossary entries included: the incremental build must not lose what unchanged pages gave."""
    before, after = (published_copy.second_run[run]["search indexes"] for run in ("before", "after"))
    assert sorted(before) == ["de", "en", "tr"]
    assert after == before
