"""The Weblate set-up of the project, as data: TRANSLATING.md shows it, the Weblate lane
(tests/weblate, ``make weblate-test``) applies it to a running Weblate through its API, and the
layout test saves every catalog with it.

Weblate holds one catalog per language in a component. The project has one catalog per page
(``gettext_compact = False`` keeps a catalog edit to one page's rebuild), so each page is a
component, found by Weblate's component discovery add-on with :data:`DISCOVERY_MATCH`. The
interface catalog ``sphinx.po`` is a component of its own, set up by hand: its msgids are
English, the pages' German, and a component has one source language.

Discovery copies some settings of the main component to the components it creates (check
flags, commit timing) but not the file format parameters nor the enforced checks: those are set
on every component by ``python -m brochure.tools.weblate_settings`` (:data:`EVERY_COMPONENT`).

Names are Weblate's API names (Weblate 5.14, the version requirements-weblate.txt pins); the
labels of its web forms are given beside them.
"""

from __future__ import annotations

# -- component discovery ------------------------------------------------------------------

# "Regular expression to match translation files against" (match).
# Weblate anchors it at both ends; the interface catalog is left out.
DISCOVERY_MATCH = r"locale/(?P<language>[^/.]+)/LC_MESSAGES/(?!sphinx\.po$)(?P<component>[^.]+)\.po"
# "Customize the component name" (name_template): the page, e.g. grussworte/kuhn.
DISCOVERY_NAME_TEMPLATE = "{{ component }}"
# The component the discovery add-on is installed on (created by hand, a page that stays).
MAIN_COMPONENT = "index"
MAIN_COMPONENT_MASK = "locale/*/LC_MESSAGES/index.po"
# The interface component (created by hand, source language English).
INTERFACE_COMPONENT = "sphinx"
INTERFACE_FILE_MASK = "locale/*/LC_MESSAGES/sphinx.po"

DISCOVERY_ADDON = "weblate.discovery.discovery"
DISCOVERY_CONFIGURATION = {
    "match": DISCOVERY_MATCH,
    "file_format": "po",
    "name_template": DISCOVERY_NAME_TEMPLATE,
    "base_file_template": "",
    "new_base_template": "",
    "intermediate_template": "",
    "language_regex": "^[^.]+$",
    "copy_addons": True,   # "Clone add-ons from the main component to the newly created ones"
    "remove": True,        # "Remove components for inexistent files"
    "confirm": True,
}
# "Contributors in comment": the committer's "# Name <address>, YEAR." line in the header
# comment, which the imprint credits (brochure.i18n.contributors).
AUTHORS_ADDON = "weblate.gettext.authors"
# In this order: discovery clones the add-ons the main component has when it runs.
MAIN_COMPONENT_ADDONS = {AUTHORS_ADDON: {}, DISCOVERY_ADDON: DISCOVERY_CONFIGURATION}
# On every component (a page discovered before the add-on was installed gets it too).
EVERY_COMPONENT_ADDONS = {AUTHORS_ADDON: {}}
# Add-ons not to install: the repository does these (make update-po), or the build does.
NOT_INSTALLED = ("weblate.gettext.msgmerge", "weblate.gettext.mo", "weblate.cleanup.generic",
                 "weblate.cleanup.blank")

# -- the catalog layout -------------------------------------------------------------------

# File format parameter "Long lines wrapping" (po_line_wrap): "Only wrap lines at newlines (like
# 'xgettext --no-wrap')". translate-toolkit then writes byte for byte what `msgcat --no-wrap`
# writes (brochure.i18n.gettext_tools.LAYOUT), for every message and header; at 77 (Weblate's
# default) the two wrap differently, at -1 ("No line wrapping") translate-toolkit puts a whole
# header on one line. Tested: tests/tools/test_weblate_layout.py.
PO_LINE_WRAP = 65535
FILE_FORMAT_PARAMS = {"po_line_wrap": PO_LINE_WRAP}


def setup_store(store) -> None:
    """Set up a translate-toolkit PO store as Weblate does with :data:`FILE_FORMAT_PARAMS`."""
    store.wrapper.width = PO_LINE_WRAP


# -- checks ---------------------------------------------------------------------------------

# What must stay as in the German text, for Weblate's "Placeholders" check: MyST role names
# ({term}, {doc}), role targets (bare `target` or `text <target>`), link targets ](…), autolinks
# <https://…> and {{ substitutions }}. A translation that drops, adds or changes one is flagged
# (the project's check-po and build refuse the same translations later, as [markup]).
MYST_PLACEHOLDERS = (r"\{[a-z-]+\}(?=`)|(?<=\}`)[^`<>]+(?=`)|(?<=<)[^<>`]+(?=>`)"
                     r"|\]\([^()\s]+\)|<https?://[^<>\s]+>|\{\{[^{}]*\}\}")
# "Translation flags" (check_flags): Markdown checks on every unit, the MyST placeholders, and
# the glossary check against the project's glossary (the termbase, brochure.tools.weblate_glossary).
# Not "safe-html": with it, Weblate's automatic fix removes what looks like an HTML tag from
# every translation it saves, the role targets of `text <target>` included.
CHECK_FLAGS = f'md-text, placeholders:r"{MYST_PLACEHOLDERS}", check-glossary'
# "Enforced checks" (enforced_checks): a translation failing one is saved as "Needs editing"
# (fuzzy in the catalog), so it is never published; the build would refuse it anyway. No
# translation of the project fails one of them (Weblate marks existing ones that do).
ENFORCED_CHECKS = ["placeholders", "md-syntax", "md-link"]

# -- project and components -----------------------------------------------------------------

PROJECT_SETTINGS = {
    # Project setting *Set "Language-Team" header*: off, the team names itself in its own
    # language (on, Weblate writes "Turkish <https://…>" into every catalog it commits).
    "set_language_team": False,
    "translation_review": False,
}
# Settings every component has, main, discovered and interface alike.
EVERY_COMPONENT = {
    "file_format_params": FILE_FORMAT_PARAMS,
    "check_flags": CHECK_FLAGS,
    "enforced_checks": ENFORCED_CHECKS,
}
# The main and interface components (discovery copies these to the components it creates).
COMPONENT_SETTINGS = {
    **EVERY_COMPONENT,
    "vcs": "git",
    "file_format": "po",
    "template": "",          # "Monolingual base language file": the catalogs are bilingual
    "new_base": "",          # "Template for new translations": templates are built, not committed
    "new_lang": "contact",   # "Adding new translation": make new-edition adds a language
    "push_on_commit": True,  # "Push on commit"
    "commit_pending_age": 1,  # "Age of changes to commit" (hours; Weblate's default is 24)
    "manage_units": False,   # "Manage strings": the German text is the source
    "edit_template": False,
}
BRANCH = "main"
