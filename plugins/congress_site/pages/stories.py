"""Story pages, and the lists of stories: columns, tags and years."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..model import Repository, Story
from . import routes
from .indexes import Indexes
from .institution import story_extras
from .paginate import paginate
from .types import ArchivePage, ColumnPage, ListingPage, Page, StoryPage, TagsPage


def story_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    out: list[Page] = []
    for story in ix.stories:
        older, newer = ix.neighbours.get(story.slug, (None, None))
        out.append(StoryPage(
            url=routes.story(story.slug), title=story.title, markdown=story.body, source=story.path,
            lastmod=story.date, banner=story.held_back(repo.today),
            story=story, story_column=repo.columns.get(story.column),
            people=[repo.profiles[p] for p in dict.fromkeys(story.representatives) if p in repo.profiles],
            laws=[repo.legislation[lid] for lid in dict.fromkeys(story.legislation) if lid in repo.legislation],
            older=older, newer=newer, **story_extras(repo, story),
        ))
    return out


def column_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    out: list[Page] = []
    for column in repo.columns.values():
        stories = ix.by_column.get(column.id, [])
        for pager in paginate(stories, lambda n, c=column.id: routes.column(c, n), per_page):
            out.append(ColumnPage(
                url=routes.column(column.id, pager.number), title=_numbered(column.name, pager.number),
                lastmod=pager.items[0].date if pager.items else None,
                own_column=column, pager=pager, total=len(stories),
            ))
    return out


def tag_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    out: list[Page] = []
    for tag, stories in ix.by_tag.items():
        out += _listing(lambda n, t=tag: _paged(routes.tag(t), n), f"标签：{tag}", tag, "标签", stories, per_page)
    counts = Counter({tag: len(s) for tag, s in ix.by_tag.items()})
    out.append(TagsPage(url=routes.TAGS, title="全部标签",
                        tags=sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
    return out


def year_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    out: list[Page] = []
    for year, stories in ix.by_year.items():
        out += _listing(lambda n, y=year: _paged(routes.year(y), n), f"{year}年稿件", f"{year}年", "年度归档",
                        stories, per_page)
    years = sorted(((y, len(s)) for y, s in ix.by_year.items()), reverse=True)
    columns = [(column, len(ix.by_column.get(column.id, []))) for column in repo.columns.values()]
    out.append(ArchivePage(url=routes.ARCHIVE, title="稿件归档", years=years, columns=columns))
    return out


def _listing(url_of: Callable[[int], str], title: str, heading: str, label: str, stories: list[Story],
             per_page: int) -> list[Page]:
    return [ListingPage(url=url_of(pager.number), title=_numbered(title, pager.number), heading=heading,
                        label=label, pager=pager, total=len(stories))
            for pager in paginate(stories, url_of, per_page)]


def _numbered(title: str, number: int) -> str:
    return title if number == 1 else f"{title}（第{number}页）"


def _paged(base: str, n: int) -> str:
    return base if n <= 1 else f"{base}page/{n}/"
