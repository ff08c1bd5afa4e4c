"""German fallbacks marked as German: ``lang`` (and ``dir``) on what the edition shows untranslated.

Where a catalog lacks a translation, or holds one marked fuzzy, Sphinx quietly shows the
German text; a screen reader should not read it with an English or Turkish voice. Sphinx
records on each translatable node whether its translation was applied (``translated``); those
left German get docutils' own ``language-<code>`` class, which the HTML writers turn into a
``lang`` attribute on the element itself (``<p>``, ``<h2>``, ``<dt>``, a list item's or table
cell's paragraph, an admonition title …), in the website and the ePub alike. Navigation entries
made from a German heading get it as well, and so do the links to the previous and next page
when they show a German title. The source edition itself never gets a mark.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from brochure.i18n.direction import direction_attribute
from brochure.sphinxext.build_facts import is_translation, source_language


def untranslated(node: nodes.Node) -> bool:
    """Sphinx's own verdict (``translated`` set by its Locale transform) that German shows.

    Sphinx also marks toctree nodes untranslated even after translating their caption; they
    are rendered by other means and skipped here.
    """
    return (
        isinstance(node, nodes.Element)
        and node.get("translated") is False
        and not isinstance(node, addnodes.translatable)
    )


class MarkGermanFallbacks(SphinxTransform):
    """Give every node left in the source language docutils' ``language-<code>`` class."""

    default_priority = 960  # after sphinx.transforms.i18n.AddTranslationClasses (950)

    def apply(self, **kwargs) -> None:
        if not is_translation(self.config.language):
            return
        mark = f"language-{source_language()}"
        for node in self.document.findall(untranslated):
            if mark not in node["classes"]:
                node["classes"].append(mark)


class MarkEditionTitlesInFallbacks(SphinxPostTransform):
    """A link in a German passage may show a page title in the edition's language.

    ``{doc}`/page``` without its own text shows the target's title, which Sphinx takes from
    the edition (translated); inside a German paragraph it gets the edition's language back.
    """

    default_priority = 11  # after sphinx.transforms.post_transforms.ReferencesResolver (10)

    def run(self, **kwargs) -> None:
        language = self.config.language
        if not is_translation(language):
            return
        mark = f"language-{source_language()}"
        titles = edition_titles(self.env)
        for fallback in list(self.document.findall(nodes.Element)):
            if mark not in fallback["classes"]:
                continue
            for inline in fallback.findall(nodes.inline):
                if "doc" in inline["classes"] and inline.astext() in titles:
                    inline["classes"].append(f"language-{language}")


def _mark_navigation_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Table-of-contents entries copy a heading's text but not its classes: mark them too."""
    toc = app.env.tocs.get(app.env.docname)
    if toc is None or not is_translation(app.config.language):
        return
    mark = f"language-{source_language()}"
    sections = list(doctree.findall(nodes.section))
    by_id = {section_id: section for section in sections for section_id in section["ids"]}
    for reference in toc.findall(nodes.reference):
        anchor = reference.get("anchorname", "")
        section = by_id.get(anchor[1:]) if anchor else (sections[0] if sections else None)
        title = section[0] if section is not None and section.children else None
        if isinstance(title, nodes.title) and untranslated(title) and mark not in reference["classes"]:
            reference["classes"].append(mark)


def _mark_neighbour_titles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The links to the previous and next page show their titles: German ones get lang too."""
    if not is_translation(app.config.language):
        return
    german = german_titles(app.env)
    if not german:
        return
    parent, previous, following = app.env.collect_relations().get(pagename, (None, None, None))
    for key, docname in (("prev", previous), ("next", following)):
        link = context.get(key)
        if link and docname in german:
            # dir too when the edition runs the other way (a German title in an Arabic page).
            direction = direction_attribute(source_language(), app.config.language)
            link["title"] = f'<span lang="{source_language()}"{direction}>{link["title"]}</span>'


def german_titles(env: BuildEnvironment) -> frozenset[str]:
    """Pages whose title is shown in German (their first navigation entry is marked)."""
    return _title_facts(env)[0]


def edition_titles(env: BuildEnvironment) -> frozenset[str]:
    """The titles the edition shows in its own language."""
    return _title_facts(env)[1]


# Every page asks (its neighbours' links, its references), and the answer reads every page's
# table of contents: computed once when reading is over, not once per page, which made the
# cost grow with the square of the page count. Dropped when a build starts reading again
# (the live preview keeps one environment across builds).
_TITLE_FACTS: WeakKeyDictionary[BuildEnvironment, tuple[frozenset[str], frozenset[str]]] = WeakKeyDictionary()


def _title_facts(env: BuildEnvironment) -> tuple[frozenset[str], frozenset[str]]:
    facts = _TITLE_FACTS.get(env)
    return facts if facts is not None else _read_title_facts(env)


def _read_title_facts(env: BuildEnvironment) -> tuple[frozenset[str], frozenset[str]]:
    mark = f"language-{source_language()}"
    german = set()
    for docname, toc in env.tocs.items():
        first = next(iter(toc.findall(nodes.reference)), None)
        if first is not None and mark in first["classes"]:
            german.add(docname)
    titles = {title.astext() for docname, title in env.titles.items() if docname not in german}
    return frozenset(german), frozenset(titles)


def _forget_title_facts(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _TITLE_FACTS.pop(env, None)


def _keep_title_facts(app: Sphinx, env: BuildEnvironment) -> None:
    _TITLE_FACTS[env] = _read_title_facts(env)


def setup(app: Sphinx) -> dict:
    app.add_transform(MarkGermanFallbacks)
    app.add_post_transform(MarkEditionTitlesInFallbacks)
    # After the table-of-contents collector (priority 500) has built the page's entries.
    app.connect("doctree-read", _mark_navigation_entries, priority=600)
    app.connect("html-page-context", _mark_neighbour_titles)
    app.connect("env-before-read-docs", _forget_title_facts)
    app.connect("env-updated", _keep_title_facts)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
