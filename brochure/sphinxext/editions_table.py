"""The editions table is part of every edition's configuration.

Every HTML page links all editions (language switcher, ``hreflang`` alternates, sitemap), and
the imprint and the status page list them; yet ``editions.toml`` is no Sphinx setting, so
adding or removing an edition left the pages Sphinx saw as unchanged with the old list until a
forced ``-E`` build. Two ways Sphinx itself offers close that gap:

* the table's contents become a configuration value with ``rebuild="html"``: Sphinx keeps a
  hash of those values in the output's ``.buildinfo`` and rewrites every page when it differs
  (writing only: no page is read again for it);
* pages whose *content* is made from the table (the ``translators`` and ``translation-status``
  directives) name ``editions.toml`` as a dependency (:func:`note_table_dependency`), so Sphinx
  re-reads exactly those when the file changes.
"""

from __future__ import annotations

from dataclasses import astuple

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from brochure.base.editions import TABLE, Publication, publication

CONFIG_NAME = "brochure_editions"


def table_value(pub: Publication) -> tuple:
    """Everything the table says, as plain strings (what Sphinx hashes into .buildinfo)."""
    return (pub.source_language, pub.base_url, pub.release,
            tuple(astuple(edition) for edition in pub.editions))


def note_table_dependency(env: BuildEnvironment) -> None:
    """Re-read the current page whenever the editions table changes."""
    env.note_dependency(str(TABLE))


def setup(app: Sphinx) -> dict:
    app.add_config_value(CONFIG_NAME, table_value(publication()), "html", types=frozenset({tuple}))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
