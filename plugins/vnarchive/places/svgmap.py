"""The map of Viet Nam's provinces as inline SVG, coloured by article count.

Pure: outlines (data/vn_map.json, made by scripts/make_vn_map.py) and counts
in, markup out; the same counts give the same bytes. A province with
articles is a link (<a> around its <path>, named with its name and count);
one without is drawn, not linked. The colour classes `map-c1`..`map-c5`
(site.css) are a sequential scale; the steps are the quantiles of the counts, so a province with thousands
of articles does not leave every other one in the lightest step, nor do
even counts all fall in the darkest; `legend` gives each step its range.
Hoàng Sa and Trường Sa are drawn as dots with their names.
"""

from __future__ import annotations

import functools
import html
import json
import math
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

DATA = Path(__file__).resolve().parent / "data" / "vn_map.json"
STEPS = 5


@dataclass(frozen=True)
class Region:
    name: str
    count: int
    url: str  # relative to the site root; "" when the province has no page


@functools.lru_cache(maxsize=1)
def outlines() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _vi(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def breaks(counts, steps: int = STEPS) -> list[int]:
    """Upper bounds of the colour steps: the quantiles of the counts above
    zero (at most `steps`, increasing, the last one the largest count). Each
    step holds about as many provinces as the others, whether the counts are
    even or one province has thousands."""
    values = sorted(c for c in counts if c > 0)
    bounds: list[int] = []
    for i in range(1, steps + 1):
        bound = values[math.ceil(i * len(values) / steps) - 1] if values else 0
        if bound > 0 and (not bounds or bound > bounds[-1]):
            bounds.append(bound)
    return bounds


def step_of(count: int, bounds: list[int]) -> int:
    """1-based colour step of a count above zero; 0 for none."""
    if count <= 0:
        return 0
    for index, bound in enumerate(bounds, start=1):
        if count <= bound:
            return index
    return len(bounds)


def legend(bounds: list[int]) -> list[tuple[str, str]]:
    """(CSS class, label) for each step, lightest first, then "no article"."""
    items = []
    low = 1
    for index, bound in enumerate(bounds, start=1):
        label = f"{_vi(low)} bài" if low == bound else f"{_vi(low)}–{_vi(bound)} bài"
        items.append((f"map-c{_class_index(index, len(bounds))}", label))
        low = bound + 1
    items.append(("map-c0", "Chưa có bài"))
    return items


def _class_index(step: int, steps: int) -> int:
    """Fewer steps than STEPS still span the scale from light to dark."""
    if steps <= 1:
        return STEPS
    return 1 + round((step - 1) * (STEPS - 1) / (steps - 1))


def render(regions: list[Region], siteurl: str = "") -> Markup:
    data = outlines()
    by_name = {region.name: region for region in regions}
    bounds = breaks([r.count for r in regions])
    esc = html.escape
    named = sorted((r for r in regions if r.count > 0), key=lambda r: (-r.count, r.name))
    summary = (f"{len(named)} tỉnh, thành phố có bài; nhiều nhất: "
               + ", ".join(f"{r.name} ({_vi(r.count)} bài)" for r in named[:5]) + "."
               if named else "Chưa tỉnh, thành phố nào có bài.")
    parts = [
        f'<svg class="vn-map" viewBox="0 0 {data["width"]} {data["height"]}" role="group" '
        'aria-labelledby="ban-do-t ban-do-d">',
        '<title id="ban-do-t">Bản đồ số bài theo tỉnh, thành phố</title>',
        f'<desc id="ban-do-d">{esc(summary)} Danh sách đầy đủ ở bảng bên dưới.</desc>',
        '<g class="map-provinces">',
    ]
    for name, d in data["provinces"].items():
        region = by_name.get(name, Region(name, 0, ""))
        step = _class_index(step_of(region.count, bounds), len(bounds)) if region.count > 0 else 0
        if region.count > 0 and region.url:
            spoken = f"{name}: {_vi(region.count)} bài"
            parts.append(f'<a href="{esc(siteurl)}/{esc(region.url)}" aria-label="{esc(spoken)}">'
                         f'<path class="map-c{step}" d="{d}"><title>{esc(spoken)}</title></path></a>')
        else:
            parts.append(f'<path class="map-c0" d="{d}"><title>{esc(name)}: chưa có bài</title></path>')
    parts.append('</g><g class="map-islands">')
    for group in data["archipelagos"]:
        parts.append(f'<g><title>{esc(group["name"])} ({esc(group["province"])})</title>')
        parts.extend(f'<circle cx="{x}" cy="{y}" r="1.4"/>' for x, y in group["dots"])
        x, y = group["label"]
        parts.append(f'<text x="{x}" y="{y}">{esc(group["name"])}</text></g>')
    parts.append("</g></svg>")
    return Markup("".join(parts))
