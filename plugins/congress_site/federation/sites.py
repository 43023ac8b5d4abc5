"""A 站群: several sites built from one repository's shared records.

The sites file (named by the plugin option `federation`, e.g. `sites.yml`
at the repository's root) lists each site: its name, its mkdocs.yml, a
short label, the regions it publishes and whether it is the hub. Each
site's URL, name and build folder are read from its own mkdocs.yml, so they
are written once.

Who publishes what: a story, a station or a representative belongs to the
district site whose regions (ids in content/regions.yml) hold the record's
`region` or one of the regions above it (wenshu-jiedao lies in wangshu-qu);
a representative also needs one of the site's `levels`, so a 市
representative living in a district stays with the city. Everything else — laws, suggestions, projects, and records no
district claims — belongs to the hub.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..findings import CongressError, Finding
from ..model.source import load_yaml, read_text
from ..model.vocab import Level
from ..settings import read_mkdocs_config

SiteName = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)


class SiteEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = SiteName
    label: str = Field(min_length=1, max_length=40)
    config: str = Field(min_length=1)
    hub: bool = False
    regions: list[str] = []
    levels: list[Level] = []


class SitesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sites: list[SiteEntry] = Field(min_length=1)


@dataclass(frozen=True)
class Site:
    """One site of the federation, with what its mkdocs.yml says."""

    name: str
    label: str
    config: Path
    url: str  # site_url, ending in "/"
    site_name: str
    build_dir: Path  # site_dir, where `mkdocs build` writes it
    hub: bool = False
    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """The URL path the site is served under: "/" or "/wangshu/"."""
        return urlsplit(self.url).path or "/"

    def href_from(self, other: Site) -> str:
        """This site's address as written on a page of `other`: relative when
        both share a host (so a copy served anywhere still works), else
        absolute."""
        mine, theirs = urlsplit(self.url), urlsplit(other.url)
        if mine.netloc != theirs.netloc:
            return self.url
        rel = posixpath.relpath(self.path, other.path)
        return "" if rel == "." else rel.rstrip("/") + "/"


@dataclass(frozen=True)
class Federation:
    sites: tuple[Site, ...]
    file: Path
    findings: tuple[Finding, ...] = field(default=(), compare=False)

    @property
    def hub(self) -> Site:
        return next((s for s in self.sites if s.hub), self.sites[0])

    def get(self, name: str) -> Site | None:
        return next((s for s in self.sites if s.name == name), None)

    def region_owner(self, chain: Sequence[str], levels: Sequence[str] | None = None) -> Site:
        """The site that publishes a record whose region is the last of
        `chain` (its region and those above it, top first, as
        RegionTree.ancestors gives them) and, for a person, of `levels`: the
        district holding the deepest of those regions, else the hub."""
        best, depth = self.hub, -1
        for site in self.sites:
            if site.hub or (levels is not None and site.levels and not set(levels) & set(site.levels)):
                continue
            for r in site.regions:
                if r in chain and chain.index(r) > depth:
                    best, depth = site, chain.index(r)
        return best

    def url_map(self) -> dict[str, Path]:
        """Site URL → build folder, for the link check."""
        return {s.url: s.build_dir for s in self.sites}


def load_federation(path: Path, display: str | None = None) -> Federation:
    """The sites file and every site's mkdocs.yml; a problem is a
    CongressError with findings naming file and line."""
    display = display or str(path)
    src = load_yaml(read_text(path, display), display)
    try:
        data = SitesFile.model_validate(src.data)
    except ValidationError as exc:
        from ..model.errors import translate

        raise CongressError(translate(exc, src, SitesFile)) from None
    sites, findings = [], []
    names: set[str] = set()
    for i, entry in enumerate(data.sites):
        line, col = src.where(("sites", i))
        if entry.name in names:
            findings.append(Finding(display, line, col, "site-duplicate", f"站点名“{entry.name}”重复",
                                    "每个站点的 name 须不同"))
            continue
        names.add(entry.name)
        config = (path.parent / entry.config).resolve()
        try:
            raw = read_mkdocs_config(config)
        except CongressError as err:
            findings.append(Finding(display, *src.where(("sites", i, "config")), "site-config-missing",
                                    f"站点“{entry.name}”的配置文件 {entry.config} 无法读取：{err.findings[0].message}",
                                    "config 写该站点 mkdocs.yml 相对于本文件的路径"))
            continue
        url = raw.get("site_url") if isinstance(raw.get("site_url"), str) else ""
        if not urlsplit(url).netloc:
            findings.append(Finding(display, line, col, "site-url-missing",
                                    f"站点“{entry.name}”的 mkdocs.yml 没有写完整的 site_url",
                                    "例如 site_url: https://example.gov.cn/wangshu/"))
            continue
        site_dir = raw.get("site_dir", "site")
        sites.append(Site(
            name=entry.name, label=entry.label, config=config, url=url.rstrip("/") + "/",
            site_name=str(raw.get("site_name") or entry.label), build_dir=(config.parent / str(site_dir)).resolve(),
            hub=entry.hub, regions=tuple(entry.regions), levels=tuple(entry.levels)))
    if sum(1 for s in data.sites if s.hub) > 1:
        findings.append(Finding(display, *src.where(("sites",)), "site-hubs", "站群只能有一个 hub: true 的站点",
                                "只在市级站点上写 hub: true"))
    if findings and not sites:
        raise CongressError(findings)
    return Federation(tuple(sites), path, tuple(findings))
