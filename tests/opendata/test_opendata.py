"""Open data: every JSON file validates against its published schema, and
the content follows the records (Popolo links, stages, published stories)."""

from __future__ import annotations

import json

import jsonschema
import pytest
from datakit import SITE_NAME, SITE_URL
from jsonschema import Draft202012Validator

from congress_site.opendata import build_open_data
from congress_site.opendata.popolo import body_id

NAMES = ["persons", "organizations", "memberships", "areas", "legislation", "stories", "suggestions", "projects",
         "events", "oversight"]


@pytest.fixture(scope="module")
def out(site):
    return build_open_data(site, SITE_URL, SITE_NAME)


@pytest.fixture(scope="module")
def data(out):
    return {name: json.loads(out[f"data/{name}.json"]) for name in NAMES}


def validator(out, name) -> Draft202012Validator:
    schema = json.loads(out[f"data/schemas/{name}.schema.json"])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_files_listed(out):
    expected = {f"data/{n}.json" for n in NAMES} | {f"data/schemas/{n}.schema.json" for n in NAMES}
    assert set(out) == expected | {"calendar.ics", "robots.txt"}


@pytest.mark.parametrize("name", NAMES)
def test_every_file_validates_against_its_schema(out, data, name):
    doc = data[name]
    validator(out, name).validate(doc)
    schema = json.loads(out[f"data/schemas/{name}.schema.json"])
    assert doc["$schema"] == schema["$id"] == f"{SITE_URL}data/schemas/{name}.schema.json"
    assert doc["meta"]["count"] == len(doc[name]) > 0
    assert doc["meta"]["updated"] == "2025-07-20"


