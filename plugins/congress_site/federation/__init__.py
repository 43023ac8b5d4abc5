"""A 站群: sites built apart from shared records, joined by absolute links,
the hub's digest of every site's news and a search merged in the browser."""

from .sites import Federation, Site, load_federation

__all__ = ["Federation", "Site", "load_federation"]
