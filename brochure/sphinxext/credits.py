"""The imprint of every edition: who made it (``{imprint}``) and who translated it
(``{translators}``).

``{imprint}`` names what the sources support and nothing more: the digital edition's own
editors and year (``editors`` in ``editions.toml``, the year of the last change) and the
printed brochure by its title and period. The same values are the footer's copyright line
and the ePub's and PDF's metadata (``brochure.sphinxext.edition``,
``brochure.sphinxext.print_builder``), so the imprint reads the same in every format.

People are credited from the credit lines of the catalogs' header comments (``# Name
<address>, 2026.``), which PO editors and Weblate accumulate and every tool keeps; the team from
``Language-Team`` when the team wrote it. ``Last-Translator`` is never read: Weblate writes its
account there. Accounts, team and role addresses, platform-written values and placeholders are
left out (``brochure.i18n.contributors``), and so are e-mail addresses.

Each edition is credited in its own language, as its translators wrote their names and their
team's name ("Türkçe çeviri ekibi"), on every edition's imprint: the whole entry is marked with
the edition's language, so it is read in that language on a page in another.

Every edition's imprint shows every edition's names, so the names are taken only from
catalogs that pass every integrity rule, as the bytes that passed
(``catalog_gate.checked_catalogs``): a Turkish catalog that the Turkish build refuses is
left out of the German build, which therefore neither crashes on it nor shows what it says;
the Turkish build reports it. The [header] rule refuses names with control or bidirectional characters, markup or
addresses (``brochure.i18n.headers.credit_name``); a name it would refuse is left out here
too, whatever the verdict said.
"""

from __future__ import annotations

from collections.abc import Iterable

import polib
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from brochure.base.editions import publication
from brochure.base.reproducible import source_date
from brochure.i18n import contributors
from brochure.i18n.catalog_headers import english_name
from brochure.i18n.headers import credit_name
from brochure.i18n.paths import translation_catalogs
from brochure.sphinxext.build_facts import is_translation, translators_catalogs
from brochure.sphinxext.catalog_gate import checked_catalogs
from brochure.sphinxext.editions_table import note_table_dependency


def translators(code: str, catalogs: Iterable[bytes]) -> list[str]:
    """The people edition *code*'s catalogs credit (sorted), then their teams (sorted).

    *catalogs* are the checked bytes of each catalog (``checked_catalogs``); a name the header
    rule would refuse (``credit_name``) is never shown."""
    people: set[str] = set()
    teams: set[str] = set()
    language_names = (english_name(code), code)
    for data in catalogs:
        po = polib.pofile(data.decode("utf-8"))  # checked: UTF-8, readable
        team_value = po.metadata.get("Language-Team", "")
        people.update(contributors.people(po.header, team_value))
        teams.update(filter(None, [contributors.team(team_value, language_names)]))
    shown = {name for name in people | teams if credit_name(name) == (name, None)}
    return sorted(people & shown) + sorted((teams - people) & shown)


class TranslatorsDirective(SphinxDirective):
    """A list of the translated editions with the people and teams who translated them."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list(classes=["translators"])
        for path in translation_catalogs():
            self.env.note_dependency(str(path))
        note_table_dependency(self.env)  # an edition added or removed
        source = translators_catalogs(self.env.srcdir, self.config)
        for edition in publication().translations:
            names = translators(edition.code, checked_catalogs(self.env.doctreedir, edition.code, source).values())
            if not names:
                continue
            paragraph = nodes.paragraph()
            text = f"{edition.native_name}: {', '.join(names)}"
            # docutils writes lang="xx" for a "language-xx" class.
            paragraph += nodes.inline(text, text, classes=[f"language-{edition.code}"])
            items += nodes.list_item("", paragraph)
        return [items] if items.children else []


class ImprintDirective(SphinxDirective):
    """The digital edition's editors and year, and the printed brochure it reproduces."""

    def run(self) -> list[nodes.Node]:
        note_table_dependency(self.env)  # editors or titles changed in editions.toml
        pub = publication()
        edition = pub.edition(self.config.language)
        # Translators: the imprint line naming the digital edition's editors and its year.
        digital = nodes.paragraph("", _("Digital edition: %(editors)s, %(year)s")
                                  % {"editors": edition.editors, "year": source_date().year})
        # Translators: the imprint line naming the printed brochure (its German title follows).
        printed = nodes.paragraph("", _("Print edition:") + " ")
        title = pub.print_edition
        # The German title is marked German on the pages of the other editions only.
        marked = [f"language-{pub.source_language}"] if is_translation(self.config.language) else []
        printed += nodes.inline(title, title, classes=marked)
        return [nodes.container("", digital, printed, classes=["imprint"])]


def setup(app: Sphinx) -> dict:
    app.add_directive("imprint", ImprintDirective)
    app.add_directive("translators", TranslatorsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
