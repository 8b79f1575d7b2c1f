"""Stage 4, emit: Article -> Pelican Markdown text.

The only module that knows Pelican's metadata syntax. Raw text is escaped so
that nothing in it is interpreted: HTML special characters become entities
and Markdown syntax characters are backslash-escaped, so `<script>`,
`[x](y)`, `# ` or `{{ }}` in a scraped text show as literal text.
"""

from __future__ import annotations

import html
import re

from .model import Article

# Characters with inline meaning in Markdown, escaped wherever they stand.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
# Characters that start a block (heading, list, quote, rule) at a line start.
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([#+\-])")
_METADATA_UNSAFE = re.compile(r"[\x00-\x1f\x7f;]")
# Keys in the order written; Pelican lower-cases them when reading.
KEYS = (
    "Title", "Title_source", "Date", "Date_precision", "Date_evidence", "Authors",
    "Photographers", "Outlets", "Tags", "Category", "Summary", "Slug", "Source",
    "Source_id", "Original_url", "Encoding",
)


def escape_markdown(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text."""
    text = _INLINE.sub(r"\\\1", text)
    text = _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    return html.escape(text, quote=False)


def metadata_text(value: str) -> str:
    """A one-line metadata value: no newlines, no HTML, no list separators."""
    value = _METADATA_UNSAFE.sub(" ", value)
    return html.escape(" ".join(value.split()), quote=False)


def metadata_list(values: tuple[str, ...]) -> str:
    """A list value. Pelican splits on ';' when present, so always end with one:
    tags like "tự do tín ngưỡng, tôn giáo" keep their comma."""
    cleaned = [metadata_text(v) for v in values if v.strip()]
    return "; ".join(cleaned) + ";" if cleaned else ""


def metadata(article: Article) -> dict[str, str]:
    date = article.date
    return {
        "Title": metadata_text(article.title),
        "Title_source": article.title_source,
        "Date": date.iso() or "1900-01-01",
        "Date_precision": date.precision,
        "Date_evidence": metadata_text(date.evidence),
        "Authors": metadata_list(article.credits.authors),
        "Photographers": metadata_list(article.credits.photographers),
        "Outlets": metadata_list(article.credits.sources),
        "Tags": metadata_list(article.tags),
        "Category": metadata_text(article.category),
        "Summary": escape_markdown(" ".join(article.lead.split())),
        "Slug": article.slug,
        "Source": metadata_text(article.source),
        "Source_id": article.source_id,
        "Original_url": metadata_text(article.original_url) if article.original_url.startswith(("http://", "https://")) else "",
        "Encoding": article.encoding,
    }


def emit(article: Article) -> str:
    """The whole post: metadata block, blank line, escaped paragraphs."""
    meta = metadata(article)
    head = "\n".join(f"{key}: {meta[key]}" for key in KEYS if meta.get(key))
    body = "\n\n".join(escape_markdown(p) for p in article.paragraphs)
    return f"{head}\n\n{body}\n"
