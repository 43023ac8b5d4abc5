"""JSON Schemas of the data files, generated from the output models."""

from __future__ import annotations

import json

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

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


def dumps_records(document: BaseModel) -> bytes:
    """A data file with one record per line: it still reads, and diffs,
    record by record. Each record and the file's other fields go through
    pydantic's own JSON writer (by alias, without empty fields); turning a
    whole archive into Python data first and then through json took most
    of the open data's build time."""
    parts = []
    for name, field in type(document).model_fields.items():
        value = getattr(document, name)
        if value is None:
            continue
        key = json.dumps(field.alias or name, ensure_ascii=False)
        if isinstance(value, list) and value and all(isinstance(item, BaseModel) for item in value):
            rows = ",\n".join(map(_json, value))
            parts.append(f"{key}: [\n{rows}\n]")
        else:
            parts.append(f"{key}: {_json(value)}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def _json(value: object) -> str:
    if isinstance(value, BaseModel):
        return value.__pydantic_serializer__.to_json(value, by_alias=True, exclude_none=True).decode("utf-8")
    return json.dumps(to_jsonable_python(value, by_alias=True, exclude_none=True), ensure_ascii=False)
