"""reading_time: the Jinja filter `reading_minutes(article)` ("Đọc khoảng N phút").

Vietnamese is written one syllable per word-run ("Đắk Lắk" is two, "héc-ta"
two), so the count is of runs of letters and digits in the lead and the
body, tags and entities left out, read at READING_TIME["SYLLABLES_PER_MINUTE"]
(200 by default: silent reading of Vietnamese prose runs at roughly 200-250
syllables a minute; the lower figure keeps the estimate from promising too
little). Rounded to whole minutes, at least one.

The filter runs when a page is rendered (in fast_build's workers, only for
pages that are rendered), not over the whole archive at every build; one
pass of two regular expressions, no HTML parsing.
"""

from __future__ import annotations

import re

from vnarchive.foundation import Plugin

DEFAULT_SETTINGS = {"SYLLABLES_PER_MINUTE": 200}
PLUGIN = Plugin(__name__, "READING_TIME", DEFAULT_SETTINGS)

_MARKUP = re.compile(r"<[^>]*>|&#?\w+;")
_SYLLABLE = re.compile(r"\w+")


def syllables(markup: str) -> int:
    """Runs of letters and digits outside tags and entities ("–", "…" are none)."""
    return len(_SYLLABLE.findall(_MARKUP.sub(" ", markup or "")))


def minutes(count: int, per_minute: int) -> int:
    """Whole minutes, rounded half up, never less than one."""
    per_minute = per_minute if isinstance(per_minute, int) and per_minute > 0 else 200
    return max(1, (count + per_minute // 2) // per_minute)


def reading_filter(per_minute: int):
    def reading_minutes(article) -> int:
        count = sum(syllables(str(part or "")) for part in (getattr(article, "summary", ""), getattr(article, "content", "")))
        return minutes(count, per_minute)

    return reading_minutes


def add_filter(generator) -> None:
    """Signal handler (generator_init)."""
    per_minute = PLUGIN.options(generator.settings)["SYLLABLES_PER_MINUTE"]
    generator.env.filters["reading_minutes"] = reading_filter(per_minute)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.generator_init, add_filter)
