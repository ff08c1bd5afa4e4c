"""What a Weblate commit does to a catalog, with translate-toolkit, and a check of the result.

Weblate writes PO files with translate-toolkit's ``pypo``, its line width set from the
component's "Long lines wrapping" (:data:`brochure.i18n.weblate.PO_LINE_WRAP`). :func:`weblate_save`
does what Weblate does when it commits (``PoUnit.set_target`` and ``set_state``, the header
update of ``Translation.update_units``, the "Contributors in comment" add-on), with seeded random
edits of every kind a translator makes: long texts, MyST roles and links, non-ASCII, lengths at
and around every width a writer might wrap at, explicit line breaks, fuzzy and untranslated
messages, long header values.

Used by tests/tools/test_weblate_layout.py (with the project's translate-toolkit) and, run as a
script, by the Weblate lane with the translate-toolkit the pinned Weblate installs::

    python tests/weblate_saves.py        # exit status 1 and the catalogs if one fails

Needs only translate-toolkit and GNU gettext besides the project.
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from translate.storage import pypo  # noqa: E402

from brochure.base.editions import LOCALE_DIR  # noqa: E402
from brochure.i18n import weblate  # noqa: E402
from brochure.i18n.gettext_tools import canonical_problem  # noqa: E402
from brochure.i18n.paths import all_catalogs  # noqa: E402

SEEDS = (1, 2, 3)
WORDS = ("Integration", "uyum", "katılım", "Teilhabe", "İstanbul’da", "ılımlı", "Çağrı", "ş", "é",
         "„Zitat“", "“quoted”", "2009–2014", "(BAMF)", "e.g.", "a", "ab", "Oberbürgermeisterin")
PIECES = ("{term}`Integrationsbeauftragte`", "{term}`uyum görevlisi <Integrationsbeauftragte>`",
          "{doc}`/ueber-diese-ausgabe`", "{doc}`Sözlük <glossar>`’te", "**kalın**", "*italik*",
          "[Bestellhinweise](/ueber-diese-ausgabe.md)", "<https://www.example.org/a/long/path?x=1&y=2>",
          "[bağlantı](https://www.example.org/" + "uzun-yol/" * 6 + ")", "`code`", "{{ jahr }}")


def sentence(rng: random.Random, length: int) -> str:
    """Text of about *length* characters made of words and MyST pieces, with spaces."""
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < length:
        parts.append(rng.choice(PIECES) if rng.random() < 0.2 else rng.choice(WORDS))
    return " ".join(parts)


def edited(rng: random.Random, text: str) -> str:
    """A translator's edit of *text*: every length a writer could wrap at, and beyond."""
    kind = rng.randrange(6)
    if kind == 0:  # exactly the length of a line at some width, minus the quotes and keyword
        width = rng.choice((60, 70, 72, 75, 76, 77, 78, 79, 80, 81, 85))
        base = sentence(rng, width)
        return base[:width].rstrip() or "x"
    if kind == 1:  # long, with roles and links
        return sentence(rng, rng.randrange(100, 900))
    if kind == 2:  # the old text, shifted by a few characters
        return "ab " * rng.randrange(12) + text + rng.choice(("", " (gözden geçirildi)", " ş"))
    if kind == 3:  # a word longer than any line
        return text + " " + "ğ" * rng.randrange(70, 200) + " " + rng.choice(PIECES)
    if kind == 4:  # an explicit line break inside
        return sentence(rng, 60) + "\n" + sentence(rng, rng.randrange(10, 120))
    return text.replace(" ", rng.choice(("  ", " ", "\u00a0")), rng.randrange(4))


def weblate_save(data: bytes, rng: random.Random) -> bytes:
    """*data* after a Weblate commit that edited, fuzzied and cleared some messages."""
    store = pypo.pofile(io.BytesIO(data))
    weblate.setup_store(store)
    for unit in store.units:
        if unit.isheader() or unit.isobsolete() or rng.random() < 0.3:
            continue
        if unit.hasplural():
            unit.target = [edited(rng, str(form)) for form in unit.target.strings]
        else:
            unit.target = edited(rng, unit.target or unit.source) if rng.random() < 0.9 else ""
        # Weblate's states: empty, needs editing (fuzzy, only with a text), translated.
        fuzzy = bool(unit.target) and rng.random() < 0.1
        unit.markfuzzy(fuzzy)
        if not fuzzy:
            unit.prev_msgid, unit.prev_msgid_plural, unit.prev_msgctxt = [], [], []
    team = "Türkçe çeviri ekibi " + "ve uzun bir ad " * rng.randrange(8)
    store.updateheader(
        add=True,
        last_translator="Ayşe Yılmaz-Öztürk <ayse.yilmaz-ozturk@example.org>",
        plural_forms=rng.choice(("nplurals=2; plural=n != 1;", "nplurals=1; plural=0;")),
        language_team=f"{team}<https://weblate.example.org/projects/brochure/grusswortekuhn/tr/>",
        report_msgid_bugs_to="uebersetzung@qualitaetszirkel-integration.de",
        PO_Revision_Date="2026-12-07 18:52+0000",
        x_generator="Weblate 5.14.3",
    )
    store.updatecontributor("Çağla Şahin " + "Uzunsoyadlı" * rng.randrange(8), "cagla@example.org")
    return bytes(store)


def problems(seeds=SEEDS, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Every catalog saved as Weblate saves it, once per seed: what is not in the project's
    layout, or changes on a second save; and any catalog the writer does not leave unchanged
    when nothing was edited."""
    found = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in all_catalogs(locale_dir):
            store = pypo.pofile(io.BytesIO(path.read_bytes()))
            weblate.setup_store(store)
            if bytes(store) != path.read_bytes():
                found.append(f"{path}: rewritten by the writer without an edit")
        for seed in seeds:
            rng = random.Random(seed)
            for path in all_catalogs(locale_dir):
                saved = weblate_save(path.read_bytes(), rng)
                target = Path(scratch) / str(seed) / path.relative_to(locale_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(saved)
                problem = canonical_problem(target)
                if problem:
                    found.append(f"{path} (seed {seed}): line {problem[0]}: {problem[1]}")
                again = pypo.pofile(io.BytesIO(saved))
                weblate.setup_store(again)
                if bytes(again) != saved:
                    found.append(f"{path} (seed {seed}): a second save changes it")
    return found


if __name__ == "__main__":
    import translate

    found = problems()
    print(*found, sep="\n")
    count = len(all_catalogs(LOCALE_DIR))
    print(f"translate-toolkit {translate.__version__.sver}: {count} catalogs x {len(SEEDS)} seeds, "
          f"{len(found)} problem(s)")
    sys.exit(1 if found else 0)
