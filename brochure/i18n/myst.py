"""A message as MyST sees it: the parser settings of the build, and the parse every rule compares.

``MYST_EXTENSIONS`` is the one list of MyST syntax extensions: ``conf.py`` gives it to
Sphinx, and :func:`parser` builds the rules' markdown-it parser from it. Sphinx hands each
msgstr to myst_parser, which tokenises it with markdown-it configured by
``create_md_parser``; using that same function here means a msgstr is judged by exactly the
rules that will render it: what markdown-it turns into a bullet list, Sphinx also turns into
a bullet list and then drops.

Two deliberate differences from the build's parser:

* the ``substitution`` extension is always on, so ``{{ name }}`` is one token that can be
  compared, and a broken ``{{`` shows up as left-over text;
* ``text_join`` is off, so backslash escapes stay separate tokens and an escaped ``\\*`` is
  not mistaken for a stray asterisk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

# Only constructs that survive gettext translation (see TRANSLATING.md).
MYST_EXTENSIONS = ("colon_fence", "deflist")
# Roles whose content names a document or label; a bare one shows that target's title.
TARGET_ROLES = frozenset({"doc", "ref", "numref", "download", "any"})
# Roles whose target a translation must keep as it is. Sphinx resolves a translated
# reference by its original target and warns ("inconsistent term references") when the
# msgstr's differs, a warning it forgets on the next build. {term} targets the German
# glossary term even in a translated edition: only the title before <target> changes.
REFERENCE_ROLES = TARGET_ROLES | {"term"}
# Roles whose content is code: neither translated nor spell-checked.
CODE_ROLES = frozenset({"code", "literal", "math", "kbd", "file", "samp", "command", "eq"})
# Sphinx strips a trailing no-QA marker (a hash sign, then "noqa") from a msgstr before parsing it
# (sphinx.transforms.i18n).
_NOQA = re.compile(r"(.*)(?<!\\)#\s*noqa\s*$", re.DOTALL)

BLOCK_NAMES = {
    "paragraph_open": "a paragraph",
    "bullet_list_open": "a bullet list",
    "ordered_list_open": "a numbered list",
    "blockquote_open": "a block quote",
    "heading_open": "a heading",
    "dl_open": "a definition list",
    "table_open": "a table",
    "html_block": "a raw HTML block",
    "code_block": "an indented code block",
    "fence": "a code block",
    "colon_fence": "a directive",
    "hr": "a horizontal rule",
    "myst_line_comment": "a comment",
    "myst_target": "a target label",
    "myst_block_break": "a block break",
    "footnote_reference_open": "a footnote definition",
    "front_matter": "front matter",
}


@dataclass(frozen=True)
class Role:
    name: str
    text: str  # what the reader sees
    target: str  # what it points to: the explicit <target>, else the content itself
    explicit: bool


@dataclass(frozen=True)
class Parsed:
    """The structure of one message, as tuples so parses can be cached and compared."""

    blocks: tuple[str, ...]  # top-level block token types, in order
    links: tuple[str, ...]  # hrefs of links, autolinks and images
    images: tuple[str, ...]  # srcs of images (also in links)
    roles: tuple[Role, ...]
    code: tuple[str, ...]  # inline code
    emphasis: int
    strong: int
    footnotes: tuple[str, ...]
    substitutions: tuple[str, ...]
    html: tuple[str, ...]  # raw HTML, block and inline
    literal_text: tuple[str, ...]  # text nodes (not escapes): where left-over markup shows
    visible: str  # the words a reader sees, for quotes, spelling and terms

    @property
    def block_names(self) -> list[str]:
        return [BLOCK_NAMES.get(block, block) for block in self.blocks]


@cache
def parser() -> MarkdownIt:
    md = create_md_parser(MdParserConfig(enable_extensions={*MYST_EXTENSIONS, "substitution"}), RendererHTML)
    md.disable("text_join")
    return md


def strip_noqa(msgstr: str) -> str:
    match = _NOQA.match(msgstr)
    return match.group(1) if match else msgstr


@lru_cache(maxsize=8192)
def parse(text: str) -> Parsed:
    tokens = parser().parse(strip_noqa(text))
    blocks = tuple(t.type for t in tokens if t.level == 0 and not t.type.endswith("_close"))
    collector = _Collector()
    for token in tokens:
        if token.type == "html_block":
            collector.html.append(token.content.strip())
        if token.children:
            collector.walk(token.children)
    return collector.result(blocks)


class _Collector:
    def __init__(self) -> None:
        self.links: list[str] = []
        self.images: list[str] = []
        self.roles: list[Role] = []
        self.code: list[str] = []
        self.emphasis = 0
        self.strong = 0
        self.footnotes: list[str] = []
        self.substitutions: list[str] = []
        self.html: list[str] = []
        self.literal_text: list[str] = []
        self.visible: list[str] = []

    def walk(self, tokens: list[Token]) -> None:
        for token in tokens:
            self.visit(token)
            if token.children:
                self.walk(token.children)  # image alt text

    def visit(self, token: Token) -> None:
        kind = token.type
        if kind == "text":
            self.literal_text.append(token.content)
            self.visible.append(token.content)
        elif kind == "text_special":
            self.visible.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            self.visible.append(" ")
        elif kind == "link_open":
            self.links.append(str(token.attrs.get("href", "")))
        elif kind == "image":
            self.links.append(str(token.attrs.get("src", "")))
            self.images.append(str(token.attrs.get("src", "")))
        elif kind == "code_inline":
            self.code.append(token.content)
        elif kind == "em_open":
            self.emphasis += 1
        elif kind == "strong_open":
            self.strong += 1
        elif kind == "footnote_ref":
            self.footnotes.append(str(token.meta.get("label", "")))
        elif kind == "substitution_inline":
            self.substitutions.append(token.content.strip())
        elif kind == "html_inline":
            self.html.append(token.content)
        elif kind == "myst_role":
            self.role(token)

    def role(self, token: Token) -> None:
        name = str(token.meta.get("name", ""))
        explicit = explicit_target(token.content)
        if explicit is not None:
            role = Role(name, explicit[0], explicit[1].strip(), True)
        else:
            role = Role(name, token.content, token.content.strip(), False)
        self.roles.append(role)
        # A bare {doc}`/path` shows the page title, not its path: nothing to read.
        if name not in CODE_ROLES and (role.explicit or name not in TARGET_ROLES):
            self.visible.append(role.text)

    def result(self, blocks: tuple[str, ...]) -> Parsed:
        return Parsed(
            blocks=blocks,
            links=tuple(self.links),
            images=tuple(self.images),
            roles=tuple(self.roles),
            code=tuple(self.code),
            emphasis=self.emphasis,
            strong=self.strong,
            footnotes=tuple(self.footnotes),
            substitutions=tuple(self.substitutions),
            html=tuple(self.html),
            literal_text=tuple(self.literal_text),
            visible="".join(self.visible),
        )


def explicit_target(content: str) -> tuple[str, str] | None:
    """(title, target) of role content written ``title <target>``; None without a target.

    As Sphinx reads it: the target is what the last ``<…>`` at the end holds (no ``<`` or
    ``>`` inside, not empty), the title what precedes it, white space before the ``<``
    dropped; a target without a title is no explicit target. String methods, not a regular
    expression: ``^(.*?)\\s*<…`` tries every split of a run of white space, so 160,000 spaces
    in a role took minutes; this is linear in the content.
    """
    rest = content.rstrip()
    if not rest.endswith(">"):
        return None
    opening = rest.rfind("<")
    target = rest[opening + 1 : -1]
    if opening < 0 or not target or ">" in target:
        return None
    title = rest[:opening].rstrip()
    return (title, target) if title else None


def iter_term_targets(parsed: Parsed) -> Iterator[str]:
    for role in parsed.roles:
        if role.name == "term":
            yield role.target
