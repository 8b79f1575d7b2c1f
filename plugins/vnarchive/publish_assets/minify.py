"""Minify HTML and CSS text, keeping only transformations that cannot
change what a browser, a validator or an HTML parser sees. Pure functions."""

from __future__ import annotations

import re

import minify_html
import rcssmin

# minify-html options chosen for safety, not for the last byte:
# closing tags and <html>/<head> stay (lenient parsers and validators),
# the doctype stays "<!DOCTYPE html>", attribute values stay quoted and
# separated, inline CSS is minified, inline JS is left alone.
HTML_OPTIONS = dict(
    keep_closing_tags=True,
    keep_html_and_head_opening_tags=True,
    minify_doctype=False,
    allow_noncompliant_unquoted_attribute_values=False,
    allow_removing_spaces_between_attributes=False,
    allow_optimal_entities=False,
    keep_input_type_text_attr=True,
    keep_comments=False,
    keep_ssi_comments=False,
    remove_bangs=False,
    remove_processing_instructions=False,
    minify_css=True,
    minify_js=False,
)


# <title> and <textarea> hold RCDATA: minify-html decodes "&lt;" there, which
# a browser reads as text but a lenient parser (Python's html.parser, a
# scraper) may read as a tag. Put the escapes back.
_RCDATA = re.compile(r"(<(title|textarea)\b[^>]*>)(.*?)(</\2\s*>)", re.I | re.S)


def _escape_rcdata(match: re.Match) -> str:
    return match[1] + match[3].replace("<", "&lt;") + match[4]


def minify_html_text(text: str) -> str:
    """Smaller HTML, or the input itself if minifying would not help."""
    smaller = _RCDATA.sub(_escape_rcdata, minify_html.minify(text, **HTML_OPTIONS))
    return smaller if smaller and len(smaller) < len(text) else text


def minify_css_text(text: str) -> str:
    smaller = rcssmin.cssmin(text)
    return smaller if smaller and len(smaller) < len(text) else text
