"""Site-wide and per-column RSS/Atom feeds of published stories."""

from .build import DEFAULT_LIMIT, build_feeds
from .site import CST, absolute, base_url, published_at, summary_of

__all__ = ["CST", "DEFAULT_LIMIT", "absolute", "base_url", "build_feeds", "published_at", "summary_of"]
