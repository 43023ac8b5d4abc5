"""What a production build publishes beside its pages: feeds and open data."""

from __future__ import annotations

from ..feeds import DEFAULT_LIMIT, build_feeds
from ..feeds.projects import build_projects_feed
from ..model import Repository
from .build import build_open_data


def build_all(repo: Repository, site_url: str, site_name: str,
              limit: int = DEFAULT_LIMIT) -> dict[str, bytes]:
    """Feeds and open data together, as site-relative path → bytes."""
    return {**build_feeds(repo, site_url, site_name, limit), **build_projects_feed(repo, site_url, site_name, limit),
            **build_open_data(repo, site_url, site_name)}
