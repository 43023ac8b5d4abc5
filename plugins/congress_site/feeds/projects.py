"""The feed of 民生实事项目 progress: one entry per progress report, newest
first, so a resident can follow the projects the representatives voted for."""

from __future__ import annotations

from feedgen.feed import FeedGenerator

from .. import __version__
from ..model import Repository
from ..pages import routes
from .build import LANGUAGE
from .site import absolute, base_url, host, published_at


def build_projects_feed(repo: Repository, site_url: str, site_name: str, limit: int) -> dict[str, bytes]:
    if not repo.projects:
        return {}
    base = base_url(site_url)
    site_name = (site_name or "").strip() or host(base)
    steps = [(record.year, c, step) for record in repo.projects.values() for c in record.elected for step in c.progress]
    # Newest first; on one day, in the order the file lists them.
    steps.sort(key=lambda item: item[2].date, reverse=True)
    steps = steps[:max(1, int(limit))]
    fg = FeedGenerator()
    fg.id(absolute(base, routes.PROJECTS))
    fg.title(f"民生实事项目进展 - {site_name}")
    fg.subtitle(f"{site_name}：代表票决的民生实事项目实施进展")
    fg.language(LANGUAGE)
    fg.author({"name": site_name})
    fg.generator("congress-site", version=__version__)
    fg.link(href=absolute(base, routes.PROJECTS_FEED), rel="self")
    fg.link(href=absolute(base, routes.PROJECTS), rel="alternate")
    newest = published_at(steps[0][2].date if steps else repo.today)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for year, candidate, step in steps:
        page = absolute(base, routes.projects_year(year)) + f"#{candidate.id}"
        fe = fg.add_entry(order="append")
        fe.id(f"{page}-{step.date.isoformat()}")
        fe.guid(f"{page}-{step.date.isoformat()}", permalink=False)
        fe.title(f"{candidate.title}：完成{step.percent}%")
        fe.link(href=page, rel="alternate")
        fe.published(published_at(step.date))
        fe.updated(published_at(step.date))
        fe.summary(f"{step.note}（责任单位：{candidate.responsible}）")
        fe.category({"term": f"{year}年民生实事项目", "scheme": absolute(base, routes.projects_year(year))})
    return {routes.PROJECTS_FEED: fg.rss_str(pretty=True)}
