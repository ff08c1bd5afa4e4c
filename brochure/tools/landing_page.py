"""The site's root page: the reader picks an edition, in whatever language the reader speaks.

Nobody has chosen a language yet on this page, so it speaks all of them: the prompt ("Choose
your language") once per edition, and one entry per edition with its native name, title and
subtitle, each marked with its ``lang``. The prompts come from each edition's interface
catalog (``sphinx.po``), like the downloads table's labels.

The browser's preferred languages (``navigator.languages``) mark one entry as the suggestion,
with a note in that edition's language; the page never redirects, so a reader whose browser
is set to another language than the one they read, and every search engine, still sees all
editions. Without JavaScript the page is complete, just without the suggestion.

Typography and colours are the editions' own: the page links the source edition's furo
stylesheet and uses its custom properties (fonts, colours, dark mode), so the first page a
reader sees looks like the rest of the site.
"""

from __future__ import annotations

import gettext
import html
import json

from brochure.editions import LOCALE_DIR, Edition, Publication


def interface(code: str):
    return gettext.translation("sphinx", str(LOCALE_DIR), [code], fallback=True).gettext


def prompt(edition: Edition) -> str:
    _ = interface(edition.code)
    # Translators: the root page's invitation to pick an edition, shown once in each language.
    return _("Choose your language")


def suggestion_note(edition: Edition) -> str:
    _ = interface(edition.code)
    # Translators: root page, on the edition in the language the reader's browser prefers.
    return _("Your browser's language")


# Marks the entry of the first edition whose language the browser prefers ("de-AT" → de).
SUGGEST_SCRIPT = """
(function () {
  var codes = %s;
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages
                : [navigator.language || ""]);
  for (var i = 0; i < wanted.length; i++) {
    var primary = String(wanted[i]).toLowerCase().split("-")[0];
    if (codes.indexOf(primary) >= 0) {
      var entry = document.querySelector('.edition-choice[data-edition="' + primary + '"]');
      entry.classList.add("suggested");
      entry.querySelector(".suggestion").hidden = false;
      return;
    }
  }
})();
"""

STYLE = """
    body { margin: 0; font-family: var(--font-stack); line-height: 1.5;
           color: var(--color-foreground-primary); background: var(--color-background-primary); }
    main { max-width: 40rem; margin: 0 auto; padding: 2rem 1rem; }
    h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; font-weight: 700; }
    .prompt { margin: 0 0 1rem; color: var(--color-foreground-secondary); }
    .prompt span + span::before { content: " · "; }
    .editions { list-style: none; padding: 0; margin: 0; }
    .edition-choice a { display: block; padding: 1rem; margin: 0 0 1rem; color: inherit;
           text-decoration: none; border: 1px solid var(--color-background-border);
           border-radius: .5rem; background: var(--color-background-secondary); }
    .edition-choice a:hover { border-color: var(--color-brand-content); }
    .edition-choice a:focus-visible { outline: 3px solid var(--color-brand-primary); outline-offset: 2px; }
    .edition-choice.suggested a { border: 2px solid var(--color-brand-primary); }
    .name { display: block; font-size: 1.25rem; font-weight: 700; color: var(--color-brand-content); }
    .title, .subtitle { display: block; }
    .subtitle { color: var(--color-foreground-secondary); }
    .suggestion { display: inline-block; margin: .5rem 0 0; padding: 0 .5rem; border-radius: 1rem;
           font-size: var(--font-size--small); background: var(--color-brand-primary);
           color: var(--color-background-primary); }
    .suggestion[hidden] { display: none; }
"""


def landing_page(pub: Publication) -> str:
    """The root page: one entry per edition, each in its own language."""
    source = pub.edition(pub.source_language)
    base = html.escape(pub.base_url)
    prompts = "".join(
        f'<span lang="{e.code}">{html.escape(prompt(e))}</span>' for e in pub.editions
    )
    items = "\n".join(
        f'      <li class="edition-choice" lang="{e.code}" data-edition="{e.code}">'
        f'<a href="{e.code}/index.html" hreflang="{e.code}">'
        f'<span class="name">{html.escape(e.native_name)}</span>'
        f'<span class="title">{html.escape(e.title)}</span>'
        f'<span class="subtitle">{html.escape(e.subtitle)}</span>'
        f'<span class="suggestion" hidden>{html.escape(suggestion_note(e))}</span></a></li>'
        for e in pub.editions
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{e.code}" href="{base}{e.code}/index.html">'
        for e in pub.editions
    )
    description = " · ".join(f"{e.title}: {e.subtitle}" for e in pub.editions)
    nav_label = " / ".join(prompt(e) for e in pub.editions)
    script = SUGGEST_SCRIPT % json.dumps([e.code for e in pub.editions])
    return f"""<!doctype html>
<html lang="{source.code}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>{html.escape(source.title)} – {html.escape(source.subtitle)}</title>
  <meta name="description" content="{html.escape(description)}">
  <link rel="canonical" href="{base}">
{alternates}
  <link rel="alternate" hreflang="x-default" href="{base}">
  <link rel="icon" href="{source.code}/_static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="{source.code}/_static/styles/furo.css">
  <style>{STYLE}  </style>
</head>
<body>
  <main>
    <h1>{html.escape(source.title)}</h1>
    <p class="prompt">{prompts}</p>
    <nav aria-label="{html.escape(nav_label)}">
    <ul class="editions">
{items}
    </ul>
    </nav>
  </main>
  <script>{script}</script>
</body>
</html>
"""