@pytest.mark.parametrize("name", NAMES)
def test_schemas_reject_unknown_fields(out, data, name):
    doc = json.loads(json.dumps(data[name]))
    doc[name][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validator(out, name).validate(doc)


@pytest.mark.parametrize("name", NAMES)
def test_data_files_hold_one_record_per_line(out, data, name):
    """Readable and diffable record by record, without pretty-printing the
    whole archive."""
    lines = out[f"data/{name}.json"].decode("utf-8").splitlines()
    start = lines.index(f'"{name}": [') + 1
    end = lines.index("]", start)
    assert [json.loads(line.rstrip(",")) for line in lines[start:end]] == data[name][name]


def test_records_are_written_as_their_models_dump_them(site, data):
    """Written by pydantic's JSON writer record by record: the same data a
    dump of the models gives, empty fields left out."""
    from congress_site.feeds.site import base_url
    from congress_site.opendata import popolo, stories

    base = base_url(SITE_URL)
    for name, rows in (("stories", stories.index(site, base)), ("persons", popolo.persons(site, base))):
        dumped = [row.model_dump(mode="json", by_alias=True, exclude_none=True) for row in rows]
        assert data[name][name] == dumped and any(None in (r.values()) for r in
                                                    [row.model_dump(by_alias=True) for row in rows])


def test_stories_index_has_published_metadata_only(out, data):
    stories = data["stories"]["stories"]
    assert [s["slug"] for s in stories] == ["lifa", "xingqiao-street", "yachi"]
    raw = out["data/stories.json"].decode()
    assert "caogao" not in raw and "weilai" not in raw
    assert "第二段" not in raw  # the body is never published as data
    first = stories[1]
    assert first["url"] == SITE_URL + "stories/xingqiao-street/"
    assert first["published"] == "2025-07-05T00:00:00+08:00"
    assert first["column"] == "fengcai" and first["column_name"] == "代表风采"
    assert first["authors"] == ["望舒区人大常委会通讯员", "王记者"]
    assert first["representatives"] == ["zhang-xiaolan"]
    assert (first["region"], first["region_id"], first["place"]) == ("望舒区东门街道", "dongmen-jiedao", "星桥街")
    assert all(s["published"].endswith("+08:00") for s in stories)


def test_schema_insists_on_beijing_time(out, data):
    doc = json.loads(json.dumps(data["stories"]))
    doc["stories"][0]["published"] = "2025-07-15T00:00:00+00:00"
    with pytest.raises(jsonschema.ValidationError):
        validator(out, "stories").validate(doc)


def test_popolo_links_resolve(data):
    persons = {p["id"]: p for p in data["persons"]["persons"]}
    orgs = {o["id"]: o for o in data["organizations"]["organizations"]}
    members = data["memberships"]["memberships"]
    assert set(persons) == {"zhang-xiaolan", "zhao-mingyuan"}
    for m in members:
        assert m["person_id"] in persons and m["organization_id"] in orgs
    zhang = {(m["organization_id"], m["role"]) for m in members if m["person_id"] == "zhang-xiaolan"}
    assert zhang == {("congress-county", "代表"), ("congress-city", "代表"), ("xingqiao", "进站代表")}
    labels = {m["label"] for m in members if m["person_id"] == "zhang-xiaolan" and m["role"] == "代表"}
    assert labels == {"县级人大代表", "市级人大代表"}
    assert orgs["xingqiao"]["classification"] == "代表服务岗"
    assert orgs["yueding"]["classification"] == "代表联络站"
    # The tree and the places: a station names its parent and its area, both published.
    areas = {a["id"]: a for a in data["areas"]["areas"]}
    assert orgs["xingqiao"]["parent_id"] == "yueding" and orgs["xingqiao"]["area_id"] == "dongmen-jiedao"
    assert areas["dongmen-jiedao"]["parent_id"] == "wangshu-qu" and areas["dongmen-jiedao"]["full_name"] == "望舒区东门街道"
    assert all(a["parent_id"] in areas for a in areas.values() if a.get("parent_id"))
    # A station without a phone of its own is answered by the one above it.
    voice = {o["id"]: [c["value"] for c in o["contact_details"] if c["type"] == "voice"] for o in orgs.values()}
    assert voice["xingqiao"] == voice["yueding"] == ["0123-5550100"]
    assert {"type": "email", "label": "留言", "value": "daibiao@example.gov.cn"} in orgs["xingqiao"]["contact_details"]
    assert orgs["yueding"]["liaisons"] == [{"name": "韦晓棠", "role": "代表工作委员会干部"}]
    assert orgs[body_id("测试市人大常委会")]["classification"] == "人大常委会"
    assert persons["zhang-xiaolan"]["links"][0]["url"] == SITE_URL + "profiles/zhang-xiaolan/"
    assert persons["zhang-xiaolan"]["duty"] == {"reception_days": 12, "visits": 0}
    # Her suggestion is in suggestions.json, pointing at her by id.
    [led] = [s for s in data["suggestions"]["suggestions"] if s["lead"] == "zhang-xiaolan"]
    assert (led["status"], led["answer"], led["satisfaction"]) == ("已办结", "A", "满意")


def test_legislation_stage_and_status_on_build_date(data):
    laws = {r["id"]: r for r in data["legislation"]["legislation"]}
    bodies = {o["id"] for o in data["organizations"]["organizations"]}
    assert all(r["body_id"] in bodies for r in laws.values())

    open_law = laws["open-law"]
    assert open_law["current_stage"] == "征求意见" and open_law["status"] == "征求意见"
    assert open_law["comment_window"] == {"opens": "2025-07-01", "closes": "2025-07-31", "state": "open"}
    assert open_law["proposers"] == ["zhao-mingyuan"] and open_law["origin"] == "代表议案"
    assert [s["reached"] for s in open_law["stages"]] == [True, True, True]

    coming = laws["coming-law"]
    assert coming["current_stage"] == "立项" and coming["status"] == "立项起草"
    assert coming["comment_window"]["state"] == "upcoming"
    assert [s["reached"] for s in coming["stages"]] == [True, False]

    old = laws["old-law"]
    assert old["status"] == "已施行" and old["current_stage_date"] == "2023-01-01"
    assert "comment_window" not in old
    assert old["lastmod"] == "2023-01-01"


def test_robots_points_at_sitemap(out):
    text = out["robots.txt"].decode()
    assert "User-agent: *" in text
    assert f"Sitemap: {SITE_URL}sitemap.xml" in text.splitlines()


def test_rebuild_is_byte_identical(site, out):
    # Dates come from the records and the build date, never the wall clock,
    # so an unchanged site publishes unchanged files (and caches stay warm).
    assert build_open_data(site, SITE_URL, SITE_NAME) == out


def test_meetings_are_popolo_events_of_their_bodies(data):
    orgs = {o["id"]: o for o in data["organizations"]["organizations"]}
    events = {e["id"]: e for e in data["events"]["events"]}
    held, planned = events["cwh-10-22"], events["cwh-10-23"]
    assert held["name"] == "测试市第十届人民代表大会常务委员会第二十二次会议"
    assert (held["start_date"], held["end_date"], held["status"]) == ("2025-06-26", "2025-06-27", "held")
    assert planned["status"] == "planned" and planned["end_date"] == planned["start_date"] == "2025-08-28"
    body = orgs[held["organization_id"]]
    # The 常委会 that holds the meeting is the one that enacts the laws.
    assert body["name"] == "测试市人大常委会" and body["id"] == body_id("测试市人大常委会")
    [notice] = held["documents"]
    assert notice["full_title"] == "测试市第十届人民代表大会常务委员会公告（第七号）"
    assert notice["legislation"] == "open-law"
    # The 主任会议 and the 人民代表大会 are listed, tied to the 常委会.
    chairmen = next(o for o in orgs.values() if o["classification"] == "主任会议")
    assert chairmen["parent_id"] == body["id"]


def test_oversight_carries_issues_and_progress(data):
    [record] = data["oversight"]["oversight"]
    assert record["law"] == "《中华人民共和国农产品质量安全法》" and "legislation" not in record
    assert record["progress"] == {"未整改": 1, "整改中": 1, "已整改": 1}
    # A problem's found date defaults to the inspection's last day.
    assert [i["found"] for i in record["issues"]] == ["2025-06-10"] * 3
    assert [i["status"] for i in record["issues"]] == ["整改中", "已整改", "未整改"]
    # Its reports with the address where each is published.
    [report] = record["documents"]
    assert report["kind"] == "执法检查报告" and report["date"] == "2025-06-26"
    assert report["url"].endswith("/oversight/nongchanpin/baogao/")
