"""The `congress` plugin's options in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CongressConfig(Config):
    # Record folders, relative to mkdocs.yml. Legislation, stations, columns
    # and style lists live inside docs_dir.
    stories_dir = c.Type(str, default="stories")
    profiles_dir = c.Type(str, default="profiles")
    # "auto": drafts and embargoed stories show in `mkdocs serve` only.
    preview = c.Choice(("auto", "true", "false"), default="auto")
    # The build date, for embargo and legislation status (YYYY-MM-DD).
    # Empty means today; the CONGRESS_TODAY environment variable wins.
    today = c.Type(str, default="")
    per_page = c.Type(int, default=20)
    # How many of the newest stories each RSS/Atom feed carries.
    feed_limit = c.Type(int, default=50)
    # Pagefind search index at the end of the build. "auto" splits a large
    # archive into shards by year (memory), "year" always does, "" never.
    search = c.Type(bool, default=True)
    search_shards = c.Choice(("auto", "year", ""), default="auto")
    # Options read by the link checker (`congress links`).
    links_ignore = c.ListOfItems(c.Type(str), default=[])
    links_cache = c.Type(str, default=".cache/congress/links.json")
