"""Stable digests of what a page is rendered from.

A page's key is a digest of its template family, the settings, and every
context value its templates name. Two builds that give a page the same key
render the same bytes, so the writer can keep the file from the last build.

Values are digested by what they hold, never by identity: Pelican content
objects by their source, text, metadata and the attributes plugins added
(an article that lists related articles depends on those articles' titles,
dates and summaries, so nested content is digested by its own metadata and
text); URL wrappers (tags, categories, authors) by name and URLs. Anything
whose only representation includes a memory address is "unstable": the page
is then always rendered, which is slow but never wrong.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import hashlib
import re
import types
from collections.abc import Mapping

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# Content attributes that are shared, or derived from what is digested already
# (URLs kept by urls.py come from the metadata).
_SKIP_ATTRS = frozenset({"settings", "_context", "metadata", "_content", "url", "save_as", "page_name"})
MAX_DEPTH = 12


class Unstable(Exception):
    """A value with no stable digest: the page must be rendered."""


def _hash() -> "hashlib._Hash":
    return hashlib.blake2b(digest_size=16)


class Digester:
    """Digests for one build; containers and content objects are memoised by id."""

    def __init__(self, plain: bool = False):
        # plain: only data and code have a digest (for settings, where plugins
        # also keep run-time objects such as a conversion result).
        self._plain = plain
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._ident: dict[int, tuple[object, bytes]] = {}
        self._own: dict[int, tuple[object, bytes]] = {}
        self._item: dict[int, tuple[object, bytes]] = {}
        self._wrappers: dict[int, tuple[object, bytes]] = {}

    # -- public ---------------------------------------------------------------

    def digest(self, value) -> bytes:
        h = _hash()
        self._feed(h, value, 0)
        return h.digest()

    def feed(self, h, value) -> None:
        """Add value's digest to a running hash (raises Unstable)."""
        self._feed(h, value, 0)

    def content_own(self, content: Content) -> bytes:
        """The article as its own page shows it: identity, plugin attributes, and
        the identity (title, date, summary, ...) of the articles it links to."""
        return self._with_attributes(content, self._own, nested=True, shallow=False)

    def content_item(self, content: Content) -> bytes:
        """The article as a listing shows it: identity and plugin attributes, but not
        its links to other articles (related, previous/next): a listing shows an
        article's own fields, and one new article changes the related lists of
        many others (docs/performance.md, "contract for templates")."""
        return self._with_attributes(content, self._item, nested=True, shallow=True, relations=False)

    def _with_attributes(self, content: Content, memo: dict, nested: bool, shallow: bool, relations: bool = True) -> bytes:
        cached = memo.get(id(content))
        if cached is not None and cached[0] is content:
            return cached[1]
        h = _hash()
        h.update(self.content_ident(content))
        metadata = getattr(content, "metadata", None) or {}
        for name, value in sorted(vars(content).items()):
            if name in _SKIP_ATTRS or name.startswith("_fb") or (name in metadata and metadata[name] is value):
                continue  # shared, or already in the identity digest through the metadata
            h_name = b"\x00a" + name.encode()
            if type(value) is str:  # _feed's first case, without the calls
                data = value.encode("utf-8", "surrogatepass")
                h.update(h_name)
                h.update(b"\x02%d:" % len(data))
                h.update(data)
                continue
            if not relations and _mentions_content(value):
                continue
            h.update(h_name)
            self._feed(h, value, 1, nested=nested, shallow=shallow)
        digest = h.digest()
        memo[id(content)] = (content, digest)
        return digest

    def content_ident(self, content: Content) -> bytes:
        """What another page may show of an article: its source, metadata and text."""
        cached = self._ident.get(id(content))
        if cached is not None and cached[0] is content:
            return cached[1]
        h = _hash()
        h.update(type(content).__name__.encode())
        h.update(b"\x00p" + str(getattr(content, "source_path", "") or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00c" + (getattr(content, "_content", "") or "").encode("utf-8", "surrogatepass"))
        try:  # plugins may show the file's time (feeds' <updated>, sitemaps' <lastmod>)
            h.update(b"\x00t%d" % os.stat(content.source_path).st_mtime_ns)
        except (OSError, TypeError, AttributeError):
            pass
        metadata = getattr(content, "metadata", {}) or {}
        feed = self._feed
        for key in sorted(metadata):
            h.update(b"\x00m" + str(key).encode())
            value = metadata[key]
            if type(value) is str:  # most fields: _feed's first case, without the call
                data = value.encode("utf-8", "surrogatepass")
                h.update(b"\x02%d:" % len(data))
                h.update(data)
            else:
                feed(h, value, 1, nested=True, shallow=True)
        digest = h.digest()
        self._ident[id(content)] = (content, digest)
        return digest

    # -- recursion --------------------------------------------------------------

    def _feed(self, h, value, depth: int, nested: bool = False, shallow: bool = False) -> None:
        kind = type(value)
        if kind is str:  # the most frequent case first
            data = value.encode("utf-8", "surrogatepass")
            h.update(b"\x02%d:" % len(data))
            h.update(data)
            return
        if kind is list or kind is tuple:
            self._feed_sequence(h, value, depth, nested, shallow)
            return
        if depth > MAX_DEPTH:
            raise Unstable("nested too deeply")
        if value is None or kind in (bool, int, float, complex):
            h.update(b"\x01" + repr(value).encode())
            return
        if isinstance(value, Content):
            self._feed_content(h, value, nested, shallow)
            return
        if isinstance(value, str):
            self._feed(h, str(value), depth)
            return
        if isinstance(value, (bytes, bytearray)):
            h.update(b"\x03%d:" % len(value))
            h.update(value)
            return
        if isinstance(value, (dt.date, dt.time)):
            h.update(b"\x04" + value.isoformat().encode() + repr(getattr(value, "tzinfo", None)).encode())
            return
        if isinstance(value, URLWrapper):
            cached = self._wrappers.get(id(value))
            if cached is None or cached[0] is not value:
                inner = _hash()
                inner.update(b"\x07" + type(value).__name__.encode())
                for part in (value.name, value.slug, value.url, value.save_as):
                    self._feed(inner, part, depth + 1)
                cached = self._wrappers[id(value)] = (value, inner.digest())
            h.update(cached[1])
            return
        if isinstance(value, Page):
            self._feed_page(h, value, depth, nested)
            return
        if isinstance(value, Paginator):
            # Templates may use a paginator's page count, not the full list nor its item count
            # (see docs/performance.md): so the older pages of a listing stay as they were.
            h.update(b"\x08" + type(value).__name__.encode())
            self._feed(h, (value.name, value.url, value.per_page, value.num_pages), depth + 1)
            return
        if isinstance(value, (list, tuple)):
            self._feed_sequence(h, value, depth, nested, shallow)
            return
        if isinstance(value, Mapping):
            self._feed_mapping(h, value, depth, nested, shallow)
            return
        if isinstance(value, (set, frozenset)):
            parts = sorted(self._sub(v, depth, nested, shallow) for v in value)
            h.update(b"\x09%d" % len(parts))
            for part in parts:
                h.update(part)
            return
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type, types.ModuleType)):
            self._feed_code(h, value)
            return
        if not self._plain:
            fields = _data_fields(value)
            if fields is not None:
                self._feed_object(h, value, fields, depth, nested, shallow)
                return
        text = repr(value)
        if self._plain and not isinstance(value, tuple):
            raise Unstable(f"{type(value).__name__} is not plain data")
        if _ADDRESS.search(text) or type(value).__repr__ is object.__repr__:
            raise Unstable(f"no stable form for {type(value).__name__}")
        h.update(b"\x0a" + type(value).__qualname__.encode() + text.encode("utf-8", "surrogatepass"))

    def _feed_object(self, h, value, fields: list[str], depth: int, nested: bool, shallow: bool) -> None:
        """A dataclass or plain object (a plugin's archive tree, say), by its fields."""
        memo_key = (id(value), nested, shallow)
        cached = self._memo.get(memo_key)
        if cached is not None and cached[0] is value:
            h.update(cached[1])
            return
        inner = _hash()
        inner.update(b"\x0f" + type(value).__qualname__.encode())
        for name in fields:
            inner.update(b"\x00" + name.encode())
            self._feed(inner, getattr(value, name), depth + 1, nested, shallow)
        digest = inner.digest()
        self._memo[memo_key] = (value, digest)
        h.update(digest)

    def _feed_content(self, h, value: Content, nested: bool, shallow: bool, item: bool = False) -> None:
        if shallow:  # a reference only
            h.update(b"\x05" + str(getattr(value, "source_path", "")).encode("utf-8", "surrogatepass"))
        elif nested:
            h.update(b"\x06" + self.content_ident(value))
        elif item:
            h.update(b"\x10" + self.content_item(value))
        else:
            h.update(b"\x11" + self.content_own(value))

    def _sub(self, value, depth, nested, shallow) -> bytes:
        h = _hash()
        self._feed(h, value, depth + 1, nested, shallow)
        return h.digest()

    def _feed_page(self, h, page: Page, depth: int, nested: bool) -> None:
        h.update(b"\x0b" + type(page).__name__.encode())
        self._feed(h, (page.number, page.url, page.save_as, page.has_next(), page.has_previous()), depth + 1)
        self._feed(h, page.paginator, depth + 1)
        self._feed(h, page.object_list, depth + 1, nested)

    def _feed_sequence(self, h, value, depth: int, nested: bool, shallow: bool) -> None:
        if depth > MAX_DEPTH:
            raise Unstable("nested too deeply")
        big = len(value) >= 32
        if big:
            cached = self._memo.get((id(value), nested, shallow))
            if cached is not None and cached[0] is value:
                h.update(cached[1])
                return
        inner = _hash()
        inner.update(b"\x0c" + type(value).__name__.encode() + b"%d" % len(value))
        feed = self._feed
        # A listing's articles, digested already for an earlier page: the memo read here
        # (what _feed_content would give, without its calls: a listing job meets each
        # article in a dozen lists).
        items = self._item if not shallow and not nested else None
        for item in value:
            if isinstance(item, Content):
                if items is not None:
                    cached = items.get(id(item))
                    if cached is not None and cached[0] is item:
                        inner.update(b"\x10" + cached[1])
                        continue
                self._feed_content(inner, item, nested, shallow, item=True)
            else:
                feed(inner, item, depth + 1, nested, shallow)
        digest = inner.digest()
        if big:
            self._memo[(id(value), nested, shallow)] = (value, digest)
        h.update(digest)

    def _feed_mapping(self, h, value, depth: int, nested: bool, shallow: bool) -> None:
        memo_key = (id(value), nested, shallow)
        cached = self._memo.get(memo_key) if len(value) >= 32 else None
        if cached is not None and cached[0] is value:
            h.update(cached[1])
            return
        items = sorted((self._sub(k, depth, nested, shallow), k, v) for k, v in _items(value))
        inner = _hash()
        inner.update(b"\x0d%d" % len(items))
        for key_digest, _key, item in items:
            inner.update(key_digest)
            self._feed(inner, item, depth + 1, nested, shallow)
        digest = inner.digest()
        if len(value) >= 32:
            self._memo[memo_key] = (value, digest)
        h.update(digest)

    def _feed_code(self, h, value) -> None:
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', getattr(value, '__name__', ''))}"
        h.update(b"\x0e" + name.encode())
        code = getattr(value, "__code__", None) or getattr(getattr(value, "__func__", None), "__code__", None)
        if code is not None:
            h.update(code.co_code)
            h.update(repr([c for c in code.co_consts if isinstance(c, (str, int, float, bytes, tuple))]).encode())


