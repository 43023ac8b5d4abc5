"""Loading one record file into a typed model, or into findings."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..findings import CongressError, Finding
from .errors import translate
from .limits import check_body
from .records import Column, LegislationRecord, Profile, Station, Story
from .source import Source, error, load_yaml, read_text, split_front_matter

STORY_NAME = re.compile(r"^(\d{2})-(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
MAX_STORY_BYTES = 1024 * 1024


def _validate(model: type[BaseModel], src: Source, data=None, prefix: tuple = ()):
    data = src.data if data is None else data
    if not isinstance(data, dict):
        line, col = src.where(prefix)
        raise error(src.path, line, col, "not-a-mapping", "这里应是“字段: 值”的字段组",
                    "请对照模板填写")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CongressError(translate(exc, src, model, prefix)) from None


def file_suffix(name: str) -> str:
    """What Path.suffix gives for a file name, without making a Path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _shown(name: str) -> str:
    """A file name fit for a message: bytes that are not UTF-8 become marks."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _check_id(record, src: Source, file: Path) -> None:
    if record.id != file.stem:
        line, col = src.where(("id",))
        raise error(src.path, line, col, "id-mismatch",
                    f"编号“{record.id}”与文件名“{_shown(file.name)}”不一致",
                    f"请把编号改为 {_shown(file.stem)}，或把文件改名为 {record.id}{_shown(file.suffix)}")


def load_record(model: type[BaseModel], file: Path, display: str):
    """Load a one-record YAML file whose id must equal its file name."""
    if file.suffix not in (".yml", ".yaml"):
        raise error(display, 1, 1, "record-format", f"“{_shown(file.name)}”不是记录文件（应为小写扩展名 .yml）",
                    "请按模板另存为 .yml 纯文本文件（UTF-8 编码），Word 文档和 .txt 文件不会被读取")
    src = load_yaml(read_text(file, display), display)
    if src.data is None:
        raise error(display, 1, 1, "empty-file", "文件是空的", "请按模板填写，或删去这个文件")
    record = _validate(model, src)
    _check_id(record, src, file)
    return record, src


def load_profile(file: Path, display: str) -> tuple[Profile, Source]:
    return load_record(Profile, file, display)


def load_legislation(file: Path, display: str) -> tuple[LegislationRecord, Source]:
    return load_record(LegislationRecord, file, display)


def load_station(file: Path, display: str) -> tuple[Station, Source]:
    return load_record(Station, file, display)


def load_columns(file: Path, display: str) -> tuple[list[Column], Source, list[Finding]]:
    """Columns are one list in one file; a bad entry does not hide the others."""
    src = load_yaml(read_text(file, display), display)
    if src.data is None:
        raise error(display, 1, 1, "empty-file", "栏目文件是空的", "每个栏目写一行，例如 - {id: jiceng, name: 基层传真, order: 1}")
    if not isinstance(src.data, list):
        raise error(display, 1, 1, "not-a-list", "栏目文件应是一个列表，每项以“- id:”开头", None)
    columns, findings, seen = [], [], set()
    for i, item in enumerate(src.data):
        try:
            column = _validate(Column, src, item, (i,))
        except CongressError as exc:
            findings.extend(exc.findings)
            continue
        if column.id in seen:
            line, col = src.where((i, "id"))
            findings.append(Finding(display, line, col, "duplicate-id", f"栏目编号“{column.id}”重复", "请改用不同的编号"))
            continue
        seen.add(column.id)
        columns.append(column)
    return columns, src, findings


def load_story(file: Path | str, display: str) -> tuple[Story, Source]:
    # The path may be plain text (the repository lists stories that way).
    folder, name = os.path.split(file)
    if file_suffix(name).lower() != ".md":
        raise error(display, 1, 1, "story-format", f"“{_shown(name)}”不是 Markdown 稿件（应为 .md 文件）",
                    "请把稿件另存为 .md 纯文本文件（可用 congress new story 生成模板），Word 文档不能直接发布")
    m = STORY_NAME.match(name)
    year = os.path.basename(folder)
    if not m or not re.fullmatch(r"\d{4}", year):
        raise error(display, 1, 1, "story-path",
                    f"稿件文件名“{_shown(year)}/{_shown(name)}”不符合规则",
                    "请放在 stories/年份/ 下，命名为 月-日-英文短名.md，例如 stories/2025/07-05-xingqiao-street.md")
    text = read_text(file, display, MAX_STORY_BYTES)
    if not text.strip():
        raise error(display, 1, 1, "empty-file", "文件是空的", "请用 congress new story 生成模板后填写，或删去这个文件")
    fm, body, body_line = split_front_matter(text)
    if fm is None and re.match(r"---[ \t]*\n", text):
        raise error(display, 1, 1, "front-matter-unclosed", "基本信息（front matter）只有开头的 ---，没有结束的 ---",
                    "请在最后一个字段之后另起一行写 ---，再写正文")
    if fm is None:
        raise error(display, 1, 1, "front-matter-missing", "稿件开头缺少以 --- 包围的基本信息（front matter）",
                    "请用 congress new story 生成模板，或对照 CONTRIBUTING.md 填写")
    src = load_yaml(fm, display, line_offset=1)
    check_body(body, display, body_line - 1)  # before Markdown can stall on it
    if src.data is None:
        raise error(display, 1, 1, "front-matter-empty", "稿件的基本信息是空的", "请填写标题、日期、栏目、作者")
    story = _validate(Story, src)
    story.slug = m.group(3)
    story.path = display
    story.body = body
    story.body_line = body_line
    src.body, src.body_line = body, body_line
    return story, src
