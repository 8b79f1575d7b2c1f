"""Compare two built sites file for file (the sharded build's tests).

Byte for byte, except two documented cases compared after normalising:
- a feed with no entry: its <updated>/<lastBuildDate> is the time it was written;
- Pagefind's bundles: file names are hashes that change between any two
  runs, so each bundle is compared by its page count per language and the
  bundle list (bundles.json) byte for byte.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_STAMP = re.compile(rb"<(updated|lastBuildDate)>[^<]*</\1>")


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def _is_bundle_file(rel: str) -> bool:
    parts = rel.split("/")
    return parts[0] == "pagefind" and len(parts) > 2


def _normal_feed(data: bytes) -> bytes:
    if b"<entry>" in data or b"<item>" in data:
        return data
    return _STAMP.sub(b"", data)


def _bundle_summary(root: Path) -> dict[str, object]:
    summary = {}
    for entry in sorted((root / "pagefind").glob("*/pagefind-entry.json")):
        data = json.loads(entry.read_text(encoding="utf-8"))
        summary[entry.parent.name] = {lang: info.get("page_count") for lang, info in data.get("languages", {}).items()}
    return summary


def differences(expected: Path, actual: Path) -> list[str]:
    """What differs between two output folders, normalised as above; [] when the same site."""
    a, b = _files(expected), _files(actual)
    found = [f"only in {expected}: {rel}" for rel in sorted(a.keys() - b.keys()) if not _is_bundle_file(rel)]
    found += [f"only in {actual}: {rel}" for rel in sorted(b.keys() - a.keys()) if not _is_bundle_file(rel)]
    for rel in sorted(a.keys() & b.keys()):
        if _is_bundle_file(rel):
            continue
        left, right = a[rel].read_bytes(), b[rel].read_bytes()
        if rel.endswith(".xml"):
            left, right = _normal_feed(left), _normal_feed(right)
        if left != right:
            found.append(f"differs: {rel}")
    if _bundle_summary(expected) != _bundle_summary(actual):
        found.append(f"search bundles differ: {_bundle_summary(expected)} != {_bundle_summary(actual)}")
    return found
