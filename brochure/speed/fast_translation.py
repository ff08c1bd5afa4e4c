"""Translate messages without rebuilding MyST's machinery for each one.

Why a translated edition is slow
--------------------------------
Sphinx's ``Locale`` transform (``sphinx.transforms.i18n.Locale.apply``) parses every translated
message on its own, through the module function ``sphinx.transforms.i18n._publish_msgstr``
(once or twice per message: a second time for messages that are not titles or glossary
terms). For a Markdown page each of these parses ends in
``myst_parser.parsers.sphinx_.MystParser.parse``, which per call

* builds a new markdown-it parser with all MyST plugins:
  ``myst_parser.parsers.mdit.create_md_parser(config, SphinxRenderer)``;
* and, through ``DocutilsRenderer.setup_render``, which evaluates
  ``options.get("document", make_document())`` eagerly, builds docutils' default settings
  with ``myst_parser.mdit_to_docutils.base.make_document`` ->
  ``docutils.frontend.get_default_settings`` (a full ``OptionParser`` with every docutils
  option) only to throw the resulting document away: the real document is in ``options``.

Both are the same for every message of a build, yet together they cost three times the
parse itself (profile of the Turkish edition, ~480 messages: 77 % of ``_publish_msgstr``'s
time; without a profiler the Locale transform takes about 1.0 s with them, 0.25 s without).

What this extension does
------------------------
While Sphinx publishes one msgstr (and only then, and only for an application that loaded
this extension):

* the first ``create_md_parser`` call, the one for the msgstr itself, gets a parser that is
  built once per MyST configuration object and reused; any further call during the same
  message (a nested parse) gets a fresh parser as before, so one renderer is never used by
  two parses at once;
* ``get_default_settings`` as seen by MyST's ``make_document`` returns a deep copy of
  settings computed once per component set, which is what a fresh ``OptionParser`` would
  have produced.

Pages themselves are parsed exactly as before. The output is byte-identical (see
``tests/speed/test_build_speed.py``).

Three module attributes are replaced, each by a thin wrapper that calls the original:
``sphinx.transforms.i18n._publish_msgstr``, ``myst_parser.parsers.sphinx_.create_md_parser``
and ``myst_parser.mdit_to_docutils.base.get_default_settings`` (MyST's own imported name, not
docutils'). Before patching, the code objects are checked to still look the names up there;
if a Sphinx or MyST release changes this, the extension patches nothing and warns
(``fast_translation.unsupported``), so ``-W`` builds fail loudly instead of silently losing
either speed or correctness.

State is per thread and per process, so parallel reading (forked worker processes) is safe.

Upstream: no issue or pull request makes it unnecessary yet. It goes when Sphinx's ``Locale``
transform (``sphinx/transforms/i18n.py``) or MyST-Parser parses translated messages with one
parser and one set of settings per build; ``make bench`` (c, d) measures what it is worth.
"""

from __future__ import annotations

import copy
import functools
import inspect
import threading
import weakref
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# Marks our wrappers so a second setup() (another app in the same process) does not wrap twice.
_MARK = "_fast_translation_original"

# Configurations (one per Sphinx application) that asked for the fast path. Applications
# without this extension in the same process keep Sphinx's and MyST's stock behaviour.
_ENABLED_CONFIGS: weakref.WeakSet = weakref.WeakSet()


class _MessageScope(threading.local):
    """Where this thread is: inside ``_publish_msgstr`` or not, and what it may reuse."""

    active: bool = False  # a msgstr of an enabled application is being published
    parser_taken: bool = False  # the cached parser is in use by this message's parse
    # One cached parser per thread: (config it was built for, snapshot of it, renderer, parser)
    parser_slot: tuple[Any, Any, type, Any] | None = None


_scope = _MessageScope()

# get_default_settings(*components) results, never handed out themselves (only deep copies).
_settings_cache: dict[tuple, Any] = {}
_settings_lock = threading.Lock()


# -- Feature detection --------------------------------------------------------


def _looks_up(function: Callable, name: str) -> bool:
    """Whether ``function`` refers to the global ``name`` (so replacing it takes effect)."""
    code = getattr(inspect.unwrap(function), "__code__", None)
    return code is not None and name in code.co_names


