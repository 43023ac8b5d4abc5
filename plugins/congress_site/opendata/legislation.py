"""Legislation records with their stages, the derived current stage and
status on the build date, and any open or coming comment window."""

from __future__ import annotations

import datetime as dt

from ..feeds.site import absolute
from ..model import LegislationRecord, Repository
from ..pages import routes
from .models import CommentWindow, GatheredOut, LegislationOut, StageOut
from .popolo import body_id


def comment_window(record: LegislationRecord, today: dt.date):
    """The 征求意见 stage open on `today`, else the next one to open, else None."""
    open_now = record.open_window(today)
    if open_now is not None:
        return open_now, "open"
    coming = [s for s in record.stages if s.stage == "征求意见" and s.opens > today]  # type: ignore[operator]
    return (coming[0], "upcoming") if coming else (None, None)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def records(repo: Repository, base: str) -> list[LegislationOut]:
    today = repo.today
    out = []
    for r in sorted(repo.legislation.values(), key=lambda r: r.id):
        current = r.current(today)
        window, state = comment_window(r, today)
        out.append(LegislationOut(
            id=r.id, title=r.title, url=absolute(base, routes.legislation(r.id)), kind=r.kind,
            body=r.body, body_id=body_id(r.body), summary=r.summary,
            origin=r.origin.type, proposers=list(r.origin.proposers),
            stages=[StageOut(stage=s.stage, date=_iso(s.date), opens=_iso(s.opens),
                             closes=_iso(s.closes), opinions=s.opinions, note=s.note,
                             gathered=[GatheredOut(station=g.station, opinions=g.opinions) for g in s.gathered],
                             reached=s.when <= today) for s in r.stages],
            current_stage=current.stage if current else None,
            current_stage_date=_iso(current.when) if current else None,
            status=r.status(today),
            comment_window=CommentWindow(opens=window.opens.isoformat(), closes=window.closes.isoformat(),
                                         state=state) if window else None,
            lastmod=r.lastmod(today).isoformat(),
        ))
    return out
