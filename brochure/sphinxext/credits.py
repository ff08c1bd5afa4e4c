"""Credit the translators of every edition: the ``{translators}`` directive.

People are credited from the credit lines of the catalogs' header comments (``# Name
<address>, 2026.``), which PO editors and Weblate accumulate and every tool keeps; the team from
``Language-Team`` when the team wrote it. ``Last-Translator`` is never read: Weblate writes its
account there. Accounts, team and role addresses, platform-written values and placeholders are
left out (``brochure.i18n.contributors``), and so are e-mail addresses.

Each edition is credited in its own language, as its translators wrote their names and their
team's name ("Türkçe çeviri ekibi"), on every edition's imprint: the whole entry is marked with
the edition's language, so it is read in that language on a page in another.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from brochure.editions import LOCALE_DIR, publication
from brochure.i18n import contributors
from brochure.i18n.catalog_headers import english_name
from brochure.i18n.paths import edition_catalogs, translation_catalogs
from brochure.i18n.reading import read_catalog
from brochure.sphinxext.editions_table import note_table_dependency


def translators(code: str, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The people the catalogs of edition *code* credit (sorted), then their teams (sorted)."""
    people: set[str] = set()
    teams: set[str] = set()
    language_names = (english_name(code), code)
    for path in edition_catalogs(code, locale_dir):
        catalog = read_catalog(path)
        team_value = catalog.metadata.get("Language-Team", "")
        people.update(contributors.people(catalog.header, team_value))
        teams.update(filter(None, [contributors.team(team_value, language_names)]))
    return sorted(people) + sorted(teams - people)


class TranslatorsDirective(SphinxDirective):
    """A list of the translated editions with the people and teams who translated them."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list(classes=["translators"])
        for path in translation_catalogs():
            self.env.note_dependency(str(path))
        note_table_dependency(self.env)  # an edition added or removed
        for edition in publication().translations:
            names = translators(edition.code)
            if not names:
                continue
            paragraph = nodes.paragraph()
            text = f"{edition.native_name}: {', '.join(names)}"
            # docutils writes lang="xx" for a "language-xx" class.
            paragraph += nodes.inline(text, text, classes=[f"language-{edition.code}"])
            items += nodes.list_item("", paragraph)
        return [items] if items.children else []


def setup(app: Sphinx) -> dict:
    app.add_directive("translators", TranslatorsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
