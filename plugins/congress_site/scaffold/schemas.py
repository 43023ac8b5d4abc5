"""JSON Schemas of the record files, generated from the pydantic models so
that schema and loader cannot drift. Published with the site under
/schemas/<type>.schema.json and referenced from scaffolded files."""

from __future__ import annotations

import json

from pydantic import BaseModel

from ..model.errors import FIELD_NAMES_ZH
from ..model.meetings import Meeting
from ..model.oversight import Oversight
from ..model.plans import LegislativePlan
from ..model.projects import ProjectYear
from ..model.records import Column, LegislationRecord, Profile, Station, Story
from ..model.suggestions import Suggestion

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"

RECORD_MODELS: dict[str, type[BaseModel]] = {
    "story": Story, "profile": Profile, "legislation": LegislationRecord, "station": Station, "column": Column,
    "plan": LegislativePlan, "suggestion": Suggestion, "projects": ProjectYear,
    "meeting": Meeting, "oversight": Oversight,
}
TITLES = {
    "story": "稿件的基本信息（front matter）", "profile": "人大代表信息", "legislation": "法规立法进程",
    "station": "代表联络站", "column": "栏目", "columns": "栏目表（content/columns.yml）",
    "plan": "年度立法计划（content/legislation/plans/年份.yml）",
    "suggestion": "一件代表建议", "suggestions": "一年的代表建议（content/suggestions/年份.yml）",
    "projects": "一年的民生实事项目（content/projects/年份.yml）",
    "meeting": "会议（content/meetings/）", "oversight": "监督工作（content/oversight/）",
}


def schema_uri(kind: str) -> str:
    """Site-relative path of a record type's schema."""
    return f"{SCHEMA_DIR}/{kind}.schema.json"


def _describe(schema: dict) -> None:
    """Chinese field names as titles, shown on hover and in completion."""
    for node in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in node.get("properties", {}).items():
            if name in FIELD_NAMES_ZH:
                prop["title"] = FIELD_NAMES_ZH[name]


def _model_schema(model: type[BaseModel]) -> dict:
    schema = model.model_json_schema(mode="validation")
    # Fields the loader fills (slug, path, body) are not the correspondent's to write.
    hidden = [name for name, f in model.model_fields.items() if f.exclude]
    for name in hidden:
        schema.get("properties", {}).pop(name, None)
        if name in schema.get("required", []):
            schema["required"].remove(name)
    return schema


def record_schemas(base_url: str = "") -> dict[str, dict]:
    """{kind: schema} for every record type, plus the list files `columns`
    and `suggestions` (a year of them)."""
    out: dict[str, dict] = {}
    for kind, model in RECORD_MODELS.items():
        schema = _model_schema(model)
        _describe(schema)
        out[kind] = {"$schema": DRAFT, "$id": base_url + schema_uri(kind), **schema, "title": TITLES[kind]}
    for item, listing in (("column", "columns"), ("suggestion", "suggestions")):
        inner = {k: v for k, v in out[item].items() if k not in ("$schema", "$id")}
        out[listing] = {"$schema": DRAFT, "$id": base_url + schema_uri(listing), "title": TITLES[listing],
                        "type": "array", "items": inner}
    return out


def dumps(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
