"""JSON Schemas of the data files, generated from the output models."""

from __future__ import annotations

import json

from .models import FILES

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_path(name: str) -> str:
    return f"data/schemas/{name}.schema.json"


def schema(name: str, base: str) -> dict:
    model, title = FILES[name]
    out = {"$schema": DRAFT, "$id": base + schema_path(name)}
    body = model.model_json_schema(by_alias=True, mode="serialization")
    body["title"] = title
    body["description"] = f"{title}。字段说明见 {base}data/"
    out.update(body)
    return out


def dumps(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dumps_records(data: dict) -> bytes:
    """A data file with one record per line. Pretty-printing a whole
    archive goes through json's pure-Python encoder and took most of the
    open data's build time; a record per line goes through its C encoder
    and still reads, and diffs, record by record."""
    parts = []
    for key, value in data.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            rows = ",\n".join(json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f"{name}: [\n{rows}\n]")
        else:
            parts.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")
