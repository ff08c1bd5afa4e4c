"""Command-line tooling for publishers and translators (run as ``python -m brochure.tools.X``)."""
