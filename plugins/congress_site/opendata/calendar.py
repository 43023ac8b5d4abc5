"""An iCalendar feed residents can subscribe to: the stations' recurring
reception days, the deadlines of comment windows that are open or coming,
and the meetings of the 人大 and its 常委会."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil import rrule
from icalendar import Calendar, Event, vRecur

from ..feeds.consultations import channels_text
from ..feeds.site import TZID, absolute, host, published_at
from ..model import Repository, Station
from ..model.consultation import all_consultations
from ..model.network import contact
from ..model.records import ReceptionRule
from ..pages import routes
from .institution import meeting_events

SHANGHAI = ZoneInfo(TZID)
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def recurrence(rule: ReceptionRule) -> dict:
    """RRULE parts for a reception rule. A monthly day past the 28th falls on
    the month's last day in shorter months (e.g. the 31st → 30 April,
    28 February) instead of being skipped, as RFC 5545 would otherwise do."""
    if rule.weekday is not None:
        return {"FREQ": "WEEKLY", "BYDAY": [ICAL_DAYS[rule.weekday - 1]]}
    day = rule.monthday or 1
    if day <= 28:
        return {"FREQ": "MONTHLY", "BYMONTHDAY": [day]}
    return {"FREQ": "MONTHLY", "BYMONTHDAY": list(range(28, day + 1)), "BYSETPOS": [-1]}


def _clock(text: str) -> dt.time:
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def first_reception(rule: ReceptionRule, today: dt.date) -> dt.datetime:
    """The first reception on or after `today`, in Beijing time, by the same
    rule the RRULE states (dateutil implements RFC 5545 recurrences)."""
    parts = recurrence(rule)
    start = dt.datetime.combine(today, _clock(rule.start))
    kwargs = {"dtstart": start}
    if parts["FREQ"] == "WEEKLY":
        found = rrule.rrule(rrule.WEEKLY, byweekday=rule.weekday - 1, **kwargs)[0]
    else:
        found = rrule.rrule(rrule.MONTHLY, bymonthday=parts["BYMONTHDAY"],
                            bysetpos=parts.get("BYSETPOS"), **kwargs)[0]
    return found.replace(tzinfo=SHANGHAI)


def _reception_events(repo: Repository, base: str, stamp: dt.datetime) -> list[Event]:
    events = []
    reps: dict[str, list[str]] = {}
    for p in sorted(repo.profiles.values(), key=lambda p: p.id):
        if p.station:
            reps.setdefault(p.station, []).append(p.name)
    for station in sorted(repo.stations.values(), key=lambda s: s.id):
        phone = contact(repo.stations, station).phone
        for i, rule in enumerate(station.receptions, start=1):
            events.append(_reception(station, i, rule, repo.today, base, stamp, reps.get(station.id, []),
                                     phone.display if phone else None))
    return events


def _reception(station: Station, n: int, rule: ReceptionRule, today: dt.date, base: str,
               stamp: dt.datetime, names: list[str], phone: str | None = None) -> Event:
    url = absolute(base, routes.station(station.id))
    start = first_reception(rule, today)
    end = dt.datetime.combine(start.date(), _clock(rule.end), tzinfo=SHANGHAI)
    lines = [station.schedule or "代表定期接待群众。"]
    if names:
        lines.append("进站代表：" + "、".join(names))
    if phone:
        lines.append(f"电话：{phone}")
    lines.append(url)
    ev = Event()
    ev.add("uid", f"reception-{station.id}-{n}@{host(base)}")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", start)
    if end > start:
        ev.add("dtend", end)
    ev.add("rrule", vRecur(recurrence(rule)))
    ev.add("summary", f"{station.name}代表接待日")
    ev.add("location", station.address or station.name)
    ev.add("description", "\n".join(lines))
    ev.add("url", url)
    ev.add("categories", ["代表接待"])
    return ev


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _deadline_events(repo: Repository, base: str, stamp: dt.datetime) -> list[Event]:
    """One all-day event on the last day of each open or coming comment
    window. The summary names the deadline, never a state such as 进行中:
    a subscribed calendar keeps an event long after the build that wrote it."""
    events = []
    today = repo.today
    for c in sorted(all_consultations(repo), key=lambda c: (c.record.id, c.opens)):
        if c.closes < today:
            continue
        url = absolute(base, routes.legislation(c.record.id))
        ev = Event()
        ev.add("uid", f"comment-deadline-{c.record.id}-{c.closes:%Y%m%d}@{host(base)}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", c.closes)
        ev.add("dtend", c.closes + dt.timedelta(days=1))  # DTEND of a date is exclusive
        ev.add("summary", f"{c.record.title}征求意见截止")
        ev.add("description", f"{c.record.body}就{c.record.title}公开征求意见，时间为{_zh(c.opens)}至{_zh(c.closes)}，"
                              f"{_zh(c.closes)}为提出意见的最后一天。\n{channels_text(c)}\n{url}")
        ev.add("url", url)
        ev.add("categories", ["征求意见"])
        ev.add("transp", "TRANSPARENT")  # a deadline, not an appointment: never "busy"
        events.append(ev)
    return events


def build_calendar(repo: Repository, base: str, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//congress-site//{host(base)}//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    # DTSTAMP from the build date keeps the file identical between rebuilds.
    stamp = published_at(repo.today).astimezone(dt.UTC)
    for ev in _reception_events(repo, base, stamp) + _deadline_events(repo, base, stamp) + \
            meeting_events(repo, base, stamp):
        cal.add_component(ev)
    # Only the rules from the build date on matter: a one-line VTIMEZONE.
    cal.add_missing_timezones(first_date=repo.today, last_date=repo.today + dt.timedelta(days=3650))
    return cal.to_ical()
