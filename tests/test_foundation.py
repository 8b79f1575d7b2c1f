"""The plugin foundation: settings merged over defaults, listed-only receivers."""

from __future__ import annotations

import logging
import types

from blinker import Signal

from vnarchive.foundation import Plugin, settings_of

PLUGIN = Plugin("vnarchive.example", "EXAMPLE", {"COUNT": 5, "ENABLED": True})


def test_settings_are_merged_over_the_defaults_and_bad_ones_logged(caplog):
    assert PLUGIN.options({}) == {"COUNT": 5, "ENABLED": True}
    with caplog.at_level(logging.WARNING):
        assert PLUGIN.options({"EXAMPLE": {"COUNT": 3, "BOGUS": 1}}) == {"COUNT": 3, "ENABLED": True}
        assert PLUGIN.options({"EXAMPLE": "nonsense"}) == {"COUNT": 5, "ENABLED": True}
    assert "unknown EXAMPLE keys ignored: BOGUS" in caplog.text
    assert "EXAMPLE must be a dict, got 'str'" in caplog.text


def test_listed_by_full_name_or_module_never_by_a_short_name():
    module = types.ModuleType("vnarchive.example")
    assert PLUGIN.listed({"PLUGINS": ["vnarchive.example"]})
    assert PLUGIN.listed({"PLUGINS": [module]})
    assert not PLUGIN.listed({"PLUGINS": ["example"]})  # a third party's plugin of the same short name
    assert not PLUGIN.listed({"PLUGINS": []}) and not PLUGIN.listed({"PLUGINS": None}) and not PLUGIN.listed({})


def test_receivers_run_only_for_senders_that_list_the_plugin():
    calls = []

    def handler(sender, **kwargs):
        calls.append(sender)
        return "answer"

    signal = Signal()
    PLUGIN.connect(signal, handler)
    PLUGIN.connect(signal, handler)  # a second build registers again: still one receiver
    assert len(signal.receivers) == 1
    ours = types.SimpleNamespace(settings={"PLUGINS": ["vnarchive.example"]})
    other = types.SimpleNamespace(settings={"PLUGINS": []})
    assert signal.send(other) == [(PLUGIN.receiver(handler), None)]
    assert signal.send(ours) == [(PLUGIN.receiver(handler), "answer")]
    assert calls == [ours]


def test_settings_of_every_kind_of_sender():
    settings = {"PLUGINS": []}
    holder = types.SimpleNamespace(settings=settings)
    assert settings_of(holder, {}) is settings  # Pelican, a generator, readers, a writer
    assert settings_of([holder], {}) is settings  # all_generators_finalized
    assert settings_of("/out/page.html", {"context": settings}) is settings  # content_written
    assert settings_of(object(), {}) is None


def test_a_theme_without_a_plugins_template_is_logged_not_fatal(caplog):
    from pelican.generators import PelicanTemplateNotFound

    from vnarchive.foundation import Plugin

    class Generator:
        def get_template(self, name):
            if name == "missing":
                raise PelicanTemplateNotFound(name)
            return f"<{name}>"

    plugin = Plugin("vnarchive.example")
    assert plugin.templates(Generator(), "a", "b", missing="pages") == ["<a>", "<b>"]
    with caplog.at_level("WARNING"):
        assert plugin.templates(Generator(), "a", "missing", missing="the example pages") is None
    assert "the example pages not written" in caplog.text
