"""What every plugin of this project is built on: its settings, whether it
acts for a build, and its logger.

Pelican's signals are process-wide: a receiver connected by one build is
called for every later Pelican instance in the process, including one whose
PLUGINS does not list the plugin (a test run, an embedding application).
So each plugin connects its receivers through `Plugin.connect`, which calls
them only for a sender (a Pelican, generator, readers, writer, or a
`content_written` context) whose settings list the plugin. The handlers
themselves stay plain functions that tests and benchmarks can call.

Settings follow the pelican-plugins convention: one namespaced dict
(`DATE_ARCHIVES = {...}`) merged over documented defaults; a value that is
not a dict, or an unknown key, is logged and ignored.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Mapping


def plugin_name(entry) -> str:
    """The name Pelican gives a PLUGINS entry: a module's __name__, or the string."""
    if isinstance(entry, str):
        return entry
    if inspect.ismodule(entry):
        return entry.__name__
    return getattr(entry, "__qualname__", type(entry).__qualname__)


def settings_of(sender, kwargs: Mapping) -> Mapping | None:
    """The settings a signal's sender was made with, or None when it has none.

    Senders: Pelican, generators, readers and writers carry `.settings`;
    `all_generators_finalized` sends the list of generators;
    `content_written` sends a path, with the page's context (a copy of the
    settings) as a keyword."""
    settings = getattr(sender, "settings", None)
    if isinstance(settings, Mapping):
        return settings
    if isinstance(sender, (list, tuple)) and sender:
        return settings_of(sender[0], {})
    context = kwargs.get("context")
    return context if isinstance(context, Mapping) else None


class Plugin:
    """One plugin: its module name, its settings dict and defaults, its logger."""

    def __init__(self, name: str, setting: str | None = None, defaults: Mapping | None = None):
        self.name = name  # the plugin module's __name__, as PLUGINS lists it
        self.label = name.rpartition(".")[2]  # prefix of log messages
        self.setting = setting
        self.defaults = dict(defaults or {})
        self.logger = logging.getLogger(name)
        self._receivers: dict[Callable, Callable] = {}

    def listed(self, settings: Mapping) -> bool:
        """Whether these settings' PLUGINS name this plugin (not a plugin of the same short name)."""
        return any(plugin_name(entry) == self.name for entry in settings.get("PLUGINS") or ())

    def options(self, settings: Mapping) -> dict:
        """The plugin's settings dict merged over its defaults; bad values logged and ignored."""
        user = (settings.get(self.setting) or {}) if self.setting else {}
        if not isinstance(user, Mapping):
            self.logger.error("%s: %s must be a dict, got %r; using defaults", self.label, self.setting, type(user).__name__)
            user = {}
        unknown = set(user) - set(self.defaults)
        if unknown:
            self.logger.warning("%s: unknown %s keys ignored: %s", self.label, self.setting, ", ".join(sorted(map(str, unknown))))
        return {**self.defaults, **{k: v for k, v in user.items() if k in self.defaults}}

    def receiver(self, handler: Callable) -> Callable:
        """`handler`, called only for senders whose settings list this plugin
        (else it returns None: no answer to `get_writer`, no generator). One
        wrapper per handler, so connecting again in a later build is a no-op."""
        wrapper = self._receivers.get(handler)
        if wrapper is None:

            @functools.wraps(handler)
            def wrapper(sender, **kwargs):
                settings = settings_of(sender, kwargs)
                if settings is None or not self.listed(settings):
                    return None
                return handler(sender, **kwargs)

            self._receivers[handler] = wrapper
        return wrapper

    def templates(self, generator, *names: str, missing: str) -> list | None:
        """The theme's templates by name, or None (logged: "<missing> not written")
        when the theme lacks one: a theme without a page kind still builds."""
        from pelican.generators import PelicanTemplateNotFound

        try:
            return [generator.get_template(name) for name in names]
        except PelicanTemplateNotFound as error:
            self.logger.warning("%s: the theme has no %s template (%s); %s not written", self.label, "/".join(names), error, missing)
            return None

    def connect(self, signal, handler: Callable) -> None:
        """Connect `handler` to `signal` for the builds that list this plugin."""
        signal.connect(self.receiver(handler), weak=False)
