"""The imprint of every edition: who made it (``{imprint}``) and who translated it
(``{translators}``).

``{imprint}`` names what the sources support and nothing more: the digital edition's own
editors and year (``editors`` in ``editions.toml``, the year of the last change) and the
printed brochure by its title and period. The same values are the footer's copyright line
and the ePub's and PDF's metadata (``brochure.sphinxext.edition``,
``brochure.tools.print_document``), so the imprint reads the same in every format.

The names come from the catalogs themselves — the ``Last-Translator`` and ``Language-Team``
headers that every PO editor fills in — so a translator is credited by working, not by
remembering to edit a separate file. Placeholder values and e-mail addresses are left out.

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
from brochure.i18n.catalog_headers import has_placeholder
from brochure.i18n.headers import PEOPLE_FIELDS, credit_name
from brochure.i18n.paths import translation_catalogs
from brochure.sphinxext.build_facts import translators_catalogs
from brochure.sphinxext.catalog_gate import checked_catalogs
from brochure.sphinxext.editions_table import note_table_dependency

# What msginit --no-translator writes where a team belongs.
NO_TEAM = "none"


def translators(catalogs: Iterable[bytes]) -> list[str]:
    """Everyone *catalogs* (the checked bytes of each) name, in a stable order."""
    names: set[str] = set()
    for data in catalogs:
        metadata = polib.pofile(data.decode("utf-8")).metadata  # checked: UTF-8, readable
        for header in PEOPLE_FIELDS:
            raw = metadata.get(header, "")
            name, problem = credit_name(raw)
            if name and not problem and name != NO_TEAM and not has_placeholder(raw):
                names.add(name)
    return sorted(names)


class TranslatorsDirective(SphinxDirective):
    """A list of the translated editions with the people and teams who translated them."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list(classes=["translators"])
        for path in translation_catalogs():
            self.env.note_dependency(str(path))
        note_table_dependency(self.env)  # an edition added or removed
        source = translators_catalogs(self.env.srcdir, self.config)
        for edition in publication().translations:
            names = translators(checked_catalogs(self.env.doctreedir, edition.code, source).values())
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
        printed += nodes.inline(title, title, classes=[f"language-{pub.source_language}"])
        return [nodes.container("", digital, printed, classes=["imprint"])]


def setup(app: Sphinx) -> dict:
    app.add_directive("imprint", ImprintDirective)
    app.add_directive("translators", TranslatorsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
