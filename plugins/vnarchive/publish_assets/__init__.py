"""Publish-only steps on the finished site: minify HTML/CSS, then write
pre-compressed .gz and .br copies (compress.py) so a server can send them as
they are (nginx gzip_static/brotli_static, Caddy precompressed, Apache).

They run on pelican-granular-signals' "minify" and "compress" signals,
which come after every `finalized` receiver (search index, sitemap), so the
copies match the final files. Both are off unless the settings say
PUBLISH_MINIFY / PUBLISH_PRECOMPRESS (publishconf.py does): the signals are
process-wide and must not touch a development build.
"""

from __future__ import annotations

from pathlib import Path

from vnarchive.foundation import Plugin

PLUGIN = Plugin(__name__)
logger = PLUGIN.logger


def minify_output(pelican) -> None:
    if not pelican.settings.get("PUBLISH_MINIFY"):
        return
    from .minify import minify_css_text, minify_html_text

    steps = {".html": minify_html_text, ".css": minify_css_text}
    before = after = 0
    for path in Path(pelican.output_path).rglob("*"):
        step = steps.get(path.suffix)
        if step is None or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        smaller = step(text)
        before, after = before + len(text), after + len(smaller)
        if smaller is not text:
            path.write_text(smaller, encoding="utf-8")
    logger.info("Minified HTML/CSS: %d -> %d characters", before, after)


def compress_output(pelican) -> None:
    if not pelican.settings.get("PUBLISH_PRECOMPRESS"):
        return
    from .compress import MIN_SIZE, TEXT_SUFFIXES, compress_tree

    settings = pelican.settings
    written = compress_tree(
        Path(pelican.output_path),
        quality=int(settings.get("PRECOMPRESS_BROTLI_QUALITY", 8)),
        suffixes=settings.get("PRECOMPRESS_TEXT_EXTENSIONS", TEXT_SUFFIXES),
        min_size=int(settings.get("PRECOMPRESS_MIN_SIZE", MIN_SIZE)),
    )
    logger.info("Pre-compressed copies written: %d", written)


def register() -> None:
    import blinker
    from pelican.plugins import granular_signals

    granular_signals.register()
    PLUGIN.connect(blinker.signal("minify"), minify_output)
    PLUGIN.connect(blinker.signal("compress"), compress_output)
