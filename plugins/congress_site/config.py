"""The `congress` plugin's options as MkDocs reads them from mkdocs.yml.
Defaults come from `settings.Options`, the one place they are written."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .settings import CMS_BACKENDS, PREVIEW_MODES, SEARCH_SHARDS, Options
from .settings import OPTION_DEFAULTS as D


class CongressConfig(Config):
    stories_dir = c.Type(str, default=D["stories_dir"])
    profiles_dir = c.Type(str, default=D["profiles_dir"])
    preview = c.Choice(PREVIEW_MODES, default=D["preview"])
    today = c.Type(str, default=D["today"])
    per_page = c.Type(int, default=D["per_page"])
    feed_limit = c.Type(int, default=D["feed_limit"])
    search = c.Type(bool, default=D["search"])
    search_shards = c.Choice(SEARCH_SHARDS, default=D["search_shards"])
    optimize_assets = c.Type(bool, default=D["optimize_assets"])
    links_ignore = c.ListOfItems(c.Type(str), default=list(D["links_ignore"]))
    cache_dir = c.Type(str, default=D["cache_dir"])
    links_cache = c.Type(str, default=D["links_cache"])
    footer = c.Type(dict, default={})
    demo_notice = c.Type((str, bool), default=D["demo_notice"])
    jurisdiction = c.Type(str, default=D["jurisdiction"])
    cms = c.Type(bool, default=D["cms"])
    cms_backend = c.Choice(CMS_BACKENDS, default=D["cms_backend"])
    cms_repo = c.Type(str, default=D["cms_repo"])
    cms_branch = c.Type(str, default=D["cms_branch"])
    cms_base_url = c.Type(str, default=D["cms_base_url"])
    cms_app_id = c.Type(str, default=D["cms_app_id"])
    cms_local_port = c.Type(int, default=D["cms_local_port"])
    federation = c.Type(str, default=D["federation"])
    site = c.Type(str, default=D["site"])
    shared_dir = c.Type(str, default=D["shared_dir"])

    def options(self) -> Options:
        values = {name: self[name] for name in D}
        values["links_ignore"] = tuple(values["links_ignore"])
        values["footer"] = tuple((str(k), v) for k, v in values["footer"].items())
        return Options(**values)
