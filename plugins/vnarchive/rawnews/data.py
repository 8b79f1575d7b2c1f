"""Loading of the user-editable data files in `rawnews/data/`.

Each file is plain text, one entry per line, `#` starts a comment. Users may
point the converter at their own copies through settings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def data_lines(name: str, directory: str | Path | None = None) -> tuple[str, ...]:
    """Non-comment, non-blank lines of a data file."""
    path = Path(directory or DATA_DIR) / name
    return _read_lines(str(path))


@lru_cache(maxsize=None)
def _read_lines(path: str) -> tuple[str, ...]:
    lines = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return tuple(lines)


@lru_cache(maxsize=None)
def line_regex(name: str, anchored_end: bool = True) -> re.Pattern:
    """One case-insensitive regex matching any line of a pattern file."""
    parts = [f"(?:{p})" for p in data_lines(name)]
    end = r"\s*$" if anchored_end else ""
    return re.compile(r"^\s*(?:" + "|".join(parts) + ")" + end, re.IGNORECASE)


def pairs(name: str, sep: str = "=", directory: str | Path | None = None) -> tuple[tuple[str, str], ...]:
    """Lines of the form `key = value` as pairs (alias files, rules)."""
    result = []
    for line in data_lines(name, directory):
        if sep in line:
            key, value = line.split(sep, 1)
            result.append((key.strip(), value.strip()))
    return tuple(result)
