"""Translated pages pickled without a copy of the build environment.

Sphinx's ``Locale`` transform parses each translation into a throwaway document
(``sphinx.transforms.i18n._publish_msgstr``) whose settings are the page's settings, and
those hold the build environment (``settings.env``). The translated nodes then move into the
page, but docutils re-points only the moved node itself to its new document
(``Element.setup_child``); its descendants (a term reference inside a translated paragraph,
say) keep ``_document`` pointing at the throwaway document. Sphinx clears ``settings.env`` on
a copy of the page's settings before it pickles the doctree, not on the shared original, so
every translated page's doctree carries a pickled copy of the environment: 90 KB instead of
6 KB for a short page, and growing with the whole project, so writing and reading doctrees
grows with the square of the page count (10 s of a 57 s build at ten times the content).

After the page is read, every node is pointed at the page's own document, which is what
docutils would have done had the nodes been created there. Nothing in the output changes
(``tests/speed/test_lean_doctrees.py``; ``tests/speed/test_build_speed.py`` compares whole
editions).

Upstream: no issue or pull request makes it unnecessary yet. It goes when Sphinx's ``Locale``
transform builds the nodes of a translated message inside the page's own document (or
docutils stops pickling ``node.document``); ``make bench`` (d) measures it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def adopt_nodes(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall():
        if node._document is not None and node._document is not doctree:
            node._document = doctree


def setup(app: Sphinx) -> dict:
    # Last, after every other doctree-read handler may have added translated nodes.
    app.connect("doctree-read", adopt_nodes, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
