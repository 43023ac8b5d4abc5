"""calendar.ics: parsed with icalendar, recurrences expanded with dateutil."""

from __future__ import annotations

import datetime as dt

import pytest
from datakit import SITE_NAME, SITE_URL
from dateutil.rrule import rrulestr
from icalendar import Calendar

from congress_site.model.records import ReceptionRule
from congress_site.opendata import build_open_data
from congress_site.opendata.calendar import first_reception, recurrence

CST = dt.timedelta(hours=8)


@pytest.fixture(scope="module")
def raw(site) -> bytes:
    return build_open_data(site, SITE_URL, SITE_NAME)["calendar.ics"]


@pytest.fixture(scope="module")
def events(raw) -> dict:
    cal = Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and SITE_NAME in str(cal["X-WR-CALNAME"])
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    return {str(ev["UID"]).split("@")[0]: ev for ev in cal.walk("VEVENT")}


def expand(ev, count: int) -> list[dt.datetime]:
    start = ev.decoded("DTSTART")
    rule = rrulestr(ev["RRULE"].to_ical().decode(), dtstart=start)
    return [d for _, d in zip(range(count), rule, strict=False)]


def test_events_present(events):
    assert set(events) == {"reception-xingqiao-1", "reception-yueding-1",
                           "comment-deadline-open-law-20250731", "comment-deadline-coming-law-20250909",
                           "meeting-cwh-10-22", "meeting-cwh-10-23"}
    for ev in events.values():
        assert "DTSTAMP" in ev and "SUMMARY" in ev
        assert str(ev["URL"]).startswith(SITE_URL)


def test_meetings_are_all_day_events_at_their_place(events):
    held = events["meeting-cwh-10-22"]
    assert held.decoded("DTSTART") == dt.date(2025, 6, 26)
    assert held.decoded("DTEND") == dt.date(2025, 6, 28)  # exclusive: the meeting ends on the 27th
    assert str(held["LOCATION"]) == "测试市人大常委会会议室"
    assert str(held["SUMMARY"]) == "测试市第十届人民代表大会常务委员会第二十二次会议"
    assert "议程：审议《测试市文明行为促进条例（草案）》" in str(held["DESCRIPTION"])
    assert str(held["URL"]) == SITE_URL + "meetings/cwh-10-22/"
    planned = events["meeting-cwh-10-23"]
    assert planned.decoded("DTSTART") == dt.date(2025, 8, 28) and planned.decoded("DTEND") == dt.date(2025, 8, 29)


def test_weekly_reception(events):
    ev = events["reception-xingqiao-1"]
    assert ev["RRULE"]["FREQ"] == ["WEEKLY"] and ev["RRULE"]["BYDAY"] == ["TU"]
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    # First Tuesday on or after the build date (Sunday 20 July), Beijing time.
    assert start.replace(tzinfo=None) == dt.datetime(2025, 7, 22, 9, 0)
    assert start.utcoffset() == CST and str(start.tzinfo) == "Asia/Shanghai"
    assert end.replace(tzinfo=None) == dt.datetime(2025, 7, 22, 11, 30)
    assert [d.date() for d in expand(ev, 3)] == [dt.date(2025, 7, 22), dt.date(2025, 7, 29),
                                                dt.date(2025, 8, 5)]
    assert str(ev["LOCATION"]) == "望舒区星桥社区党群服务中心"
    assert "张晓岚" in str(ev["DESCRIPTION"])
    # The 服务岗 has no phone of its own: the 联络站 above it answers.
    assert "电话：0123-5550100" in str(ev["DESCRIPTION"])


def test_monthly_reception_on_the_31st_falls_on_month_end(events):
    ev = events["reception-yueding-1"]
    assert ev["RRULE"]["FREQ"] == ["MONTHLY"]
    assert ev["RRULE"]["BYSETPOS"] == [-1]
    got = [d.date() for d in expand(ev, 8)]
    assert got == [dt.date(2025, 7, 31), dt.date(2025, 8, 31), dt.date(2025, 9, 30),
                   dt.date(2025, 10, 31), dt.date(2025, 11, 30), dt.date(2025, 12, 31),
                   dt.date(2026, 1, 31), dt.date(2026, 2, 28)]
    assert all(d.utcoffset() == CST and (d.hour, d.minute) == (14, 30) for d in expand(ev, 8))


def test_one_event_per_deadline_with_no_state_that_goes_stale(events):
    now = events["comment-deadline-open-law-20250731"]
    # An all-day event on the last day (DTEND of a date is exclusive).
    assert now.decoded("DTSTART") == dt.date(2025, 7, 31)
    assert now.decoded("DTEND") == dt.date(2025, 8, 1)
    assert str(now["SUMMARY"]) == "《测试市文明行为促进条例》征求意见截止"
    assert "2025年7月1日至2025年7月31日" in str(now["DESCRIPTION"])
    assert str(now["TRANSP"]) == "TRANSPARENT"
    coming = events["comment-deadline-coming-law-20250909"]
    assert coming.decoded("DTSTART") == dt.date(2025, 9, 9)
    # Whether a window is open depends on the day the calendar is read,
    # not on the day it was built: no summary says so.
    for ev in (now, coming):
        assert not any(word in str(ev["SUMMARY"]) for word in ("进行中", "即将", "已结束", "开始"))


def test_closed_windows_are_left_out(raw):
    assert b"old-law" not in raw
    assert "《测试县绿化条例》".encode() not in raw


@pytest.mark.parametrize("monthday, today, expected", [
    (10, dt.date(2025, 7, 10), dt.date(2025, 7, 10)),   # the day itself counts
    (10, dt.date(2025, 7, 11), dt.date(2025, 8, 10)),
    (30, dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    (29, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
])
def test_first_monthly_reception(monthday, today, expected):
    rule = ReceptionRule(monthday=monthday, start="09:00", end="11:00")
    assert first_reception(rule, today).date() == expected
    parts = recurrence(rule)
    assert parts["BYMONTHDAY"][-1] == monthday


def test_first_weekly_reception_is_never_in_the_past():
    for offset in range(7):
        today = dt.date(2025, 7, 20) + dt.timedelta(days=offset)
        got = first_reception(ReceptionRule(weekday=5), today).date()
        assert got.isoweekday() == 5 and 0 <= (got - today).days < 7
