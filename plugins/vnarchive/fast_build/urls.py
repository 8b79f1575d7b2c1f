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
"""

from __future__ import annotations

import copyreg

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

NAMES = ("url", "save_as", "page_name")
_SUBCLASSES: dict[type, type] = {}


class _Once:
    """Non-data descriptor: computes through the class's property, then the
    value stored in the instance answers every later lookup."""

    def __init__(self, name: str, computed):
        self.name, self.computed = name, computed

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = self.computed.__get__(instance, owner)
        instance.__dict__[self.name] = value
        return value


def _reduce_as_base(self, protocol):
    """Pickle as the original class (the subclass cannot be found by name)."""
    state = {key: value for key, value in self.__dict__.items() if key not in NAMES}
    return copyreg._reconstructor, (type(self).__mro__[1], object, None), state


def _subclass(cls: type) -> type:
    sub = _SUBCLASSES.get(cls)
    if sub is None:
        names = {name: _Once(name, getattr(cls, name)) for name in NAMES if isinstance(getattr(cls, name, None), property)}
        sub = type(cls.__name__, (cls,), {**names, "__module__": cls.__module__, "__qualname__": cls.__qualname__,
                                          "__reduce_ex__": _reduce_as_base, "_fb_urls_once": True})
        _SUBCLASSES[cls] = sub
    return sub


def keep_urls(obj) -> None:
    """Give obj (a Content or URLWrapper) the subclass that keeps its URLs."""
    cls = type(obj)
    if getattr(cls, "_fb_urls_once", False) or not isinstance(obj, (Content, URLWrapper)):
        return
    obj.__class__ = _subclass(cls)


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
