"""Every module sits in a layer, and no import crosses a layer upwards.

The layers, lowest first: ``base`` (the editions table, build dates), ``i18n`` (the translation
core), ``speed`` and ``typesetting`` (beside each other), ``sphinxext`` (extensions), ``tools``
(command-line tools). DEVELOPING.md's "The layers" says what each may import.
"""

from __future__ import annotations

import ast
from pathlib import Path

from brochure.base.editions import ROOT

PACKAGE = ROOT / "brochure"
FORBIDDEN = {
    "brochure.base": ("brochure.i18n", "brochure.speed", "brochure.typesetting", "brochure.sphinxext",
                      "brochure.tools"),
    "brochure.i18n": ("brochure.speed", "brochure.typesetting", "brochure.sphinxext", "brochure.tools"),
    # Speed code replaces library work; it builds on nothing of the project's but the core.
    "brochure.speed": ("brochure.typesetting", "brochure.sphinxext", "brochure.tools"),
    "brochure.typesetting": ("brochure.i18n", "brochure.sphinxext", "brochure.tools"),
    "brochure.sphinxext": ("brochure.tools",),
    "brochure.tools": (),
}


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (function-level imports included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
    return found


def test_no_import_crosses_a_layer_upwards():
    crossings = []
    for layer, forbidden in FORBIDDEN.items():
        for path in sorted((ROOT / layer.replace(".", "/")).rglob("*.py")):
            for line, module in imports(path):
                if module.startswith(forbidden):
                    crossings.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    assert crossings == []


def test_the_scan_sees_function_level_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from brochure.tools import x\n", encoding="utf-8")
    assert imports(sample) == [(2, "brochure.tools")]


def test_every_module_is_in_a_layer():
    layers = {layer.removeprefix("brochure.") for layer in FORBIDDEN}
    outside = [path.relative_to(ROOT).as_posix() for path in sorted(PACKAGE.rglob("*.py"))
               if path.parent == PACKAGE and path.name != "__init__.py"
               or path.parent != PACKAGE and path.relative_to(PACKAGE).parts[0] not in layers]
    assert outside == []
