"""The site's root page: the reader picks an edition, in whatever language the reader speaks.

Nobody has chosen a language yet on this page, so it speaks all of them: the prompt ("Choose
your language") once per edition, and one entry per edition with its native name, title and
subtitle, each marked with its ``lang``. The prompts come from each edition's interface
catalog (``sphinx.po``), like the downloads table's labels.

The browser's preferred languages (``navigator.languages``) mark one entry as the suggestion,
with a note in that edition's language; the page never redirects, so a reader whose browser
is set to another language than the one they read, and every search engine, still sees all
editions. Without JavaScript the page is complete, just without the suggestion.

The markup is a Jinja template, ``templates/landing.html`` (autoescaped). Typography and
colours are the editions' own: the page links the source edition's furo
stylesheet and uses its custom properties (fonts, colours, dark mode), so the first page a
reader sees looks like the rest of the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, FileSystemLoader

from brochure.base.editions import ROOT, Edition, Publication
from brochure.i18n.direction import text_direction
from brochure.i18n.interface import interface_gettext

TEMPLATES_DIR = ROOT / "templates"


def prompt(edition: Edition) -> str:
    _ = interface_gettext(edition.code)
    # Translators: the root page's invitation to pick an edition, shown once in each language.
    return _("Choose your language")


def suggestion_note(edition: Edition) -> str:
    _ = interface_gettext(edition.code)
    # Translators: root page, on the edition in the language the reader's browser prefers.
    return _("Your browser’s language")


TEMPLATE = "landing.html"


@dataclass(frozen=True)
class Entry:
    """What the template shows of one edition."""

    code: str
    direction: str
    native_name: str
    title: str
    subtitle: str
    prompt: str
    suggestion: str


def landing_page(pub: Publication) -> str:
    """The root page: one entry per edition, each in its own language (templates/landing.html)."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                              keep_trailing_newline=True)
    editions = [Entry(e.code, text_direction(e.code), e.native_name, e.title, e.subtitle,
                      prompt(e), suggestion_note(e)) for e in pub.editions]
    source = next(entry for entry, e in zip(editions, pub.editions, strict=True) if e.code == pub.source_language)
    return environment.get_template(TEMPLATE).render(
        source=source,
        editions=editions,
        codes=[e.code for e in editions],
        base_url=pub.base_url,
        description=" · ".join(f"{e.title}: {e.subtitle}" for e in pub.editions),
    )
