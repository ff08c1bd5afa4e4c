"""Every page knows its counterparts in the other editions.

For each HTML page this extension provides

* the language switcher's links (``edition_links`` in the template context): the same page in
  every edition, as relative links, so they work on a web server and from a folder on disk;
* ``<link rel="alternate" hreflang>`` for every edition plus ``x-default`` (the source
  edition) and ``rel="canonical"`` (through Sphinx's ``html_baseurl``), so search engines send
  readers to their language;
* the bar at the top of every page that shows the switcher (``templates/page.html`` fills
  furo's announcement block with ``templates/edition-switcher.html``; furo renders that block
  only when the ``announcement`` theme option is set, so it is set here);
* ``sitemap.xml`` for the edition, with the same alternates (the site's sitemap index is
  written by ``brochure.tools.assemble_site``). It lists every page of the edition, also after
  an incremental build, in a stable order.

The public address is ``base_url`` in ``editions.toml``; editions live at ``<base_url><code>/``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from xml.sax.saxutils import quoteattr

from sphinx.application import Sphinx

from brochure.base.editions import publication
from brochure.sphinxext.build_facts import is_website

SITEMAP = "sitemap.xml"


def edition_url(code: str) -> str:
    return f"{publication().base_url}{code}/"


def _set_baseurl(app: Sphinx, config) -> None:
    config.html_baseurl = edition_url(config.language)


def _show_switcher_bar(app: Sphinx, config) -> None:
    # Any non-empty text makes furo render its announcement block, which templates/page.html
    # replaces with the switcher.
    config.html_theme_options = {**config.html_theme_options, "announcement": "edition-switcher"}


def _add_switcher_style(app: Sphinx) -> None:
    if is_website(app):  # the ePub has no switcher
        app.add_css_file("edition-switcher.css")


def _page_links(app: Sphinx, pagename: str) -> list[dict]:
    uri = app.builder.get_target_uri(pagename)
    to_site_root = "../" * (pagename.count("/") + 1)
    pub = publication()
    return [
        {
            "code": edition.code,
            "native_name": edition.native_name,
            "href": f"{to_site_root}{edition.code}/{uri}",
            "url": f"{edition_url(edition.code)}{uri}",
            "current": edition.code == app.config.language,
        }
        for edition in pub.editions
    ]


def _add_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if not is_website(app):
        return
    links = _page_links(app, pagename)
    context["edition_links"] = links
    source = next(link for link in links if link["code"] == publication().source_language)
    tags = [f'<link rel="alternate" hreflang="{link["code"]}" href="{escape(link["url"])}">' for link in links]
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{escape(source["url"])}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def sitemap(app: Sphinx) -> str:
    from brochure.sphinxext.downloads import PAGE as DOWNLOADS

    pages = sorted(app.env.found_docs) + [DOWNLOADS, "genindex", "search"]
    rows = []
    for pagename in pages:
        links = _page_links(app, pagename)
        own = next(link for link in links if link["current"])
        alternates = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{link["code"]}" href={quoteattr(link["url"])}/>'
            for link in links
        )
        rows.append(f"  <url>\n    <loc>{escape(own['url'])}</loc>{alternates}\n  </url>")
    body = "\n".join(rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{body}\n</urlset>\n"
    )


def _write_sitemap(app: Sphinx, exception) -> None:
    if exception or not is_website(app):
        return
    Path(app.outdir, SITEMAP).write_text(sitemap(app), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _set_baseurl)
    app.connect("config-inited", _show_switcher_bar)
    app.connect("builder-inited", _add_switcher_style)
    app.connect("html-page-context", _add_links)
    app.connect("build-finished", _write_sitemap)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
