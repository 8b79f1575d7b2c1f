"""Streaming writers: records go to the three files one by one, so memory
holds one Parquet row group, never the archive. Each file is written under
a temporary name and renamed into place when complete. Fixed gzip header
(no name, no time) and record order make two builds byte-identical."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.json as pa_json
import pyarrow.parquet as pq

from .describe import FILES, arrow_schema
from .records import csv_header, csv_row


class _Hashing(io.RawIOBase):
    """A binary file that also counts and hashes what is written to it."""

    def __init__(self, path: Path):
        self._file = open(path, "wb")
        self.sha256 = hashlib.sha256()
        self.bytes = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.bytes

    def write(self, data) -> int:
        self.sha256.update(data)
        self.bytes += len(data)
        return self._file.write(data)

    def close(self) -> None:
        if not self._file.closed:  # no fsync: a torn file does not match the state's stamps, so it is rewritten
            self._file.close()
        super().close()

    def info(self) -> dict[str, Any]:
        return {"bytes": self.bytes, "sha256": self.sha256.hexdigest()}


def _table(lines: bytes, schema):
    """JSON Lines -> an Arrow table of the schema, parsed by Arrow itself:
    the records are serialised once, for both files."""
    options = pa_json.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    return pa_json.read_json(io.BytesIO(lines), parse_options=options)


@dataclass(frozen=True)
class EncodedRow:
    """A record as its two text files hold it: its JSON line (also the Parquet row's source) and its CSV line."""

    json: str
    csv: str

    @property
    def record(self) -> dict[str, Any]:
        return json.loads(self.json)


def _csv_writer(stream):
    return csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def encode(record: dict[str, Any]) -> EncodedRow:
    """The record's lines, as write_all writes them (rows.py keeps them, so a kept row is not encoded again)."""
    line = io.StringIO()
    _csv_writer(line).writerow(csv_row(record))
    return EncodedRow(json.dumps(record, ensure_ascii=False, separators=(",", ":")), line.getvalue())


def write_all(records: Iterable[dict[str, Any] | EncodedRow], folder: Path, row_group: int) -> tuple[int, dict[str, dict[str, Any]]]:
    """Write the records (already in URL order; dicts, or rows already encoded) to the three files in folder.

    Returns the record count and, per format, the file's bytes and sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    temp = {fmt: folder / f".{name}.tmp" for fmt, name in FILES.items()}
    sinks = {fmt: _Hashing(path) for fmt, path in temp.items()}
    schema = arrow_schema()
    count = 0
    done = False
    try:
        gz = gzip.GzipFile(filename="", mode="wb", fileobj=sinks["jsonl"], mtime=0, compresslevel=5)
        text = io.TextIOWrapper(sinks["csv"], encoding="utf-8", newline="", write_through=True)
        _csv_writer(text).writerow(csv_header())
        parquet = pq.ParquetWriter(sinks["parquet"], schema, compression="zstd", write_statistics=True)
        group = io.BytesIO()
        pending = 0
        for rec in records:
            row = rec if isinstance(rec, EncodedRow) else encode(rec)
            line = row.json.encode("utf-8") + b"\n"
            gz.write(line)
            text.write(row.csv)
            group.write(line)
            pending += 1
            count += 1
            if pending >= row_group:
                parquet.write_table(_table(group.getvalue(), schema))
                group, pending = io.BytesIO(), 0
        if pending:
            parquet.write_table(_table(group.getvalue(), schema))
        parquet.close()
        gz.close()
        text.flush()
        text.detach()
        done = True
    finally:
        for sink in sinks.values():
            sink.close()
        if not done:
            for path in temp.values():
                path.unlink(missing_ok=True)
    infos = {fmt: sink.info() for fmt, sink in sinks.items()}
    for fmt, path in temp.items():
        os.replace(path, folder / FILES[fmt])
    return count, infos


def write_json(path: Path, data: Any) -> None:
    """Sorted keys off, fixed indent: the same data gives the same bytes."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
