"""Pagination whose pages stay the same when new articles arrive.

Pelican numbers pages from the newest article: one new article shifts every
article of every page of the index, of its tags, category and author, so an
incremental build must rewrite all of them. Here a listing (newest first) is
cut into pages of PER_PAGE articles counted from its *oldest* end, so a full
page never changes again:

    page 1 (the list's URL): the newest articles: those not yet in a full
                             page, plus the newest full page (PER_PAGE to
                             2*PER_PAGE-1 articles);
    then the older full pages, newest first. Their URLs carry their place
    counted from the oldest (`trang/2/` holds the oldest PER_PAGE articles),
    so a page's URL and content never change; only its "page k of n" line
    does when a new full page is formed (every PER_PAGE new articles).

Templates see Pelican's Page/Paginator interface: `number` counts from the
first page (1, 2, ...) for display and prev/next, `url`/`save_as` use the
stable place.
"""

from __future__ import annotations

import logging

from pelican.paginator import Page, Paginator

logger = logging.getLogger(__name__)


def stable_spans(count: int, per_page: int) -> list[tuple[int, int, int]]:
    """(start, end, url number) of each page, first page first.

    The first page has url number 1; a full page whose articles are the
    j-th block of per_page counted from the oldest has url number j + 2.
    """
    if per_page <= 0 or count <= per_page:
        return [(0, count, 1)]
    full, rest = divmod(count, per_page)
    spans = [(0, rest + per_page, 1)]
    for block in range(full - 2, -1, -1):
        spans.append((count - (block + 1) * per_page, count - block * per_page, block + 2))
    return spans


class StablePaginator(Paginator):
    """A Paginator (same constructor) over stable_spans()."""

    def __init__(self, name, url, object_list, settings, per_page=None):
        super().__init__(name, url, object_list, settings, per_page)
        self.orphans = 0  # the first page absorbs the remainder instead
        self._spans = stable_spans(len(object_list), self.per_page if per_page else len(object_list))
        self._num_pages = len(self._spans)

    def page(self, number):
        start, end, url_number = self._spans[number - 1]
        return StablePage(self.name, self.url, self.object_list[start:end], number, self, self.settings, url_number, start)


class StablePage(Page):
    """A Page whose URL comes from its stable place, not its display number."""

    def __init__(self, name, url, object_list, number, paginator, settings, url_number: int, start: int):
        super().__init__(name, url, object_list, number, paginator, settings)
        self.url_number = url_number
        self._start = start

    def __repr__(self):
        return f"<StablePage {self.number} of {self.paginator.num_pages} (url {self.url_number})>"

    def start_index(self):
        return self._start + 1 if self.object_list else 0

    def end_index(self):
        return self._start + len(self.object_list)

    def _from_settings(self, key):
        rule = None
        for pattern in self.settings["PAGINATION_PATTERNS"]:
            if pattern.min_page == -1:
                if not self.has_next():
                    rule = pattern
                    break
            elif pattern.min_page <= self.url_number:
                rule = pattern
        if not rule:
            return ""
        value = getattr(rule, key)
        if not isinstance(value, str):
            logger.warning("%s is set to %s", key, value)
            return value
        text = value.format(
            save_as=self.full_name,
            url=self.base_url,
            name=self.name,
            base_name=self.base_name,
            extension=self.extension,
            number=self.url_number,
        )
        return text[1:] if text.startswith("/") else text

    url = property(lambda self: self._from_settings("URL"))
    save_as = property(lambda self: self._from_settings("SAVE_AS"))
