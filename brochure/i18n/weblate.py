"""The Weblate set-up of the project, as data: TRANSLATING.md shows it, a test runs it.

Weblate holds one catalog per language in a component. The project has one catalog per page
(``gettext_compact = False`` keeps a catalog edit to one page's rebuild), so each page is a
component, found by Weblate's component discovery add-on with :data:`DISCOVERY_MATCH`. The
interface catalog ``sphinx.po`` is a component of its own, set up by hand: its msgids are
English, the pages' German, and a component has one source language.
"""

from __future__ import annotations

# Component discovery, "Regular expression to match translation files against" (match).
# Weblate anchors it at both ends; the interface catalog is left out.
DISCOVERY_MATCH = r"locale/(?P<language>[^/.]+)/LC_MESSAGES/(?!sphinx\.po$)(?P<component>[^.]+)\.po"
# "Customize the component name" (name_template): the page, e.g. grussworte/kuhn.
DISCOVERY_NAME_TEMPLATE = "{{ component }}"
# The component the discovery add-on is installed on (created by hand, a page that stays).
MAIN_COMPONENT_MASK = "locale/*/LC_MESSAGES/index.po"
# The interface component (created by hand, source language English).
INTERFACE_FILE_MASK = "locale/*/LC_MESSAGES/sphinx.po"
# File format parameter "Long lines wrapping" (po_line_wrap): gettext's own width, so Weblate's
# commits are byte-identical to what msgcat writes (tested with translate-toolkit).
PO_LINE_WRAP = 77
