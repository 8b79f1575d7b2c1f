"""Bar charts of article counts as inline SVG, made at build time.

A pure function from (label, count, link) bars to SVG markup: no chart
library, no script, the same bytes for the same counts. The chart carries
its numbers for people who cannot see it: a <title> and a <desc> listing
every count, and each bar a link (when it has one) named with its label and
count. Heights are relative to the largest count, so one huge month and a
year of nothing draw correctly; a bar with a count above zero is never
thinner than a visible sliver.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from markupsafe import Markup

WIDTH = 520.0
HEIGHT = 170.0
TOP = 18.0  # room for the largest bar's count
BOTTOM = 24.0  # room for the axis labels
LEFT = 4.0
RIGHT = 4.0
MIN_VISIBLE = 2.0  # a count above zero is at least this tall
LABEL_CHAR = 8.5  # width of one axis-label character at the chart's font size (site.css: 13px), and
LABEL_GAP = 6.0  # the room between two labels: fewer labels are written when they would touch


@dataclass(frozen=True)
class Bar:
    label: str  # on the axis ("T1", "15")
    name: str  # spoken and in the description ("Tháng 1/2024")
    count: int
    url: str = ""  # relative to the site root; "" for a bar that links nowhere


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _vi_count(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def bar_chart(bars: list[Bar], chart_id: str, title: str, siteurl: str = "", label_every: int = 1) -> Markup:
    """The SVG of `bars`, left to right. `chart_id` makes the ids unique on a
    page; `label_every` writes every n-th axis label (days of a month), or
    fewer when the labels would not fit (sixteen years)."""
    count = len(bars)
    if count == 0:
        return Markup("")
    peak = max((bar.count for bar in bars), default=0)
    plot = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / count
    gap = min(slot * 0.2, 6.0)
    widest = max(len(bar.label) for bar in bars) * LABEL_CHAR + LABEL_GAP
    label_every = max(1, label_every, math.ceil(widest / slot))
    esc = html.escape
    total = sum(bar.count for bar in bars)
    desc = "; ".join(f"{bar.name}: {_vi_count(bar.count)} bài" for bar in bars)
    linked = any(bar.url for bar in bars)
    role = 'role="group"' if linked else 'role="img"'
    parts = [
        f'<svg class="count-chart" viewBox="0 0 {_num(WIDTH)} {_num(HEIGHT)}" {role} '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-t">{esc(title)}: {_vi_count(total)} bài</title>',
        f'<desc id="{chart_id}-d">{esc(desc)}.</desc>',
        f'<line class="chart-axis" x1="{_num(LEFT)}" y1="{_num(TOP + plot)}" x2="{_num(WIDTH - RIGHT)}" y2="{_num(TOP + plot)}"/>',
    ]
    for index, bar in enumerate(bars):
        x = LEFT + index * slot + gap / 2
        width = max(slot - gap, 1.0)
        height = 0.0 if peak == 0 or bar.count <= 0 else max(plot * bar.count / peak, MIN_VISIBLE)
        y = TOP + plot - height
        spoken = f"{bar.name}: {_vi_count(bar.count)} bài"
        rect = (f'<rect class="chart-bar" x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}"/>'
                if height else "")
        if bar.url and bar.count > 0:
            # The link's target is the whole column, so a short bar is still easy to hit.
            parts.append(
                f'<a href="{esc(siteurl)}/{esc(bar.url)}" aria-label="{esc(spoken)}">'
                f'<rect class="chart-hit" x="{_num(x)}" y="{_num(TOP)}" width="{_num(width)}" height="{_num(plot)}"/>'
                f'{rect}<title>{esc(spoken)}</title></a>'
            )
        elif rect:
            parts.append(f'<g>{rect}<title>{esc(spoken)}</title></g>')
        centre = _num(x + width / 2)
        if bar.count > 0 and bar.count == peak:
            parts.append(f'<text class="chart-peak" x="{centre}" y="{_num(y - 3)}" text-anchor="middle" aria-hidden="true">{_vi_count(bar.count)}</text>')
        if index % label_every == 0:
            parts.append(f'<text class="chart-label" x="{centre}" y="{_num(HEIGHT - 7)}" text-anchor="middle" aria-hidden="true">{esc(bar.label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def year_bars(year) -> list[Bar]:
    """Twelve bars, January to December, for an archives tree.Year."""
    months = {month.month: month for month in year.months}
    return [
        Bar(f"T{m}", f"Tháng {m}/{year.year}", months[m].count if m in months else 0, months[m].url if m in months else "")
        for m in range(1, 13)
    ]


def month_bars(month, days_in_month: int) -> list[Bar]:
    """One bar per day of an archives tree.Month; articles not dated to the
    day (month precision, or a crawl bound) are not in any bar."""
    from vnarchive.common.dates import precision_of

    counts = [0] * (days_in_month + 1)
    for article in month.articles:
        if precision_of(article) == "day" and article.date.year == month.year and article.date.month == month.month:
            counts[article.date.day] += 1
    return [Bar(str(d), f"Ngày {d}/{month.month}/{month.year}", counts[d]) for d in range(1, days_in_month + 1)]


def years_bars(tree) -> list[Bar]:
    """One bar per year, oldest first, for the archives index."""
    if not tree.years:
        return []
    known = {year.year: year for year in tree.years}
    first, last = min(known), max(known)
    if last - first > 60:  # a stray far date: only the years that have articles
        numbers = sorted(known)
    else:
        numbers = list(range(first, last + 1))
    return [Bar(str(n), f"Năm {n}", known[n].count if n in known else 0, known[n].url if n in known else "") for n in numbers]
