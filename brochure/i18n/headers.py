"""[header]: the header fields Sphinx, Babel, msgfmt and the search page rely on.

* ``Language`` must name the catalog's folder: a wrong one makes Babel pick the wrong plural
  rules and misleads translation platforms.
* The charset must be UTF-8: anything else garbles German umlauts and Turkish letters the
  moment one tool rewrites the file.
* ``Plural-Forms`` must be ``nplurals=N; plural=EXPRESSION;`` with an expression of the C
  subset gettext defines (``n``, integers, comparison, arithmetic, logic, ``?:``) whose value
  is below N for every n. Babel compiles a malformed header into a catalog that Python's
  gettext cannot load, so Sphinx silently shows the whole page in German; and the interface
  catalog's expression is written into the search page's JavaScript (``translations.js``),
  where anything but a plural expression would run as script.

* ``Last-Translator`` and ``Language-Team`` must name a person or team, the way PO editors
  write them (``Ayşe Yılmaz <ayse@example.org>``, ``Turkish <https://…/tr/>``): every edition's
  imprint credits these names (``brochure.sphinxext.credits``), the German original's too, so
  whatever a translator puts there is published far beyond the translator's own edition. The
  name before the ``<contact>`` must be plain text of at most :data:`MAX_NAME` characters:
  no control, format or bidirectional-override characters (text that reads differently from
  what it is), no markup characters and no address of any kind (a URL, ``www.``, a domain or
  an e-mail address outside the brackets), so the imprint cannot be made to advertise a
  site. The contact in brackets is never shown.

The expression is parsed by Python's own gettext module (:func:`gettext.c2py`), the parser
that later loads the compiled catalog: a tokenizer that accepts only the C plural grammar.
Nothing here evaluates the header text itself.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass

from brochure.i18n.model import Catalog, Finding

_CHARSET = re.compile(r"charset\s*=\s*([\w.:-]+)", re.IGNORECASE)
# The header is the translator's: white space is taken possessively (*+) and the expression
# is what follows "plural=" with trailing white space and one ";" cut off by string methods.
# A lazy (?P<expression>[^;]+?)\s*;?\s*$ tried every split of a run of spaces: cubic, a
# thousand spaces took three seconds.
_PLURAL_FORMS = re.compile(r"\s*+nplurals\s*+=\s*+(?P<nplurals>\d++)\s*+;\s*+plural\s*+=\s*+")
MAX_NPLURALS = 6  # Arabic, the language with the most forms, has six
_SAMPLES = range(0, 1001)  # every plural rule of CLDR repeats below 1000 (n % 100, n % 1000)


class PluralFormsError(ValueError):
    """The ``Plural-Forms`` header is missing or not a valid plural rule."""


@dataclass(frozen=True)
class PluralForms:
    nplurals: int
    expression: str  # validated: only the C plural grammar, safe to write into JavaScript

    def __str__(self) -> str:
        return f"nplurals={self.nplurals}; plural={self.expression};"


def _expression(rest: str) -> str:
    """The plural expression: *rest* without trailing white space and one final ";" ("" if
    anything is left that is not an expression: another ";")."""
    rest = rest.rstrip()
    rest = rest[:-1].rstrip() if rest.endswith(";") else rest
    return "" if ";" in rest else rest


def plural_forms(header: str) -> PluralForms:
    """The parsed ``Plural-Forms`` value; PluralFormsError says what is wrong with it."""
    match = _PLURAL_FORMS.match(header or "")
    expression = _expression(header[match.end():]) if match else ""
    if not expression:
        raise PluralFormsError(
            f"Plural-Forms {header.strip()!r} is not 'nplurals=N; plural=EXPRESSION;'"
            if header and header.strip() else "no Plural-Forms header"
        )
    nplurals = int(match.group("nplurals"))
    if not 1 <= nplurals <= MAX_NPLURALS:
        raise PluralFormsError(f"Plural-Forms has nplurals={nplurals}; it must be 1 to {MAX_NPLURALS}")
    try:
        rule = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError) as err:
        raise PluralFormsError(f"Plural-Forms expression {expression!r} is not a plural rule ({err})") from None
    try:
        too_large = next((n for n in _SAMPLES if not 0 <= rule(n) < nplurals), None)
    except (ArithmeticError, ValueError, RecursionError) as err:  # e.g. "n % 0"
        raise PluralFormsError(f"Plural-Forms expression {expression!r} fails for some n ({err})") from None
    if too_large is not None:
        raise PluralFormsError(
            f"Plural-Forms expression gives {rule(too_large)} for n={too_large}, "
            f"but nplurals={nplurals} allows only 0 to {nplurals - 1}"
        )
    return PluralForms(nplurals, " ".join(expression.split()))


def check_header(catalog: Catalog) -> list[Finding]:
    return [*_language(catalog), *_charset(catalog), *_plural_forms(catalog), *_people(catalog)]


PEOPLE_FIELDS = ("Last-Translator", "Language-Team")
MAX_NAME = 80
# "Name <contact>": the contact (e-mail or a team's URL) is what PO editors put in brackets.
_CONTACT = re.compile(r"\s*<[^<>]*>\s*$")
# Characters with a meaning in HTML, Markdown/MyST or a template, never needed in a name.
_MARKUP = frozenset('<>"`*_[]{}|\\#=~^$%')
# An address: a scheme, "www.", an e-mail's "@", or a dot between two words with no space after it
# ("evil.example"; "Dr. Ayşe" and "A.B. Team" are names).
_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*:|\bwww\.|@|[^\s.]\.[^\s.]{2,}", re.IGNORECASE)


def credit_name(value: str) -> tuple[str, str | None]:
    """(the name a people header credits, why it may not be shown or None).

    The name is the value without its bracketed contact; an empty name credits nobody.
    """
    name = _CONTACT.sub("", value).strip()
    if not name:
        return "", None
    if len(name) > MAX_NAME:
        return name, f"is {len(name)} characters long (at most {MAX_NAME})"
    for char in name:
        category = unicodedata.category(char)
        if category[0] == "C" or category in ("Zl", "Zp") or (category == "Zs" and char != " "):
            return name, f"holds the invisible or control character U+{ord(char):04X}"
        if char in _MARKUP:
            return name, f"holds the markup character {char!r}"
    if _ADDRESS.search(name):
        return name, "holds an address (a name only; the contact goes in <...>)"
    return name, None


def _people(catalog: Catalog) -> list[Finding]:
    findings = []
    for field in PEOPLE_FIELDS:
        _, problem = credit_name(catalog.metadata.get(field, ""))
        if problem:
            findings.append(_finding(catalog, field, f"{field}: the name {problem}; it is shown on "
                                     "every edition's imprint"))
    return findings


def _finding(catalog: Catalog, field: str, message: str) -> Finding:
    line = catalog.line_of(f'"{field}:', catalog.header_line or 1)
    return Finding(catalog.path, line, "header", message)


def _language(catalog: Catalog) -> list[Finding]:
    declared = catalog.metadata.get("Language", "").strip()
    expected = catalog.folder_lang
    if not declared:
        wanted = f" (should be {expected!r})" if expected else ""
        return [_finding(catalog, "Language", f"no Language header{wanted}")]
    if expected and declared != expected:
        return [
            _finding(
                catalog,
                "Language",
                f"Language header says {declared!r}, but the catalog is in the {expected!r} folder",
            )
        ]
    return []


def _charset(catalog: Catalog) -> list[Finding]:
    content_type = catalog.metadata.get("Content-Type", "")
    match = _CHARSET.search(content_type)
    if not match:
        return [_finding(catalog, "Content-Type", "Content-Type header names no charset (use UTF-8)")]
    if match.group(1).upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        return [
            _finding(catalog, "Content-Type", f"charset is {match.group(1)}, not UTF-8")
        ]
    return []


def _plural_forms(catalog: Catalog) -> list[Finding]:
    try:
        plural_forms(catalog.metadata.get("Plural-Forms", ""))
    except PluralFormsError as err:
        return [_finding(catalog, "Plural-Forms", str(err))]
    return []
