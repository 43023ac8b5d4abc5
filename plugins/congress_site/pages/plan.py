"""Planning a whole site from its records: every page as a typed object,
every generated file, the menu and what was found on the way. Knows no
engine: an adapter hands the plan to MkDocs (or another engine)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..collector import no_cycle_collection
from ..findings import CongressError, Finding, Severity
from ..model import Repository
from ..settings import Settings, config_position
from . import routes
from .consult import consultations_page, law_document_pages, law_downloads, plan_pages
from .home import home_page, search_page
from .identity import SiteIdentity, read_identity
from .indexes import Indexes, build_indexes
from .institution import institution_downloads, meeting_pages, oversight_pages
from .lastmod import page_lastmod
from .laws import legislation_pages, tracker_page
from .menu import MenuEntry, build_menu
from .network import station_pages
from .parents import parent_redirects
from .people import directory_page, profile_pages
from .projects import project_pages
from .scope import FederationView, apply_scope, load_scope
from .stories import column_pages, story_pages, tag_pages, year_pages
from .suggestions import suggestion_pages
from .types import Page

PageBuilder = Callable[[Repository, Indexes, int], list[Page]]

# Every kind of page, in the order the engine receives them (the sitemap's order).
PAGE_BUILDERS: tuple[PageBuilder, ...] = (
    story_pages, profile_pages, legislation_pages, station_pages, column_pages, tag_pages, year_pages,
    directory_page, tracker_page, suggestion_pages, project_pages, home_page, search_page,
    law_document_pages, consultations_page, plan_pages, meeting_pages, oversight_pages,
)


@dataclass
class SitePlan:
    repo: Repository
    # Pages by the path of the generated source file (routes.src_uri).
    pages: dict[str, Page] = field(default_factory=dict)
    # Feeds, open data, schemas, calendar, robots.txt: site path → bytes.
    files: dict[str, bytes] = field(default_factory=dict)
    # Files published as they are (documents for download, the browser CMS's
    # scripts): site path → source.
    copies: dict[str, Path] = field(default_factory=dict)
    menu: list[MenuEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Who publishes the site: footer, demonstration notice, page metadata.
    site: SiteIdentity | None = None
    # URLs as templates get them (`cx_routes`); one site of a 站群 links
    # pages it does not publish to the site that does (pages/scope.py).
    routes: Any = routes
    federation: FederationView | None = None

    def page(self, src_uri: str) -> Page | None:
        return self.pages.get(src_uri)


def plan_site(repo: Repository, settings: Settings, hand_pages: Collection[str] = (),
              nav: list | None = None) -> SitePlan:
    """`hand_pages`: the site's hand-written pages (paths relative to
    docs_dir), which the menu may list and generated pages take over.
    `nav`: the editors' menu as written in mkdocs.yml (None: the default)."""
    with no_cycle_collection():  # every page, file and menu entry made here lives on
        return _plan(repo, settings, hand_pages, nav)


def _plan(repo: Repository, settings: Settings, hand_pages: Collection[str], nav: list | None) -> SitePlan:
    scope, scope_findings = load_scope(settings, repo)
    repo = scope.narrow(repo) if scope else repo
    plan = SitePlan(repo, findings=scope_findings)
    config_file = settings.config_file or settings.root / "mkdocs.yml"
    plan.site, found = read_identity(settings, settings.site_description, repo.layout.display(config_file))
    plan.findings += found
    ix = build_indexes(repo, repo.visible_stories(settings.preview))
    pages = [page for build in PAGE_BUILDERS for page in build(repo, ix, settings.options.per_page)]
    if settings.preview:
        from ..devserver.preview import preview_pages

        pages += preview_pages(repo, {p.url for p in pages})
    plan.files = _generated_files(repo, settings, plan.findings)
    plan.copies = {**law_downloads(repo), **institution_downloads(repo)}
    if scope:
        pages, plan.routes, plan.federation, found = apply_scope(
            scope, pages, set(hand_pages), plan.files, plan.copies, repo.layout.display(config_file))
        plan.findings += found
    dates = page_lastmod(repo, settings.options.per_page)
    for page in pages:
        page.lastmod = page.lastmod or dates.get(page.url)
        if page.src_uri in hand_pages:
            where = repo.layout.display(settings.docs_dir / page.src_uri)
            plan.findings.append(Finding(where, 1, 1, "page-name-taken",
                                         f"页面 /{page.url} 与 content/ 中的手写页面重名，已使用生成的页面",
                                         "请给手写页面换一个文件名", severity=Severity.WARNING))
        plan.pages[page.src_uri] = page
    _add_admin(plan, settings)
    plan.files.update(parent_redirects({p.url: p.title for p in plan.pages.values()}, hand_pages,
                                       {*plan.files, *plan.copies}))
    plan.menu, menu_findings = build_menu(repo, nav, {*hand_pages, *plan.pages}, _nav_locator(repo, settings))
    plan.findings += menu_findings
    return plan


def _nav_locator(repo: Repository, settings: Settings) -> Callable[[tuple[int, ...]], tuple[str, int, int]]:
    config = settings.config_file or settings.root / "mkdocs.yml"
    display = repo.layout.display(config)

    def locate(at: tuple[int, ...]) -> tuple[str, int, int]:
        return (display, *config_position(config, ("nav", *at)))

    return locate


def _generated_files(repo: Repository, settings: Settings, findings: list[Finding]) -> dict[str, bytes]:
    """What is published beside the pages. They always hold published
    records only, even in preview."""
    from ..opendata import build_all
    from ..scaffold.schemas import dumps, record_schemas, schema_uri

    files: dict[str, bytes] = {}
    try:
        files.update(build_all(repo, settings.site_url, settings.site_name, limit=settings.options.feed_limit))
    except CongressError as err:
        findings.extend(err.findings)
    # JSON Schemas of the record files, for the modeline `congress new` writes.
    base = settings.site_url.rstrip("/")
    for kind, schema in record_schemas(base + "/" if base else "").items():
        files[schema_uri(kind)] = dumps(schema).encode("utf-8")
    return files


def _add_admin(plan: SitePlan, settings: Settings) -> None:
    """The browser CMS at /admin/, configured from the records' models."""
    from ..cms import admin_files, record_choices

    config = settings.config_file or settings.root / "mkdocs.yml"
    admin = admin_files(settings, record_choices(plan.repo), plan.repo.layout.display(config))
    plan.files.update(admin.files)
    plan.copies.update(admin.copies)
    plan.findings += admin.findings


__all__ = ["PAGE_BUILDERS", "SitePlan", "plan_site", "routes"]
