"""立法计划: one file per year, content/legislation/plans/<year>.yml, with
the plan's items (title, category, 提请单位, the months planned for 审议,
and the legislation record where one exists).

A bad item is reported and left out; the plan's other items are still
published, as with the columns file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from ..findings import CongressError, Finding
from .loader import _shown, _validate
from .records import Id, LongText, Record, Text
from .source import error, load_yaml, read_text
from .vocab import PLAN_CATEGORIES, PlanCategory

# A plan lists laws by title; a revision is marked after it: 《…条例》（修订）.
PlanTitle = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120,
                                             pattern=r"^《[^《》<>]+》(?:（[^（）<>]+）)?$")]
Month = Annotated[int, Field(ge=1, le=12)]


class PlanItem(Record):
    title: PlanTitle
    category: PlanCategory
    submitted_by: Text  # 提请单位
    months: list[Month] = []  # planned months of 审议 in the plan's year
    record: Id | None = None
    note: Text | None = None


class PlanHead(Record):
    """The plan's own fields; items are validated one by one."""

    year: int = Field(ge=2000, le=2100)
    title: Text | None = None
    adopted_on: dt.date | None = None
    adopted_by: Text | None = None
    summary: LongText | None = None
    items: list = Field(min_length=1)


class LegislativePlan(Record):
    year: int
    title: Text | None = None
    adopted_on: dt.date | None = None
    adopted_by: Text | None = None
    summary: LongText | None = None
    items: list[PlanItem] = []
    # Filled by the loader.
    path: str = Field(default="", exclude=True)

    @property
    def heading(self) -> str:
        return self.title or f"{self.year}年度立法工作计划"

    def by_category(self) -> list[tuple[str, list[PlanItem]]]:
        return [(c, [i for i in self.items if i.category == c]) for c in PLAN_CATEGORIES
                if any(i.category == c for i in self.items)]


def plan_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if (p.is_file() or p.is_symlink()) and not p.name.startswith(".") and p.name.lower() != "readme.md")


def load_plan(file: Path, display: str):
    """(plan, source, findings of bad items); a CongressError when the file
    as a whole cannot be read."""
    if file.suffix != ".yml" or not file.stem.isdigit():
        raise error(display, 1, 1, "plan-file", f"“{_shown(file.name)}”不是立法计划文件",
                    "立法计划按年份命名，例如 content/legislation/plans/2026.yml")
    src = load_yaml(read_text(file, display), display)
    if src.data is None:
        raise error(display, 1, 1, "empty-file", "立法计划文件是空的", "请按 CONTRIBUTING.md 中的模板填写")
    head = _validate(PlanHead, src)
    if str(head.year) != file.stem:
        line, col = src.where(("year",))
        raise error(display, line, col, "plan-year", f"年份 {head.year} 与文件名“{_shown(file.name)}”不一致",
                    f"请把 year 改为 {file.stem}，或把文件改名为 {head.year}.yml")
    items, findings = [], []
    for i, raw in enumerate(head.items):
        try:
            items.append(_validate(PlanItem, src, raw, ("items", i)))
        except CongressError as exc:
            findings.extend(exc.findings)
    plan = LegislativePlan(**head.model_dump(exclude={"items"}), items=items)
    plan.path = display
    return plan, src, findings


def load_plans(repo, folder: Path) -> None:
    """Every plan file into `repo.plans` by year; problems as findings."""
    from .repository import Held, _attempt  # the repository imports this module

    for path in plan_files(folder):
        loaded = _attempt(repo, path, load_plan)
        if not loaded:
            continue
        plan, src, findings = loaded
        repo.findings.extend(findings)
        for line in sorted({f.line for f in findings}):
            repo.failed.append(Held(src.path, f"第{line}行的计划项目有错误"))
        repo.sources[src.path] = src
        repo.plans[plan.year] = plan
    for plan in repo.plans.values():
        src = repo.sources[plan.path]
        for i, item in enumerate(plan.items):
            if item.record and item.record not in repo.legislation:
                line, col = src.where(("items", i, "record"))
                from .repository import _suggest

                repo.findings.append(Finding(src.path, line, col, "unknown-legislation",
                                             f"法规编号“{item.record}”不存在", _suggest(item.record, repo.legislation)))
