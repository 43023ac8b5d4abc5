"""Every page the records produce. Knows nothing of MkDocs: it returns
`PageSpec`s that the plugin turns into generated files."""

from __future__ import annotations

from collections import Counter

from ..model import Repository
from ..model.vocab import LEVELS, MILESTONES, STATION_LEVEL_NAMES, STATUSES
from . import routes
from .indexes import Indexes, build_indexes
from .paginate import paginate
from .spec import PageSpec

HOME_PER_COLUMN = 5
HOME_PEOPLE = 8


def build_pages(repo: Repository, preview: bool = False, per_page: int = routes.PER_PAGE) -> list[PageSpec]:
    stories = repo.visible_stories(preview)
    ix = build_indexes(repo, stories)
    pages: list[PageSpec] = []
    pages += _story_pages(repo, ix)
    pages += _profile_pages(repo, ix)
    pages += _legislation_pages(repo, ix)
    pages += _station_pages(repo, ix)
    pages += _column_pages(repo, ix, per_page)
    pages += _tag_pages(ix, per_page)
    pages += _year_pages(ix, per_page)
    pages.append(_directory(repo))
    pages.append(_tracker(repo))
    pages.append(_home(repo, ix))
    pages.append(PageSpec(routes.SEARCH, "search.html", "站内搜索", "search", search=False))
    return pages


def _story_pages(repo: Repository, ix: Indexes) -> list[PageSpec]:
    out = []
    for story in ix.stories:
        older, newer = ix.neighbours.get(story.slug, (None, None))
        out.append(PageSpec(
            url=routes.story(story.slug), template="story.html", title=story.title, kind="story",
            markdown=story.body, source=story.path, lastmod=story.date, column=story.column,
            banner=story.held_back(repo.today),
            context={
                "story": story,
                "column": repo.columns.get(story.column),
                "people": [repo.profiles[p] for p in dict.fromkeys(story.representatives) if p in repo.profiles],
                "laws": [repo.legislation[lid] for lid in dict.fromkeys(story.legislation) if lid in repo.legislation],
                "older": older, "newer": newer,
            },
        ))
    return out


def _profile_pages(repo: Repository, ix: Indexes) -> list[PageSpec]:
    out = []
    for profile in repo.profiles.values():
        stories = ix.by_profile.get(profile.id, [])
        cited_laws = dict.fromkeys(ix.proposed.get(profile.id, []))
        for story in stories:
            cited_laws.update(dict.fromkeys(story.legislation))
        out.append(PageSpec(
            url=routes.profile(profile.id), template="profile.html", title=profile.name, kind="profile",
            source=repo.sources_by_id.get(("代表", profile.id)),
            lastmod=stories[0].date if stories else None,
            context={
                "profile": profile,
                "station": repo.stations.get(profile.station or ""),
                "stories": stories[:50],
                "story_count": len(stories),
                "laws": [repo.legislation[lid] for lid in cited_laws if lid in repo.legislation],
                "proposed": set(ix.proposed.get(profile.id, [])),
            },
        ))
    return out


def _legislation_pages(repo: Repository, ix: Indexes) -> list[PageSpec]:
    out = []
    for record in repo.legislation.values():
        stories = ix.by_legislation.get(record.id, [])
        out.append(PageSpec(
            url=routes.legislation(record.id), template="legislation.html", title=record.title,
            kind="legislation", source=repo.sources_by_id.get(("法规", record.id)),
            lastmod=max((s.when for s in record.reached(repo.today)), default=None),
            context={
                "record": record,
                "current": record.current(repo.today),
                "status": record.status(repo.today),
                "window": record.open_window(repo.today),
                "proposers": [repo.profiles[p] for p in record.origin.proposers if p in repo.profiles],
                "stories": stories[:50],
                "today": repo.today,
            },
        ))
    return out


def _station_pages(repo: Repository, ix: Indexes) -> list[PageSpec]:
    out = []
    for station in repo.stations.values():
        members = [repo.profiles[p] for p in ix.members.get(station.id, [])]
        ctx = {"station": station, "members": members, "level_name": STATION_LEVEL_NAMES[station.level]}
        source = repo.sources_by_id.get(("联络站", station.id))
        out.append(PageSpec(routes.station(station.id), "station.html", station.name, "station",
                            context=ctx, source=source))
        out.append(PageSpec(routes.station_print(station.id), "station_print.html",
                            f"{station.name}代表码", "station-print", context=ctx, source=source, search=False))
    by_level = sorted(repo.stations.values(), key=lambda s: ("家站点".index(s.level), s.id))
    out.append(PageSpec(routes.STATIONS, "stations.html", "代表联络站", "stations", search=False,
                        context={"stations": by_level, "level_names": STATION_LEVEL_NAMES,
                                 "counts": {sid: len(v) for sid, v in ix.members.items()}}))
    return out