def _unsupported() -> list[str]:
    """Reasons the installed Sphinx/MyST differ from what the wrappers rely on (empty: fine)."""
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers import sphinx_ as myst_sphinx
    from sphinx.transforms import i18n

    problems = []
    publish = getattr(i18n, "_publish_msgstr", None)
    if publish is None or not _looks_up(i18n.Locale.apply, "_publish_msgstr"):
        problems.append("sphinx.transforms.i18n.Locale.apply no longer calls _publish_msgstr")
    else:
        config = inspect.signature(inspect.unwrap(publish)).parameters.get("config")
        if config is None or config.kind is not inspect.Parameter.KEYWORD_ONLY:
            problems.append("sphinx.transforms.i18n._publish_msgstr has no keyword 'config'")
    if not hasattr(myst_sphinx, "create_md_parser") or not _looks_up(
        myst_sphinx.MystParser.parse, "create_md_parser"
    ):
        problems.append("myst_parser MystParser.parse no longer calls create_md_parser")
    if not hasattr(base, "get_default_settings") or not _looks_up(
        base.make_document, "get_default_settings"
    ):
        problems.append("myst_parser make_document no longer calls get_default_settings")
    return problems


# -- Wrappers -----------------------------------------------------------------


def _wrap_publish_msgstr(original: Callable) -> Callable:
    """Open a message scope around Sphinx's per-message parse, for enabled applications."""

    @functools.wraps(original)
    def publish_msgstr(*args: Any, **kwargs: Any) -> Any:
        if _scope.active or kwargs.get("config") not in _ENABLED_CONFIGS:
            return original(*args, **kwargs)
        _scope.active, _scope.parser_taken = True, False
        try:
            return original(*args, **kwargs)
        finally:
            _scope.active = _scope.parser_taken = False

    setattr(publish_msgstr, _MARK, original)
    return publish_msgstr


def _cached_parser(original: Callable, config: Any, renderer: type) -> Any:
    """The parser for ``config``, rebuilt only if the config object or its values changed."""
    slot = _scope.parser_slot
    if slot is not None:
        cached_config, snapshot, cached_renderer, parser = slot
        # Identity keeps options["myst_config"] the very object MyST would pass; equality with
        # the snapshot notices a configuration changed in place since the parser was built.
        if cached_config is config and cached_renderer is renderer and snapshot == config:
            return parser
    parser = original(config, renderer)
    _scope.parser_slot = (config, copy.deepcopy(config), renderer, parser)
    return parser


def _wrap_create_md_parser(original: Callable) -> Callable:
    """Reuse one markdown-it parser for the msgstr parses of an enabled application."""

    @functools.wraps(original)
    def create_md_parser(config: Any, renderer: type) -> Any:
        if not _scope.active or _scope.parser_taken:
            # Pages, and any parse nested inside a message, build their own parser as before.
            return original(config, renderer)
        _scope.parser_taken = True
        return _cached_parser(original, config, renderer)

    setattr(create_md_parser, _MARK, original)
    return create_md_parser


def _wrap_get_default_settings(original: Callable) -> Callable:
    """Serve docutils' default settings from a cache while a msgstr is published."""

    @functools.wraps(original)
    def get_default_settings(*components: Any) -> Any:
        if not _scope.active:
            return original(*components)
        with _settings_lock:
            pristine = _settings_cache.get(components)
            if pristine is None:
                pristine = _settings_cache[components] = original(*components)
        # A deep copy: the settings hold mutable values (record_dependencies, _config_files)
        # that must not be shared between documents.
        return copy.deepcopy(pristine)

    setattr(get_default_settings, _MARK, original)
    return get_default_settings


def _replace(module: Any, name: str, wrap: Callable[[Callable], Callable]) -> None:
    """Wrap ``module.name`` once per process."""
    current = getattr(module, name)
    if not hasattr(current, _MARK):
        setattr(module, name, wrap(current))


def install() -> bool:
    """Install the three wrappers; False (and nothing patched) if the stack is unsupported."""
    problems = _unsupported()
    if problems:
        logger.warning(
            "fast_translation disabled, translated builds stay slow: %s",
            "; ".join(problems),
            type="fast_translation",
            subtype="unsupported",
        )
        return False
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers import sphinx_ as myst_sphinx
    from sphinx.transforms import i18n

    _replace(i18n, "_publish_msgstr", _wrap_publish_msgstr)
    _replace(myst_sphinx, "create_md_parser", _wrap_create_md_parser)
    _replace(base, "get_default_settings", _wrap_get_default_settings)
    return True


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_parser")  # the wrapped functions live there
    if install():
        _ENABLED_CONFIGS.add(app.config)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
