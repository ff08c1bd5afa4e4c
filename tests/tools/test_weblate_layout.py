"""No layout war with Weblate: every catalog, saved by Weblate's writer after any edit, is in the
project's layout, and a second save changes nothing (what Weblate's commit does to a catalog:
tests/weblate_saves.py). The project's own layout check (check-po's ``[format]``) must accept
each result, byte for byte. The Weblate lane runs the same with the pinned Weblate's
translate-toolkit.
"""

from __future__ import annotations

import io
import random

from translate.storage import pypo
from weblate_saves import SEEDS, edited, problems

from brochure.base.editions import LOCALE_DIR
from brochure.i18n.gettext_tools import canonical_problem
from brochure.i18n.paths import all_catalogs


def test_weblate_saves_are_in_the_projects_layout_and_stable():
    assert len(all_catalogs(LOCALE_DIR)) >= 100  # every catalog of every edition
    assert problems() == []


def test_a_width_would_bring_the_layout_war_back(tmp_path):
    """The test can fail: at Weblate's default width, its writer and msgcat disagree."""
    rng = random.Random(SEEDS[0])
    disagree = 0
    for path in all_catalogs(LOCALE_DIR)[:20]:
        store = pypo.pofile(io.BytesIO(path.read_bytes()))
        store.wrapper.width = 77
        for unit in store.units:
            if not unit.isheader() and not unit.hasplural() and unit.target:
                unit.target = edited(rng, unit.target)
        target = tmp_path / path.name
        target.write_bytes(bytes(store))
        disagree += canonical_problem(target) is not None
    assert disagree > 0
