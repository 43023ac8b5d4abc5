"""Legislation pages and the tracker of every law's progress."""

from __future__ import annotations

from ..model import Repository
from ..model.consultation import approval_clock, of_record
from ..model.vocab import MILESTONES, STATUSES
from . import routes
from .consult import law_documents, plans_of
from .indexes import Indexes
from .institution import law_extras
from .paginate import paginate
from .stages import STAGES
from .types import LegislationPage, Page, TrackerPage, TrackerRow

LAW_STORIES = 50
READINGS = ("一审", "二审", "三审")


def legislation_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    today = repo.today
    return [LegislationPage(
        url=routes.legislation(record.id), title=record.title,
        source=repo.sources_by_id.get(("法规", record.id)),
        lastmod=max((s.when for s in record.reached(today)), default=None),
        record=record, current=record.current(today), status=record.status(today),
        window=record.open_window(today),
        proposers=[repo.profiles[p] for p in record.origin.proposers if p in repo.profiles],
        stories=ix.by_legislation.get(record.id, [])[:LAW_STORIES], today=today,
        documents=law_documents(repo, record.id), consultations=of_record(repo, record),
        plans=plans_of(repo, record.id), approval=approval_clock(record, today), explain=STAGES,
        **law_extras(repo, ix, record),
    ) for record in repo.legislation.values()]


# Laws per page of the tracker: about 140 KB of HTML.
TRACKER_PER_PAGE = 100


def tracker_page(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    today = repo.today
    rows = []
    for record in repo.legislation.values():
        # The progress line has one 审议 milestone for all readings, and an
        # approved law has passed its vote even where the vote is not dated.
        reached = {("审议" if s.stage in READINGS else s.stage) for s in record.reached(today)}
        if "批准" in reached:
            reached.add("表决通过")
        rows.append(TrackerRow(record=record, status=record.status(today), current=record.current(today),
                               window=record.open_window(today), reached=reached))
    order = {s: i for i, s in enumerate(STATUSES)}
    rows.sort(key=lambda r: (order[r.status], r.record.id))
    shared = {"total": len(rows), "milestones": MILESTONES, "statuses": STATUSES, "explain": STAGES,
              "open_consultations": sum(1 for r in rows if r.window), "plan_years": sorted(repo.plans, reverse=True),
              # A law changing status moves rows across pages: every page dates from the newest change.
              "lastmod": max((d for r in rows if (d := r.record.lastmod(today))), default=None)}
    # A province's hundreds of laws over numbered pages, so no page grows with them.
    return [TrackerPage(url=routes.tracker(pager.number),
                        title="立法进程" if pager.number == 1 else f"立法进程（第{pager.number}页）", pager=pager,
                        **shared)
            for pager in paginate(rows, routes.tracker, TRACKER_PER_PAGE)]
