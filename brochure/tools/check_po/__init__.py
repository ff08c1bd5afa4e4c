"""Lint the gettext catalogs for the mistakes Sphinx and MyST let through without a word.

Usage::

    python -m brochure.tools.check_po [PATH ...]

Without paths it checks every catalog of every edition in ``editions.toml``: all ``.po``
files under ``locale/<code>/LC_MESSAGES`` of each translation, and only the interface
catalog ``sphinx.po`` of the source language (German content has no catalogs). A PATH may be
a ``.po`` file or a directory (searched recursively). Each problem is printed as

    locale/tr/LC_MESSAGES/grussworte/kuhn.po:42: [markup] msgstr is a bullet list, ...

followed by a summary line. Exit status: 0 clean, 1 problems found, 2 usage error.

Why a linter at all: Sphinx parses every msgstr with MyST as a document of its own and,
when the result is not a single paragraph, silently keeps the German text; broken inline
markup (an odd backtick, an unclosed ``**``, a broken ``](``) is rendered literally, again
without a warning. ``msgfmt -c`` sees none of this. Comparing the parsed structure of msgid
and msgstr does.

The **integrity** rules are the translation core's (:mod:`brochure.i18n.rules`); every build
refuses a catalog that breaks one, with the same file and line as here:

``syntax``
    PO syntax, encoding and duplicate messages (GNU ``msgfmt --check-format``, required,
    then polib): unterminated strings, a translation cut in two by a blank line, bad
    escapes, ``%(name)s`` mismatches; missing or unreadable files.
``header``
    ``Language`` missing or different from the folder, charset not UTF-8, ``Plural-Forms``
    missing or not a valid plural rule.
``markup``
    content catalogs only: block structure, links and images, roles and their targets
    (``{term}`` targets against the edition's glossary), inline code, emphasis,
    footnotes and substitutions of msgstr compared with msgid; markup characters left
    over as literal text.
``html``
    raw HTML in a content msgstr; in ``sphinx.po``, HTML tags the msgid does not have.
``scheme``
    links whose scheme is not http, https or mailto (``javascript:``, ``data:``, ...).
``placeholder``
    in ``sphinx.po``, a ``%(name)s`` or ``{name}`` placeholder the msgid does not have.
``reference``
    a ``{doc}`` or ``{ref}`` without link text inside running text: it would print the
    target's whole title mid-sentence (:mod:`brochure.i18n.references`).

The **editorial** checks are this tool's own; the build does not wait for them:

``format``
    the catalog differs from what GNU ``msgcat`` writes for it (line wrapping, order):
    every PO editor and Weblate would rewrite it; ``make normalize-po`` fixes it.

``whitespace``
    leading/trailing whitespace of msgstr differs from msgid.
``quotes``
    straight ``"`` or another language's quotation marks (en/tr “…”, de „…“).
``term``
    a German key term of ``locale/termbase.csv`` in the msgid without the approved
    rendering in the msgstr.
``spelling``
    hunspell (de_DE, en_US, tr_TR) on the msgstr's visible text; names and places the
    dictionaries do not know are in ``locale/wordlist.txt``. A missing hunspell or
    dictionary is reported as an error, never skipped.

Every translated entry is checked. Fuzzy entries are not published (Sphinx shows the German
text), so only the editorial checks look at them; the integrity rules do once the flag is
cleared.

Suppressing a finding: a translator comment on the entry ::

    # check-po: ignore quotes
    msgid "..."

suppresses that one editorial check (several ids may follow, separated by spaces or
commas) on that one entry. Translator comments survive ``make update-po`` (GNU msgmerge). Integrity
rules cannot be suppressed: a catalog could otherwise switch off the build's gate.
"""

from brochure.i18n.model import Catalog, Entry, Finding
from brochure.i18n.rules import CHECK_IDS
from brochure.tools.check_po.runner import check_catalog, check_paths

__all__ = ["CHECK_IDS", "Catalog", "Entry", "Finding", "check_catalog", "check_paths"]
