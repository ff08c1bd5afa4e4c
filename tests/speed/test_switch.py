"""The one switch of ``brochure.speed``: all modules, none, or all but the named ones."""

from __future__ import annotations

import pytest

from brochure import speed


@pytest.mark.parametrize("value", ["", "on", "ON", "anything"])
def test_every_module_is_on_by_default(monkeypatch, value):
    monkeypatch.setenv(speed.SWITCH, value)
    assert speed.left_out() == frozenset()
    assert speed.extensions() == list(speed.EXTENSIONS)
    assert all(speed.enabled(module) for module in speed.MODULES) and speed.enabled()


@pytest.mark.parametrize("value", ["off", "0", "no", "False"])
def test_off_leaves_every_module_out(monkeypatch, value):
    monkeypatch.setenv(speed.SWITCH, value)
    assert speed.extensions() == []
    assert not any(speed.enabled(module) for module in speed.MODULES) and not speed.enabled()


@pytest.mark.parametrize("module", speed.MODULES)
def test_without_leaves_out_only_the_named_module(monkeypatch, module):
    monkeypatch.setenv(speed.SWITCH, f"without:{module}")
    assert speed.left_out() == {module}
    assert [name.rsplit(".", 1)[1] for name in speed.extensions()] == [
        name.rsplit(".", 1)[1] for name in speed.EXTENSIONS if not name.endswith("." + module)]
    assert {m for m in speed.MODULES if speed.enabled(m)} == set(speed.MODULES) - {module}


def test_an_unknown_module_name_is_an_error_not_a_silent_no_op(monkeypatch):
    monkeypatch.setenv(speed.SWITCH, "without:fast_navigaton")
    with pytest.raises(ValueError, match="fast_navigaton"):
        speed.left_out()


def test_every_extension_is_a_named_module():
    assert {name.rsplit(".", 1)[1] for name in speed.EXTENSIONS} <= set(speed.MODULES)
