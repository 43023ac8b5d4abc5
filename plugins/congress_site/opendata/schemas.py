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
