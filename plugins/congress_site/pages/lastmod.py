"""Last-modified date of every generated page, taken from the records, for
the sitemap: a page changes when the newest dated thing on it changes.

File times are no use here: CI checks out shallow clones, and a rebuild
would mark every page as changed today."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from ..model import Repository
from . import routes
from .people import directory_page_of


def page_lastmod(repo: Repository, per_page: int = routes.PER_PAGE) -> dict[str, dt.date]:
    """Site-relative URL (as in `pages.routes`) → date. Pages with no dated
    record are left out; the sitemap then falls back to the build date."""
    out: dict[str, dt.date] = {}
    today = repo.today

    def bump(url: str, day: dt.date | None) -> None:
        if day is not None and (url not in out or day > out[url]):
            out[url] = day

    stories = repo.visible_stories(preview=False)
    per_column: dict[str, list] = defaultdict(list)
    for s in stories:
        bump(routes.story(s.slug), s.date)
        bump(routes.HOME, s.date)
        bump(routes.ARCHIVE, s.date)
        bump(routes.year(s.date.year), s.date)
        per_column[s.column].append(s)
        for tag in s.tags:
            bump(routes.tag(tag), s.date)
            bump(routes.TAGS, s.date)
        for pid in s.representatives:
            bump(routes.profile(pid), s.date)
        for lid in s.legislation:
            bump(routes.legislation(lid), s.date)
    for cid, items in per_column.items():
        # A new story shifts every page of the column by one.
        for page in range(1, max(1, math.ceil(len(items) / max(1, per_page))) + 1):
            bump(routes.column(cid, page), items[0].date)

    for record in repo.legislation.values():
        day = record.lastmod(today)
        bump(routes.legislation(record.id), day)
        bump(routes.TRACKER, day)
        for pid in record.origin.proposers:
            bump(routes.profile(pid), day)
        for stage in record.stages:  # a station's page lists the laws it gathered opinions on
            channels = stage.channels.stations if stage.channels else []
            for sid in {*channels, *(got.station for got in stage.gathered)}:
                bump(routes.station(sid), day)
        bump(routes.HOME, day)

    directory = directory_page_of(repo)
    for p in repo.profiles.values():
        day = out.get(routes.profile(p.id))
        bump(routes.representatives(directory[p.id]), day)
        if p.station:
            bump(routes.station(p.station), day)
            bump(routes.station_print(p.station), day)
    for sid in repo.stations:
        bump(routes.STATIONS, out.get(routes.station(sid)))
    return out
