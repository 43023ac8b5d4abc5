"""The 常委会's own work as pages: meetings (by year, and each with its
agenda, the laws it considered, its documents and appointments), the
appointments of every meeting by year, and oversight with how far the
rectification of every problem has come.

Laws, profiles and stories show the meetings and oversight that concern
them: `law_extras`, `profile_extras` and `story_extras` give their pages
what to show, from indexes built once per build (`index_institution`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..model import LegislationRecord, Profile, Repository, Story
from ..model.institution import oversight_lastmod, reverse_index
from ..model.meetings import Appointment, Meeting, MeetingDocument, announcement_title
from ..model.oversight import Issue, Oversight
from ..model.vocab import MEETING_KINDS, OVERSIGHT_KINDS, RECTIFICATION_STATUSES
from . import routes
from .documents import document_pages, downloads
from .indexes import Indexes
from .paginate import Pager, paginate
from .types import Page

# How many stories a meeting or oversight page lists.
RECORD_STORIES = 30


# ------------------------------------------------------------------ types

@dataclass
class Announcement:
    """A 公告 of a meeting, with its full title and where to read it."""

    meeting: Meeting
    doc: MeetingDocument
    title: str  # 示例市第十届人民代表大会常务委员会公告（第二十三号）
    law: LegislationRecord | None
    doc_url: str | None  # the document's own page or file, when published

    @property
    def number(self) -> int:
        return self.doc.number or 0

    @property
    def url(self) -> str:
        """Where to read it: its document, else its place on the meeting page."""
        return self.doc_url or f"{routes.meeting(self.meeting.id)}#gonggao-{self.number}"


@dataclass
class AgendaRow:
    title: str
    law: LegislationRecord | None = None
    oversight: Oversight | None = None
    document: MeetingDocument | None = None
    document_url: str | None = None


@dataclass(kw_only=True)
class MeetingsPage(Page):
    feed: ClassVar[tuple[str, str]] = ("会议", routes.MEETINGS_FEED)
    template: ClassVar[str] = "meetings.html"

    years: list[tuple[int, list[Meeting]]]
    kinds: list[str]
    place: str
    today: dt.date
    appointments: bool = False  # whether /appointments/ exists


@dataclass(kw_only=True)
class MeetingPage(Page):
    feed: ClassVar[tuple[str, str]] = ("会议", routes.MEETINGS_FEED)
    template: ClassVar[str] = "meeting.html"

    meeting: Meeting
    short_title: str
    agenda: list[AgendaRow]
    # Laws the meeting considered, each with the stages it took there.
    laws: list[tuple[LegislationRecord, list[str]]]
    oversight: list[Oversight]
    documents: list[tuple[MeetingDocument, str | None]]
    announcements: list[Announcement]
    appointed: list[Appointment]
    removed: list[Appointment]
    participants: list[Profile]
    stories: list[Story]
    planned: bool
    place: str = ""
    profiles: dict[str, Profile] = field(default_factory=dict)


@dataclass(kw_only=True)
class AppointmentsPage(Page):
    feed: ClassVar[tuple[str, str]] = ("会议", routes.MEETINGS_FEED)
    template: ClassVar[str] = "appointments.html"

    # Newest year first; in each, the meetings newest first with their lists.
    years: list[tuple[int, list[tuple[Meeting, list[Appointment]]]]]
    total: int
    profiles: dict[str, Profile] = field(default_factory=dict)


@dataclass
class OversightRow:
    record: Oversight
    progress: dict[str, int]
    open: list[Issue]
    meeting: Meeting | None


@dataclass(kw_only=True)
class OversightListPage(Page):
    feed: ClassVar[tuple[str, str]] = ("监督工作", routes.OVERSIGHT_FEED)
    template: ClassVar[str] = "oversight_list.html"

    rows: list[OversightRow]  # this page's
    kinds: list[str]
    totals: dict[str, int]  # over every record, not only this page's
    pager: Pager[OversightRow] | None = None
    # Where a resident who sees a problem persist can say so (None: the
    # site has no stations).
    stations_url: str | None = None
    statuses: tuple[str, ...] = RECTIFICATION_STATUSES


@dataclass(kw_only=True)
class OversightPage(Page):
    feed: ClassVar[tuple[str, str]] = ("监督工作", routes.OVERSIGHT_FEED)
    template: ClassVar[str] = "oversight.html"

    record: Oversight
    law: LegislationRecord | None
    law_title: str | None
    meeting: Meeting | None
    meetings: list[Meeting]
    participants: list[Profile]
    progress: dict[str, int]
    stories: list[Story]
    today: dt.date
    # Reports and opinions beside the record, with their URLs (None: held back).
    documents: list[tuple[Any, str | None]] = field(default_factory=list)
    stations_url: str | None = None
    statuses: tuple[str, ...] = RECTIFICATION_STATUSES


# ---------------------------------------------------------------- indexes

@dataclass
class InstitutionIndex:
    """Computed once per build: who and what each meeting and oversight
    record concerns, and the reverse."""

    meetings_of_law: dict[str, list[str]]
    meetings_of_oversight: dict[str, list[str]]
    announcements_of_law: dict[str, list[Announcement]]
    stories_of_meeting: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    stories_of_oversight: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    meetings_of_profile: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    oversight_of_profile: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def index_institution(repo: Repository, stories: list[Story]) -> InstitutionIndex:
    rev = reverse_index(repo)
    announcements: dict[str, list[Announcement]] = defaultdict(list)
    for meeting in _by_date(repo.meetings.values()):
        for ann in _announcements(repo, meeting):
            if ann.doc.legislation:
                announcements[ann.doc.legislation].append(ann)
    ix = InstitutionIndex(rev["legislation"], rev["oversight"], announcements)
    for story in stories:
        for mid in dict.fromkeys(story.meetings):
            ix.stories_of_meeting[mid].append(story)
        for oid in dict.fromkeys(story.oversight):
            ix.stories_of_oversight[oid].append(story)
    for meeting in _by_date(repo.meetings.values(), newest=True):
        people = list(meeting.participants) + [a.profile for a in meeting.appointments if a.profile]
        for pid in dict.fromkeys(people):
            ix.meetings_of_profile[pid].append(meeting.id)
    for record in _oversight_order(repo):
        for pid in dict.fromkeys(record.participants):
            ix.oversight_of_profile[pid].append(record.id)
    return ix


def _by_date(meetings, newest: bool = False) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, MEETING_KINDS.index(m.kind), m.id), reverse=newest)


def _oversight_order(repo: Repository) -> list[Oversight]:
    """Newest first: by the start of the work, else the meeting that heard it."""
    def when(o: Oversight) -> dt.date:
        meeting = repo.meetings.get(o.meeting or "")
        return o.start or o.end or (meeting.date if meeting else dt.date.min)

    return sorted(repo.oversight.values(), key=lambda o: (when(o), o.id), reverse=True)


def _announcements(repo: Repository, meeting: Meeting) -> list[Announcement]:
    return [Announcement(meeting, doc, announcement_title(meeting, doc.number or 0, repo.place),
                         repo.legislation.get(doc.legislation or ""), document_url(repo, meeting, doc))
            for doc in meeting.announcements]


def document_url(repo: Repository, meeting: Meeting, entry: MeetingDocument) -> str | None:
    """Where a document of a meeting is published (model/documents.py), or
    None when it was held back."""
    doc = next((d for d in repo.documents.get(("meetings", meeting.id), []) if d.entry is entry), None)
    return routes.meeting_document(meeting.id, doc) if doc else None


def meeting_document_pages(repo: Repository, meeting: Meeting) -> list[Page]:
    docs = repo.documents.get(("meetings", meeting.id), [])
    return document_pages(docs, lambda d, mid=meeting.id: routes.meeting_document(mid, d),
                          owner_title=meeting.title(repo.place), owner_url=routes.meeting(meeting.id),
                          section_title="会议", section_url=routes.MEETINGS, search_type="会议文件")


def oversight_document_url(repo: Repository, record: Oversight, entry) -> str | None:
    doc = next((d for d in repo.documents.get(("oversight", record.id), []) if d.entry is entry), None)
    return routes.oversight_document(record.id, doc) if doc else None


def institution_downloads(repo: Repository) -> dict[str, Path]:
    """Site path → file of every PDF and DOCX beside a meeting or an
    oversight record."""
    out: dict[str, Path] = {}
    for (attr, rid), docs in repo.documents.items():
        if attr == "meetings" and rid in repo.meetings:
            out.update(downloads(docs, lambda d, rid=rid: routes.meeting_document(rid, d)))
        elif attr == "oversight" and rid in repo.oversight:
            out.update(downloads(docs, lambda d, rid=rid: routes.oversight_document(rid, d)))
    return out


# ------------------------------------------------------------- builders

def meeting_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    if not repo.meetings:
        return []
    inst = ix.institution
    place = repo.place
    laws_of: dict[str, list[str]] = defaultdict(list)
    for lid, mids in inst.meetings_of_law.items():
        for mid in mids:
            if lid in repo.legislation:
                laws_of[mid].append(lid)
    out: list[Page] = []
    for meeting in repo.meetings.values():
        laws: dict[str, list[str]] = {}
        for lid in laws_of.get(meeting.id, []):
            record = repo.legislation[lid]
            laws[lid] = [s.stage for s in record.stages if s.meeting == meeting.id]
        agenda = [AgendaRow(
            title=item.title, law=repo.legislation.get(item.legislation or ""),
            oversight=repo.oversight.get(item.oversight or ""),
            document=next((d for d in meeting.documents if item.document and d.file == item.document), None),
        ) for item in meeting.agenda]
        for row in agenda:
            row.document_url = document_url(repo, meeting, row.document) if row.document else None
        heard = [o for o in repo.oversight.values()
                 if o.meeting == meeting.id or meeting.id in inst.meetings_of_oversight.get(o.id, [])]
        out.append(MeetingPage(
            url=routes.meeting(meeting.id), title=meeting.title(place),
            source=repo.sources_by_id.get(("会议", meeting.id)), lastmod=min(meeting.lastmod(), repo.today),
            meeting=meeting, short_title=meeting.short_title, agenda=agenda,
            laws=[(repo.legislation[lid], stages) for lid, stages in laws.items()],
            oversight=heard,
            documents=[(d, document_url(repo, meeting, d)) for d in meeting.documents],
            announcements=_announcements(repo, meeting),
            appointed=[a for a in meeting.appointments if a.appointing],
            removed=[a for a in meeting.appointments if not a.appointing],
            participants=[repo.profiles[p] for p in dict.fromkeys(meeting.participants) if p in repo.profiles],
            stories=inst.stories_of_meeting.get(meeting.id, [])[:RECORD_STORIES],
            planned=meeting.date > repo.today, place=place, profiles=_named(repo, meeting.appointments),
        ))
        out += meeting_document_pages(repo, meeting)
    years: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in _by_date(repo.meetings.values(), newest=True):
        years[meeting.date.year].append(meeting)
    appointments = any(m.appointments for m in repo.meetings.values())
    newest = max((p.lastmod for p in out if p.lastmod), default=None)
    out.append(MeetingsPage(url=routes.MEETINGS, title="会议", years=sorted(years.items(), reverse=True), lastmod=newest,
                            kinds=[k for k in MEETING_KINDS if any(m.kind == k for m in repo.meetings.values())],
                            place=place, today=repo.today, appointments=appointments))
    if appointments:
        out.append(appointments_page(repo))
    return out


def appointments_page(repo: Repository) -> Page:
    years: dict[int, list[tuple[Meeting, list[Appointment]]]] = defaultdict(list)
    for meeting in _by_date(repo.meetings.values(), newest=True):
        if meeting.appointments:
            years[meeting.date.year].append((meeting, list(meeting.appointments)))
    total = sum(len(m.appointments) for m in repo.meetings.values())
    return AppointmentsPage(url=routes.APPOINTMENTS, title="人事任免", years=sorted(years.items(), reverse=True),
                            total=total, profiles=_named(repo, [a for m in repo.meetings.values() for a in m.appointments]))


def _named(repo: Repository, appointments: list[Appointment]) -> dict[str, Profile]:
    """The representatives a list of appointments links to: a page holds
    only them, so editing another profile leaves its key (and page) alone."""
    return {a.profile: repo.profiles[a.profile] for a in appointments if a.profile in repo.profiles}


def oversight_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    if not repo.oversight:
        return []
    inst = ix.institution
    out: list[Page] = []
    rows = []
    stations_url = routes.STATIONS if repo.stations else None
    for record in _oversight_order(repo):
        law = repo.legislation.get(record.law_record or "")
        meetings = [repo.meetings[m] for m in inst.meetings_of_oversight.get(record.id, []) if m in repo.meetings]
        meeting = repo.meetings.get(record.meeting or "")
        progress = record.progress()
        out.append(OversightPage(
            url=routes.oversight(record.id), title=record.title,
            source=repo.sources_by_id.get(("监督", record.id)),
            lastmod=oversight_lastmod(repo, record),
            record=record, law=law, law_title=law.title if law else record.law,
            meeting=meeting, meetings=_by_date(meetings),
            participants=[repo.profiles[p] for p in dict.fromkeys(record.participants) if p in repo.profiles],
            progress=progress, stories=inst.stories_of_oversight.get(record.id, [])[:RECORD_STORIES],
            today=repo.today,
            documents=[(d, oversight_document_url(repo, record, d)) for d in record.documents],
            stations_url=stations_url,
        ))
        out += document_pages(repo.documents.get(("oversight", record.id), []),
                              lambda d, oid=record.id: routes.oversight_document(oid, d),
                              owner_title=record.title, owner_url=routes.oversight(record.id),
                              section_title="监督工作", section_url=routes.OVERSIGHT, search_type="监督文件")
        rows.append(OversightRow(record, progress,
                                 [i for i in record.issues if i.rectification.status != "已整改"], meeting))
    totals = dict.fromkeys(RECTIFICATION_STATUSES, 0)
    for row in rows:
        for status, n in row.progress.items():
            totals[status] += n
    # Work still under way comes first, so page one shows every problem
    # still open until there are more such records than fit on a page;
    # the rest follow newest first, a page at a time.
    rows = [r for r in rows if r.open] + [r for r in rows if not r.open]
    lastmod = max((p.lastmod for p in out if p.lastmod), default=None)
    for pager in paginate(rows, routes.oversight_list, per_page):
        out.append(OversightListPage(
            url=routes.oversight_list(pager.number),
            title="监督工作" if pager.number == 1 else f"监督工作（第{pager.number}页）",
            rows=list(pager.items), totals=totals, stations_url=stations_url, lastmod=lastmod, pager=pager,
            kinds=[k for k in OVERSIGHT_KINDS if any(r.record.kind == k for r in pager.items)]))
    return out


# ------------------------------------------- what other pages show of them

def law_extras(repo: Repository, ix: Indexes, record: LegislationRecord) -> dict[str, Any]:
    """For a law's page: each stage's meeting (by the stage's index), every
    meeting that considered it, its 公告 and the oversight of it."""
    inst = ix.institution
    return {
        "stage_meetings": {i: repo.meetings[s.meeting] for i, s in enumerate(record.stages)
                           if s.meeting in repo.meetings},
        "meetings": _by_date(repo.meetings[m] for m in inst.meetings_of_law.get(record.id, []) if m in repo.meetings),
        "announcements": inst.announcements_of_law.get(record.id, []),
        "oversight": [o for o in repo.oversight.values() if o.law_record == record.id],
    }


def profile_extras(repo: Repository, ix: Indexes, pid: str) -> dict[str, Any]:
    inst = ix.institution
    return {
        "meetings": [repo.meetings[m] for m in inst.meetings_of_profile.get(pid, []) if m in repo.meetings],
        "oversight": [repo.oversight[o] for o in inst.oversight_of_profile.get(pid, []) if o in repo.oversight],
    }


def story_extras(repo: Repository, story: Story) -> dict[str, Any]:
    return {
        "meetings": [repo.meetings[m] for m in dict.fromkeys(story.meetings) if m in repo.meetings],
        "oversight": [repo.oversight[o] for o in dict.fromkeys(story.oversight) if o in repo.oversight],
    }
