"""The German original beside every translated block: the bilingual view of a translated page.

Readers who read the edition's language better than German, and translators reviewing it,
can show the German original under (phones) or beside (wide screens) every translated
heading, paragraph, list item, table cell and glossary entry.

Where the German comes from. Every translated block is one catalog message, and before
Sphinx's ``Locale`` transform (priority 20) replaces a block's content with its translation,
that content *is* the German message, parsed by the page's own parser with the page's roles
and references. :class:`KeepGerman` (priority 19) keeps it aside; :class:`AddGermanCopies`
(right after ``Locale``) puts it back as a :class:`german_copy` node right after the
translated block, for blocks Sphinx marked translated with a translation of their own
(a message translated as itself, such as a name, gets none).
Untranslated (fallback) blocks are German already and get no copy. So the copy is exactly
the German the German edition shows for the block, its links resolved by the same post-
transforms as the page's (``tests/sphinxext/test_bilingual.py``, and the alignment check
against the catalogs on the built editions).

The copies live in the doctree, which the ePub shares with the website: they are rendered by
the HTML writers of pages meant to show them and dropped everywhere else. Those are the
website's, and those of any single-page HTML build (``singlehtml`` or a builder derived from
it, such as a print document's) made with ``-D bilingual_print=1``: the bilingual PDF is the
edition's print document with the copies kept, each marked ``bilingual-print`` so the print
stylesheet sets every pair side by side (the print theme's ``print.css``; ``make
pdf-bilingual-xx``). A ``{doc}`` without its own text shows the target's title as the edition
has it, marked with the edition's language (``fallback_language``), as in a German fallback.
A copy

* carries ``lang`` of the source language (docutils' ``language-de`` class) and ``dir`` where
  the edition runs the other way (``brochure.sphinxext.text_direction``);
* carries no ``id``: every id and name inside it is removed, so no anchor exists twice;
* is skipped by Sphinx's search indexer (class ``no-search``) and by the page description
  (``page_meta`` reads only paragraphs in the edition's language); it adds no address, so the
  sitemaps are unchanged;
* is ``Invisible`` to docutils' list compaction, so a list keeps its compact layout.

The control is a :class:`bilingual_control` node below the page title. Without JavaScript it
is a link to itself (``#bilingual-view``) and the style sheet shows the copies while it is the
URL's target, so the view is reachable with CSS alone; ``static/bilingual.js`` replaces the
link with a real ``<button aria-pressed>`` and remembers the choice (``localStorage``) from
page to page. The words come from the interface catalog (``sphinx.po``).
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from brochure.i18n.direction import lang_attributes
from brochure.sphinxext.build_facts import is_translation, skip, source_language
from brochure.sphinxext.interface_language import N_, fallback_language
from brochure.sphinxext.translation_notice import PRINT_PAGE_CLASS, translation_notice

COPY_CLASS = "bilingual-original"
HEADING_CLASS = "bilingual-heading"  # the copy of a heading is a paragraph styled as one
NO_SEARCH = "no-search"  # Sphinx's WordCollector skips elements with this class
CONTROL_ID = "bilingual-view"
CSS_FILE = "bilingual.css"
JS_FILE = "bilingual.js"
WEBSITE = "html"  # the builder whose pages offer the view (and the control)
PRINT_CLASS = "bilingual-print"  # copies of a bilingual print document: always shown
PRINT_OPTION = "bilingual_print"  # conf value: a single-page build keeps the copies
# Translated blocks that get a copy, and the element the copy is written as.
COPIED = {nodes.paragraph: "p", nodes.title: "p", nodes.rubric: "p", nodes.term: "dt"}
BELOW_TITLE = {PRINT_PAGE_CLASS, "print-only"}  # brochure.sphinxext.print_page's lines
# Titles copied: those of sections and admonitions (a table's title sits inside <table>).
TITLED = (nodes.section, nodes.Admonition, nodes.topic, nodes.sidebar)
_KEPT = "_bilingual_german"  # Python attribute, read time only: never pickled

# Translators: button that shows or hides the German original beside each translated block.
BUTTON_MSGID = N_("German original")
# Translators: link that shows the German original beside each translated block.
SHOW_MSGID = N_("Show the German original")
# Translators: link that hides the German original beside each translated block.
HIDE_MSGID = N_("Hide the German original")


class german_copy(nodes.TextElement, nodes.Invisible):
    """The German of the translated block just before it (``tag``: the element written).

    A text element, as the HTML writers expect around links. It has no ``source``, so no
    message extraction takes it for a translatable block of its own."""


class bilingual_control(nodes.General, nodes.Element):
    """The show/hide control, rendered from its attributes (interface text, not content)."""


def copied_tag(node: nodes.Node) -> str | None:
    for kind, tag in COPIED.items():
        if type(node) is kind:
            return tag
    return None


class KeepGerman(SphinxTransform):
    """Before ``Locale`` replaces a block's children, keep the German ones (same objects)."""

    default_priority = 19

    def apply(self, **kwargs) -> None:
        if not is_translation(self.config.language):
            return
        for node, _msgid in extract_messages(self.document):
            if copied_tag(node) and (not isinstance(node, nodes.title) or isinstance(node.parent, TITLED)):
                setattr(node, _KEPT, node.children)  # Locale assigns a new list; this one stays


