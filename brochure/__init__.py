"""Tooling and Sphinx extensions of the multilingual Jubiläumsbroschüre edition."""
