"""JSON Schemas from the record models agree with the loader: the sample
records validate against them and typical mistakes do not."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from congress_site.cli import main
from congress_site.model.source import split_front_matter
from congress_site.scaffold import record_schemas

REPO = Path(__file__).resolve().parents[2]


def _plain(data):
    """YAML dates as strings, the way a YAML language server sees them."""
    return json.loads(json.dumps(data, default=str))


@pytest.fixture(scope="module")
def schemas():
    return record_schemas("https://example.gov.cn/")


def validator(schema):
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_record_type_has_a_valid_schema(schemas):
    assert set(schemas) == {"story", "profile", "legislation", "station", "column", "columns", "plan",
                            "suggestion", "suggestions", "projects", "meeting", "oversight"}
    for name, schema in schemas.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"https://example.gov.cn/schemas/{name}.schema.json"
    story = schemas["story"]
    assert "slug" not in story["properties"] and "body" not in story["properties"]
    assert story["properties"]["title"]["title"] == "标题"
    assert set(story["required"]) == {"title", "date", "column", "authors"}


def test_sample_records_validate(schemas):
    stories = sorted((REPO / "stories").glob("*/*.md"))
    profiles = sorted((REPO / "profiles").glob("*.yml"))
    laws = sorted((REPO / "content/legislation").glob("*.yml"))
    stations = sorted((REPO / "content/stations").glob("*.yml"))
    assert stories and profiles and laws and stations, "the sample records are not where the loader looks"
    for path in stories:
        fm, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
        validator(schemas["story"]).validate(_plain(yaml.safe_load(fm)))
    for path in profiles:
        validator(schemas["profile"]).validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in laws:
        validator(schemas["legislation"]).validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in stations:
        validator(schemas["station"]).validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))
    validator(schemas["columns"]).validate(yaml.safe_load((REPO / "content/columns.yml").read_text(encoding="utf-8")))
    for path in sorted((REPO / "content/legislation/plans").glob("*.yml")):
        validator(schemas["plan"]).validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for kind, folder in (("meeting", "meetings"), ("oversight", "oversight")):
        for path in sorted((REPO / "content" / folder).glob("*.yml")):
            validator(schemas[kind]).validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_plan_schema_refuses_an_unknown_category(schemas):
    plan = {"year": 2026, "items": [{"title": "《某条例》", "category": "正式项目", "submitted_by": "市政府"}]}
    validator(schemas["plan"]).validate(plan)
    plan["items"][0]["category"] = "重点项目"
    with pytest.raises(jsonschema.ValidationError):
        validator(schemas["plan"]).validate(plan)
    for kind in ("suggestions", "projects"):
        for path in sorted((REPO / "content" / kind).glob("*.yml")):
            validator(schemas[kind]).validate(_plain(yaml.safe_load(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("change", [
    {"status": "已立案"},                  # 政协 wording
    {"answer": "D"},                      # A, B or C
    {"unit": "市公安局/市交通局"},          # one unit per name
    {"lead": "王五"},                      # ids are ASCII
])
def test_typical_mistakes_fail_the_suggestions_schema(schemas, change):
    item = {"number": "1", "session": "十届五次会议", "title": "关于增设公交站点的建议", "lead": "zhao-mingyuan",
            "category": "交通管理", "unit": "市交通运输局", "assigned": "2026-02-10", "status": "办理中"}
    validator(schemas["suggestions"]).validate([item])
    item.update(change)
    with pytest.raises(jsonschema.ValidationError):
        validator(schemas["suggestions"]).validate([item])


@pytest.mark.parametrize("change", [
    {"colum": "jiceng"},                 # misspelt key
    {"date": "2025-13-40"},             # no such date
    {"authors": []},                      # authors required
    {"column": "基层传真"},               # ids are ASCII
])
def test_typical_mistakes_fail_the_story_schema(schemas, change):
    story = {"title": "标题", "date": "2025-07-05", "column": "jiceng", "authors": ["通讯员"]}
    validator(schemas["story"]).validate(story)
    story.update(change)
    with pytest.raises(jsonschema.ValidationError):
        validator(schemas["story"]).validate(story)


def test_schema_command_writes_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["schema", "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "story.schema.json" in written and "legislation.schema.json" in written
    data = json.loads((tmp_path / "profile.schema.json").read_text(encoding="utf-8"))
    assert data["$id"].endswith("/schemas/profile.schema.json") and "properties" in data
