"""A small site with a year of suggestions in every state and a year of
projects, and the independent arithmetic the tests check the site against:
rates recomputed from the YAML with nothing from the package."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import yaml

from sitekit import minimal_site, write, write_story

YEAR = 2026
UNITS = ["市交通运输局", "市住房和城乡建设局", "市民政局", "市教育局", "市农业农村局"]
CATEGORIES = ["交通管理", "城乡建设", "民政养老", "教育", "农业农村"]
PEOPLE = {"zhao-mingyuan": "赵明远", "qian-li": "钱立", "sun-yue": "孙悦", "fang-ning": "方宁", "fang-ning-2": "方宁"}
# (status, answer, satisfaction) in turn: every state, every verdict.
STATES = [
    ("已办结", "A", "满意"), ("已办结", "B", "基本满意"), ("已办结", "A", "满意"), ("已答复", "C", "不满意"),
    ("已答复", "B", "未反馈"), ("办理中", None, None), ("已交办", None, None), ("已办结", "C", "满意"),
    ("已答复", "A", "基本满意"), ("已办结", "A", "未反馈"), ("办理中", None, None),
]


def suggestion_rows(count: int = 22) -> list[dict]:
    rows = []
    leads = ["zhao-mingyuan", "qian-li", "sun-yue", "fang-ning"]
    for n in range(1, count + 1):
        status, answer, verdict = STATES[n % len(STATES)]
        row = {
            "number": str(n), "session": "十届五次会议" if n <= count - 3 else "闭会期间",
            "title": f"关于第{n}项民生问题的建议", "lead": leads[n % len(leads)],
            "category": CATEGORIES[n % len(CATEGORIES)], "unit": UNITS[n % len(UNITS)],
            "assigned": f"{YEAR}-02-10" if n <= count - 3 else f"{YEAR}-0{6 + n % 3}-15", "status": status,
        }
        if n % 4 == 1:
            row["cosigners"] = ["fang-ning-2"] if row["lead"] != "fang-ning-2" else ["zhao-mingyuan"]
        if n % 5 == 2:
            row["co_units"] = [UNITS[(n + 1) % len(UNITS)], "望舒区人民政府"]
        if answer:
            row["answer"] = answer
            row["answered"] = f"{YEAR}-{5 if n <= count - 3 else 10}-{10 + n % 18:02d}".replace("-5-", "-05-")
            row["reply"] = f"已就第{n}项问题书面答复代表。"
            row["satisfaction"] = verdict
        if n in (5, 9):
            row["supervision"] = "常委会主任"
        if n == 5:
            row["led_by"] = "副市长"
        if n == 1:
            row["stories"] = ["item-0"]
        rows.append(row)
    return rows


PROJECTS = f"""
vote: {{meeting: 测试市第十届人民代表大会第五次会议, date: {YEAR}-01-15, attendance: 276}}
seats: 3
evaluation: {{meeting: 测试市第十届人民代表大会常务委员会第三十一次会议, date: {YEAR}-12-17, attendance: 33}}
candidates:
  - id: tingche
    title: 新增公共停车泊位
    responsible: 市城市管理局
    budget: 8500
    target: 新增公共停车泊位三千个
    votes: {{in_favour: 255, against: 9, abstain: 12}}
    elected: true
    progress:
      - {{date: {YEAR}-04-30, percent: 30, note: 已建成九百个泊位}}
      - {{date: {YEAR}-09-30, percent: 92, note: 已建成两千七百六十个泊位, story: item-0}}
    evaluation: {{satisfied: 26, basic: 6, unsatisfied: 1}}
  - id: yizhan
    title: 新就业形态劳动者暖心驿站
    responsible: 市总工会
    votes: {{in_favour: 241, against: 15, abstain: 20}}
    elected: true
    progress:
      - {{date: {YEAR}-07-10, percent: 82, note: 已建成四十一个}}
      - {{date: {YEAR}-09-30, percent: 100, note: 五十个驿站全部建成}}
    evaluation: {{satisfied: 14, basic: 10, unsatisfied: 9}}
  - id: yangshui
    title: 农村供水保障提升
    responsible: 市水利局
    votes: {{in_favour: 250, against: 10, abstain: 16}}
    elected: true
  - id: shufang
    title: 新建城市书房
    responsible: 市文化广电和旅游局
    votes: {{in_favour: 190, against: 41, abstain: 45}}
