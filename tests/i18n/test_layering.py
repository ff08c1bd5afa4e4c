"""The core imports neither the extensions nor the tools; the extensions never import a tool."""

from __future__ import annotations

import ast
from pathlib import Path

from brochure.editions import ROOT

PACKAGE = ROOT / "brochure"
FORBIDDEN = {
    "brochure.i18n": ("brochure.sphinxext", "brochure.tools", "brochure.speed"),
    # Speed code replaces library work; it builds on nothing of the project's but the core.
    "brochure.speed": ("brochure.sphinxext", "brochure.tools"),
    "brochure.sphinxext": ("brochure.tools",),
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
