"""Every reach into a library's internals is a row of DEVELOPING.md's coupling table.

An upgrade breaks what a library never promised: its private modules and attributes, and the
functions we replace. The table is what ``make upgrade-check`` tests per library and what a
maintainer reads before an upgrade, so a reach it does not name is a break nobody will look
for. This test reads the code the way ``tests/i18n/test_layering.py`` reads imports and finds:

- imports of private modules or names (``sphinx.builders._epub_base``);
- private attributes the project does not define itself (``node._document``), also when named
  by a string (``getattr(i18n, "_publish_msgstr")``);
- assignments to an imported library module's attributes or their items (``pyphen.hdcache =``,
  ``pyphen.LANGUAGES_LOWERCASE[name] =``);
- functions of ours put in place of a library object's attribute (``templates.render = ...``).

Each must appear in a row whose *where* cell names the module and whose *relies on* cell names
the attribute. Markup scraped from a theme cannot be found this way; those rows are written by
hand (5, 6).
"""

from __future__ import annotations

import ast
from pathlib import Path

from brochure.base.editions import ROOT
from brochure.tools.upgrade_check import couplings

PACKAGE = ROOT / "brochure"
# Names with a leading underscore that their libraries document as public.
PUBLIC = {
    ("sphinx.locale", "_"),  # Sphinx's documented translation function
    ("lxml.etree", "_Element"),  # lxml's documented element class
}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _own_names(trees: list[ast.Module]) -> set[str]:
    """Every name the project defines: functions, classes, variables, arguments, self.attributes."""
    names = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) \
                    and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                names.add(node.attr)
    return names


def reaches(path: Path, tree: ast.Module, own: set[str]) -> set[str]:
    """The library internals one module reaches into, by attribute or module name."""
    found: set[str] = set()
    modules: dict[str, str] = {}  # names bound to imported library modules (or their functions)
    functions = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not alias.name.startswith("brochure"):
                    bound = alias.asname or alias.name.split(".")[0]
                    modules[bound] = alias.name if alias.asname else bound
                    found |= {part for part in alias.name.split(".") if _private(part)}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and not node.module.startswith("brochure"):
            for alias in node.names:
                if (node.module, alias.name) in PUBLIC:
                    continue
                found |= {part for part in [*node.module.split("."), alias.name] if _private(part)}
                if alias.name[:1].islower():  # a submodule or function: patchable
                    modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
            base = modules.get(node.value.id) if isinstance(node.value, ast.Name) else None
            if (base, node.attr) not in PUBLIC:
                found.add(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("getattr", "setattr", "hasattr") and len(node.args) >= 2 \
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str) \
                and _private(node.args[1].value) and node.args[1].value not in own:
            found.add(node.args[1].value)
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                while isinstance(target, ast.Subscript):
                    target = target.value
                if not isinstance(target, ast.Attribute):
                    continue
                if isinstance(target.value, ast.Name) and target.value.id in modules:
                    found.add(target.attr)  # a library module's state, replaced or filled
                elif isinstance(node.value, ast.Name) and node.value.id in functions \
                        and not (isinstance(target.value, ast.Name) and target.value.id in ("self", "cls")):
                    found.add(target.attr)  # one of our functions in place of a library's
    return found


def test_every_reach_into_a_library_is_in_the_coupling_table():
    paths = sorted(PACKAGE.rglob("*.py"))
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in paths}
    own = _own_names(list(trees.values()))
    rows = couplings()
    missing = []
    for path, tree in trees.items():
        module = path.relative_to(PACKAGE).as_posix()
        for name in sorted(reaches(path, tree, own)):
            if not any(module in row.where and name in row.relies_on for row in rows):
                missing.append(f"brochure/{module}: {name}")
    assert missing == [], "add a row to DEVELOPING.md's coupling table for each"


def test_the_scanner_finds_each_kind_of_reach():
    source = '''
import pyphen
from sphinx.builders._epub_base import EpubBuilder
from sphinx.transforms import i18n

def ours(*args):
    pass

def setup(app, node, templates):
    node._document = None
    getattr(i18n, "_publish_msgstr")
    pyphen.hdcache = {}
    pyphen.LANGUAGES_LOWERCASE["tr"] = "tr"
    templates.render = ours
    self_made = ours
'''
    tree = ast.parse(source)
    assert reaches(Path("x.py"), tree, own={"ours", "setup", "self_made"}) == {
        "_epub_base", "_document", "_publish_msgstr", "hdcache", "LANGUAGES_LOWERCASE", "render"}
