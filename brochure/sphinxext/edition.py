"""Apply the edition chosen by ``language`` (editions.toml) to the configuration.

``-D language=xx`` is only known once the configuration is read, so titles, the imprint
and ePub metadata are set here, at ``config-inited``, from the editions table (the ePub's own fixes are in
``brochure.sphinxext.epub``). An unknown language stops the build with the known editions.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from brochure.base.editions import EditionsError, publication
from brochure.base.reproducible import code_digest, source_date


def _apply_edition(app: Sphinx, config: Config) -> None:
    try:
        edition = publication().edition(config.language)
    except EditionsError as err:
        raise ConfigError(str(err)) from None
    config.project = edition.title
    # The imprint: the digital edition's own editors and year, never the working group (no
    # source names an author or publisher of the print brochure).
    config.author = config.epub_author = config.epub_publisher = edition.editors
    config.copyright = config.epub_copyright = publication().copyright(edition.code, source_date().year)
    # Sphinx's default dc:contributor is the English word "unknown"; the translators are
    # credited on the imprint page (brochure.sphinxext.credits).
    config.epub_contributor = edition.editors
    config.html_title = edition.title
    config.epub_title = f"{edition.title} – {edition.subtitle}"
    config.epub_description = f"{edition.subtitle}. {edition.tagline}"
    config.epub_basename = edition.epub_basename
    # epub_uid must equal the identifier and be an XML name (epubcheck NCX-001, RSC-005).
    config.epub_identifier = edition.epub_identifier
    config.epub_uid = edition.epub_identifier
    config.epub_scheme = "identifier"
    config.html_context = {**config.html_context, "edition": edition}


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _apply_edition)
    # A change to the project's code rebuilds every page, as a clean build would (see code_digest).
    app.add_config_value("brochure_code", code_digest(), "env", types=frozenset({str}))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