"""


def duty_site(root: Path, rows: list[dict] | None = None) -> Path:
    minimal_site(root, stories=1)
    for pid, name in PEOPLE.items():
        if pid != "zhao-mingyuan":
            write(root / f"profiles/{pid}.yml", f"id: {pid}\nname: {name}\nlevels: [设区的市（自治州）]\n")
    write(root / f"content/suggestions/{YEAR}.yml",
          yaml.safe_dump(rows if rows is not None else suggestion_rows(), allow_unicode=True, sort_keys=False))
    write(root / f"content/projects/{YEAR}.yml", PROJECTS)
    write_story(root, f"{YEAR}/03-01-dongtai.md", title="建议交办会召开", date=f"{YEAR}-03-01")
    return root


# ----------------------------------------------------- independent arithmetic

def shown(share: Fraction | None) -> str:
    """A share the way the site must print it: one decimal, half up, no .0."""
    if share is None:
        return "—"
    text = str((Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    return text.removesuffix(".0") + "%"


def rates(rows: list[dict]) -> dict:
    """办结率 and 满意率 of raw YAML rows, as the issue defines them."""
    status = Counter(r["status"] for r in rows)
    verdict = Counter(r.get("satisfaction", "未反馈") for r in rows)
    given = verdict["满意"] + verdict["基本满意"] + verdict["不满意"]
    return {
        "total": len(rows),
        "done": shown(Fraction(status["已办结"], len(rows)) if rows else None),
        "satisfied": shown(Fraction(verdict["满意"] + verdict["基本满意"], given) if given else None),
        "answers": Counter(r["answer"] for r in rows if r.get("answer")),
    }


# ------------------------------------------------------------ spreadsheets

HEADERS = {"number": "编号", "session": "会次", "title": "标题", "lead": "领衔代表", "cosigners": "附议代表",
           "category": "类别", "unit": "主办单位", "co_units": "会办单位", "assigned": "交办日期",
           "status": "办理状态", "answer": "答复类别", "answered": "答复日期", "reply": "答复摘要",
           "satisfaction": "代表满意度", "supervision": "重点督办", "led_by": "领办", "stories": "相关报道"}


def name_of(pid: str, people: dict[str, str]) -> str:
    """How a 建议办理 system names a representative: by name, by id only
    where two share a name."""
    name = people[pid]
    return name if list(people.values()).count(name) == 1 else pid


def sheet_rows(rows: list[dict], people: dict[str, str], fields: list[str] | None = None) -> list[list]:
    """The rows as an export lays them out: Chinese headers, names, lists
    joined with 、, 编号 as numbers, dates as Excel dates."""
    import datetime as dt

    fields = fields or list(HEADERS)
    out = [[HEADERS[f] for f in fields] + ["联系电话"]]
    for r in rows:
        line = []
        for f in fields:
            value = r.get(f)
            if f == "lead":
                value = name_of(value, people)
            elif f == "cosigners":
                value = "、".join(name_of(p, people) for p in value or [])
            elif f in ("co_units", "stories"):
                value = "、".join(value or [])
            elif f == "number" and str(value).isdigit():
                value = int(value)
            elif f in ("assigned", "answered") and value:
                value = dt.datetime.fromisoformat(str(value)) if f == "assigned" else str(value).replace("-", "/")
            line.append(value if value not in (None, "") else None)
        out.append(line + ["0123-5550100"])
    return out


def write_xlsx(path: Path, table: list[list], title: str | None = "建议办理情况一览表") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table[0]))
    for line in table:
        sheet.append(line)
    book.save(path)
    return path
