"""Typesetting for web and print: soft hyphens by each language's rules (Turkish by its own)."""
