"""Decap CMS fields from the JSON Schema of a record model.

The widget follows from the schema wherever it can: a fixed vocabulary
(`Literal`, an `enum`) is a select, a date a date picker, a number a number,
a list a list, a nested model an object. Only what a schema cannot say is
written here: which ids point at another collection (relation widgets),
which texts are images, and a few labels and hints. A record type added to
the models later gets its form without code here, unless one of its fields
points at other records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from ..images.safety import MAX_BYTES as MAX_IMAGE

T = TypeVar("T")

# An id field (or list of ids) named after a kind of record — `station`,
# `legislation`, `meeting` for the kinds `stations`, `legislation`,
# `meetings` — points at that kind: the CMS offers its records by name
# instead of asking for an id. These names say it otherwise, keyed
# "collection.field" or "field".
RELATIONS: dict[str, str] = {
    "representatives": "profiles",
    "proposers": "profiles",
    "participants": "profiles",
    "lead": "profiles",
    "cosigners": "profiles",
    "plans.record": "legislation",
    "stations.parent": "stations",
}
# Ids that point at records no relation widget can offer, keyed like
# RELATIONS: a story's id is the end of its file name (07-05-<id>.md), which
# Decap's templates cannot cut out. They stay text, with a hint.
NOT_RELATIONS = {"story", "stories"}
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Fields with no form, keyed "collection.field": free-form mappings kept in
# the file as they are (the copy checker's per-file options).
FREE_FORM = {"stories.lint"}

# Image fields, keyed "collection.field" or "field": stored next to the
# record, as the image pipeline expects (a path relative to the file).
IMAGES = {"stories.cover", "profiles.photo"}

# Labels where the field's Chinese name (model/errors.FIELD_NAMES_ZH) is
# ambiguous across records, keyed "collection.field".
LABELS = {
    "profiles.name": "姓名",
    "columns.name": "栏目名称",
    "stations.name": "名称",
    "stories.title": "标题",
    # A station's fixed reception day runs from a time to a time.
    "stations.start": "开始时间",
    "stations.end": "结束时间",
    "meetings.document": "相关文件",
    "meetings.number": "公告编号",
    "oversight.status": "整改状态",
}

# What a correspondent reads under a field, keyed "collection.field" or "field".
HINTS = {
    "stories.date": "发布日期。日期在今天之后的稿件到那天才会出现在网站上。",
    "stories.authors": "每位作者一行，例如“本站通讯员”。",
    "stories.region": "稿件所写的地方，从地区表中选；本行政区域以外的地方写在“地点”里。",
    "region": "从地区表（content/regions.yml）中选择。",
    "stations.parent": "这个站点隶属的上级站点，例如街道的代表之家；最上级的站点不填。",
    "stories.representatives": "稿件写到的人大代表，可多选；输入姓名查找。",
    "stories.legislation": "稿件涉及的法规，可多选；输入名称查找。",
    "stories.tags": "每个标签一行，不要写标点和空格。",
    "stories.summary": "一两句话概括稿件，用于搜索结果和分享卡片。",
    "stories.cover": "可不选。图片会保存在稿件旁的 images 文件夹里。",
    "stories.cover_alt": "有封面图时必填：用一句话描述图片内容，供读屏软件朗读。",
    "stories.cover_caption": "显示在封面图下方的说明文字，可不填。",
    "stories.source": "转载的稿件写明来源，例如 《示例日报》2025年7月5日。",
    "stories.draft": "打开后只在预览中显示，不会发布。",
    "profiles.photo": "照片保存在代表信息文件旁，文件名用代表编号，例如 zhang-huijuan.jpg。",
    "story": "报道这件事的稿件的英文短名，即稿件文件名中日期之后的部分，例如 wenjiao-street。",
    "stories": "报道这件事的稿件的英文短名，即稿件文件名中日期之后的部分，例如 wenjiao-street。",
    "meetings.document": "议程对应的会议文件，写该会议“文件”一栏中某一项的文件名。",
    "meetings.number": "公告的编号，例如第十九号写 19；其他文件不填。",
    "oversight.law": "本站有记录的法规写它的编号，例如 shili-chengshi-lvhua；其他法律写带书名号的全称，"
                     "例如 《中华人民共和国农产品质量安全法》。",
    "bio": "只写公开信息，不写私人电话和住址。",
    "id": "小写拼音或英文，用连字符分隔，例如 zhang-huijuan；保存后不要再改。",
}

# Messages for the patterns the models use; any other pattern gets the
# generic one. Decap shows them under the field when the value does not match.
PATTERN_MESSAGES = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "只能用小写英文字母、数字和连字符，例如 zhang-huijuan",
    r"^[^<>]*$": "不能包含尖括号 < >",
    r"^《[^《》]+》$": "法规名称请写成《……条例》的形式，带书名号",
    r"^([01]\d|2[0-3]):[0-5]\d$": "时间请写成 09:00 这样的格式",
}
TAG_MESSAGE = "标签不能包含空格、斜杠、点和 ? # % & 等符号，最多 20 个字"
GENERIC_PATTERN_MESSAGE = "格式不对，请对照说明修改"
# Longer texts than this get a multi-line box.
LONG_TEXT = 200


@dataclass(frozen=True)
class Target:
    """A collection other records point at: its name, the fields that name
    a record to a person, and what one record is called (a field named
    after the kind is labelled so when it has no Chinese name of its own)."""

    collection: str
    display: tuple[str, ...]
    label: str = ""


# (value, label) pairs a field offers, keyed "collection.field" or "field".
Choices = dict[str, list[tuple[str, str]]]


class Fields:
    """Turns one collection's JSON Schema into Decap fields. `targets`:
    the collections relation fields may point at; `choices`: ids of records
    kept inside another file (the columns of columns.yml, say), offered as a
    select."""

    def __init__(self, collection: str, schema: dict, targets: dict[str, Target],
                 choices: Choices, field_names: dict[str, str]):
        self.collection = collection
        self.defs = schema.get("$defs", {})
        self.targets = targets
        self.choices = choices
        self.names = field_names

    def of(self, schema: dict) -> list[dict]:
        """The fields of an object schema, in the model's order."""
        required = set(schema.get("required", []))
        out = []
        for name, node in schema.get("properties", {}).items():
            field = self.field(name, node, name in required)
            if field is not None:
                out.append(field)
        return out

    # ------------------------------------------------------------ one field

    def field(self, name: str, node: dict, required: bool) -> dict | None:
        node, nullable = self._unwrap(node)
        field: dict[str, Any] = {"name": name, "label": self._label(name)}
        hint = self._lookup(HINTS, name)
        if hint:
            field["hint"] = hint
        widget = self._widget(name, node)
        if widget is None:
            return None  # free-form mappings (e.g. the copy checker's per-file options)
        field.update(widget)
        optional = nullable or not required
        if optional:
            field["required"] = False
        default = node.get("default")
        if default not in (None, [], {}) and "default" not in field:
            field["default"] = default
        return field

    def _widget(self, name: str, node: dict) -> dict | None:
        choices = self._lookup(self.choices, name)
        if choices:
            options = [{"label": label, "value": value} for value, label in choices]
            if node.get("type") == "array":
                return {"widget": "select", "multiple": True, "options": options}
            return {"widget": "select", "options": options}
        if f"{self.collection}.{name}" in IMAGES or name in IMAGES:
            return {"widget": "image", "choose_url": False, "media_library": {"config": {"max_file_size": MAX_IMAGE}}}
        relation = self._relation(name, node)
        if node.get("type") == "array":
            return self._list(name, node, relation)
        if relation is not None:
            return relation
        return self._scalar(name, node)

    def _scalar(self, name: str, node: dict) -> dict | None:
        if "enum" in node:
            return {"widget": "select", "options": list(node["enum"])}
        kind = node.get("type")
        if kind == "string":
            if node.get("format") == "date":
                return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                        "time_format": False}
            out: dict[str, Any] = {"widget": "text" if node.get("maxLength", 0) > LONG_TEXT else "string"}
            if "pattern" in node:
                out["pattern"] = [node["pattern"], self._pattern_message(name, node["pattern"])]
            return out
        if kind in ("integer", "number"):
            out = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            for key, option in (("minimum", "min"), ("maximum", "max")):
                if key in node:
                    out[option] = node[key]
            return out
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "object" and "properties" in node:
            return {"widget": "object", "collapsed": True, "fields": self.of(node)}
        return None

    def _list(self, name: str, node: dict, relation: dict | None) -> dict | None:
        items, _ = self._unwrap(node.get("items", {}))
        bounds = {}
        if node.get("minItems"):
            bounds["min"] = node["minItems"]
        if "maxItems" in node:
            bounds["max"] = node["maxItems"]
        if relation is not None:
            return {**relation, "multiple": True, **bounds}
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": list(items["enum"]), **bounds}
        if items.get("type") == "object" and "properties" in items:
            return {"widget": "list", "collapsed": True, "fields": self.of(items), **bounds}
        inner = self._scalar(name, items)
        if inner is None:
            return None
        return {"widget": "list", "field": {"name": name, "label": self._label(name), **inner}, **bounds}

    def _relation(self, name: str, node: dict) -> dict | None:
        value = self._unwrap(node.get("items", {}))[0] if node.get("type") == "array" else node
        if value.get("pattern") != ID_PATTERN or name in NOT_RELATIONS:
            return None
        target = self._target_of(name)
        if target is None:
            return None
        return {"widget": "relation", "collection": target.collection, "value_field": "id",
                "search_fields": list(dict.fromkeys([*target.display, "id"])), "display_fields": list(target.display),
                "options_length": 50}

    # ------------------------------------------------------------ helpers

    def _target_of(self, name: str) -> Target | None:
        """The collection a field named `name` points at, if any."""
        kind = self._lookup(RELATIONS, name) or next(
            (attr for attr in self.targets if name in (attr, attr.removesuffix("s"))), None)
        return self.targets.get(kind or "")

    def _unwrap(self, node: dict) -> tuple[dict, bool]:
        """The schema of a value, with $ref resolved and `X | None` read
        as an optional X."""
        nullable = False
        if "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            nullable = len(options) < len(node["anyOf"])
            if len(options) == 1:
                node = {**{k: v for k, v in node.items() if k != "anyOf"}, **options[0]}
        if "$ref" in node:
            target = self.defs.get(node["$ref"].rsplit("/", 1)[-1], {})
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node, nullable

    def _label(self, name: str) -> str:
        kind = self._target_of(name)
        return (LABELS.get(f"{self.collection}.{name}") or self.names.get(name)
                or (kind.label if kind else "") or name)

    def _lookup(self, table: Mapping[str, T], name: str) -> T | None:
        return table.get(f"{self.collection}.{name}") or table.get(name)

    def _pattern_message(self, name: str, pattern: str) -> str:
        if name == "tags":
            return TAG_MESSAGE
        return PATTERN_MESSAGES.get(pattern, GENERIC_PATTERN_MESSAGE)
