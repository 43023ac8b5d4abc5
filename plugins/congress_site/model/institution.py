"""What meetings and oversight records must agree on, with each other and
with the rest of the records: numbers that fit the kind of meeting and run
with the dates, one 公告 per number in a 届, agenda items and stages that
name records that exist, rectifications dated after the problem was found.

Every problem is a finding at the line of the field it is about; a meeting
or oversight record with a problem is held back whole, never half-linked.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..findings import Finding
from .meetings import Meeting, announcement_body, cn_numeral
from .oversight import Oversight
from .vocab import MAX_MEETING_DAYS, MAX_SESSION

if TYPE_CHECKING:
    from .repository import Repository
    from .source import Source

MEETING, OVERSIGHT = "会议", "监督"


class _Report:
    """Findings for one repository, remembering which records they hold back."""

    def __init__(self, repo: Repository):
        self.repo = repo
        self.bad: set[tuple[str, str]] = set()

    def source(self, label: str, ident: str) -> Source:
        return self.repo.sources[self.repo.sources_by_id[(label, ident)]]

    def add(self, label: str, ident: str, loc: tuple, code: str, message: str, fix: str | None,
            hold: bool = True) -> None:
        src = self.source(label, ident)
        line, col = src.where(loc)
        self.repo.findings.append(Finding(src.path, line, col, code, message, fix))
        if hold:
            self.bad.add((label, ident))

    def unknown(self, label: str, ident: str, loc: tuple, code: str, what: str, value: str,
                known: Iterable[str], hint: str = "") -> None:
        near = difflib.get_close_matches(value, list(known), n=3, cutoff=0.5)
        fix = f"是否想写：{'、'.join(near)}？" if near else "请先建立对应的记录，或检查拼写"
        self.add(label, ident, loc, code, f"{what}“{value}”不存在", fix + hint)


def check_institution(repo: Repository) -> None:
    """Check meetings and oversight, then hold back those with problems."""
    report = _Report(repo)
    _check_numbers(report)
    _check_announcements(report)
    for meeting in repo.meetings.values():
        _check_meeting(report, meeting)
    for record in repo.oversight.values():
        _check_oversight(report, record)
    _check_law_stages(report)
    from .repository import Held  # the repository imports this module

    for label, ident in sorted(report.bad):
        target = repo.meetings if label == MEETING else repo.oversight
        target.pop(ident, None)
        repo.failed.append(Held(repo.sources_by_id.pop((label, ident)), "记录有错误"))
        # The documents beside a held-back record go with it.
        for doc in repo.documents.pop(("meetings" if label == MEETING else "oversight", ident), []):
            repo.failed.append(Held(doc.source, "所属记录有错误"))


def oversight_lastmod(repo: Repository, record: Oversight) -> dt.date | None:
    """The record's latest date that has passed; a record without dates of
    its own (a 备案审查 report, a 满意度测评) dates from the meeting that
    heard it."""
    days = record.dates()
    meeting = repo.meetings.get(record.meeting or "")
    if meeting:
        days.append(meeting.date)
    return max((d for d in days if d <= repo.today), default=None)


def _date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _numbered(meeting: Meeting) -> str:
    return f"第{cn_numeral(meeting.session)}次"


# --------------------------------------------------------------- meetings

def _check_numbers(report: _Report) -> None:
    """届 and 次 that do not fit the kind of meeting, or the other meetings."""
    meetings = sorted(report.repo.meetings.values(), key=lambda m: (m.date, m.id))
    for m in meetings:
        limit = MAX_SESSION[m.kind]
        if m.session > limit:
            report.add(MEETING, m.id, ("session",), "meeting-number",
                       f"{m.kind}按届计次，一届五年内不会开到第{cn_numeral(m.session)}次（至多约{limit}次）",
                       "请核对次数：每一届从第一次重新计；是否把历届累计的次数或另一种会议的次数写在了这里？")
        if m.end is not None:
            days = (m.end - m.date).days + 1
            if m.end < m.date:
                report.add(MEETING, m.id, ("end",), "meeting-dates", "会议结束日期（end）早于开始日期（date）",
                           "请核对两个日期；一天的会议不必写 end")
            elif days > MAX_MEETING_DAYS[m.kind]:
                report.add(MEETING, m.id, ("end",), "meeting-dates",
                           f"{m.kind}一般不超过{MAX_MEETING_DAYS[m.kind]}天，这里写了{days}天",
                           "请核对结束日期（end）")
    seen: dict[tuple[str, int, int], Meeting] = {}
    latest: dict[tuple[str, int], Meeting] = {}
    newest_term: Meeting | None = None
    for m in meetings:
        key = (m.kind, m.term, m.session)
        if key in seen:
            other = seen[key]
            report.add(MEETING, m.id, ("session",), "duplicate-meeting",
                       f"第{cn_numeral(m.term)}届{m.kind}{_numbered(m)}已有记录：{_path(report, other)}",
                       "同一届的同一种会议，每个次数只能有一次；请核对届次和次数")
            continue
        seen[key] = m
        before = latest.get((m.kind, m.term))
        if before is not None and before.session > m.session:
            report.add(MEETING, m.id, ("session",), "meeting-number-order",
                       f"{_numbered(m)}{m.kind}（{_date(m.date)}）排在{_numbered(before)}（{_date(before.date)}）之后召开",
                       "同一届内次数随日期递增：请核对这次会议的次数和日期")
        else:
            latest[(m.kind, m.term)] = m
        if newest_term is not None and m.term < newest_term.term:
            report.add(MEETING, m.id, ("term",), "meeting-term-order",
                       f"第{cn_numeral(m.term)}届的会议（{_date(m.date)}）晚于第{cn_numeral(newest_term.term)}届的会议"
                       f"（{_path(report, newest_term)}，{_date(newest_term.date)}）",
                       "新一届开始后不会再有上一届的会议：请核对届次（term）和日期")
        elif newest_term is None or m.term > newest_term.term:
            newest_term = m


def _path(report: _Report, meeting: Meeting) -> str:
    return report.repo.sources_by_id[(MEETING, meeting.id)]


def _check_announcements(report: _Report) -> None:
    """公告 are numbered within the 届 of the body that issues them."""
    series: dict[tuple[str, int, int], tuple[Meeting, int]] = {}
    for m in sorted(report.repo.meetings.values(), key=lambda m: (m.date, m.id)):
        for i, doc in enumerate(m.documents):
            if doc.kind != "公告":
                if doc.number is not None:
                    report.add(MEETING, m.id, ("documents", i, "number"), "announcement-number",
                               f"只有公告有编号，{doc.kind}不写 number", "请删去这一项的 number")
                continue
            if m.kind == "主任会议":
                report.add(MEETING, m.id, ("documents", i, "kind"), "announcement-body",
                           "主任会议不发布公告：公告由人民代表大会（主席团）或常委会发布",
                           "请把公告写在通过这项决定的常委会会议或人民代表大会会议的记录中")
                continue
            if doc.number is None:
                report.add(MEETING, m.id, ("documents", i), "announcement-number",
                           "公告缺少编号（number）", "公告在一届内按发布先后编号，例如 number: 23 表示第二十三号")
                continue
            key = (announcement_body(m), m.term, doc.number)
            if key in series:
                other, _ = series[key]
                where = "本记录" if other.id == m.id else f" {_path(report, other)} "
                report.add(MEETING, m.id, ("documents", i, "number"), "duplicate-announcement",
                           f"第{cn_numeral(m.term)}届{announcement_body(m)}公告第{cn_numeral(doc.number)}号已在{where}中发布过",
                           "一届之内公告编号不重复：请核对编号")
                continue
            series[key] = (m, i)


def _check_meeting(report: _Report, m: Meeting) -> None:
    repo = report.repo
    files = {d.file for d in m.documents}
    for i, item in enumerate(m.agenda):
        if item.legislation and item.legislation not in repo.legislation:
            report.unknown(MEETING, m.id, ("agenda", i, "legislation"), "unknown-legislation", "法规编号",
                           item.legislation, repo.legislation)
        if item.oversight and item.oversight not in repo.oversight:
            report.unknown(MEETING, m.id, ("agenda", i, "oversight"), "unknown-oversight", "监督记录编号",
                           item.oversight, repo.oversight)
        if item.document and item.document not in files:
            listed = f"本记录的文件：{'、'.join(sorted(files))}" if files else "请先在 documents 中列出这个文件"
            report.add(MEETING, m.id, ("agenda", i, "document"), "unknown-document",
                       f"文件“{item.document}”没有列在本记录的 documents 中", listed)
    for i, doc in enumerate(m.documents):
        if doc.legislation and doc.legislation not in repo.legislation:
            report.unknown(MEETING, m.id, ("documents", i, "legislation"), "unknown-legislation", "法规编号",
                           doc.legislation, repo.legislation)
        if doc.date < m.date and doc.kind != "会议议程":  # an agenda is set before the meeting
            report.add(MEETING, m.id, ("documents", i, "date"), "document-before-meeting",
                       f"{doc.kind}的日期（{_date(doc.date)}）早于会议（{_date(m.date)}）",
                       "会议通过的文件在会议当天或之后发布：请核对日期，或是否写在了别的会议的记录中")
    for i, pid in enumerate(m.participants):
        if pid not in repo.profiles:
            report.unknown(MEETING, m.id, ("participants", i), "unknown-profile", "代表编号", pid, repo.profiles)
    for i, a in enumerate(m.appointments):
        if a.profile and a.profile not in repo.profiles:
            report.unknown(MEETING, m.id, ("appointments", i, "profile"), "unknown-profile", "代表编号", a.profile,
                           repo.profiles)


# -------------------------------------------------------------- oversight

def _check_oversight(report: _Report, o: Oversight) -> None:
    repo = report.repo
    if o.law_record and o.law_record not in repo.legislation:
        report.unknown(OVERSIGHT, o.id, ("law",), "unknown-legislation", "法规编号", o.law_record, repo.legislation,
                       "；本站没有记录的法律（例如国家法律）请写书名，如 law: 《中华人民共和国农产品质量安全法》")
    if o.kind == "执法检查" and not o.law:
        report.add(OVERSIGHT, o.id, ("kind",), "law-missing", "执法检查须写明检查的是哪部法律法规（law）",
                   "本站的法规写编号，例如 law: shili-chengshi-lvhua；国家法律写书名，例如 law: 《中华人民共和国农产品质量安全法》")
    if o.meeting and o.meeting not in repo.meetings:
        report.unknown(OVERSIGHT, o.id, ("meeting",), "unknown-meeting", "会议编号", o.meeting, repo.meetings)
    for i, pid in enumerate(o.participants):
        if pid not in repo.profiles:
            report.unknown(OVERSIGHT, o.id, ("participants", i), "unknown-profile", "代表编号", pid, repo.profiles)
    if o.start and o.end and o.end < o.start:
        report.add(OVERSIGHT, o.id, ("end",), "oversight-dates", "结束日期（end）早于开始日期（start）", "请核对两个日期")
    for i, issue in enumerate(o.issues):
        rect, found = issue.rectification, o.found(issue)
        at = ("issues", i, "rectification")
        if rect.status == "已整改" and rect.date is None:
            report.add(OVERSIGHT, o.id, at + ("status",), "rectification-date-missing",
                       "问题已整改，但没有写整改完成的日期（date）", "例如 date: 2026-10-15")
        if rect.date and found and rect.date < found:
            report.add(OVERSIGHT, o.id, at + ("date",), "rectification-before-found",
                       f"整改日期（{_date(rect.date)}）早于发现这个问题的日期（{_date(found)}）",
                       "问题发现之后才能整改：请核对整改日期，或在这个问题下写明发现日期 found"
                       if issue.found is None else "请核对整改日期（date）和发现日期（found）")
        if rect.date and rect.date > repo.today and rect.status != "未整改":
            report.add(OVERSIGHT, o.id, at + ("date",), "rectification-future",
                       f"整改日期（{_date(rect.date)}）还没有到", "整改情况按已经发生的填写；计划完成的日期请写进整改措施（measure）")


def _check_law_stages(report: _Report) -> None:
    """A stage that names its meeting: the meeting exists and the dates agree."""
    repo = report.repo
    for law in repo.legislation.values():
        src = repo.sources[repo.sources_by_id[("法规", law.id)]]
        for i, stage in enumerate(law.stages):
            if not stage.meeting:
                continue
            meeting = repo.meetings.get(stage.meeting)
            if meeting is None:
                line, col = src.where(("stages", i, "meeting"))
                near = difflib.get_close_matches(stage.meeting, list(repo.meetings), n=3, cutoff=0.5)
                repo.findings.append(Finding(src.path, line, col, "unknown-meeting",
                                             f"会议编号“{stage.meeting}”不存在",
                                             f"是否想写：{'、'.join(near)}？" if near else "请先建立这次会议的记录（content/meetings/）"))
            elif stage.when not in meeting.days():
                line, col = src.where(("stages", i))
                repo.findings.append(Finding(src.path, line, col, "stage-meeting-date",
                                             f"“{stage.stage}”的日期（{_date(stage.when)}）不在所写会议的会期内"
                                             f"（{_date(meeting.date)}{'至' + _date(meeting.last_day) if meeting.end else ''}）",
                                             "请核对这一阶段的日期或会议编号"))


def reverse_index(repo: Repository) -> dict[str, dict[str, list[str]]]:
    """Which meetings name each law and oversight record (agenda items and
    stages), in meeting order: computed once per build."""
    out: dict[str, dict[str, list[str]]] = {"legislation": defaultdict(list), "oversight": defaultdict(list)}
    for m in sorted(repo.meetings.values(), key=lambda m: (m.date, m.id)):
        for item in m.agenda:
            if item.legislation and m.id not in out["legislation"][item.legislation]:
                out["legislation"][item.legislation].append(m.id)
            if item.oversight and m.id not in out["oversight"][item.oversight]:
                out["oversight"][item.oversight].append(m.id)
    for law in repo.legislation.values():
        for stage in law.stages:
            if stage.meeting in repo.meetings and stage.meeting not in out["legislation"][law.id]:
                out["legislation"][law.id].append(stage.meeting)
    for o in repo.oversight.values():
        if o.meeting in repo.meetings and o.meeting not in out["oversight"][o.id]:
            out["oversight"][o.id].append(o.meeting)
    return out
