"""The run's result and its JSON report (docs/robustness.md): one entry per
input, each with exactly one status."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .files import write_if_changed
from .model import ReportEntry

REPORT_NAME = "report.json"


@dataclasses.dataclass
class Result:
    entries: list[ReportEntry]
    written: int
    removed: int
    converted: int
    timings: dict[str, float] = dataclasses.field(default_factory=dict)  # seconds per phase, for benchmarks
    removed_posts: list[str] = dataclasses.field(default_factory=list)  # posts whose raw file is gone
    manifest_unmatched: list[str] = dataclasses.field(default_factory=list)  # manifest rows naming no file

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.entries:
            counts[entry.status] = counts.get(entry.status, 0) + 1
        return dict(sorted(counts.items()))

    def report(self) -> dict:
        report = {"inputs": len(self.entries), "counts": self.counts()}
        if self.manifest_unmatched:
            report["manifest_unmatched"] = self.manifest_unmatched
        if self.removed_posts:
            report["removed_posts"] = self.removed_posts
        report["files"] = [entry.as_dict() for entry in self.entries]
        return report


def write_reports(folder: Path, copy: str | Path | None, result: Result) -> None:
    """dest/.rawnews/report.json, and the copy the CLI asks for (--report)."""
    text = indented_json(result.report()) + "\n"
    write_if_changed(folder / REPORT_NAME, text, "report")
    if copy:
        Path(copy).parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(Path(copy), text, "report copy")


_ENCODE_STRING = json.encoder.c_encode_basestring or json.encoder.py_encode_basestring


def indented_json(value, indent: str = "") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, the same text.

    With an indent the json module encodes in Python, one generator per
    value; this builds each container with one join and its strings in C
    (the report lists every input: a few hundred thousand values at 10k)."""
    if isinstance(value, str):
        return _ENCODE_STRING(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        items = [f"{_ENCODE_STRING(key)}: {indented_json(item, inner)}" for key, item in value.items()]
        return "{\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + inner + (",\n" + inner).join(indented_json(item, inner) for item in value) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)
