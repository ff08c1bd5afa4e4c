"""Pseudo-localisation for the tests of new editions: catalogs filled without a translator.

Latin letters become letters of the target script (Arabic here), so a page shows at a glance
which text came from the catalogs and which is a fallback, and right-to-left layout is
exercised with real right-to-left characters. Only what cannot break a catalog rule is
changed: letters outside placeholders (``%(percent)s``, ``${resultCount}``), tags and entities;
messages with MyST markup are left untranslated (they stay German: the fallbacks the tests
look for). Every plural form is filled.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from brochure.i18n.gettext_tools import msgcat

ARABIC = dict(zip("abcdefghijklmnopqrstuvwxyzäöüß", "ابتثجحخدذرزسشصضطظعغفقكلمنهويةءئؤإ", strict=False))
# Kept exactly: placeholders, tags, entities.
_KEEP = re.compile(r"(%\([^)]*\)[sd]|%[sd]|\$\{[^}]*\}|\{[^}]*\}|&#?\w+;|<[^>]*>)")
# Messages of page catalogs that hold nothing but words, digits and plain punctuation.
_PLAIN = re.compile(r"^[\w ,.;:!?–„“'’()/-]+$")


def pseudo(text: str, letters: dict[str, str] = ARABIC) -> str:
    parts = _KEEP.split(text)
    return "".join(part if index % 2 else "".join(letters.get(c.lower(), c) for c in part)
                   for index, part in enumerate(parts))


def pseudo_localise(messages: Path, *, interface_plurals: int) -> int:
    """Fill the catalogs in *messages* (a ``LC_MESSAGES`` folder); returns how many entries."""
    filled = 0
    for path in sorted(messages.rglob("*.po")):
        catalog = polib.pofile(str(path), wrapwidth=79)
        interface = path.name == "sphinx.po"
        for entry in catalog:
            if entry.obsolete or entry.translated():
                continue
            if not interface and not (_PLAIN.match(entry.msgid) and entry.msgid[0].isalpha()):
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = {i: pseudo(entry.msgid if i == 0 else entry.msgid_plural)
                                       for i in range(interface_plurals)}
            else:
                entry.msgstr = pseudo(entry.msgid)
            filled += 1
        catalog.save(str(path))
        path.write_bytes(msgcat(path))  # gettext's layout, as a PO editor would save it
    return filled
