"""A renderer for the restricted Markdown that the rawnews converter writes.

The converter writes posts whose body is plain paragraphs of escaped text
(HTML special characters as entities, Markdown syntax characters behind a
backslash). For that input, Python-Markdown (with only the `meta` extension)
does very little: it unescapes the backslashes and wraps each paragraph in
<p>. Doing that directly is ~50x faster than building a Markdown instance per
file and running its block and inline processors.

Everything here is conservative: any text outside the restricted form (a raw
Markdown character, an indented or multi-line paragraph, a list marker, a
header continuation, tabs, control characters, ...) makes the functions
return None, and the caller falls back to Python-Markdown. The test suite
checks the output is byte-identical to Python-Markdown's on generated posts.
"""

from __future__ import annotations

import re

# Python-Markdown's Markdown.ESCAPED_CHARS; `\\X` renders as X for these.
ESCAPED_CHARS = "\\`*_{}[]()>#+-.!"
_TOKEN = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])|(&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)")
# After escapes and entities are taken out, none of these may remain: each can
# start inline syntax (code, emphasis, links, raw HTML, entities, escapes).
_UNSAFE_INLINE = re.compile(r"[\\`*_\[\]{}<>&\x00-\x1f\x7f]")
# Block syntax at the start of a paragraph: headers, quotes, lists, rules,
# setext underlines, code indents, HTML blocks, reference definitions, tables.
_UNSAFE_START = re.compile(r"^(?:[#>*+\-=_|`<\[\s]|\d+[.)])")
# Python-Markdown's meta extension, in the strict form the converter writes.
_META_LINE = re.compile(r"^([A-Za-z0-9_-]+):(.*)$")
_META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


def render_inline(text: str) -> str | None:
    """One paragraph's text as Python-Markdown would render it, or None if not restricted."""
    if _UNSAFE_START.match(text) or text != text.strip() or "`" in text:
        return None
    if _UNSAFE_INLINE.search(_TOKEN.sub("", text)):
        return None
    if "\\" not in text:
        return text  # entities pass through verbatim; nothing else is special

    def unescape(match: re.Match) -> str:
        if match.group(2):
            return match.group(2)
        char = match.group(1)
        return "&gt;" if char == ">" else char

    return _TOKEN.sub(unescape, text)


_CAPTION = re.compile(r'^<p class="caption">[^<>]*</p>$')


def render_paragraphs(body: str) -> str | None:
    """A body of blank-line-separated one-line blocks -> HTML, or None.

    Blocks are escaped paragraphs ('<p>..</p>'), level-3 headings of escaped
    text ('### ..', the converter's subheadings) and the converter's caption
    lines ('<p class="caption">..</p>', an HTML block Python-Markdown passes
    through, following it with a blank line)."""
    body = body.strip("\n")
    if not body:
        return ""
    if "\r" in body or "\t" in body:
        return None
    out = []
    after_html = False
    for paragraph in body.split("\n\n"):
        if not paragraph or "\n" in paragraph:
            return None
        if _CAPTION.match(paragraph):
            block, is_html = paragraph, True
        elif paragraph.startswith("### "):
            text = paragraph[4:]
            html = render_inline(text) if text and not text.endswith("#") else None
            if html is None:
                return None
            block, is_html = f"<h3>{html}</h3>", False
        else:
            html = render_inline(paragraph)
            if html is None:
                return None
            block, is_html = f"<p>{html}</p>", False
        if out:
            out.append("\n\n" if after_html else "\n")
        out.append(block)
        after_html = is_html
    return "".join(out)


def split_post(text: str) -> tuple[dict[str, list[str]], str] | None:
    """(metadata as the meta extension gives it, body) or None if not the strict form.

    The strict form: `Key: value` lines from the first line on, a blank line,
    then the body. A YAML `---` fence, indented keys or continuation lines are
    left to Python-Markdown.
    """
    if "\r" in text or "\t" in text or "\x02" in text or "\x03" in text:
        return None
    head, sep, body = text.partition("\n\n")
    meta: dict[str, list[str]] = {}
    if not head.strip():
        return None
    for line in head.split("\n"):
        if _META_END.match(line):
            return None
        match = _META_LINE.match(line)
        if not match or not line.strip():
            return None
        key = match.group(1).lower()
        meta.setdefault(key, []).append(match.group(2).strip())
    if not sep:
        body = ""
    return meta, body
