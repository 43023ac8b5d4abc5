"""代表建议 pages: the years, one year with its rates and filters, each
suggestion, each handling unit's record; and what a profile shows of the
suggestions that point at it. Every rate comes from `model.suggestions.tally`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from ..charts import Bar, Chart
from ..model import Profile, Repository, Story
from ..model.suggestions import Suggestion, Tally, tally
from ..model.vocab import ANSWER_CLASSES
from . import routes
from .identity import SiteIdentity
from .indexes import Indexes
from .metadata import describe
from .types import Page


@dataclass(frozen=True)
class UnitRecord:
    """A handling unit's record in a year (or over all years): the
    suggestions it handled as 主办单位 (the rates count these), and those it
    joined as 会办单位."""

    name: str
    main: list[Suggestion]
    joined: list[Suggestion]
    tally: Tally


@dataclass(frozen=True)
class PersonSuggestions:
    """A representative's suggestions: the rates count those led (the 领衔代表
    gives the verdict); the co-signed ones are listed beside them."""

    led: list[Suggestion]
    cosigned: list[Suggestion]
    tally: Tally


@dataclass(kw_only=True)
class SuggestionsPage(Page):
    template: ClassVar[str] = "suggestions.html"

    years: list[tuple[int, Tally]]
    units: list[UnitRecord]


@dataclass(kw_only=True)
class SuggestionYearPage(Page):
    template: ClassVar[str] = "suggestion_year.html"

    year: int
    tally: Tally
    items: list[Suggestion]
    people: dict[str, Profile]
    units: list[UnitRecord]
    categories: list[str]
    persons: list[Profile]
    supervised: list[Suggestion]
    led: list[Suggestion]
    rates_chart: Chart
    answers_chart: Chart
    answer_classes: dict[str, str]


@dataclass(kw_only=True)
class SuggestionPage(Page):
    template: ClassVar[str] = "suggestion.html"

    item: Suggestion
    lead: Profile
    cosigners: list[Profile]
    stories: list[Story]
    answer_text: str | None


@dataclass(kw_only=True)
class UnitPage(Page):
    template: ClassVar[str] = "suggestion_unit.html"

    record: UnitRecord
    years: list[tuple[int, UnitRecord]]
    people: dict[str, Profile]


def rates_chart(chart_id: str, title: str, t: Tally) -> Chart:
    done, satisfied = t.done, t.satisfied
    return Chart(chart_id, title, (
        Bar("办结率", done.share, f"{done.text}（{done.numerator}/{done.denominator}件）"),
        Bar("满意率", satisfied.share,
            f"{satisfied.text}（{satisfied.numerator}/{satisfied.denominator}件）" if satisfied.denominator
            else "暂无代表反馈"),
    ))


def answers_chart(chart_id: str, title: str, t: Tally) -> Chart:
    bars = []
    for cls in ANSWER_CLASSES:
        share = t.answer_share(cls)
        bars.append(Bar(f"{cls}类", share.share, f"{t.by_answer[cls]}件（{share.text}）"))
    return Chart(chart_id, title, tuple(bars))


def units_of(items: list[Suggestion]) -> list[UnitRecord]:
    """Every unit named as 主办 or 会办, the busiest first."""
    main: dict[str, list[Suggestion]] = defaultdict(list)
    joined: dict[str, list[Suggestion]] = defaultdict(list)
    for s in items:
        main[s.unit].append(s)
        for unit in s.co_units:
            joined[unit].append(s)
    names = sorted(set(main) | set(joined), key=lambda n: (-len(main.get(n, [])), -len(joined.get(n, [])), n))
    return [UnitRecord(n, main.get(n, []), joined.get(n, []), tally(main.get(n, []))) for n in names]


def by_person(repo: Repository) -> dict[str, PersonSuggestions]:
    """For profile pages: each representative's suggestions, newest year first."""
    led: dict[str, list[Suggestion]] = defaultdict(list)
    cosigned: dict[str, list[Suggestion]] = defaultdict(list)
    for year in sorted(repo.suggestions, reverse=True):
        for s in repo.suggestions[year]:
            led[s.lead].append(s)
            for pid in s.cosigners:
                cosigned[pid].append(s)
    return {pid: PersonSuggestions(led.get(pid, []), cosigned.get(pid, []), tally(led.get(pid, [])))
            for pid in set(led) | set(cosigned)}


