"""Writing a new story, profile or legislation record: the right path, the
right front matter, never over an existing file, and loaded back with the
model loader before we call it done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import CongressError, Finding
from ..model.loader import load_legislation, load_profile, load_station, load_story
from ..model.repository import Layout
from .choices import CLI
from .modeline import modeline
from .slug import valid_slug
from .text import lines

BODY_HINT = "请在这里撰写正文，每段之间空一行。\n"


@dataclass
class StoryDraft:
    title: str
    column: str
    date: dt.date
    slug: str
    authors: list[str]
    representatives: list[str] = field(default_factory=list)
    legislation: list[str] = field(default_factory=list)
    region: str | None = None
    place: str | None = None
    tags: list[str] = field(default_factory=list)
    summary: str | None = None
    draft: bool = False


def _cli_error(code: str, message: str, fix: str | None) -> CongressError:
    return CongressError(Finding(CLI, 1, 1, code, message, fix))


def story_path(layout: Layout, date: dt.date, slug: str) -> Path:
    return layout.stories_dir / f"{date.year:04d}" / f"{date.month:02d}-{date.day:02d}-{slug}.md"


def story_text(d: StoryDraft, site_url: str | None) -> str:
    head = lines([
        ("title", d.title), ("date", d.date), ("column", d.column), ("authors", d.authors),
        ("region", d.region), ("place", d.place), ("representatives", d.representatives), ("legislation", d.legislation),
        ("tags", d.tags), ("summary", d.summary), ("cover", None), ("cover_alt", None),
        ("source", None), ("draft", d.draft),
    ], hints={"region": "地区编号，见 content/regions.yml，例如 wangshu-qu",
              "place": "地点：本行政区域以外或更具体的地方，例如 学前巷", "summary": "一两句话的摘要",
              "cover": "images/封面图文件名.jpg（相对于本文件）", "cover_alt": "封面图的文字说明（有封面图时必填）",
              "source": "来源，例如 《人民代表报》2025年7月5日"})
    return f"---\n{modeline(site_url, 'story')}{head}---\n\n{BODY_HINT}"


def _write_new(path: Path, text: str, layout: Layout, loader):
    """Create `path` (never over an existing file), then load it back; a file
    that does not load is removed again and the findings are raised."""
    display = layout.display(path)
    if path.exists():
        raise _cli_error("new-exists", f"文件 {display} 已存在，不会覆盖",
                         "请换一个短名（--slug）或编号（--id），或直接编辑已有文件")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise _cli_error("new-exists", f"文件 {display} 已存在，不会覆盖", None) from None
    try:
        record, _ = loader(path, display)
    except CongressError:
        path.unlink(missing_ok=True)
        raise
    return record


def new_story(layout: Layout, draft: StoryDraft, site_url: str | None = None) -> Path:
    if not valid_slug(draft.slug):
        raise _cli_error("new-slug", f"短名“{draft.slug}”不符合规则",
                         "短名只用小写英文字母、数字和连字符，例如 xingqiao-street")
    path = story_path(layout, draft.date, draft.slug)
    taken = sorted(layout.stories_dir.glob(f"*/[0-9][0-9]-[0-9][0-9]-{draft.slug}.md"))
    if taken and not path.exists():
        raise _cli_error("new-slug-taken", f"短名“{draft.slug}”已被 {layout.display(taken[0])} 使用（网址会重复）",
                         "请换一个短名（--slug）")
    _write_new(path, story_text(draft, site_url), layout, load_story)
    return path


def profile_text(values: dict, site_url: str | None) -> str:
    fields = [(k, values.get(k)) for k in ("id", "name", "levels", "term", "constituency", "region", "station",
                                            "occupation")]
    fields += [("groups", values.get("groups") or []), ("photo", values.get("photo")), ("bio", values.get("bio")),
               ("reception", values.get("reception"))]
    body = lines(fields, hints={
        "term": "届次，例如 第十七届", "constituency": "选区或代表团", "region": "地区编号，见 content/regions.yml",
        "station": "所在联络站的编号", "occupation": "职业或职务", "photo": "照片文件名，例如 zhang-xiaolan.jpg",
        "bio": "简介（公开信息，不写私人电话和住址）", "reception": "公开接待时间和地点"})
    duty = ("duty:\n  reception_days: 0  # 接待群众天数\n  visits: 0  # 走访次数\n"
            "# 代表建议不写在这里：写在 content/suggestions/年份.yml 中（lead: 本代表编号），\n"
            "# 或用 congress import suggestions 从办理系统导出的表格生成；代表页面会自动列出。\n")
    return modeline(site_url, "profile") + body + duty


def new_profile(layout: Layout, values: dict, site_url: str | None = None) -> Path:
    pid = values.get("id") or ""
    if not valid_slug(pid):
        raise _cli_error("new-id", f"编号“{pid}”不符合规则", "编号用姓名的拼音、小写、以连字符分隔，例如 zhang-xiaolan")
    path = layout.profiles_dir / f"{pid}.yml"
    _write_new(path, profile_text(values, site_url), layout, load_profile)
    return path


def legislation_text(values: dict, site_url: str | None) -> str:
    stage = values.get("stage") or "立项"
    date = values.get("date") or dt.date.today()
    if stage == "征求意见":
        first = f"  - {{stage: 征求意见, opens: {date.isoformat()}, closes: {date.isoformat()}, opinions: 0}}\n"
    else:
        first = f"  - {{stage: {stage}, date: {date.isoformat()}}}\n"
    body = lines([(k, values.get(k)) for k in ("id", "title", "kind", "body", "summary")],
                 hints={"summary": "一两句话说明这部法规管什么"})
    origin = lines([("type", values.get("origin") or "常委会立项"), ("proposers", values.get("proposers") or [])])
    origin = "origin:\n" + "".join(f"  {line}\n" for line in origin.splitlines())
    hint = "  # 之后每到一个新阶段就加一行，写法同上：- {stage: 阶段, date: 日期}\n"
    return modeline(site_url, "legislation") + body + origin + "stages:\n" + first + hint


def new_legislation(layout: Layout, values: dict, site_url: str | None = None) -> Path:
    lid = values.get("id") or ""
    if not valid_slug(lid):
        raise _cli_error("new-id", f"编号“{lid}”不符合规则", "编号只用小写拼音字母、数字和连字符，例如 lanchuan-youth-development")
    title = (values.get("title") or "").strip()
    if title and not title.startswith("《"):
        values["title"] = f"《{title.strip('《》')}》"
    path = layout.legislation_dir / f"{lid}.yml"
    _write_new(path, legislation_text(values, site_url), layout, load_legislation)
    return path


def station_text(values: dict, site_url: str | None) -> str:
    fields = [(k, values.get(k)) for k in ("id", "name", "type", "parent", "region", "address", "hours",
                                            "schedule", "phone", "messages")]
    body = lines(fields, hints={
        "parent": "上级站点的编号（代表之家没有上级）", "region": "地区编号，见 content/regions.yml",
        "address": "地址", "hours": "开放时间，例如 工作日9:00—17:00",
        "schedule": "接待安排，例如 每周三上午代表接待群众", "phone": "公开的办公电话，例如 0123-5550100（不写个人手机）",
        "messages": "留言渠道：电子邮箱或留言网页地址"})
    rules = "receptions: []\n# - {weekday: 3, start: \"09:00\", end: \"11:30\"}（每周三）或 {monthday: 10, …}（每月10日）\n"
    staff = "liaisons: []\n# - {name: 联络员姓名, role: 职务, phone: 办公电话}\n"
    return modeline(site_url, "station") + body + rules + staff


def new_station(layout: Layout, values: dict, site_url: str | None = None) -> Path:
    sid = values.get("id") or ""
    if not valid_slug(sid):
        raise _cli_error("new-id", f"编号“{sid}”不符合规则", "编号用站点名称的拼音、小写、以连字符分隔，例如 wenshu-gongzuozhan")
    path = layout.stations_dir / f"{sid}.yml"
    _write_new(path, station_text(values, site_url), layout, load_station)
    return path
