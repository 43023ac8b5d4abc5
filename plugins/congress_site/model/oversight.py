"""Oversight (监督) by the 常委会: an enforcement inspection (执法检查) of a
local or national law, a special work report and its 审议意见, a 专题询问,
工作评议, 满意度测评, 备案审查 or 跟踪监督, with the problems it found
(问题清单) and how far each has been rectified (整改).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import StringConstraints

from .records import DocumentEntry, Id, LongText, Record, Summary, Text
from .vocab import RECTIFICATION_STATUSES, OversightDocumentKind, OversightKind, RectificationStatus

# A law by its record id, or a law without a record here (a national law)
# by its title in 《》.
LawRef = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80,
                                          pattern=r"^(?:《[^《》<>]+》|[a-z0-9]+(?:-[a-z0-9]+)*)$")]


class Rectification(Record):
    measure: Text | None = None  # 整改措施
    responsible: Text  # 责任单位
    status: RectificationStatus
    # 已整改: the day it was done; 整改中: the day of the latest report.
    date: dt.date | None = None


class Issue(Record):
    title: Text
    # When the problem was found; the inspection's last day when not given.
    found: dt.date | None = None
    rectification: Rectification


class OversightDocument(DocumentEntry):
    """A report or opinion published beside the record
    (content/oversight/<id>/<file>, model/documents.py)."""

    kind: OversightDocumentKind


class Oversight(Record):
    id: Id
    kind: OversightKind
    subject: Text
    law: LawRef | None = None
    meeting: Id | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    leader: Text | None = None  # who led it, by office (副主任……)
    participants: list[Id] = []
    summary: Summary | None = None
    issues: list[Issue] = []
    review: LongText | None = None  # 审议意见
    review_sent: dt.date | None = None  # the day the 审议意见 went to the government (交办)
    documents: list[OversightDocument] = []

    @property
    def title(self) -> str:
        return f"{self.kind}：{self.subject}"

    @property
    def law_record(self) -> str | None:
        """The law's record id, when the law has one."""
        return self.law if self.law and not self.law.startswith("《") else None

    def found(self, issue: Issue) -> dt.date | None:
        return issue.found or self.end or self.start

    def progress(self) -> dict[str, int]:
        """How many issues are in each state of rectification, in order."""
        counts = dict.fromkeys(RECTIFICATION_STATUSES, 0)
        for issue in self.issues:
            counts[issue.rectification.status] += 1
        return counts

    def open_issues(self) -> int:
        return sum(1 for i in self.issues if i.rectification.status != "已整改")

    def dates(self) -> list[dt.date]:
        days = [d for d in (self.start, self.end, self.review_sent) if d]
        days += [d for i in self.issues for d in (i.found, i.rectification.date) if d]
        days += [d.date for d in self.documents]
        return days
