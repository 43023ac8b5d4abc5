"""The home page and the search page."""

from __future__ import annotations

from ..model import Repository
from ..model.consultation import all_consultations
from . import routes
from .indexes import Indexes
from .types import HomePage, Page, SearchPage

HOME_PER_COLUMN = 5
HOME_PEOPLE = 8
DONE = ("已施行", "已废止")


def home_page(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    today = repo.today
    in_news: list[str] = []
    for story in ix.stories:
        for pid in story.representatives:
            if pid in repo.profiles and pid not in in_news:
                in_news.append(pid)
        if len(in_news) >= HOME_PEOPLE:
            break
    return [HomePage(
        url=routes.HOME, title="首页",
        columns=[(c, ix.by_column.get(c.id, [])[:HOME_PER_COLUMN]) for c in repo.columns.values()],
        in_progress=[(r, r.status(today), r.open_window(today)) for r in repo.legislation.values()
                     if r.status(today) not in DONE],
        people=[repo.profiles[p] for p in in_news[:HOME_PEOPLE]],
        counts={"stories": len(ix.stories), "profiles": len(repo.profiles),
                "legislation": len(repo.legislation), "stations": len(repo.stations)},
        consultations=[(c, routes.law_document(c.record.id, c.draft) if c.draft else None)
                       for c in all_consultations(repo) if c.state == "open"],
    )]


def search_page(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    return [SearchPage(url=routes.SEARCH, title="站内搜索")]
