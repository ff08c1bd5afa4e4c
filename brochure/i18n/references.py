"""[reference]: a reference inside running text carries its own link text.

A ``{doc}`` or ``{ref}`` role without link text shows the whole title of the page or section
it points to. Most titles of this brochure are long ("Schlusswort: Gari Pavkovic,
Integrationsbeauftragter Landeshauptstadt Stuttgart"), so such a reference in the middle of a
sentence garbles it: "… von dem auch das Schlusswort: Gari Pavkovic, … der Broschüre stammt".
A reference in running text therefore names its link text, fitted to the sentence and
inflected as the language needs: ``{doc}`Schlusswort </schlusswort>```.

The one place a bare reference reads well is a line that *is* the reference: a list entry
that starts with it and goes on, if at all, after a dash or a colon
(``{doc}`/arbeitskreis/einblicke` – wer im Arbeitskreis mitarbeitet``).

The same function judges the German sources (``tests/test_content.py``) and every msgstr
(the build gate and ``check-po``, through :mod:`brochure.i18n.rules`).
"""

from __future__ import annotations

import re

from brochure.i18n.model import Entry, Finding
from brochure.i18n.myst import parse, strip_noqa

# Roles that print their target's title when they have no text of their own.
TITLE_ROLES = frozenset({"doc", "ref"})
# A message that is a reference: the role first, then nothing or a dash or colon and a gloss.
_LEADING_REFERENCE = re.compile(r"^\{(?:doc|ref)\}`[^`<>]*`(?:\s*$|\s+[–—-]\s|:\s)")


def bare_references(text: str) -> list[str]:
    """The targets of the references in *text* (one message) that print a title mid-sentence."""
    text = strip_noqa(text).strip()
    bare = [role.target for role in parse(text).roles if role.name in TITLE_ROLES and not role.explicit]
    if bare and _LEADING_REFERENCE.match(text):
        bare = bare[1:]  # the entry is the reference itself
    return bare


def check_reference(entry: Entry) -> list[Finding]:
    if entry.interface:
        return []
    return [
        entry.finding(
            "reference",
            f"{{doc}}/{{ref}} to '{target}' without link text prints that page's whole title "
            f"in the middle of the sentence; give it a text that fits: `text <{target}>`",
            at=_offset(entry.msgstr, target),
        )
        for target in bare_references(entry.msgstr)
    ]


def _offset(msgstr: str, target: str) -> int | None:
    """Where the reference to *target* begins in the msgstr: the finding names that line."""
    found = msgstr.find(f"`{target}`")
    return msgstr.rfind("{", 0, found) if found > 0 else None