def _lastmod(items: list[Suggestion]) -> dt.date | None:
    return max((d for s in items for d in (s.assigned, s.answered) if d), default=None)


def suggestion_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    if not repo.suggestions:
        return []
    visible = {s.slug: s for s in ix.stories}
    out: list[Page] = []
    years = sorted(repo.suggestions, reverse=True)
    everything = [s for y in years for s in repo.suggestions[y]]
    out.append(SuggestionsPage(url=routes.SUGGESTIONS, title="代表建议", lastmod=_lastmod(everything),
                               years=[(y, tally(repo.suggestions[y])) for y in years], units=units_of(everything)))
    for year in years:
        items = repo.suggestions[year]
        source = repo.layout.display(repo.layout.docs_dir / "suggestions" / f"{year}.yml")
        t = tally(items)
        people = {pid: repo.profiles[pid] for s in items for pid in s.people() if pid in repo.profiles}
        out.append(SuggestionYearPage(
            url=routes.suggestions_year(year), title=f"{year}年代表建议办理情况", source=source,
            lastmod=_lastmod(items), year=year, tally=t, items=items, people=people, units=units_of(items),
            categories=sorted({s.category for s in items}),
            persons=sorted(people.values(), key=lambda p: p.id),
            supervised=[s for s in items if s.supervision], led=[s for s in items if s.led_by],
            rates_chart=rates_chart("cx-rates", f"{year}年代表建议办结率和满意率", t),
            answers_chart=answers_chart("cx-answers", f"{year}年代表建议答复类别", t),
            answer_classes=ANSWER_CLASSES,
        ))
        for s in items:
            out.append(SuggestionPage(
                url=routes.suggestion(year, s.number), title=s.title, source=source, lastmod=_lastmod([s]),
                item=s, lead=repo.profiles[s.lead], cosigners=[repo.profiles[p] for p in s.cosigners],
                stories=[visible[slug] for slug in s.stories if slug in visible],
                answer_text=ANSWER_CLASSES.get(s.answer or ""),
            ))
    people = {pid: p for pid, p in repo.profiles.items()}
    for record in units_of(everything):
        per_year = []
        for year in years:
            main = [s for s in repo.suggestions[year] if s.unit == record.name]
            joined = [s for s in repo.suggestions[year] if record.name in s.co_units]
            if main or joined:
                per_year.append((year, UnitRecord(record.name, main, joined, tally(main))))
        out.append(UnitPage(url=routes.suggestion_unit(record.name), title=f"{record.name}办理代表建议情况",
                            lastmod=_lastmod(record.main + record.joined), record=record, years=per_year,
                            people=people))
    return out


# ------------------------------------------------------------ descriptions

@describe.register
def _(page: SuggestionsPage, site: SiteIdentity) -> str:
    years = "、".join(f"{y}年{t.total}件" for y, t in page.years)
    return f"{site.name}公开的代表建议及其办理情况：{years}，可按年度和承办单位查看办结率和满意率。"


@describe.register
def _(page: SuggestionYearPage, site: SiteIdentity) -> str:
    t = page.tally
    return (f"{page.year}年代表建议{t.total}件，已办结{t.by_status['已办结']}件，办结率{t.done.text}，"
            f"满意率{t.satisfied.text}；可按承办单位、类别和代表筛选。")


@describe.register
def _(page: SuggestionPage, site: SiteIdentity) -> str:
    s = page.item
    text = f"{page.lead.name}代表领衔提出的建议（{s.year}年第{s.number}号），由{s.unit}主办，办理状态：{s.status}。"
    return text + (s.reply or "")


@describe.register
def _(page: UnitPage, site: SiteIdentity) -> str:
    t = page.record.tally
    return f"{page.record.name}主办代表建议{t.total}件，办结率{t.done.text}，满意率{t.satisfied.text}。"
