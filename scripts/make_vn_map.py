"""Regenerate the province outlines of the map (plugins/vnarchive/places/data/vn_map.json).

    python scripts/make_vn_map.py TOPOJSON [OUT]

TOPOJSON is the TopoJSON of the 63 provinces made from Open Development
Mekong's "Địa phận tỉnh" dataset (CC BY-SA 4.0; the copy used is
`data/diaphantinh.json` of the GitHub repository
phamductu/vietnamese-provincial-icons; docs/places.md). Nothing here runs at
build time: the build reads the JSON this writes.

What it does: decodes the shared arcs, projects them (equirectangular, x
scaled by cos 16°, the country's middle latitude), simplifies each arc once
with Douglas-Peucker (so neighbouring provinces keep one common border and no
gap opens), drops rings smaller than a pixel, and writes one SVG path per
province with coordinates rounded to a tenth. The islands east of 110.5° E
(the Hoàng Sa and Trường Sa archipelagos, of Đà Nẵng and Khánh Hòa) are too
small to draw as outlines: they become dots, one per cell of a 0.25° grid,
under a label, as Vietnamese maps show them. Deterministic: the same input
gives the same bytes.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "plugins" / "vnarchive" / "places" / "data" / "vn_map.json"
PLACES = ROOT / "plugins" / "vnarchive" / "rawnews" / "data" / "places.txt"

SCALE = 36.0  # SVG units per degree of latitude
COS = math.cos(math.radians(16.0))
TOLERANCE = 0.3  # Douglas-Peucker tolerance, SVG units
MIN_RING_AREA = 1.5  # rings smaller than this (SVG units squared) are dropped
ISLANDS_EAST_OF = 110.5
GRID = 0.25  # degrees: one dot per cell
MARGIN = 8.0

# The source's spellings that differ from the canonical names (data/places.txt).
NAMES = {
    "Bà Rịa -Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Cần Thơn": "Cần Thơ",
    "Đăk Lăk": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    "Kien Giang": "Kiên Giang",
    "Quản Bình": "Quảng Bình",
    "TP. Hồ Chí Minh": "TP Hồ Chí Minh",
}
ARCHIPELAGOS = (
    # (name, province, test on latitude)
    ("Quần đảo Hoàng Sa", "Đà Nẵng", lambda lat: lat > 14.0),
    ("Quần đảo Trường Sa", "Khánh Hòa", lambda lat: lat <= 14.0),
)


def canonical_names() -> set[str]:
    names = set()
    for line in PLACES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names.add(line.split("|", 1)[0].strip())
    return names


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points always stay."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        index, distance = -1, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / norm if norm else math.hypot(px - x1, py - y1)
            if d > distance:
                index, distance = i, d
        if index >= 0:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def path(rings: list[list[tuple[float, float]]]) -> str:
    return "".join("M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in ring) + "Z" for ring in rings)


def build(topology: dict) -> dict:
    raw_arcs = decode_arcs(topology)
    names = canonical_names()
    geometries = next(iter(topology["objects"].values()))["geometries"]

    def polygons(geometry):
        if geometry["type"] == "Polygon":
            return [geometry["arcs"]]
        return geometry["arcs"] if geometry["type"] == "MultiPolygon" else []

    islands: list[tuple[str, float, float]] = []
    mainland_lon: list[float] = []
    mainland_lat: list[float] = []
    for geometry in geometries:
        for polygon in polygons(geometry):
            points = ring_points(polygon[0], raw_arcs)
            if min(lon for lon, _ in points) > ISLANDS_EAST_OF:
                continue
            mainland_lon += [lon for lon, _ in points]
            mainland_lat += [lat for _, lat in points]
    west, east = min(mainland_lon), max(mainland_lon)
    south, north = min(mainland_lat), max(mainland_lat)
    all_lat = [lat for arc in raw_arcs for _, lat in arc]
    all_lon = [lon for arc in raw_arcs for lon, _ in arc]
    south = min(south, min(all_lat))
    east_all = max(all_lon)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (MARGIN + (lon - west) * SCALE * COS, MARGIN + (north - lat) * SCALE)

    arcs = [simplify([project(lon, lat) for lon, lat in arc], TOLERANCE) for arc in raw_arcs]
    provinces: dict[str, str] = {}
    for geometry in geometries:
        source_name = geometry["properties"]["ten_tinh"].strip()
        name = NAMES.get(source_name, source_name)
        if name not in names:
            raise SystemExit(f"unknown province name in the source: {source_name!r}")
        rings = []
        for polygon in polygons(geometry):
            outer = ring_points(polygon[0], raw_arcs)
            if min(lon for lon, _ in outer) > ISLANDS_EAST_OF:
                lon = sum(p[0] for p in outer) / len(outer)
                lat = sum(p[1] for p in outer) / len(outer)
                islands.append((name, lon, lat))
                continue
            for ring in polygon:
                points = ring_points(ring, arcs)
                if len(points) >= 4 and area(points) >= MIN_RING_AREA:
                    rings.append(points[:-1] if points[0] == points[-1] else points)
        provinces[name] = path(rings)
    missing = names - set(provinces)
    if missing:
        raise SystemExit(f"provinces without an outline: {sorted(missing)}")

    archipelagos = []
    for label, province, test in ARCHIPELAGOS:
        cells = sorted({(round(lon / GRID), round(lat / GRID)) for name, lon, lat in islands
                        if name == province and test(lat)})
        dots = [[float(fmt(v)) for v in project(cx * GRID, cy * GRID)] for cx, cy in cells]
        if dots:
            xs, ys = [d[0] for d in dots], [d[1] for d in dots]
            archipelagos.append({"name": label, "province": province, "dots": dots,
                                 "label": [float(fmt(min(xs))), float(fmt(min(ys) - 9))]})
    width, height = project(east_all, south)
    return {
        "source": "Open Development Mekong, Địa phận tỉnh (CC BY-SA 4.0), simplified by scripts/make_vn_map.py",
        "width": float(fmt(width + MARGIN)),
        "height": float(fmt(height + MARGIN)),
        "provinces": dict(sorted(provinces.items())),
        "archipelagos": archipelagos,
    }


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    data = build(topology)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {out.stat().st_size:,} bytes, {len(data['provinces'])} provinces, "
          f"{sum(len(a['dots']) for a in data['archipelagos'])} island dots")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
