"""`congress new story|profile|legislation|station`: a new record file with correct
front matter at the right path. With flags it runs unattended; in a
terminal without flags it asks for each field in Chinese."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from ..findings import CongressError, Finding, render
from ..model.phone import PhoneError, parse_phone
from ..model.vocab import LEVELS, STAGES, STATION_TYPES
from ..scaffold import (
    StoryDraft,
    derive_slug,
    new_legislation,
    new_profile,
    new_station,
    new_story,
    valid_slug,
)
from ..scaffold import choices as ch
from ..scaffold.choices import CLI
from ..settings import load_settings

DEFAULT_AUTHOR = "本站通讯员"
LIST_LIMIT = 40  # longer lists are searched by name instead of printed whole


def register(sub) -> None:
    p = sub.add_parser("new", help="新建稿件、代表、法规或联络站记录（生成带正确基本信息的文件）")
    kinds = p.add_subparsers(dest="kind", required=True)

    s = kinds.add_parser("story", help="新建一篇稿件：stories/年份/月-日-短名.md")
    s.add_argument("--title", help="标题")
    s.add_argument("--column", help="栏目（编号或名称）")
    s.add_argument("--date", help="日期 YYYY-MM-DD（默认今天）")
    s.add_argument("--slug", help="网址短名：小写英文字母、数字和连字符（默认由标题生成）")
    s.add_argument("--authors", help=f"作者，多个用逗号分隔（默认“{DEFAULT_AUTHOR}”）")
    s.add_argument("--representatives", help="涉及的代表，编号或姓名，逗号分隔")
    s.add_argument("--legislation", help="涉及的法规编号，逗号分隔")
    s.add_argument("--region", help="地区：content/regions.yml 中的名称或编号，例如 望舒区")
    s.add_argument("--place", help="地点：本行政区域以外或更具体的地方，例如 学前巷")
    s.add_argument("--tags", help="标签，逗号分隔")
    s.add_argument("--draft", action="store_true", help="标为草稿（只在预览中显示）")
    _common(s)
    s.set_defaults(handler=run_story)

    r = kinds.add_parser("profile", help="新建一名代表：profiles/编号.yml")
    r.add_argument("--id", help="编号：姓名拼音，例如 zhang-xiaolan")
    r.add_argument("--name", help="姓名")
    r.add_argument("--levels", help=f"代表层级，逗号分隔：{'、'.join(LEVELS)}")
    r.add_argument("--station", help="联络站（编号或名称）")
    r.add_argument("--occupation", help="职业或职务")
    r.add_argument("--region", help="地区：content/regions.yml 中的名称或编号")
    _common(r)
    r.set_defaults(handler=run_profile)

    leg = kinds.add_parser("legislation", help="新建一部法规的立法进程：content/legislation/编号.yml")
    leg.add_argument("--id", help="编号：小写拼音或英文，例如 lanchuan-youth-development")
    leg.add_argument("--title", help="法规名称，例如 《澜川市青年发展促进条例》")
    leg.add_argument("--body", help="制定机关，例如 澜川市人大常委会")
    leg.add_argument("--kind", dest="law_kind", help="类型（默认 地方性法规）")
    leg.add_argument("--stage", help=f"当前阶段（默认 立项）：{'、'.join(STAGES)}")
    leg.add_argument("--date", help="该阶段的日期 YYYY-MM-DD（默认今天）")
    leg.add_argument("--origin", help="来源，例如 代表议案、政府提请、常委会立项")
    leg.add_argument("--proposers", help="提出人（代表编号或姓名），逗号分隔")
    _common(leg)
    leg.set_defaults(handler=run_legislation)

    st = kinds.add_parser("station", help="新建一个联络站：content/stations/编号.yml")
    st.add_argument("--id", help="编号：站点名称的拼音，例如 wenshu-gongzuozhan")
    st.add_argument("--name", help="名称，例如 文枢街道代表工作站")
    st.add_argument("--type", dest="station_type", help=f"类型：{'、'.join(STATION_TYPES)}")
    st.add_argument("--parent", help="上级站点（编号或名称）")
    st.add_argument("--region", help="地区：content/regions.yml 中的名称或编号")
    st.add_argument("--address", help="地址")
    st.add_argument("--phone", help="公开的办公电话，例如 0123-5550100")
    _common(st)
    st.set_defaults(handler=run_station)


def _common(p) -> None:
    p.add_argument("--config", type=Path, default=None, help="mkdocs.yml 的路径")
    p.add_argument("--no-input", action="store_true", help="不提问：缺少必填项时直接报错")


# ------------------------------------------------------------ prompting

class Asker:
    """Asks in Chinese. `ask` is injectable so tests can answer."""

    def __init__(self, interactive: bool, ask: Callable[[str], str] = input, say: Callable[[str], None] | None = None):
        self.interactive = interactive
        self._ask = ask
        self._say = say or (lambda text: print(text, file=sys.stderr))

    def say(self, text: str) -> None:
        self._say(text)

    def text(self, given: str | None, label: str, *, required: bool, default: str | None = None,
             check: Callable[[str], str | None] | None = None) -> str | None:
        """`given` when set; otherwise ask (again until valid) or fail."""
        if given is not None:
            problem = check(given) if check else None
            if problem:
                raise _usage(problem)
            return given
        if not self.interactive:
            if required and default is None:
                raise _usage(f"缺少{label}", "请加上对应的选项，或在终端中不带选项运行以逐项填写")
            return default
        while True:
            suffix = f"（直接回车使用：{default}）" if default else ("" if required else "（可不填，直接回车跳过）")
            try:
                answer = self._ask(f"{label}{suffix}：").strip()
            except EOFError:
                raise _usage(f"没有输入{label}") from None
            if not answer:
                if default is not None:
                    return default
                if not required:
                    return None
                self.say(f"{label}是必填项。")
                continue
            problem = check(answer) if check else None
            if problem:
                self.say(problem)
                continue
            return answer

    def show(self, title: str, options: list[ch.Choice]) -> None:
        if not self.interactive or not options:
            return
        if len(options) > LIST_LIMIT:
            self.say(f"{title}共 {len(options)} 项，请直接输入姓名或编号。")
            return
        self.say(f"{title}：")
        for i, o in enumerate(options, 1):
            self.say(f"  {i:>2}. {o.name}（{o.id}）")

    def choose(self, given: str | None, label: str, options: list[ch.Choice], *, required: bool) -> str | None:
        if given is None:
            self.show(f"可选的{label}", options)

        def check(value: str) -> str | None:
            try:
                ch.resolve(value, options, label)
            except CongressError as exc:
                f = exc.findings[0]
                return f"{f.message}。{f.fix or ''}"
            return None

        answer = self.text(given, f"{label}（序号、名称或编号）", required=required, check=check)
        return ch.resolve(answer, options, label) if answer else None

    def choose_many(self, given: str | None, label: str, options: list[ch.Choice]) -> list[str]:
        if given is None:
            self.show(f"可选的{label}", options)

        def check(value: str) -> str | None:
            for part in ch.split_list(value):
                try:
                    ch.resolve(part, options, label)
                except CongressError as exc:
                    f = exc.findings[0]
                    return f"{f.message}。{f.fix or ''}"
            return None

        answer = self.text(given, f"{label}（可多选，用逗号或顿号分隔）", required=False, check=check)
        return list(dict.fromkeys(ch.resolve(p, options, label) for p in ch.split_list(answer)))


def _usage(message: str, fix: str | None = None) -> CongressError:
    return CongressError(Finding(CLI, 1, 1, "new-input", message, fix))


def _date(value: str) -> str | None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"“{value}”不是有效日期，请写成 2025-07-05 这样的格式"
    return None


def _slug(value: str) -> str | None:
    return None if valid_slug(value) else f"短名“{value}”不符合规则：只用小写英文字母、数字和连字符，例如 xingqiao-street"


def _interactive(args) -> bool:
    """Prompt when in a terminal, unless told not to; with no flags at all
    every field is asked, otherwise only the missing required ones."""
    return not args.no_input and sys.stdin.isatty()


def _no_flags(args, fields: tuple[str, ...]) -> bool:
    return all(getattr(args, f, None) in (None, False) for f in fields)


def _finish(path: Path, layout, what: str) -> int:
    print(layout.display(path))
    print(f"已新建{what}：{layout.display(path)}。下一步：编辑这个文件，然后运行 make check（或 congress check）检查。",
          file=sys.stderr)
    return 0


def _fail(exc: CongressError) -> int:
    """Problems with what was typed have no file to point at; problems in
    the written file keep file:line:column."""
    for f in exc.findings:
        if f.path == CLI:
            print(f"congress new：{f.message}" + (f"（建议：{f.fix}）" if f.fix else ""), file=sys.stderr)
        else:
            print(render([f], "text"), file=sys.stderr)
    return 1


# --------------------------------------------------------------- story

STORY_FLAGS = ("title", "column", "date", "slug", "authors", "representatives", "legislation", "region", "tags")


def run_story(args, asker: Asker | None = None) -> int:
    settings, _ = load_settings(args.config)
    layout = settings.layout
    asker = asker or Asker(_interactive(args))
    everything = asker.interactive and _no_flags(args, STORY_FLAGS)
    try:
        columns = ch.columns(layout)
        if not columns:
            raise _usage(f"站点还没有栏目（{layout.display(layout.columns_file)}）", "请先请责编建立栏目表")
        title = asker.text(args.title, "标题", required=True)
        column = asker.choose(args.column, "栏目", columns, required=True)
        date = asker.text(args.date, "日期", required=True, default=dt.date.today().isoformat(), check=_date)
        slug = asker.text(args.slug, "网址短名（小写英文字母、数字和连字符）", required=True,
                          default=derive_slug(title, date), check=_slug) if everything or args.slug else \
            derive_slug(title, date)
        authors = asker.text(args.authors, "作者（多个用逗号分隔）", required=True,
                             default=DEFAULT_AUTHOR if not everything else None)
        region = asker.choose(args.region, "地区", ch.regions(layout), required=False) \
            if everything or args.region else None
        people = ch.profiles(layout)
        reps = asker.choose_many(args.representatives, "代表", people) \
            if everything or args.representatives else []
        laws = asker.choose_many(args.legislation, "法规", ch.legislation(layout)) \
            if everything or args.legislation else []
        tags = ch.split_list(asker.text(args.tags, "标签（逗号分隔）", required=False)) \
            if everything or args.tags else []
        draft = StoryDraft(title=title, column=column, date=dt.date.fromisoformat(date), slug=slug,
                           authors=ch.split_list(authors), representatives=reps, legislation=laws,
                           region=region, place=getattr(args, "place", None), tags=tags, draft=bool(args.draft))
        path = new_story(layout, draft, settings.site_url)
    except CongressError as exc:
        return _fail(exc)
    return _finish(path, layout, "稿件")


# ------------------------------------------------------------- profile

PROFILE_FLAGS = ("id", "name", "levels", "station", "occupation", "region")


def _levels(value: str) -> str | None:
    return ch.levels(value)[1]


def _id(value: str) -> str | None:
    return None if valid_slug(value) else f"编号“{value}”不符合规则：只用小写拼音字母、数字和连字符，例如 zhang-xiaolan"


def run_profile(args, asker: Asker | None = None) -> int:
    settings, _ = load_settings(args.config)
    layout = settings.layout
    asker = asker or Asker(_interactive(args))
    everything = asker.interactive and _no_flags(args, PROFILE_FLAGS)
    try:
        name = asker.text(args.name, "姓名", required=True)
        pid = asker.text(args.id, "编号（姓名拼音，小写，用连字符分隔，例如 zhang-xiaolan；同名的人用不同编号）",
                         required=True, check=_id)
        levels = asker.text(args.levels, f"代表层级（{'、'.join(LEVELS)}，可多选）", required=True, check=_levels)
        station = asker.choose(args.station, "联络站", ch.stations(layout), required=False) \
            if everything or args.station else None
        occupation = asker.text(args.occupation, "职业或职务", required=False) if everything or args.occupation else None
        region = asker.choose(args.region, "地区", ch.regions(layout), required=False) \
            if everything or args.region else None
        values = {"id": pid, "name": name, "levels": ch.levels(levels)[0], "station": station,
                  "occupation": occupation, "region": region}
        path = new_profile(layout, values, settings.site_url)
    except CongressError as exc:
        return _fail(exc)
    return _finish(path, layout, "代表信息")


# --------------------------------------------------------- legislation

LAW_FLAGS = ("id", "title", "body", "law_kind", "stage", "date", "origin", "proposers")


def _stage(value: str) -> str | None:
    return None if value in STAGES else f"阶段“{value}”不在可选范围：{'、'.join(STAGES)}"


def _law_title(value: str) -> str | None:
    inner = value.strip().strip("《》")
    return None if inner and "《" not in inner and "》" not in inner else "法规名称请写成 《……条例》 的形式"


def run_legislation(args, asker: Asker | None = None) -> int:
    settings, _ = load_settings(args.config)
    layout = settings.layout
    asker = asker or Asker(_interactive(args))
    everything = asker.interactive and _no_flags(args, LAW_FLAGS)
    try:
        title = asker.text(args.title, "法规名称（例如 《澜川市青年发展促进条例》）", required=True, check=_law_title)
        lid = asker.text(args.id, "编号（小写拼音或英文，用连字符分隔）", required=True, check=_id)
        body = asker.text(args.body, "制定机关（例如 澜川市人大常委会）", required=True)
        kind = asker.text(args.law_kind, "类型", required=True, default="地方性法规")
        stage = asker.text(args.stage, f"当前阶段（{'、'.join(STAGES)}）", required=True, default="立项", check=_stage)
        date = asker.text(args.date, "该阶段的日期", required=True, default=dt.date.today().isoformat(), check=_date)
        origin = asker.text(args.origin, "来源（代表议案、政府提请、常委会立项……）", required=True, default="常委会立项")
        proposers = asker.choose_many(args.proposers, "提出人", ch.profiles(layout)) \
            if everything or args.proposers else []
        values = {"id": lid, "title": title, "body": body, "kind": kind, "stage": stage,
                  "date": dt.date.fromisoformat(date), "origin": origin, "proposers": proposers}
        path = new_legislation(layout, values, settings.site_url)
    except CongressError as exc:
        return _fail(exc)
    return _finish(path, layout, "法规记录")


# ------------------------------------------------------------- station

STATION_FLAGS = ("id", "name", "station_type", "parent", "region", "address", "phone")


def _station_type(value: str) -> str | None:
    return None if value in STATION_TYPES else f"类型“{value}”不在可选范围：{'、'.join(STATION_TYPES)}"


def _phone(value: str) -> str | None:
    try:
        parse_phone(value)
    except PhoneError as err:
        if err.code == "public_phone_mobile":
            return "这里是联络站公开的电话，不能填手机号码；请填写办公固定电话或服务热线"
        return f"电话“{value}”的格式不对：固定电话写成 0123-5550100，或 400-810-1234、12345 这样的服务电话"
    return None


def run_station(args, asker: Asker | None = None) -> int:
    settings, _ = load_settings(args.config)
    layout = settings.layout
    asker = asker or Asker(_interactive(args))
    everything = asker.interactive and _no_flags(args, STATION_FLAGS)
    try:
        name = asker.text(args.name, "名称（例如 文枢街道代表工作站）", required=True)
        sid = asker.text(args.id, "编号（名称的拼音，小写，用连字符分隔）", required=True, check=_id)
        kind = asker.text(args.station_type, f"类型（{'、'.join(STATION_TYPES)}）", required=True,
                          check=_station_type)
        parent = asker.choose(args.parent, "上级站点", ch.stations(layout), required=False) \
            if everything or args.parent else None
        region = asker.choose(args.region, "地区", ch.regions(layout), required=False) \
            if everything or args.region else None
        address = asker.text(args.address, "地址", required=False) if everything or args.address else None
        phone = asker.text(args.phone, "公开的办公电话", required=False, check=_phone) \
            if everything or args.phone else None
        values = {"id": sid, "name": name, "type": kind, "parent": parent, "region": region,
                  "address": address, "phone": phone}
        path = new_station(layout, values, settings.site_url)
    except CongressError as exc:
        return _fail(exc)
    return _finish(path, layout, "联络站")