def _column_pages(repo: Repository, ix: Indexes, per_page: int) -> list[PageSpec]:
    out = []
    for column in repo.columns.values():
        stories = ix.by_column.get(column.id, [])
        for pager in paginate(stories, lambda n, c=column.id: routes.column(c, n), per_page):
            title = column.name if pager.number == 1 else f"{column.name}（第{pager.number}页）"
            out.append(PageSpec(
                routes.column(column.id, pager.number), "column.html", title, "column",
                column=column.id, search=False, lastmod=pager.items[0].date if pager.items else None,
                context={"column": column, "pager": pager, "total": len(stories)},
            ))
    return out


def _listing(url_of, base_title: str, kind: str, stories, per_page: int, extra: dict) -> list[PageSpec]:
    out = []
    for pager in paginate(stories, url_of, per_page):
        title = base_title if pager.number == 1 else f"{base_title}（第{pager.number}页）"
        out.append(PageSpec(url_of(pager.number), "listing.html", title, kind, search=False,
                            context={"pager": pager, "total": len(stories), **extra}))
    return out


def _paged(base: str, n: int) -> str:
    return base if n <= 1 else f"{base}page/{n}/"


def _tag_pages(ix: Indexes, per_page: int) -> list[PageSpec]:
    out = []
    for tag, stories in ix.by_tag.items():
        out += _listing(lambda n, t=tag: _paged(routes.tag(t), n), f"标签：{tag}", "tag", stories, per_page,
                        {"heading": tag, "label": "标签"})
    counts = Counter({tag: len(s) for tag, s in ix.by_tag.items()})
    out.append(PageSpec(routes.TAGS, "tags.html", "全部标签", "tags", search=False,
                        context={"tags": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}))
    return out


def _year_pages(ix: Indexes, per_page: int) -> list[PageSpec]:
    out = []
    for year, stories in ix.by_year.items():
        out += _listing(lambda n, y=year: _paged(routes.year(y), n), f"{year}年稿件", "year", stories, per_page,
                        {"heading": f"{year}年", "label": "年度归档"})
    years = sorted(((y, len(s)) for y, s in ix.by_year.items()), reverse=True)
    out.append(PageSpec(routes.ARCHIVE, "archive.html", "稿件归档", "archive", search=False,
                        context={"years": years}))
    return out


def _directory(repo: Repository) -> PageSpec:
    profiles = sorted(repo.profiles.values(), key=lambda p: p.id)
    groups = sorted({g for p in profiles for g in p.groups})
    levels = [lv for lv in LEVELS if any(lv in p.levels for p in profiles)]
    return PageSpec(routes.REPRESENTATIVES, "representatives.html", "人大代表", "directory", search=False,
                    context={"profiles": profiles, "levels": levels, "groups": groups,
                             "stations": list(repo.stations.values())})


def _tracker(repo: Repository) -> PageSpec:
    rows = []
    for record in repo.legislation.values():
        status = record.status(repo.today)
        reached = {("审议" if s.stage in ("一审", "二审", "三审") else s.stage) for s in record.reached(repo.today)}
        if "批准" in reached:
            reached.add("表决通过")
        rows.append({"record": record, "status": status, "current": record.current(repo.today),
                     "window": record.open_window(repo.today), "reached": reached})
    order = {s: i for i, s in enumerate(STATUSES)}
    rows.sort(key=lambda r: (order[r["status"]], r["record"].id))
    return PageSpec(routes.TRACKER, "tracker.html", "立法进程", "tracker", search=False,
                    context={"rows": rows, "milestones": MILESTONES, "statuses": STATUSES})


def _home(repo: Repository, ix: Indexes) -> PageSpec:
    columns = [(c, ix.by_column.get(c.id, [])[:HOME_PER_COLUMN]) for c in repo.columns.values()]
    in_progress = [r for r in repo.legislation.values() if r.status(repo.today) not in ("已施行", "已废止")]
    in_news: list[str] = []
    for story in ix.stories:
        for pid in story.representatives:
            if pid in repo.profiles and pid not in in_news:
                in_news.append(pid)
        if len(in_news) >= HOME_PEOPLE:
            break
    return PageSpec(routes.HOME, "home.html", "首页", "home", search=False, context={
        "columns": columns,
        "latest": ix.stories[:6],
        "in_progress": [(r, r.status(repo.today), r.open_window(repo.today)) for r in in_progress],
        "people": [repo.profiles[p] for p in in_news[:HOME_PEOPLE]],
        "counts": {"stories": len(ix.stories), "profiles": len(repo.profiles),
                   "legislation": len(repo.legislation), "stations": len(repo.stations)},
    })
