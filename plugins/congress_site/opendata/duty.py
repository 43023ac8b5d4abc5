"""代表建议 with each year's counts and rates (from the same tally the pages
show), and 民生实事项目 with their votes, progress and rating."""

from __future__ import annotations

from ..feeds.site import absolute
from ..model import Repository
from ..model.suggestions import Rate, tally
from ..model.vocab import ANSWER_CLASSES
from ..pages import routes
from .models import (
    CandidateOut,
    ProgressOut,
    ProjectYearOut,
    SittingOut,
    SuggestionOut,
    SuggestionYearOut,
    VerdictOut,
)


def _share(rate: Rate) -> float | None:
    return round(rate.numerator / rate.denominator, 6) if rate.denominator else None


def _day(value):
    return value.isoformat() if value else None


def _published(repo: Repository) -> set[str]:
    # Links to drafts and embargoed stories are left out, as on the pages.
    return {s.slug for s in repo.visible_stories(preview=False)}


def suggestions(repo: Repository, base: str) -> tuple[list[SuggestionYearOut], list[SuggestionOut]]:
    years, items = [], []
    published = _published(repo)
    for year in sorted(repo.suggestions):
        group = repo.suggestions[year]
        t = tally(group)
        years.append(SuggestionYearOut(
            year=year, url=absolute(base, routes.suggestions_year(year)), total=t.total,
            by_status=t.by_status, by_answer=t.by_answer, by_satisfaction=t.by_satisfaction,
            completion_rate=_share(t.done), satisfaction_rate=_share(t.satisfied)))
        for s in group:
            items.append(SuggestionOut(
                year=year, number=s.number, url=absolute(base, routes.suggestion(year, s.number)),
                session=s.session, title=s.title, lead=s.lead, cosigners=list(s.cosigners), category=s.category,
                unit=s.unit, co_units=list(s.co_units), assigned=s.assigned.isoformat(), status=s.status,
                answer=s.answer, answer_text=ANSWER_CLASSES.get(s.answer or ""), answered=_day(s.answered),
                reply=s.reply, satisfaction=s.satisfaction, supervision=s.supervision, led_by=s.led_by,
                stories=[slug for slug in s.stories if slug in published]))
    return years, items


def projects(repo: Repository, base: str) -> list[ProjectYearOut]:
    out = []
    published = _published(repo)
    for year in sorted(repo.projects):
        r = repo.projects[year]
        sitting = r.evaluation
        out.append(ProjectYearOut(
            year=year, url=absolute(base, routes.projects_year(year)),
            vote=SittingOut(meeting=r.vote.meeting, date=r.vote.date.isoformat(), attendance=r.vote.attendance),
            seats=r.seats,
            evaluation=SittingOut(meeting=sitting.meeting, date=sitting.date.isoformat(),
                                  attendance=sitting.attendance) if sitting else None,
            evaluation_scale=sitting.scale if sitting else None,
            candidates=[CandidateOut(
                id=c.id, title=c.title, responsible=c.responsible, budget=c.budget, target=c.target,
                in_favour=c.votes.in_favour, against=c.votes.against, abstain=c.votes.abstain, elected=c.elected,
                progress=[ProgressOut(date=p.date.isoformat(), percent=p.percent, note=p.note,
                                      story=p.story if p.story in published else None)
                          for p in c.progress],
                evaluation=VerdictOut(satisfied=c.evaluation.satisfied, basic=c.evaluation.basic,
                                      unsatisfied=c.evaluation.unsatisfied,
                                      rating=r.rating(c.evaluation)) if c.evaluation else None,
            ) for c in r.candidates]))
    return out


def documents(repo: Repository, base: str) -> dict[str, dict]:
    years, items = suggestions(repo, base)
    return {"suggestions": {"years": years, "suggestions": items}, "projects": {"projects": projects(repo, base)}}
