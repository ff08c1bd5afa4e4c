"""The right-to-left layout: furo's physical rules restated, the direction from Babel.

``static/direction.css`` restates furo's ``left``/``right`` rules with logical properties. A furo
release that adds or changes such a rule would leave that part of the layout unmirrored in an
Arabic page; this test reads the installed furo's style sheet and fails naming the rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import furo
import pytest
import tinycss2

from brochure.base.editions import ROOT
from brochure.i18n.direction import direction_attribute, text_direction
from brochure.sphinxext.text_direction import PassageDirection, passage_language

FURO_CSS = Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / "furo.css"
DIRECTION_CSS = ROOT / "static" / "direction.css"
_PHYSICAL = re.compile(r"(^|-)(left|right)($|-)")
# furo rules for markup the brochure never produces (API signatures, code line numbers,
# math, view-code links, text-align helper classes), or that mirror by themselves.
NOT_NEEDED = {
    ".sig:not(.sig-inline)", ".viewcode-back,.viewcode-link", ".highlight .hll",
    ".code-block-caption", ".code-block-caption+div[class]>.highlight", ".highlighttable td.linenos",
    ".highlighttable .linenodiv", ".highlighttable td.code .highlight", ".highlight span.linenos",
    "div.math span.eqno", "article .align-left", "article .align-right",
    "table.docutils td.text-left,table.docutils th.text-left",
    "table.docutils td.text-right,table.docutils th.text-right",
    ".text-align\\:left>p", ".text-align\\:right>p",
    # rotations of the chevrons: up and down look the same in either direction
    ".toctree-checkbox~label .icon svg", ".toctree-checkbox:checked~label .icon svg",
    # the previous-page arrow: direction.css turns both arrows in a right-to-left page
    ".related-pages a.prev-page svg",
}


# Physical on purpose: left 0 + margin-left 50% + translateX(-50%) centres in either direction.
CENTRED = {".back-to-top": {"left", "margin-left"}}


def _rules(css: str, media: str = ""):
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "at-rule" and rule.content is not None:
            yield from _rules(tinycss2.serialize(rule.content), tinycss2.serialize(rule.prelude).strip())
        elif rule.type == "qualified-rule":
            selector = re.sub(r"\s*([>~+,])\s*", r"\1", tinycss2.serialize(rule.prelude).strip())
            declarations = {d.name: tinycss2.serialize(d.value).strip()
                            for d in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True,
                                                                     skip_comments=True)
                            if d.type == "declaration"}
            yield re.sub(r"\s+", "", media), selector, declarations


def _physical(declarations: dict[str, str]) -> dict[str, str]:
    found = {name: value for name, value in declarations.items()
             if _PHYSICAL.search(name) or (name in ("float", "clear", "text-align") and value in ("left", "right"))}
    for box in ("padding", "margin"):  # "padding: top right bottom left" with right != left
        values = _values(declarations.get(box, ""))
        if len(values) == 4 and values[1] != values[3]:
            found[f"{box}-right"], found[f"{box}-left"] = values[1], values[3]
    return found


def _values(value: str) -> list[str]:
    """The space-separated values of a shorthand, calc(…) and var(…) kept whole."""
    return [tinycss2.serialize([token]).strip()
            for token in tinycss2.parse_component_value_list(value, skip_comments=True)
            if token.type != "whitespace"]


def _twin(name: str) -> str:
    return name.replace("left", "\0").replace("right", "left").replace("\0", "right")


def _one_sided(physical: dict[str, str]) -> dict[str, str]:
    """Without pairs such as margin-left: auto and margin-right: auto (the same either way)."""
    return {name: value for name, value in physical.items() if physical.get(_twin(name)) != value}


def test_every_physical_rule_of_furo_is_restated_logically():
    ours = {(media, selector): declarations
            for media, selector, declarations in _rules(DIRECTION_CSS.read_text(encoding="utf-8"))}
    missing = []
    for media, selector, declarations in _rules(FURO_CSS.read_text(encoding="utf-8")):
        physical = {name: value for name, value in _one_sided(_physical(declarations)).items()
                    if name not in CENTRED.get(selector, ())}
        if not physical or selector in NOT_NEEDED:
            continue
        restated = ours.get((media, selector))
        if restated is None or any(name in _physical(declarations) and name not in restated
                                   and not _covered(name, restated) for name in physical):
            missing.append(f"@media {media or 'all'} {{ {selector} {{ {physical} }} }}")
    assert not missing, "furo rules not restated in static/direction.css:\n" + "\n".join(missing)


def _covered(name: str, restated: dict[str, str]) -> bool:
    """A physical property is covered when the rule resets it or sets its logical twin."""
    if name in restated:
        return True
    logical = (name.replace("margin-left", "margin-inline-start").replace("margin-right", "margin-inline-end")
               .replace("padding-left", "padding-inline-start").replace("padding-right", "padding-inline-end")
               .replace("border-left", "border-inline-start").replace("border-right", "border-inline-end"))
    return logical in restated or name in ("float", "clear", "text-align", "left", "right") and (
        name in restated or any(key.startswith("inset-inline") for key in restated))


def test_no_physical_property_left_in_the_rules_that_set_logical_ones():
    """Each restated rule resets furo's physical value, else both would apply in one direction."""
    for _media, selector, declarations in _rules(DIRECTION_CSS.read_text(encoding="utf-8")):
        for name, value in _physical(declarations).items():
            if name in ("float", "clear", "text-align"):
                continue
            assert value in ("0", "none", "auto"), f"{selector}: {name}: {value} is not a reset"


@pytest.mark.parametrize("code, direction", [
    ("ar", "rtl"), ("fa", "rtl"), ("he", "rtl"), ("ur", "rtl"), ("ps", "rtl"), ("ckb", "rtl"),
    ("yi", "rtl"), ("de", "ltr"), ("tr", "ltr"), ("uk", "ltr"), ("pt_BR", "ltr"), ("pt-BR", "ltr"),
    ("zz", "ltr"), (None, "ltr"),
])
def test_direction_comes_from_babels_locale_data(code, direction):
    assert text_direction(code) == direction


def test_passages_get_dir_only_where_the_direction_changes():
    assert direction_attribute("de", "ar") == ' dir="ltr"'
    assert direction_attribute("ar", "de") == ' dir="rtl"'
    assert direction_attribute("de", "fr") == ""
    assert direction_attribute("fa", "ar") == ""


def test_passage_direction_on_the_html_element():
    from docutils import nodes

    class Base:
        def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
            return attributes

    class Translator(PassageDirection, Base):
        def __init__(self, language):
            self.config = type("Config", (), {"language": language})()

    german = nodes.paragraph(classes=["untranslated", "language-de"])
    assert passage_language(german) == "de"
    assert Translator("ar").starttag(german, "p") == {"dir": "ltr"}
    assert Translator("fr").starttag(german, "p") == {}
    assert Translator("ar").starttag(nodes.paragraph(), "p") == {}
