"""The Decap CMS configuration (admin/config.yml), generated at every build
from the record models, the kinds of record files and columns.yml.

Collections follow the records: the stories (Markdown with front matter,
one folder per year), one collection per one-record-per-file kind of
`model/kinds.RECORD_KINDS`, and the record files that hold a list or one
object per file (`SOURCES`). Their fields come from each model's JSON Schema
(cms/fields.py). Nothing here is kept by hand per field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..findings import Finding
from ..model.errors import FIELD_NAMES_ZH
from ..model.kinds import RECORD_KINDS, RecordKind
from ..model.plans import LegislativePlan
from ..model.projects import ProjectYear
from ..model.records import Column, Story
from ..model.regions import MAX_REGION_DEPTH, RegionEntry
from ..model.repository import Repository
from ..model.suggestions import Suggestion
from ..scaffold.schemas import model_schema
from ..settings import Settings, plugin_option_position
from .fields import Choices, Fields, Target

# Formats registered by admin/congress-cms.js: YAML written so that the
# site's loader (PyYAML) reads back exactly what was typed.
FORMAT_YAML = "congress-yaml"
FORMAT_LIST = "congress-yaml-list"
FORMAT_STORY = "congress-frontmatter"
FORMAT_MARKDOWN = "congress-markdown"  # a whole file of Markdown, no front matter
# Keys congress-cms.js sets on a story before saving, for the file name
# (stories/<year>/<MM-DD>-<slug>.md); they never reach the file.
STORY_PATH = "{{cx_year}}/{{slug}}"
STORY_SLUG = "{{cx_name}}"
# The field a list file's items are edited in (congress-cms.js wraps the
# file's list in it).
LIST_FIELD = "items"
# The year of a new year file whose content has no year of its own.
YEAR_FIELD = "cx_year"
# A new document's record and file name (content/<kind>/<id>/<name>.md).
OWNER_FIELD, NAME_FIELD = "cx_owner", "cx_name"
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

LOCALE = "zh_Hans"
COLLECTION_LABELS = {"profiles": "人大代表", "legislation": "立法进程", "stations": "联络站"}
COMMIT_MESSAGES = {
    "create": "新建{{collection}}“{{slug}}”",
    "update": "修改{{collection}}“{{slug}}”",
    "delete": "删除{{collection}}“{{slug}}”",
    "uploadMedia": "上传“{{path}}”",
    "deleteMedia": "删除“{{path}}”",
}
# Decap's backend for each host. Decap's own "gitea" backend cannot open
# pull requests (it refuses the editorial workflow); its "forgejo" backend
# can, and speaks the API Gitea (1.20 and later) shares with Forgejo.
BACKENDS = {"github": "github", "gitlab": "gitlab", "gitea": "forgejo", "forgejo": "forgejo"}
API_PATHS = {"gitlab": "/api/v4", "forgejo": "/api/v1"}


@dataclass(frozen=True)
class Source:
    """A record file or folder that is not one record per file: which model
    its items are, and whether each file holds a list of them (`list`) or
    one of them (`object`). A path ending in "/" is a folder of such files
    (one per year, say); otherwise it is one file."""

    name: str
    label: str
    path: str  # inside docs_dir
    model: type[BaseModel]
    shape: str = "list"
    # A tree (places in places): the field that holds an item's children,
    # each an item again. Decap has no recursive fields, so the form nests
    # `depth` levels.
    tree: str | None = None
    depth: int = 4


# Every entry of model/kinds.OTHER_RECORD_SOURCES that a person edits has
# one here (a test holds them together); word lists (style/) are not records.
SOURCES: tuple[Source, ...] = (
    Source("columns", "栏目", "columns.yml", Column),
    Source("regions", "地区", "regions.yml", RegionEntry, tree="children", depth=MAX_REGION_DEPTH),
    Source("suggestions", "代表建议", "suggestions/", Suggestion),
    Source("projects", "民生实事", "projects/", ProjectYear, "object"),
    Source("plans", "立法计划", "legislation/plans/", LegislativePlan, "object"),
)
NOT_IN_CMS = ("style/",)


def record_choices(repo: Repository) -> Choices:
    """Ids of records kept inside another file, offered as a select where a
    field names one: the columns of columns.yml in their order, the places
    of regions.yml in the tree's order, each by the name pages show
    (望舒区文枢街道)."""
    columns = sorted(repo.columns.values(), key=lambda c: (c.order, c.id))
    out: Choices = {"column": [(c.id, c.name) for c in columns]}
    if repo.regions:
        out["region"] = [(r.id, repo.regions.name_of(r.id)) for r in repo.regions.walk()]
    return out


def cms_config(settings: Settings, choices: Choices) -> dict[str, Any]:
    """The whole configuration. `choices`: see `record_choices`."""
    layout = settings.layout
    # The layout's root holds every record folder (a site of a 站群 reads
    # shared records from the repository around its own folder).
    prefix = repository_prefix(layout.root)

    def rel(path: Path) -> str:
        return prefix + path.resolve().relative_to(layout.root.resolve()).as_posix()

    targets = {kind.attr: Target(kind.attr, display_fields(kind.model), kind.label) for kind in RECORD_KINDS}
    collections = [_stories(layout.stories_dir, rel, targets, choices)]
    collections += [_kind(kind, kind.folder(layout), rel, targets, choices) for kind in RECORD_KINDS]
    # Records with `documents` keep their Markdown documents in a folder of
    # their own beside them (model/documents.py).
    collections += [_documents(kind, kind.folder(layout), rel, targets[kind.attr]) for kind in RECORD_KINDS
                    if "documents" in kind.model.model_fields]
    collections += [source_collection(src, layout.docs_dir, rel, targets, choices) for src in SOURCES]
    return {
        "backend": backend(settings),
        "publish_mode": "editorial_workflow",
        # Only on 127.0.0.1 or localhost does Decap look for this server
        # (`congress admin`); on the published site it is ignored.
        "local_backend": {"url": f"http://127.0.0.1:{settings.options.cms_local_port}/api/v1"},
        "locale": LOCALE,
        "site_url": settings.site_url,
        "display_url": settings.site_url,
        "media_folder": rel(layout.docs_dir / "assets" / "images"),
        "public_folder": "/assets/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def backend(settings: Settings) -> dict[str, Any]:
    o = settings.options
    name = BACKENDS[o.cms_backend]
    out: dict[str, Any] = {"name": name, "branch": o.cms_branch, "commit_messages": COMMIT_MESSAGES}
    if o.cms_repo:
        out["repo"] = o.cms_repo
    base = o.cms_base_url.rstrip("/")
    if base:
        out["base_url"] = base
        if name in API_PATHS:
            out["api_root"] = base + API_PATHS[name]
    if o.cms_app_id:
        out["app_id"] = o.cms_app_id
        if name == "gitlab":
            out["auth_type"] = "pkce"
    return out


def option_findings(settings: Settings, display: str) -> list[Finding]:
    """Options that would send editors to the wrong host or none: findings
    on their mkdocs.yml line. A site without `cms_repo` is only tried out
    locally, so nothing else is asked of it."""
    o = settings.options
    config = settings.config_file or settings.root / "mkdocs.yml"
    found: list[Finding] = []

    def bad(option: str, message: str, fix: str) -> None:
        line, col = plugin_option_position(config, (option,))
        found.append(Finding(display, line, col, "cms-option", message, fix))

    if o.cms_base_url and not o.cms_base_url.startswith(("https://", "http://localhost", "http://127.0.0.1")):
        bad("cms_base_url", f"插件选项 cms_base_url“{o.cms_base_url}”不是 https:// 开头的网址",
            "写代码托管平台的完整地址，例如 https://git.example.gov.cn")
    if not o.cms_repo:
        return found
    if o.cms_repo.count("/") < 1 or o.cms_repo.startswith("/") or o.cms_repo.endswith("/"):
        bad("cms_repo", f"插件选项 cms_repo“{o.cms_repo}”应写成“所有者/仓库名”", "例如 cms_repo: renda/site")
    if o.cms_backend != "github":
        if not o.cms_base_url and o.cms_backend != "gitlab":
            bad("cms_base_url", f"{o.cms_backend} 后端需要写明代码托管平台的地址（cms_base_url）",
                "例如 cms_base_url: https://git.example.gov.cn")
        if not o.cms_app_id:
            bad("cms_app_id", f"{o.cms_backend} 后端需要 OAuth 应用的编号（cms_app_id），编辑才能登录",
                "在代码托管平台为网站建立 OAuth 应用（回调地址填网站的 /admin/），把应用编号写进 cms_app_id")
    return found


def repository_top(root: Path) -> Path:
    """The top of the Git repository the site lies in (the site's own folder
    when it is not in one): the CMS names files from there."""
    here = root.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repository_prefix(root: Path) -> str:
    """Where the site lies inside its repository: "" at the top, else "sub/dir/"."""
    rel = root.resolve().relative_to(repository_top(root)).as_posix()
    return "" if rel == "." else rel + "/"


# ---------------------------------------------------------------- collections

def _stories(folder: Path, rel, targets: dict[str, Target], choices: Choices) -> dict[str, Any]:
    fields = Fields("stories", model_schema(Story), targets, choices, FIELD_NAMES_ZH)
    body = {"name": "body", "label": "正文", "widget": "markdown", "modes": ["rich_text", "raw"],
            "hint": "每段之间空一行。插入图片时请填写图片说明（替代文字）。"}
    return {
        "name": "stories", "label": "稿件", "label_singular": "稿件",
        "description": "履职故事和工作动态。保存后由责编审核，通过后发布。",
        "folder": rel(folder), "extension": "md", "format": FORMAT_STORY,
        "create": True, "path": STORY_PATH, "slug": STORY_SLUG,
        "summary": "{{fields.date}}　{{fields.title}}",
        "sortable_fields": [{"field": "date", "label": "日期", "default_sort": "desc"}, "title"],
        # Images beside the story (stories/<year>/images/), written relative
        # to it, as the image pipeline reads them.
        "media_folder": "images", "public_folder": "images",
        "fields": [*fields.of(model_schema(Story)), body],
    }


def _kind(kind: RecordKind, folder: Path, rel, targets, choices: Choices) -> dict[str, Any]:
    schema = model_schema(kind.model)
    display = display_fields(kind.model)
    return {
        "name": kind.attr, "label": COLLECTION_LABELS.get(kind.attr, kind.label), "label_singular": kind.label,
        "folder": rel(folder), "extension": "yml", "format": FORMAT_YAML, "create": True,
        "identifier_field": "id", "slug": "{{fields.id}}",
        "summary": _summary(display) + ("" if "id" in display else "（{{fields.id}}）"),
        "sortable_fields": ["date"] if "date" in display else [display[0]],
        # Photos and other files sit beside the record and are named relative to it.
        "media_folder": "", "public_folder": "",
        "fields": Fields(kind.attr, schema, targets, choices, FIELD_NAMES_ZH).of(schema),
    }


def _documents(kind: RecordKind, folder: Path, rel, owner: Target) -> dict[str, Any]:
    new_only = "新建文件时填写；已有文件不必填。"
    return {
        "name": f"{kind.attr}-documents", "label": f"{kind.label}文件", "label_singular": f"{kind.label}文件",
        "description": f"{kind.label}的 Markdown 文件（文本、说明、报告）。新建后，请在{kind.label}记录的"
                       f"“{FIELD_NAMES_ZH.get('documents', 'documents')}”一栏登记它。",
        "folder": rel(folder), "extension": "md", "format": FORMAT_MARKDOWN, "create": True,
        "path": f"{{{{{OWNER_FIELD}}}}}/{{{{slug}}}}", "slug": f"{{{{fields.{NAME_FIELD}}}}}",
        "identifier_field": NAME_FIELD, "summary": "{{dirname}}/{{filename}}",
        "fields": [
            {"name": OWNER_FIELD, "label": f"所属{kind.label}", "widget": "relation", "collection": owner.collection,
             "value_field": "id", "search_fields": list(dict.fromkeys([*owner.display, "id"])),
             "display_fields": list(owner.display),
             "required": False, "hint": new_only},
            {"name": NAME_FIELD, "label": "文件名", "widget": "string", "required": False,
             "pattern": [ID_PATTERN, "只能用小写英文字母、数字和连字符，例如 caoan-shuoming"],
             "hint": new_only + "不带 .md，例如 caoan-shuoming。"},
            {"name": "body", "label": "正文", "widget": "markdown", "modes": ["raw", "rich_text"],
             "hint": "条文请保持“第一章”“第一条”的写法，每条另起一段。"},
        ],
    }


def source_collection(src: Source, docs_dir: Path, rel, targets, choices: Choices) -> dict[str, Any]:
    schema = model_schema(src.model)
    fields = Fields(src.name, schema, targets, choices, FIELD_NAMES_ZH).of(schema)
    if src.tree:
        fields = _nest(fields, src.tree, display_fields(src.model), src.depth)
    if src.shape == "list":
        fields = [{"name": LIST_FIELD, "label": src.label, "widget": "list", "collapsed": True,
                   "summary": _summary(display_fields(src.model)), "fields": fields}]
    out: dict[str, Any] = {"name": src.name, "label": src.label, "extension": "yml",
                           "format": FORMAT_LIST if src.shape == "list" else FORMAT_YAML}
    if src.path.endswith("/"):
        # One file per year, named by the year: a model with a `year` names
        # its file; a file that is a bare list gets the year asked apart
        # (congress-cms.js keeps it out of the file).
        if src.shape == "object" and "year" in src.model.model_fields:
            year = "year"
        else:
            year = YEAR_FIELD
            fields = [{"name": YEAR_FIELD, "label": "年份", "widget": "number", "value_type": "int",
                       "required": False, "hint": "新建时填写：文件名就是这个年份。"}, *fields]
        return {**out, "folder": rel(docs_dir / src.path), "create": True, "identifier_field": year,
                "slug": f"{{{{fields.{year}}}}}", "summary": "{{filename}}", "fields": fields}
    return {**out, "files": [{"name": src.name, "label": src.label, "file": rel(docs_dir / src.path),
                              "fields": fields}]}


def _nest(fields: list[dict], key: str, display: tuple[str, ...], depth: int) -> list[dict]:
    own = [f for f in fields if f["name"] != key]
    if depth <= 1:
        return own
    children = {"name": key, "label": "下级", "widget": "list", "required": False, "collapsed": True,
                "summary": _summary(display), "fields": _nest(fields, key, display, depth - 1)}
    return [*own, children]


def display_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields that name a record to a person: its name, title or
    subject; else what kind of record it is and its date (a meeting: 常委会会议
    2025-06-20) with its id."""
    for name in ("name", "title", "subject"):
        if name in model.model_fields:
            return (name,)
    return (*(name for name in ("kind", "date") if name in model.model_fields), "id")


def _summary(display: tuple[str, ...]) -> str:
    return " ".join(f"{{{{fields.{name}}}}}" for name in display)


def folder_of(collection: dict[str, Any]) -> list[str]:
    """The repository paths a collection reads: its folder, or its files."""
    if "folder" in collection:
        return [collection["folder"]]
    return [f["file"] for f in collection.get("files", [])]


__all__ = ["SOURCES", "Source", "backend", "cms_config", "folder_of", "display_fields", "option_findings", "record_choices"]
