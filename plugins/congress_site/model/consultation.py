"""Public consultations and the approval clock, read off the legislation
records on the build date: which comment windows are open, coming or
closed, with their draft, channels and feedback; and, for a 设区的市 law
submitted to the province, when approval is due.

立法法 (2023) 第八十一条: the provincial 常委会 reviews a 设区的市's law for
legality and, finding no conflict, approves it within four months.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from .documents import Document
from .records import LegislationRecord, StageEntry, Station

APPROVAL_MONTHS = 4
OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"
STATE_NAMES = {OPEN: "正在征求意见", UPCOMING: "即将征求意见", CLOSED: "征求意见已结束"}


@dataclass
class Consultation:
    record: LegislationRecord
    stage: StageEntry
    state: str
    draft: Document | None = None
    report: Document | None = None
    stations: list[Station] = field(default_factory=list)

    @property
    def opens(self) -> dt.date:
        return self.stage.opens  # type: ignore[return-value]

    @property
    def closes(self) -> dt.date:
        return self.stage.closes  # type: ignore[return-value]

    @property
    def channels(self):
        return self.stage.channels

    @property
    def feedback(self):
        return self.stage.feedback

    @property
    def received(self) -> int | None:
        return self.stage.received

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]

    @property
    def anchor(self) -> str:
        """The id of this window's block on the law page."""
        return f"consultation-{self.opens:%Y%m%d}"

    def days_left(self, today: dt.date) -> int:
        """Days from `today` to the deadline: 0 on the last day."""
        return (self.closes - today).days


def state_on(stage: StageEntry, today: dt.date) -> str:
    if today < stage.opens:  # type: ignore[operator]
        return UPCOMING
    return OPEN if today <= stage.closes else CLOSED  # type: ignore[operator]


def of_record(repo, record: LegislationRecord) -> list[Consultation]:
    """Every comment window of one law, in its order on the record."""
    docs = repo.documents.get(("legislation", record.id), [])
    by_file = {d.file: d for d in docs}
    out = []
    for stage in record.stages:
        if stage.stage != "征求意见":
            continue
        draft = by_file.get(stage.document) if stage.document else _latest_draft(docs, stage.closes)
        report = by_file.get(stage.feedback.report) if stage.feedback and stage.feedback.report else None
        stations = [repo.stations[s] for s in (stage.channels.stations if stage.channels else [])
                    if s in repo.stations]
        out.append(Consultation(record, stage, state_on(stage, repo.today), draft, report, stations))
    return out


def _latest_draft(docs: list[Document], closes) -> Document | None:
    drafts = [d for d in docs if d.kind == "草案征求意见稿" and d.entry.date <= closes]
    return max(drafts, key=lambda d: d.entry.date) if drafts else None


def all_consultations(repo) -> list[Consultation]:
    """Open windows first, the nearest deadline first; then coming ones,
    the soonest first; then closed ones, the latest first."""
    found = [c for record in repo.legislation.values() for c in of_record(repo, record)]
    order = {OPEN: 0, UPCOMING: 1, CLOSED: 2}

    def key(c: Consultation):
        if c.state == OPEN:
            return (0, c.closes.toordinal(), c.record.id)
        if c.state == UPCOMING:
            return (1, c.opens.toordinal(), c.record.id)
        return (2, -c.closes.toordinal(), c.record.id)

    return sorted(found, key=lambda c: (order[c.state], key(c)))


@dataclass
class ApprovalClock:
    """A law submitted for approval: by when the province must decide, and
    (once it has) how long it took."""

    submitted: dt.date
    due: dt.date
    decided: dt.date | None
    today: dt.date

    @property
    def days_taken(self) -> int | None:
        return (self.decided - self.submitted).days if self.decided else None

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def on_time(self) -> bool | None:
        return None if self.decided is None else self.decided <= self.due


def approval_due(submitted: dt.date) -> dt.date:
    """Four months after submission: the same day of the month, or the
    month's last day when it is shorter (31 October → 28 or 29 February)."""
    return submitted + relativedelta(months=APPROVAL_MONTHS)


def approval_clock(record: LegislationRecord, today: dt.date) -> ApprovalClock | None:
    stage = next((s for s in record.stages if s.stage == "批准" and s.submitted), None)
    if stage is None or stage.submitted > today:  # type: ignore[operator]
        return None
    decided = stage.date if stage.date and stage.date <= today else None
    return ApprovalClock(stage.submitted, approval_due(stage.submitted), decided, today)  # type: ignore[arg-type]
