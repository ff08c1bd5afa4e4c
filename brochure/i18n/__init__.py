"""The translation core: every rule about catalogs lives here, once.

The Sphinx extensions (``brochure.sphinxext``), the command-line tools (``brochure.tools``)
and the release gate all call these modules; none of them re-implements a rule. Layering:
``brochure.i18n`` imports neither ``brochure.sphinxext`` nor ``brochure.tools``, and
``brochure.sphinxext`` never imports ``brochure.tools`` (a test enforces both).
"""
