"""A Markdown reader that skips Python-Markdown for the converter's restricted posts.

Pelican's MarkdownReader builds a new Markdown instance per file and runs it
twice (body and Summary, a FORMATTED_FIELD): about half of Pelican's reading
time on this site. FastMarkdownReader renders posts in the restricted form
of restricted_markdown.py directly, with byte-identical output, and hands
every other file (or field) to Python-Markdown unchanged. It only takes over
when MARKDOWN enables no extension besides `meta`, since other extensions
change the output.
"""

from __future__ import annotations

from pelican.readers import MarkdownReader
from pelican.urlwrappers import URLWrapper
from pelican.utils import pelican_open

from .restricted_markdown import render_paragraphs, split_post

_META_ONLY = {"markdown.extensions.meta", "meta"}


def restricted_form_applies(markdown_settings: dict) -> bool:
    """Whether Python-Markdown with these settings renders restricted posts as plain <p>s."""
    extensions = markdown_settings.get("extensions", [])
    if not all(isinstance(e, str) and e in _META_ONLY for e in extensions):
        return False
    if any(name not in _META_ONLY for name in markdown_settings.get("extension_configs", {})):
        return False
    allowed = {"extensions", "extension_configs", "output_format", "tab_length"}
    return set(markdown_settings) <= allowed and markdown_settings.get("output_format", "xhtml") in ("html", "html5", "xhtml", "xhtml5", "html4", "xhtml1")


class FastMarkdownReader(MarkdownReader):
    """MarkdownReader with a fast path for restricted posts (same output).

    Only `read` is overridden: a restricted post's body is rendered here and
    its metadata go through Pelican's own _parse_metadata, with `self._md`
    standing in for Python-Markdown (_FieldMarkdown)."""

    # Counters for the benchmark and the tests: how often the fast path ran.
    stats = {"fast": 0, "fallback": 0}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._fast = restricted_form_applies(self.settings["MARKDOWN"])
        self._fields = _FieldMarkdown(self.settings["MARKDOWN"])
        self._wrappers: dict[tuple[type, str], URLWrapper] = {}

    def process_metadata(self, name, value):
        """Pelican's, but one tag, category or author object per name for this reader
        (shared_wrappers): Pelican makes new ones for every post."""
        return shared_wrappers(super().process_metadata(name, value), self._wrappers)

    def read(self, source_path):
        if self._fast:
            with pelican_open(source_path) as text:
                parsed = split_post(text)
            if parsed is not None:
                meta, body = parsed
                content = render_paragraphs(body)
                if content is not None:
                    self._source_path = source_path
                    self._md = self._fields
                    type(self).stats["fast"] += 1
                    return content, self._parse_metadata(meta)
        type(self).stats["fallback"] += 1
        return super().read(source_path)


class _FieldMarkdown:
    """What MarkdownReader._parse_metadata uses of `self._md` to render the
    formatted fields (Summary): restricted text rendered directly, any other
    by one Python-Markdown instance, without the meta extension as there."""

    class _Preprocessors:
        def deregister(self, name: str) -> None:
            pass  # the Markdown instance below never has "meta"

    def __init__(self, markdown_settings: dict):
        self._settings = markdown_settings
        self._markdown = None
        self.preprocessors = self._Preprocessors()

    def reset(self) -> "_FieldMarkdown":
        return self

    def convert(self, text: str) -> str:
        html = render_paragraphs(text)
        if html is not None:
            return html
        if self._markdown is None:
            from markdown import Markdown

            self._markdown = Markdown(**self._settings)
            self._markdown.preprocessors.deregister("meta")
        self._markdown.reset()
        return self._markdown.convert(text)


def install(readers) -> None:
    """readers_init handler: use FastMarkdownReader where Pelican's own MarkdownReader is set."""
    for ext, cls in list(readers.reader_classes.items()):
        if cls is MarkdownReader:
            readers.reader_classes[ext] = FastMarkdownReader


def shared_wrappers(value, known: dict):
    """`value` with each URL wrapper (or each in a list) replaced by the first one of its class
    and name that `known` holds. A wrapper is its class, name and settings, so the two are
    the same everywhere; sharing them saves the memory of one object per post and
    tag (the reader's cache, the articles and the page keys all hold them)."""
    if isinstance(value, URLWrapper):
        return known.setdefault((type(value), value.name), value)
    if isinstance(value, list) and any(isinstance(item, URLWrapper) for item in value):
        return [known.setdefault((type(item), item.name), item) if isinstance(item, URLWrapper) else item for item in value]
    return value