def _mentions_content(value, depth: int = 0) -> bool:
    """Whether a value is, or holds (in its first items), another article."""
    if isinstance(value, Content):
        return True
    if depth >= 2:
        return False
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_mentions_content(item, depth + 1) for item in list(value)[:4])
    if isinstance(value, Mapping):
        return any(_mentions_content(item, depth + 1) for item in list(value.values())[:4])
    return False


def _data_fields(value) -> list[str] | None:
    """Field names of a dataclass instance or a plain object with a __dict__, else None."""
    if isinstance(value, type):
        return None
    if dataclasses.is_dataclass(value):
        return [f.name for f in dataclasses.fields(value)]
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict) and not hasattr(value, "__slots__"):
        return sorted(name for name in attributes if not callable(attributes[name]))
    return None


def _items(mapping):
    # Keys sort by digest, so mixed key types never fail to compare.
    return list(mapping.items())


def settings_digest(settings: Mapping) -> bytes:
    """Settings that are plain data or code (run-time objects such as plugin results are left out)."""
    digester = Digester(plain=True)
    h = _hash()
    for key in sorted(settings):
        if key == "FAST_BUILD":
            continue  # its output-relevant options are in writer.environment_digest
        try:
            part = digester.digest(settings[key])
        except Unstable:
            continue
        h.update(key.encode() + b"=" + part)
    return h.digest()
