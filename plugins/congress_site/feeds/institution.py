"""RSS feeds of meetings (/meetings/feed.xml) and oversight
(/oversight/feed.xml), built with feedgen like the story feeds.

A meeting is news on the day it opens; a planned meeting is not in the
feed until then. An oversight record is news again whenever a
rectification is reported: its item's date is the record's latest date
that has passed (model/institution.oversight_lastmod), so readers see the
progress.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from .. import __version__
from ..model import Repository
from ..model.institution import oversight_lastmod
from ..model.meetings import Meeting
from ..model.oversight import Oversight
from ..pages import routes
from .site import absolute, published_at

LANGUAGE = "zh-CN"


def institution_feeds(repo: Repository, base: str, site_name: str, limit: int) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    place = repo.place
    if repo.meetings:
        held = sorted((m for m in repo.meetings.values() if m.date <= repo.today),
                      key=lambda m: (m.date, m.id), reverse=True)[:limit]
        fg = _feed(base, site_name, f"会议 - {site_name}", f"{place}人民代表大会及其常委会的会议",
                   routes.MEETINGS, routes.MEETINGS_FEED, [published_at(m.date) for m in held], repo.today)
        for m in held:
            _meeting_entry(fg, base, m, place)
        out[routes.MEETINGS_FEED] = fg.rss_str(pretty=True)
    if repo.oversight:
        dated = [(record, oversight_lastmod(repo, record)) for record in repo.oversight.values()]
        dated = sorted((d for d in dated if d[1] is not None), key=lambda d: (d[1], d[0].id), reverse=True)[:limit]
        fg = _feed(base, site_name, f"监督工作 - {site_name}", f"{place}人大常委会的监督工作和整改进展",
                   routes.OVERSIGHT, routes.OVERSIGHT_FEED, [published_at(day) for _, day in dated], repo.today)
        for record, day in dated:
            _oversight_entry(fg, base, record, day)
        out[routes.OVERSIGHT_FEED] = fg.rss_str(pretty=True)
    return out


def _feed(base: str, site_name: str, title: str, description: str, page: str, self_path: str,
          dates: list[dt.datetime], today: dt.date) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(absolute(base, page))
    fg.title(title)
    fg.subtitle(description)
    fg.language(LANGUAGE)
    fg.author({"name": site_name})
    fg.generator("congress-site", version=__version__)
    fg.link(href=absolute(base, self_path), rel="self")
    fg.link(href=absolute(base, page), rel="alternate")
    # The newest item's date, not the wall clock: rebuilds give the same bytes.
    newest = max(dates) if dates else published_at(today)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    return fg


def _meeting_entry(fg: FeedGenerator, base: str, m: Meeting, place: str) -> None:
    url = absolute(base, routes.meeting(m.id))
    fe = fg.add_entry(order="append")
    fe.id(url)
    fe.guid(url, permalink=True)
    fe.title(m.title(place))
    fe.link(href=url, rel="alternate")
    fe.published(published_at(m.date))
    fe.updated(published_at(m.date))
    days = f"{_zh(m.date)}至{_zh(m.end)}" if m.end and m.end != m.date else _zh(m.date)
    agenda = "；".join(item.title for item in m.agenda)
    fe.summary(m.summary or f"{days}，{m.place}。" + (f"议程：{agenda}。" if agenda else ""))
    fe.category([{"term": m.kind, "label": m.kind}])


def _oversight_entry(fg: FeedGenerator, base: str, record: Oversight, day: dt.date) -> None:
    url = absolute(base, routes.oversight(record.id))
    fe = fg.add_entry(order="append")
    fe.id(url)
    fe.guid(url, permalink=True)
    fe.title(record.title)
    fe.link(href=url, rel="alternate")
    fe.published(published_at(day))
    fe.updated(published_at(day))
    text = record.summary or record.title + "。"
    if record.issues:
        p = record.progress()
        text += f"发现问题{len(record.issues)}个，截至{_zh(day)}：已整改{p['已整改']}个，整改中{p['整改中']}个，未整改{p['未整改']}个。"
    fe.summary(text)
    fe.category([{"term": record.kind, "label": record.kind}])


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
