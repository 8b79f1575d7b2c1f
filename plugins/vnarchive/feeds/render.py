"""FeedInfo + FeedItems -> RSS 2.0 or Atom 1.0 text.

Pure functions. Every string goes through xml_text/xml_attr, so nothing
forbidden by XML and no unescaped markup reaches the file. `link` maps a
site-relative URL ("bai/slug/") to the URL written in this feed (absolute
when the site has an absolute SITEURL, else relative to the feed file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .dates import rfc822, rfc3339
from .model import FeedInfo, FeedItem
from .xmltext import xml_attr, xml_text

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
NO_AUTHOR = "Không rõ tác giả"


def _note_html(item: FeedItem) -> str:
    """A visible line for dates without a day, placed before the summary."""
    return f"<p><em>{xml_text(item.date_note)}</em></p>" if item.date_note else ""


def _described(item: FeedItem) -> str:
    return _note_html(item) + item.summary_html


def render_atom(info: FeedInfo, items: Iterable[FeedItem], link: Callable[[str], str]) -> str:
    items = list(items)
    updated = info.updated or max((i.updated for i in items), default=None)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<feed xmlns="{ATOM_NS}" xml:lang={xml_attr(info.language)}>\n',
        f'<title type="text">{xml_text(info.title)}</title>\n',
    ]
    if info.subtitle:
        out.append(f'<subtitle type="text">{xml_text(info.subtitle)}</subtitle>\n')
    out += [
        f'<link rel="alternate" type="text/html" href={xml_attr(info.page_url)}/>\n',
        f'<link rel="self" type="application/atom+xml" href={xml_attr(info.self_url)}/>\n',
        f"<id>{xml_text(info.id)}</id>\n",
        f"<updated>{rfc3339(updated)}</updated>\n" if updated else "",
    ]
    for item in items:
        out.append("<entry>\n")
        out.append(f'<title type="text">{xml_text(item.title)}</title>\n')
        out.append(f'<link rel="alternate" type="text/html" href={xml_attr(link(item.url))}/>\n')
        out.append(f"<id>{xml_text(item.id)}</id>\n")
        if item.published:
            out.append(f"<published>{rfc3339(item.published)}</published>\n")
        out.append(f"<updated>{rfc3339(item.updated)}</updated>\n")
        for person in item.authors or ():
            uri = f"<uri>{xml_text(link(person.url))}</uri>" if person.url else ""
            out.append(f"<author><name>{xml_text(person.name)}</name>{uri}</author>\n")
        if not item.authors:
            out.append(f"<author><name>{xml_text(NO_AUTHOR)}</name></author>\n")
        for name in item.categories:
            out.append(f"<category term={xml_attr(name)} label={xml_attr(name)}/>\n")
        out.append(f'<summary type="html">{xml_text(_described(item))}</summary>\n')
        if item.content_html:
            out.append(f'<content type="html">{xml_text(item.content_html)}</content>\n')
        out.append("</entry>\n")
    out.append("</feed>\n")
    return "".join(out)


def render_rss(info: FeedInfo, items: Iterable[FeedItem], link: Callable[[str], str]) -> str:
    items = list(items)
    dated = [i.published for i in items if i.published]
    full_text = any(i.content_html for i in items)
    content_ns = f' xmlns:content="{CONTENT_NS}"' if full_text else ""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<rss version="2.0" xmlns:atom="{ATOM_NS}" xmlns:dc="{DC_NS}"{content_ns}>\n',
        "<channel>\n",
        f"<title>{xml_text(info.title)}</title>\n",
        f"<link>{xml_text(info.page_url)}</link>\n",
        f"<description>{xml_text(info.subtitle or info.title)}</description>\n",
        f"<language>{xml_text(info.language)}</language>\n",
        f'<atom:link rel="self" type="application/rss+xml" href={xml_attr(info.self_url)}/>\n',
    ]
    if dated:
        out.append(f"<lastBuildDate>{rfc822(max(dated))}</lastBuildDate>\n")
    for item in items:
        out.append("<item>\n")
        out.append(f"<title>{xml_text(item.title)}</title>\n")
        out.append(f"<link>{xml_text(link(item.url))}</link>\n")
        out.append(f'<guid isPermaLink="false">{xml_text(item.id)}</guid>\n')
        if item.published:
            out.append(f"<pubDate>{rfc822(item.published)}</pubDate>\n")
        for person in item.authors:
            out.append(f"<dc:creator>{xml_text(person.name)}</dc:creator>\n")
        for name in item.categories:
            out.append(f"<category>{xml_text(name)}</category>\n")
        out.append(f"<description>{xml_text(_described(item))}</description>\n")
        if item.content_html:
            out.append(f"<content:encoded>{xml_text(item.content_html)}</content:encoded>\n")
        out.append("</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out)
