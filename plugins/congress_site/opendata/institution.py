"""Meetings as Popolo events linked to the organization that holds them,
oversight records with their issues and rectification, the bodies
themselves as organizations, and meetings as calendar events."""

from __future__ import annotations

import datetime as dt

from icalendar import Event

from ..feeds.site import absolute, host
from ..model import Repository
from ..model.meetings import announcement_title
from ..pages import routes
from .models import (
    AgendaItemOut,
    AppointmentOut,
    EventOut,
    IssueOut,
    Link,
    MeetingDocumentOut,
    Organization,
    OversightDocumentOut,
    OversightOut,
)
from .popolo import body_id

# The body that holds each kind of meeting, named after the jurisdiction.
HOLDER = {"人民代表大会会议": "人民代表大会", "常委会会议": "人大常委会", "主任会议": "人大常委会主任会议"}
CLASSIFICATION = {"人民代表大会会议": "人民代表大会", "常委会会议": "人大常委会", "主任会议": "主任会议"}


def holder_name(repo: Repository, kind: str) -> str:
    return f"{repo.place}{HOLDER[kind]}"


def meeting_organizations(repo: Repository, base: str, existing: set[str]) -> list[Organization]:
    """The three bodies that hold meetings, when the site has meetings, less
    those already listed (the 常委会 is also the laws' enacting body): the
    人民代表大会 elects the 常委会, whose 主任会议 handles its business."""
    if not repo.meetings:
        return []
    parents = {"常委会会议": "人民代表大会会议", "主任会议": "常委会会议"}
    out = []
    for kind, classification in CLASSIFICATION.items():
        name = holder_name(repo, kind)
        if body_id(name) in existing:
            continue
        parent = parents.get(kind)
        out.append(Organization(id=body_id(name), name=name, classification=classification,
                                parent_id=body_id(holder_name(repo, parent)) if parent else None,
                                links=[Link(url=absolute(base, routes.MEETINGS), note="会议")]))
    return out


def events(repo: Repository, base: str) -> list[EventOut]:
    place = repo.place
    out = []
    for m in sorted(repo.meetings.values(), key=lambda m: (m.date, m.id)):
        out.append(EventOut(
            id=m.id, name=m.title(place), classification=m.kind, term=m.term, session=m.session,
            start_date=m.date.isoformat(), end_date=m.last_day.isoformat(), location=m.place,
            status="planned" if m.date > repo.today else "held",
            organization_id=body_id(holder_name(repo, m.kind)), description=m.summary,
            agenda=[AgendaItemOut(title=i.title, legislation=i.legislation, oversight=i.oversight,
                                  document=i.document) for i in m.agenda],
            documents=[MeetingDocumentOut(kind=d.kind, title=d.title, date=d.date.isoformat(), number=d.number,
                                          full_title=announcement_title(m, d.number, place) if d.number else None,
                                          legislation=d.legislation) for d in m.documents],
            appointments=[AppointmentOut(action=a.action, name=a.name, position=a.position, person_id=a.profile)
                          for a in m.appointments],
            attendees=list(dict.fromkeys(m.participants)),
            links=[Link(url=absolute(base, routes.meeting(m.id)), note="会议页面")],
        ))
    return out


def oversight(repo: Repository, base: str) -> list[OversightOut]:
    out = []
    for o in sorted(repo.oversight.values(), key=lambda o: o.id):
        law = repo.legislation.get(o.law_record or "")
        out.append(OversightOut(
            id=o.id, url=absolute(base, routes.oversight(o.id)), kind=o.kind, subject=o.subject,
            law=law.title if law else o.law, legislation=o.law_record, meeting=o.meeting,
            start=_iso(o.start), end=_iso(o.end), leader=o.leader, participants=list(o.participants),
            summary=o.summary, review=o.review, review_sent=_iso(o.review_sent),
            issues=[IssueOut(title=i.title, found=_iso(o.found(i)), measure=i.rectification.measure,
                             responsible=i.rectification.responsible, status=i.rectification.status,
                             date=_iso(i.rectification.date)) for i in o.issues],
            progress=o.progress(),
            documents=[OversightDocumentOut(kind=d.kind, title=d.title, date=d.date.isoformat(),
                                            url=_url(base, repo, o.id, d)) for d in o.documents],
        ))
    return out


def _url(base: str, repo: Repository, oid: str, entry) -> str | None:
    doc = next((d for d in repo.documents.get(("oversight", oid), []) if d.entry is entry), None)
    return absolute(base, routes.oversight_document(oid, doc)) if doc else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def meeting_events(repo: Repository, base: str, stamp: dt.datetime) -> list[Event]:
    """Each meeting as an all-day event over its days, at its place."""
    place = repo.place
    out = []
    for m in sorted(repo.meetings.values(), key=lambda m: (m.date, m.id)):
        url = absolute(base, routes.meeting(m.id))
        ev = Event()
        ev.add("uid", f"meeting-{m.id}@{host(base)}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", m.date)
        ev.add("dtend", m.last_day + dt.timedelta(days=1))  # DTEND of a date is exclusive
        ev.add("summary", m.title(place))
        ev.add("location", m.place)
        lines = [f"{_zh(m.date)}" + (f"至{_zh(m.end)}" if m.end and m.end != m.date else "") + f"，{m.place}。"]
        if m.agenda:
            lines.append("议程：" + "；".join(i.title for i in m.agenda))
        lines.append(url)
        ev.add("description", "\n".join(lines))
        ev.add("url", url)
        ev.add("categories", ["会议", m.kind])
        ev.add("transp", "TRANSPARENT")  # a public meeting, not a reader's appointment
        out.append(ev)
    return out
