"""Text that is always well-formed XML, whatever the scraper left in it.

Scraped text can carry control characters (form feeds, escape sequences,
NULs) that XML 1.0 forbids: one such character makes a whole feed or
sitemap unreadable for a strict parser. Everything written into our XML
files goes through `xml_text` / `xml_attr`.
"""

from __future__ import annotations

import html
import re
from xml.sax.saxutils import escape, quoteattr

from vnarchive.common.text import strip_tags

# Not in XML 1.0 `Char` (C0 controls except tab/newline/CR, surrogates,
# U+FFFE/U+FFFF) plus the "discouraged" C1 controls and DEL (XML 1.0 §2.2),
# which feed readers show as garbage.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop every character XML 1.0 forbids or discourages."""
    return _NOT_XML.sub("", text)


def xml_text(text: str) -> str:
    """Character data for an element: safe characters, `& < >` escaped."""
    return escape(xml_safe(text))


def xml_attr(text: str) -> str:
    """A quoted attribute value: safe characters, quotes and `& < >` escaped."""
    return quoteattr(xml_safe(text))


def plain_text(markup: str) -> str:
    """HTML or entity-escaped text (as the converter writes titles and names)
    -> the plain text a reader should see, as the page shows it (tags removed,
    entities decoded once: a literal "&amp;lt;" stays "&lt;"), XML-safe and
    on one line."""
    return " ".join(xml_safe(strip_tags(markup)).split())


def unescape_name(value: str) -> str:
    """A name from the metadata (entities escaped) -> plain text."""
    return " ".join(xml_safe(html.unescape(str(value))).split())