def _without_ids(node: nodes.Node) -> nodes.Node:
    for element in node.findall(nodes.Element):
        for attribute in ("ids", "names", "dupnames"):
            if element.get(attribute):
                element[attribute] = []
    return node


class AddGermanCopies(SphinxTransform):
    """After ``Locale``: a :class:`german_copy` right after each block it translated."""

    default_priority = 22  # after Locale (20) and safe_translations (21)

    def apply(self, **kwargs) -> None:
        if not is_translation(self.config.language):
            return
        mark = f"language-{source_language()}"
        copies: dict[int, german_copy] = {}  # id of the translated block → its copy
        parents: dict[int, nodes.Element] = {}
        for node in list(self.document.findall(nodes.Element)):
            german = node.__dict__.pop(_KEPT, None)
            if german is None or german is node.children or node.get("translated") is not True:
                continue  # untranslated, or translated as the German (a name): nothing to add
            copy = german_copy("", "", *(_without_ids(child.deepcopy()) for child in german),
                               tag=copied_tag(node), classes=[COPY_CLASS, mark, NO_SEARCH])
            if isinstance(node, nodes.title):
                copy["classes"].append(HEADING_CLASS)
            copies[id(node)] = copy
            parents[id(node.parent)] = node.parent
        for parent in parents.values():  # one pass over each parent's children
            children = []
            for child in parent.children:
                children.append(child)
                if id(child) in copies:
                    children.append(copies[id(child)])
                    parent.setup_child(copies[id(child)])
            parent.children = children


def shows_copies(app: Sphinx) -> bool:
    return is_translation(app.config.language) and copies_rendered(app.builder, app.config)


def copies_rendered(builder, config) -> bool:
    """The website, or a single-page HTML build asked for the bilingual print document."""
    if builder.name == WEBSITE:
        return True
    return bool(config[PRINT_OPTION]) and isinstance(builder, SingleFileHTMLBuilder)


