"""Project-local Sphinx extensions, one module per concern."""
