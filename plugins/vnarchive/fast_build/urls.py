"""Each article's and each tag's, category's and author's URL computed once per build.

Pelican computes `url` and `save_as` from the settings on every access
(Content.url_format builds a dict with the source path, date and slug;
URLWrapper formats its setting). A page lists dozens of articles with
their tags and authors, so a build computes the same URLs hundreds of
thousands of times: about a tenth of the rendering time at 10,000
articles. Once the context is final (`all_generators_finalized`), each
object is given a subclass of its own class, of the same name, whose
`url`, `save_as` and `page_name` keep the first value they return. Nothing
in Pelican is changed; `isinstance` holds; a pickled object comes back as
its original class, without the kept values.

An article gets that subclass as soon as it is made (`content_object_init`,
`remember_source`), its URLs not yet kept: until the context is final only
its path relative to the content folder is, which Pelican otherwise works
out again (`relpath` of two `abspath`s) for each of the half-dozen URL
lookups an article gets while it is read and listed.
"""

from __future__ import annotations

import copyreg

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

NAMES = ("url", "save_as", "page_name")
_SUBCLASSES: dict[type, type] = {}


FINAL = "_fb_urls_final"  # set in an instance whose URLs are kept from now on
_SOURCE = "_fb_source"  # (source_path, PATH, its path relative to PATH)


class _Once:
    """Non-data descriptor: computes through the class's property; once the
    object is final, the value stored in the instance answers every later lookup."""

    def __init__(self, name: str, computed):
        self.name, self.computed = name, computed

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = self.computed.__get__(instance, owner)
        if FINAL in instance.__dict__:
            instance.__dict__[self.name] = value
        return value


def _relative_source_path(base: type):
    """base.get_relative_source_path, remembered for the object's own source (the common call)."""
    computed = base.get_relative_source_path

    def get_relative_source_path(self, source_path=None):
        if source_path and source_path != self.source_path:
            return computed(self, source_path)
        kept = self.__dict__.get(_SOURCE)
        path = self.settings["PATH"]
        if kept is None or kept[0] != self.source_path or kept[1] != path:
            kept = self.__dict__[_SOURCE] = (self.source_path, path, computed(self))
        return kept[2]

    return get_relative_source_path


def _reduce_as_base(self, protocol):
    """Pickle as the original class (the subclass cannot be found by name), without kept values."""
    state = {key: value for key, value in self.__dict__.items() if key not in NAMES and key not in (FINAL, _SOURCE)}
    return copyreg._reconstructor, (type(self).__mro__[1], object, None), state


def _subclass(cls: type) -> type:
    sub = _SUBCLASSES.get(cls)
    if sub is None:
        names = {name: _Once(name, getattr(cls, name)) for name in NAMES if isinstance(getattr(cls, name, None), property)}
        if issubclass(cls, Content):
            names["get_relative_source_path"] = _relative_source_path(cls)
        sub = type(cls.__name__, (cls,), {**names, "__module__": cls.__module__, "__qualname__": cls.__qualname__,
                                          "__reduce_ex__": _reduce_as_base, "_fb_urls_once": True})
        _SUBCLASSES[cls] = sub
    return sub


def _give_subclass(obj) -> bool:
    cls = type(obj)
    if getattr(cls, "_fb_urls_once", False):
        return True
    if not isinstance(obj, (Content, URLWrapper)):
        return False
    obj.__class__ = _subclass(cls)
    return True


def remember_source(content) -> None:
    """content_object_init: the subclass now, so the relative source path is worked out once."""
    _give_subclass(content)


def keep_urls(obj) -> None:
    """Give obj (a Content or URLWrapper) the subclass that keeps its URLs, from now on."""
    if _give_subclass(obj):
        obj.__dict__[FINAL] = True


def _wrappers(content):
    for name in ("category", "author"):
        value = getattr(content, name, None)
        if isinstance(value, URLWrapper):
            yield value
    for name in ("tags", "authors"):
        for value in getattr(content, name, None) or ():
            if isinstance(value, URLWrapper):
                yield value


def keep_all_urls(generators) -> int:
    """Every content object of the generators, and the tags, categories and
    authors they carry or list. Returns how many objects were changed."""
    seen: set[int] = set()
    count = 0

    def visit(obj) -> None:
        nonlocal count
        if id(obj) in seen:
            return
        seen.add(id(obj))
        keep_urls(obj)
        count += 1

    for generator in generators:
        for name in ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations",
                     "pages", "hidden_pages", "draft_pages"):
            for content in getattr(generator, name, None) or ():
                visit(content)
                for wrapper in _wrappers(content):
                    visit(wrapper)
        for name in ("tags", "categories", "authors"):
            listing = getattr(generator, name, None)
            pairs = listing.items() if isinstance(listing, dict) else listing or ()
            for pair in pairs:
                if isinstance(pair, tuple) and pair and isinstance(pair[0], URLWrapper):
                    visit(pair[0])
    return count
