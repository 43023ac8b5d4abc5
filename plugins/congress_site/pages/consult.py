"""The public's way into law-making: the documents beside each law, the
consultations page (open windows first, then the feedback of closed ones),
and the yearly 立法计划."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..model import Repository
from ..model.consultation import Consultation, all_consultations, of_record
from ..model.documents import Document
from ..model.plans import LegislativePlan, PlanItem
from . import routes
from .documents import Notice, document_pages, downloads
from .indexes import Indexes
from .types import Page


def law_documents(repo: Repository, lid: str) -> list[tuple[Document, str]]:
    """A law's published documents with their URLs, in the record's order."""
    return [(doc, routes.law_document(lid, doc)) for doc in repo.documents.get(("legislation", lid), [])]


def law_document_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    pages: list[Page] = []
    for record in repo.legislation.values():
        docs = repo.documents.get(("legislation", record.id), [])
        if not docs:
            continue
        open_drafts = {c.draft.file: c for c in of_record(repo, record) if c.state == "open" and c.draft}

        def notice(doc: Document, open_drafts=open_drafts, lid=record.id) -> Notice | None:
            c = open_drafts.get(doc.file)
            if c is None:
                return None
            return Notice(text="本草案正在公开征求意见，欢迎提出意见和建议。", link_text="如何提出意见",
                          link_url=routes.legislation(lid) + "#cx-comment", deadline=c.closes)

        pages += document_pages(docs, lambda d, lid=record.id: routes.law_document(lid, d),
                                owner_title=record.title, owner_url=routes.legislation(record.id),
                                section_title="立法进程", section_url=routes.TRACKER, notice_of=notice)
    return pages


def law_downloads(repo: Repository) -> dict[str, Path]:
    """Site path → file of every PDF and DOCX beside a law."""
    out: dict[str, Path] = {}
    for (attr, lid), docs in repo.documents.items():
        if attr == "legislation" and lid in repo.legislation:
            out.update(downloads(docs, lambda d, lid=lid: routes.law_document(lid, d)))
    return out


# ------------------------------------------------------------ consultations

@dataclass(kw_only=True)
class ConsultationsPage(Page):
    template: ClassVar[str] = "consultations.html"

    open: list[Consultation]
    upcoming: list[Consultation]
    closed: list[Consultation]


def consultations_page(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    found = all_consultations(repo)
    days = [d for c in found for d in (c.opens, c.closes, c.feedback.date if c.feedback else None)
            if d and d <= repo.today]
    return [ConsultationsPage(
        url=routes.CONSULTATIONS, title="法规草案征求意见", lastmod=max(days, default=None),
        open=[c for c in found if c.state == "open"], upcoming=[c for c in found if c.state == "upcoming"],
        closed=[c for c in found if c.state == "closed"])]


# -------------------------------------------------------------------- plans

@dataclass
class PlanRow:
    item: PlanItem
    record: Any  # LegislationRecord | None
    status: str | None
    stage: str | None


@dataclass(kw_only=True)
class PlanPage(Page):
    template: ClassVar[str] = "plan.html"

    plan: LegislativePlan
    groups: list[tuple[str, list[PlanRow]]]
    years: list[int]


@dataclass(kw_only=True)
class PlansPage(Page):
    template: ClassVar[str] = "plans.html"

    plans: list[LegislativePlan]


def plan_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    if not repo.plans:
        return []
    today = repo.today
    years = sorted(repo.plans, reverse=True)
    pages: list[Page] = [PlansPage(url=routes.PLANS, title="立法计划", plans=[repo.plans[y] for y in years],
                                   lastmod=max((p.adopted_on for p in repo.plans.values() if p.adopted_on),
                                               default=None))]
    for year in years:
        plan = repo.plans[year]
        groups = []
        for category, items in plan.by_category():
            rows = []
            for item in items:
                record = repo.legislation.get(item.record) if item.record else None
                current = record.current(today) if record else None
                rows.append(PlanRow(item, record, record.status(today) if record else None,
                                    current.stage if current else None))
            groups.append((category, rows))
        pages.append(PlanPage(url=routes.plan(year), title=plan.heading, plan=plan, groups=groups, years=years,
                              lastmod=plan.adopted_on))
    return pages


def plans_of(repo: Repository, lid: str) -> list[tuple[LegislativePlan, PlanItem]]:
    """The plans that list a law, newest year first."""
    return [(repo.plans[y], item) for y in sorted(repo.plans, reverse=True)
            for item in repo.plans[y].items if item.record == lid]
