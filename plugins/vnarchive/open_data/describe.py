"""Descriptions of the files, built from fields.FIELDS: the Arrow schema of
the Parquet file and the Frictionless datapackage.json. Pure functions."""

from __future__ import annotations

from typing import Any

from .fields import CSV_FIELDS, FIELDS, LIST_SEPARATOR

FILES = {"jsonl": "articles.jsonl.gz", "csv": "articles.csv", "parquet": "articles.parquet"}
LICENCE_NOTE = (
    "Văn bản các bài thuộc về các cơ quan báo chí đã đăng chúng; kho lưu trữ chỉ thu thập và "
    "chuyển đổi. Siêu dữ liệu do kho lưu trữ tạo ra. Hãy dẫn nguồn bài gốc khi dùng lại. "
    "The article texts belong to their publishers; the archive only collected and converted them."
)


def arrow_schema():
    """Every column nullable: the Arrow JSON reader gives nullable columns,
    and a cast would cost more than it says (datapackage.json and the JSON
    Schema say which fields are required)."""
    import pyarrow as pa  # only when the files are written

    block = pa.struct([("kind", pa.string()), ("text", pa.string())])
    types = {"string": pa.string(), "list": pa.list_(pa.string()), "blocks": pa.list_(block)}
    return pa.schema([pa.field(f.name, types[f.kind]) for f in FIELDS])


def _field(f, table_type: str, extra: dict | None = None) -> dict[str, Any]:
    out = {"name": f.name, "type": table_type, "description": f.description}
    if f.required:
        out["constraints"] = {"required": True}
    return {**out, **(extra or {})}


def table_schema(fmt: str) -> dict[str, Any]:
    """Table Schema of one file. Lists are arrays in JSON Lines, ';'-joined
    strings in the CSV, and Parquet lists (Frictionless reads those as
    numpy arrays, which no Table Schema type accepts, so: "any")."""
    if fmt == "csv":
        fields = [
            _field(f, "string", {"description": f"{f.description} (nối bằng '{LIST_SEPARATOR}')"} if f.kind == "list" else None)
            for f in CSV_FIELDS
        ]
    else:
        nested = "array" if fmt == "jsonl" else "any"
        arrow = {"list": "list<string>", "blocks": "list<struct<kind: string, text: string>>"}
        fields = [
            _field(f, "string") if f.kind == "string" else _field(f, nested, {"arrowType": arrow[f.kind]} if fmt == "parquet" else None)
            for f in FIELDS
        ]
    return {"fields": fields, "primaryKey": ["url"]}


def datapackage(count: int, files: dict[str, dict[str, Any]], name: str = "vn-news-archive") -> dict[str, Any]:
    """The package: one resource per file, its schema, size, sha256 and rows.

    `files` maps the format ("jsonl", "csv", "parquet") to {"bytes", "sha256"}."""
    formats = {
        "jsonl": {"format": "jsonl", "compression": "gz", "mediatype": "application/jsonl+gzip"},
        "csv": {"format": "csv", "mediatype": "text/csv", "dialect": {"delimiter": ",", "quoteChar": '"', "header": True}},
        "parquet": {"format": "parquet", "mediatype": "application/vnd.apache.parquet"},
    }
    resources = []
    for fmt, path in FILES.items():
        info = files.get(fmt) or {}
        resource = {"name": f"articles-{fmt}", "path": path, "profile": "tabular-data-resource", "encoding": "utf-8", **formats[fmt]}
        if fmt == "parquet":
            resource.pop("encoding")
        if "bytes" in info:
            # Frictionless checks bytes and hash of the files it reads as
            # bytes; it reads Parquet through pyarrow and would count None.
            prefix = "x-" if fmt == "parquet" else ""
            resource[f"{prefix}bytes"] = info["bytes"]
            resource[f"{prefix}hash"] = f"sha256:{info['sha256']}"
        resource["rows"] = count
        resource["schema"] = table_schema(fmt)
        resources.append(resource)
    return {
        "name": name,
        "title": "Kho lưu trữ tin tức tiếng Việt: các bài dưới dạng dữ liệu",
        "description": f"{count} bài báo tiếng Việt đã thu thập, với siêu dữ liệu và thân bài. Ba tệp giữ cùng các bài, theo thứ tự đường dẫn.",
        "licenses": [{"name": "publishers-copyright", "title": LICENCE_NOTE}],
        "count": count,
        "resources": resources,
    }
