"""One site of a 站群 in the planner: which planned pages it publishes,
where every other page lives, and what it shows of the other sites.

A district site publishes its own stories with their columns, tags and
archive, the representatives and stations of its regions, its home, search
and directories; every other page (laws, suggestions, projects, anything
city-wide) is the hub's. A link to a page this site does not publish is the
absolute URL of that page on the site that does, so nothing is built twice.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote

from ..federation.sites import Federation, Site, load_federation
from ..findings import CongressError, Finding, Severity
from ..model import Repository
from ..settings import Settings
from . import routes
from .network import StationPage, StationsPage
from .types import (
    ArchivePage,
    ColumnPage,
    DirectoryPage,
    EditorsPage,
    HomePage,
    ListingPage,
    Page,
    ProfilePage,
    RecordErrorPage,
    SearchPage,
    StoryPage,
    TagsPage,
)

# What a district site publishes; any other kind of page is the hub's.
DISTRICT_PAGES: tuple[type[Page], ...] = (
    StoryPage, ColumnPage, ListingPage, TagsPage, ArchivePage, ProfilePage, DirectoryPage, StationPage,
    StationsPage, HomePage, SearchPage, RecordErrorPage, EditorsPage,
)
HOME_NEWS = 5  # newest stories of each other site on the hub's home page


@dataclass
class SiteNews:
    """The newest stories of another site, as its published stories.json says."""

    site: Site
    stories: list[dict[str, Any]] = field(default_factory=list)
    missing: bool = False


@dataclass
class FederationView:
    """What templates show of the 站群 (`cx_federation`)."""

    this: Site
    sites: list[Site]
    news: list[SiteNews]
    # For the search page: every other site's label and address from here.
    search_sites: list[dict[str, str]]

    @property
    def search_json(self) -> str:
        # Written into a single-quoted HTML attribute: no character may close it.
        text = json.dumps({"label": self.this.label, "sites": self.search_sites}, ensure_ascii=False)
        for ch in "&<>'":
            text = text.replace(ch, f"\\u{ord(ch):04x}")
        return text


class SiteScope:
    def __init__(self, federation: Federation, site: Site, repo: Repository) -> None:
        self.federation, self.site, self.repo = federation, site, repo
        self.story_slugs = {s.slug for s in repo.stories}

    # ------------------------------------------------------------ ownership

    def chain(self, rid: str | None) -> list[str]:
        """A region id with the ids above it, top first."""
        return [r.id for r in self.repo.regions.ancestors(rid)] if rid else []

    def owner_of_profile(self, pid: str) -> Site:
        p = self.repo.profiles.get(pid)
        return self.federation.region_owner(self.chain(p.region), p.levels) if p else self.federation.hub

    def owner_of_station(self, sid: str) -> Site:
        s = self.repo.stations.get(sid)
        return self.federation.region_owner(self.chain(s.region)) if s else self.federation.hub

    def owns_story(self, story) -> bool:
        return self.federation.region_owner(self.chain(story.region)) == self.site

    def owner_of_url(self, url: str) -> Site:
        """The site that publishes a site-relative URL (routes' form)."""
        parts = unquote(url).split("/")
        if len(parts) > 1 and parts[1]:
            if parts[0] == "profiles":
                return self.owner_of_profile(parts[1])
            if parts[0] == "stations":
                return self.owner_of_station(parts[1])
            if parts[0] == "stories":
                story = next((s for s in self.repo.stories if s.slug == parts[1]), None)
                if story is not None:
                    return self.federation.region_owner(self.chain(story.region))
        return self.federation.hub

    def keeps(self, page: Page) -> bool:
        if not self.site.hub and not isinstance(page, DISTRICT_PAGES):
            return False
        if isinstance(page, ProfilePage):
            return self.owner_of_profile(page.profile.id) == self.site
        if isinstance(page, StationPage):
            return self.owner_of_station(page.station.id) == self.site
        return True

    def narrow(self, repo: Repository) -> Repository:
        """The repository with only this site's stories: columns, tags,
        archives, feeds and open data then list those alone."""
        return dataclasses.replace(repo, stories=[s for s in repo.stories if self.owns_story(s)])


class SiteRoutes:
    """`routes` as templates call it (`cx_routes`), for one site of a 站群:
    a page this site publishes keeps its site-relative URL, any other one is
    the absolute URL on the site that publishes it."""

    def __init__(self, scope: SiteScope, published: set[str]) -> None:
        self._scope, self._published = scope, published

    def place(self, url: str) -> str:
        if unquote(url.partition("#")[0]) in self._published:
            return url
        owner = self._scope.owner_of_url(url)
        return url if owner == self._scope.site else owner.url + url

    def __getattr__(self, name: str) -> Any:
        value = getattr(routes, name)
        if name in ("src_uri", "RECORD_PAGES") or isinstance(value, ModuleType):
            return value
        if callable(value):
            return lambda *args, **kwargs: self.place(value(*args, **kwargs))
        return self.place(value) if isinstance(value, str) else value


def load_scope(settings: Settings, repo: Repository) -> tuple[SiteScope | None, list[Finding]]:
    """The scope of this site, when mkdocs.yml names a 站群; a bad sites
    file is a finding and the site is then built whole."""
    path = settings.federation_file
    if path is None:
        return None, []
    display = repo.layout.display(path)
    config = repo.layout.display(settings.config_file or settings.root / "mkdocs.yml")
    if not path.is_file():
        return None, [Finding(config, 1, 1, "federation-missing", f"找不到站群配置文件 {display}",
                              "插件选项 federation 写 sites.yml 相对于 mkdocs.yml 的路径")]
    try:
        federation = load_federation(path, display)
    except CongressError as err:
        return None, err.findings
    findings = list(federation.findings)
    site = federation.get(settings.options.site)
    if site is None:
        names = "、".join(s.name for s in federation.sites)
        return None, [*findings, Finding(config, 1, 1, "federation-site-unknown",
                                         f"站群 {display} 中没有名为“{settings.options.site}”的站点",
                                         f"插件选项 site 写其中之一：{names}")]
    return SiteScope(federation, site, repo), findings


def apply_scope(scope: SiteScope, pages: list[Page], hand_pages: set[str], files: dict[str, bytes],
                copies: dict[str, Path], display: str) -> tuple[list[Page], SiteRoutes, FederationView, list[Finding]]:
    """This site's pages, its routes and what it shows of the other sites.
    Generated files in a folder whose pages are another site's (the
    consultations' and projects' feeds) are dropped from `files` too, and
    a district publishes no documents for download (they are the laws')."""
    kept = [p for p in pages if scope.keeps(p)]
    theirs = {p.url.split("/")[0] for p in pages} - {p.url.split("/")[0] for p in kept}
    for uri in [u for u in files if u.split("/")[0] in theirs]:
        del files[uri]
    if not scope.site.hub:
        copies.clear()
    published = {p.url for p in kept} | set(files) | set(copies)
    published |= {routes.page_url(uri) for uri in hand_pages}
    findings: list[Finding] = []
    elsewhere = sum(1 for s in scope.repo.stories if not scope.owns_story(s))
    if elsewhere:
        findings.append(Finding(display, 1, 1, "federation-stories-elsewhere",
                                f"{elsewhere} 篇稿件的地区属于站群中的其他站点，由那些站点发布", None,
                                severity=Severity.INFO))
    others = [s for s in scope.federation.sites if s != scope.site]
    news = []
    for site in others if scope.site.hub else []:
        item = read_news(site)
        if item.missing:
            findings.append(Finding(display, 1, 1, "federation-news-missing",
                                    f"站点“{site.label}”尚未构建（{site.build_dir / 'data' / 'stories.json'} 不存在），"
                                    "首页暂不显示它的最新稿件",
                                    "先构建各区站点，最后构建市级站点（make sites 按此顺序）",
                                    severity=Severity.WARNING))
        news.append(item)
    view = FederationView(
        this=scope.site, sites=list(scope.federation.sites), news=news,
        search_sites=[{"label": s.label, "base": s.href_from(scope.site)} for s in others])
    return kept, SiteRoutes(scope, published), view, findings


def read_news(site: Site, limit: int = HOME_NEWS) -> SiteNews:
    """The newest stories another site published, read from its build
    folder (no network during a build)."""
    path = Path(site.build_dir) / "data" / "stories.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stories = [s for s in data["stories"] if isinstance(s, dict) and {"title", "url", "date"} <= s.keys()]
    except (OSError, ValueError, KeyError, TypeError):
        return SiteNews(site, missing=True)
    return SiteNews(site, stories[:limit])