def _place_copies(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Drop the copies where they are not shown; elsewhere keep each right after its block
    (a line inserted below a page title later, such as the print page, moves the copy back
    up) and add the control when the page has any."""
    copies = list(doctree.findall(german_copy))
    parents = {id(copy.parent): copy.parent for copy in copies}.values()
    if not shows_copies(app):
        for parent in parents:  # one pass over each parent's children
            parent.children = [child for child in parent.children if not isinstance(child, german_copy)]
        return
    if not copies:
        return
    for parent in parents:
        block = None
        for child in parent.children:  # one pass: each copy after its translated block
            if isinstance(child, german_copy):
                _number_footnote_references(child, block)
                if app.builder.name != WEBSITE:
                    child["classes"].append(PRINT_CLASS)
            else:
                block = child
    for copy in copies:
        if isinstance(copy.parent, nodes.section) and HEADING_CLASS in copy["classes"]:
            section = copy.parent
            section.remove(copy)
            section.insert(1, copy)
    if app.builder.name == WEBSITE:
        _insert_control(app, doctree)


def _number_footnote_references(copy: german_copy, block: nodes.Element | None) -> None:
    """A footnote reference in a copy gets the number its translation's reference got.

    docutils numbers the references it registered while parsing; the copy's were registered
    as the German block's, which the translation replaced, so their numbers are taken from
    the translated block's references to the same footnote."""
    if block is None:
        return
    numbers = {reference.get("refid"): reference.astext()
               for reference in block.findall(nodes.footnote_reference)}
    for reference in copy.findall(nodes.footnote_reference):
        if not reference.children and numbers.get(reference.get("refid")):
            reference += nodes.Text(numbers[reference["refid"]])


def _insert_control(app: Sphinx, doctree: nodes.document) -> None:
    control = bilingual_control(
        label=_(BUTTON_MSGID), show=_(SHOW_MSGID), hide=_(HIDE_MSGID),
        label_lang=fallback_language(app, BUTTON_MSGID),
        show_lang=fallback_language(app, SHOW_MSGID),
        hide_lang=fallback_language(app, HIDE_MSGID),
    )
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        doctree.insert(0, control)
        return
    index = 1  # past the heading's copy and every line shown below the title
    while index < len(section) and (isinstance(section[index], (german_copy, translation_notice))
                                    or set(section[index].get("classes", [])) & BELOW_TITLE):
        index += 1
    section.insert(index, control)


def visit_german_copy(self, node: german_copy) -> None:
    if not copies_rendered(self.builder, self.config):
        raise nodes.SkipNode
    self.body.append(self.starttag(node, node["tag"], ""))


def depart_german_copy(self, node: german_copy) -> None:
    self.body.append(f"</{node['tag']}>\n")


def visit_bilingual_control(self, node: bilingual_control) -> None:
    """A link to itself without JavaScript; ``bilingual.js`` makes it a button."""
    language = self.config.language
    # The button's label and its language go in data attributes; the links are the fallback.
    label_lang = node.get("label_lang") or ""
    self.body.append(
        f'<div class="bilingual-control" id="{CONTROL_ID}" data-label="{escape(node["label"])}"'
        f' data-label-lang="{escape(label_lang)}">\n'
        f'<a class="bilingual-show" href="#{CONTROL_ID}"{lang_attributes(node.get("show_lang"), language)}>'
        f'{escape(node["show"])}</a>\n'
        f'<a class="bilingual-hide" href="#"{lang_attributes(node.get("hide_lang"), language)}>'
        f'{escape(node["hide"])}</a>\n</div>\n'
    )
    raise nodes.SkipNode


def _leave_out_of_ebooks(app: Sphinx, config) -> None:
    """The ePub shows no copies, so it carries no style sheet for them."""
    config.epub_exclude_files = [*config.epub_exclude_files, f"_static/{CSS_FILE}"]


def _add_assets(app: Sphinx) -> None:
    if shows_copies(app):
        app.add_css_file(CSS_FILE)
        app.add_js_file(JS_FILE)


def setup(app: Sphinx) -> dict:
    no_output = (skip, None)
    others = {"latex": no_output, "text": no_output, "man": no_output, "texinfo": no_output}
    # No handlers of their own for the ePub: Sphinx would then stop falling back to the html
    # handlers for every other node of the ePub. Its pages skip the copies in the visitor.
    app.add_node(german_copy, html=(visit_german_copy, depart_german_copy), **others)
    app.add_node(bilingual_control, html=(visit_bilingual_control, None), **others)
    # Written into the doctrees the same either way: only the writing of the pages changes.
    app.add_config_value(PRINT_OPTION, False, "", types=frozenset({bool, int, str}))
    app.add_transform(KeepGerman)
    app.add_transform(AddGermanCopies)
    # Late: after the translation notice and every other line added below the title.
    app.connect("doctree-resolved", _place_copies, priority=800)
    app.connect("config-inited", _leave_out_of_ebooks)
    app.connect("builder-inited", _add_assets)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
