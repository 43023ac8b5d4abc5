"""民生实事项目 pages: the years, and one year's vote, progress and
year-end rating."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from ..charts import Bar, Chart
from ..model import Repository, Story
from ..model.projects import Candidate, ProjectYear
from ..model.suggestions import Rate
from . import routes
from .helpers import date_zh
from .identity import SiteIdentity
from .indexes import Indexes
from .metadata import describe
from .types import Page


@dataclass(frozen=True)
class Rated:
    """A project's 满意度测评: its 等次 and, for votes, its 满意率."""

    rating: str
    approval: Rate | None


@dataclass(kw_only=True)
class ProjectsPage(Page):
    template: ClassVar[str] = "projects.html"

    years: list[ProjectYear]


@dataclass(kw_only=True)
class ProjectYearPage(Page):
    template: ClassVar[str] = "projects_year.html"

    record: ProjectYear
    year: int
    chart: Chart
    stories: dict[str, Story]
    rated: dict[str, Rated]
    done: int  # projects at 100%


def progress_chart(record: ProjectYear) -> Chart:
    bars = []
    for c in record.elected:
        step = c.latest
        figure = f"{step.percent}%（{date_zh(step.date)}）" if step else "尚无进展报告"
        bars.append(Bar(c.title, step.percent / 100 if step else None, figure))
    return Chart("cx-progress-chart", f"{record.year}年民生实事项目完成进度", tuple(bars))


def lastmod(record: ProjectYear) -> dt.date:
    days = [record.vote.date] + [p.date for c in record.candidates for p in c.progress]
    if record.evaluation is not None and any(c.evaluation for c in record.candidates):
        days.append(record.evaluation.date)
    return max(days)


def _rated(record: ProjectYear, c: Candidate) -> Rated | None:
    if c.evaluation is None:
        return None
    return Rated(record.rating(c.evaluation), record.approval(c.evaluation))


def project_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    if not repo.projects:
        return []
    visible = {s.slug: s for s in ix.stories}
    years = [repo.projects[y] for y in sorted(repo.projects, reverse=True)]
    out: list[Page] = [ProjectsPage(url=routes.PROJECTS, title="民生实事项目", years=years,
                                    lastmod=max(lastmod(r) for r in years))]
    for record in years:
        elected = record.elected
        out.append(ProjectYearPage(
            url=routes.projects_year(record.year), title=f"{record.year}年民生实事项目",
            source=repo.layout.display(repo.layout.docs_dir / "projects" / f"{record.year}.yml"),
            lastmod=lastmod(record), record=record, year=record.year, chart=progress_chart(record),
            stories={p.story: visible[p.story] for c in elected for p in c.progress if p.story in visible},
            rated={c.id: r for c in elected if (r := _rated(record, c))},
            done=sum(1 for c in elected if c.latest and c.latest.percent == 100),
        ))
    return out


@describe.register
def _(page: ProjectsPage, site: SiteIdentity) -> str:
    years = "、".join(f"{r.year}年{len(r.elected)}件" for r in page.years)
    return f"{site.name}：人大代表票决产生的民生实事项目（{years}），及其实施进展和满意度测评。"


@describe.register
def _(page: ProjectYearPage, site: SiteIdentity) -> str:
    r = page.record
    return (f"{r.vote.meeting}票决产生{page.year}年民生实事项目{len(r.elected)}件，已完成{page.done}件；"
            "各项目的责任单位、票数、实施进展和年终满意度测评。")
