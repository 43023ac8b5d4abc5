"""RSS 2.0 and Atom feeds of published stories, built with feedgen.

feedgen writes both formats from one description of the feed, escapes the
XML, formats RFC 822 (RSS) and RFC 3339 (Atom) dates with their offsets, and
knows the Dublin Core extension RSS needs for authors without an e-mail
address. It works from our records rather than from MkDocs pages, so the
core stays independent of MkDocs (mkdocs-rss-plugin reads pages and git
history, knows nothing of columns, drafts or embargo, and would tie the
feeds to MkDocs).
"""

from __future__ import annotations

from collections.abc import Iterable

from feedgen.feed import FeedGenerator

from .. import __version__
from ..model import Column, Repository, Story
from ..pages import routes
from .consultations import build_consultations_feed
from .institution import institution_feeds
from .site import absolute, base_url, host, published_at, summary_of

DEFAULT_LIMIT = 50
LANGUAGE = "zh-CN"


def build_feeds(repo: Repository, site_url: str, site_name: str,
                limit: int = DEFAULT_LIMIT) -> dict[str, bytes]:
    """Site-relative path → feed bytes: `feed.xml` (RSS), `atom.xml` (Atom)
    and `columns/<id>/feed.xml` (RSS) for every column, each with the newest
    `limit` published stories. Drafts and embargoed stories never appear."""
    base = base_url(site_url)
    site_name = (site_name or "").strip() or host(base)  # feeds must have a title
    limit = max(1, int(limit))
    stories = repo.visible_stories(preview=False)  # newest first
    out: dict[str, bytes] = {}

    site = _feed(base, stories[:limit], repo, site_name,
                 title=site_name, description=f"{site_name}最新稿件",
                 page=routes.HOME, self_path=routes.FEED_RSS)
    out[routes.FEED_RSS] = site.rss_str(pretty=True)
    # Atom's self link must name the Atom document itself.
    _set_self(site, absolute(base, routes.FEED_ATOM))
    out[routes.FEED_ATOM] = site.atom_str(pretty=True)

    for column in repo.columns.values():
        own = [s for s in stories if s.column == column.id][:limit]
        feed = _feed(base, own, repo, site_name,
                     title=f"{column.name} - {site_name}",
                     description=column.description or f"{site_name}“{column.name}”栏目",
                     page=routes.column(column.id), self_path=routes.column_feed(column.id))
        out[routes.column_feed(column.id)] = feed.rss_str(pretty=True)
    out[routes.CONSULTATIONS_FEED] = build_consultations_feed(repo, base, site_name, limit)
    out.update(institution_feeds(repo, base, site_name, limit))
    return out


def _set_self(feed: FeedGenerator, href: str) -> None:
    links = [link for link in feed.link() if link.get("rel") != "self"]
    feed.link([{"href": href, "rel": "self"}] + links, replace=True)


def _feed(base: str, stories: list[Story], repo: Repository, site_name: str, *,
          title: str, description: str, page: str, self_path: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(absolute(base, page))
    fg.title(title)
    fg.subtitle(description)  # also the RSS <description>
    fg.language(LANGUAGE)
    fg.author({"name": site_name})
    fg.generator("congress-site", version=__version__)
    # feedgen takes the RSS <link> from the last link given: the page, not the feed.
    fg.link(href=absolute(base, self_path), rel="self")
    fg.link(href=absolute(base, page), rel="alternate")
    # Updated = newest story, not the wall clock: rebuilding unchanged
    # records gives byte-identical feeds, and readers see no false news.
    newest = published_at(stories[0].date) if stories else published_at(repo.today)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for story in stories:
        _entry(fg, base, story, repo.columns.get(story.column))
    return fg


def _entry(fg: FeedGenerator, base: str, story: Story, column: Column | None) -> None:
    url = absolute(base, routes.story(story.slug))
    fe = fg.add_entry(order="append")
    fe.id(url)
    fe.guid(url, permalink=True)
    fe.title(story.title)
    fe.link(href=url, rel="alternate")
    when = published_at(story.date)
    fe.published(when)
    fe.updated(when)
    summary = summary_of(story)
    if summary:
        fe.summary(summary)
    else:  # RSS items need a title or description; Atom readers like a summary
        fe.summary(story.title)
    fe.author([{"name": name} for name in story.authors])
    for name in story.authors:
        fe.dc.dc_creator(name, replace=False)
    fe.category(list(_categories(base, story, column)))


def _categories(base: str, story: Story, column: Column | None) -> Iterable[dict]:
    if column is not None:
        yield {"term": column.name, "label": column.name,
               "scheme": absolute(base, routes.column(column.id))}
    for tag in story.tags:
        yield {"term": tag, "label": tag, "scheme": absolute(base, routes.TAGS)}

