"""The index of published stories: metadata and summary, never the text."""

from __future__ import annotations

from ..feeds.site import absolute, published_at, summary_of
from ..model import Repository
from ..pages import routes
from .models import StoryOut


def index(repo: Repository, base: str) -> list[StoryOut]:
    out = []
    for s in repo.visible_stories(preview=False):  # newest first; no drafts, no embargo
        column = repo.columns.get(s.column)
        out.append(StoryOut(
            slug=s.slug, url=absolute(base, routes.story(s.slug)), title=s.title,
            date=s.date.isoformat(), published=published_at(s.date).isoformat(),
            column=s.column, column_name=column.name if column else s.column,
            authors=list(s.authors), region=repo.regions.name_of(s.region) or None, region_id=s.region,
            place=s.place, representatives=list(s.representatives),
            legislation=list(s.legislation), tags=list(s.tags), summary=summary_of(s) or None,
            source=s.source,
        ))
    return out
