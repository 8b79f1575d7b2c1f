"""Versioned JSON state files that plugins keep between builds.

A missing, unreadable or other-version file reads as empty: the plugin then
does its work again, which is always correct, only slower.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_versioned(path: Path | None, version: Any) -> dict:
    """The file's JSON object if it is readable and of `version`, else {}."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == version else {}
