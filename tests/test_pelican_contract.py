"""The Pelican code this project's overrides rely on is the code they were written against.

fast_build overrides little of Pelican (writer.py, reader.py, pagination.py)
but relies on how the rest works. When Pelican changes one of these
methods, this test fails: re-check what the message names, then record the
new hash here.
"""

from __future__ import annotations

import hashlib
import inspect
from importlib import metadata

import pytest
from pelican.generators import ArticlesGenerator
from pelican.paginator import Page
from pelican.readers import MarkdownReader
from pelican.writers import Writer

# (method, sha256 of its source in pelican 4.12.0 (first 16 hex), what relies on it)
RELIED_ON = [
    (Writer.write_file, "6a604ad67bbeec99",
     "FastBuildMixin.write_file: Pelican's write_file still builds each page's local context (output_file = "
     "the page's name), calls template.render(localcontext) once per page, then self._open_w, logs "
     "'Writing \"%s\"' and sends content_written; names `Paginator` through pelican.writers; paginates "
     "`paginated` (default: articles/dates of kwargs) only for PAGINATED_TEMPLATES"),
    (Writer._open_w, "69700ea0b4668663",
     "FastBuildMixin._claim repeats _open_w's checks (overridden/written files, override) without opening"),
    (Writer.write_feed, "a3b5bc0d0a446c10",
     "FastBuildMixin._render_feed: write_feed still claims its file through self._open_w"),
    (MarkdownReader.__init__, "49121e777b4f598a",
     "reader.restricted_form_applies: MARKDOWN settings as __init__ leaves them (the meta extension added)"),
    (MarkdownReader.read, "1c8cfd04d8822d57",
     "FastMarkdownReader.read mirrors read: sets _source_path and returns (content, _parse_metadata(meta))"),
    (MarkdownReader._parse_metadata, "3f01f071bbc3672d",
     "reader._FieldMarkdown: _parse_metadata still uses only self._md.preprocessors.deregister('meta'), "
     "self._md.reset() and self._md.convert(text) for FORMATTED_FIELDS"),
    (ArticlesGenerator.generate_context, "16f8066e3e5b8a42",
     "article_order.restore_order: generate_context still orders the articles (process_translations, "
     "order_content), then sends article_generator_pretaxonomy, and only then makes categories, tags, "
     "authors and dates from self.articles"),
    (Page._from_settings, "b2c0f87cd0c085f4",
     "pagination.StablePage._from_settings is this method with the page's stable url_number for number"),
]


@pytest.mark.parametrize("method, recorded, relied_on", RELIED_ON, ids=[m.__qualname__ for m, _, _ in RELIED_ON])
def test_pelican_methods_fast_build_relies_on_are_unchanged(method, recorded, relied_on):
    source = inspect.getsource(method)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
    assert digest == recorded, (
        f"pelican {metadata.version('pelican')}: {method.__module__}.{method.__qualname__} is not the code "
        f"of pelican 4.12.0 any more. Re-check: {relied_on}. Then record its new hash ({digest}) in {__file__}."
    )
