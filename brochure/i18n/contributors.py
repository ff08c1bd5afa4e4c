"""Who translated a catalog: the credit lines of its header comment, and its team.

PO tools accumulate one line per translator in the comment above the header entry::

    # Ayşe Yılmaz <ayse@example.org>, 2025, 2026.

Lokalize and Weblate (add-on "Contributors in comment", ``weblate.gettext.authors``) add the
line of whoever saves; a translator may write theirs by hand. Every tool keeps the lines it did
not write, msgmerge included, so they survive a move from one tool or platform to another. The
header fields do not: Weblate writes its account into ``Last-Translator`` on every commit, and
its project setting *Set "Language-Team" header* replaces the team with the language's English
name and a link. So people are credited from the credit lines only, the team from
``Language-Team`` only when a team wrote it, and neither from ``Last-Translator``.

What is never credited as a person: an account (``Admin``, ``admin <admin@…>``, a name that is
only its address's user part), an address of a team (a credit line with the catalog's
``Language-Team`` address, or a role address such as ``noreply@…``), a template placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brochure.i18n.catalog_headers import has_placeholder

# "Name <address>, 2025, 2026." — the line as PO tools write it (without the leading "# ").
CREDIT = re.compile(r"^(?P<name>[^<>]+?) <(?P<address>[^<>@\s]+@[^<>\s]+)>, (?P<years>\d{4}(?:, \d{4})*)\.$")
# Names that platforms and tools give accounts rather than people (compared case-folded).
ACCOUNT_NAMES = frozenset({"admin", "administrator", "weblate", "weblate admin", "anonymous", "root",
                           "translator", "deleted user", "automatically generated", "none"})
# User parts of addresses that belong to a role or a machine, not a person.
ROLE_ADDRESSES = re.compile(r"^(?:no-?reply|noreply\+.*|admin|administrator|weblate|root|translations?|"
                            r"team|info|postmaster|webmaster)$", re.IGNORECASE)
_ADDRESS = re.compile(r"<(?P<address>[^<>]*)>")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Credit:
    name: str
    address: str
    years: tuple[int, ...]


def credit(line: str) -> Credit | None:
    """The credit on one header comment line (with or without its ``#``), else None."""
    text = line[1:] if line.startswith("#") else line
    found = CREDIT.match(text.strip())
    if not found:
        return None
    years = tuple(int(y) for y in found["years"].split(", "))
    return Credit(found["name"].strip(), found["address"], years)


def address_of(value: str) -> str:
    found = _ADDRESS.search(value)
    return found["address"].strip() if found else ""


def is_account(name: str, address: str = "") -> bool:
    """True for a platform account or a role, which the imprint must not show as a person."""
    folded = name.strip().casefold()
    user = address.split("@", 1)[0].casefold()
    return (folded in ACCOUNT_NAMES or not _LETTER.search(folded)
            or (bool(user) and folded == user) or bool(ROLE_ADDRESSES.match(user)))


def people(header_comment: str, team_value: str = "") -> list[str]:
    """The persons the credit lines of *header_comment* name, in their order.

    *team_value*: the catalog's ``Language-Team``; a credit line with its address is the team.
    """
    team_address = address_of(team_value).casefold()
    names = []
    for line in header_comment.splitlines():
        found = credit(line)
        if (found is None or has_placeholder(line) or is_account(found.name, found.address)
                or (team_address and found.address.casefold() == team_address)):
            continue
        if found.name not in names:
            names.append(found.name)
    return names


def team(team_value: str, language_names: tuple[str, ...] = ()) -> str:
    """The team's own name from a ``Language-Team`` value, or "" for one a platform wrote.

    Left out: a placeholder, msginit's ``none``, an account, a value whose address is a web
    link (Weblate's *Set "Language-Team" header*), a bare language name (*language_names*).
    """
    name = _ADDRESS.sub("", team_value).strip()
    address = address_of(team_value)
    if (not name or has_placeholder(team_value) or "://" in address
            or name.casefold() in {n.casefold() for n in language_names}
            or name.casefold() in ACCOUNT_NAMES):
        return ""
    return name
