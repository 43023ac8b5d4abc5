"""The MkDocs adapter: hands MkDocs what the core planned, nothing more.

The core (`pages.plan_site`) decides every page, file and menu entry;
`render.Renderer` does what a page needs besides Markdown and templates;
`output.BuildRun` owns the build's mechanics. Each event here only moves
things between MkDocs and those three. It also runs on ProperDocs, which
loads `mkdocs.plugins` entry points and answers `mkdocs.*` imports.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .collector import no_cycle_collection
from .config import CongressConfig
from .devserver import DirtyPages, RecordCache
from .devserver.dirty import site_salt
from .devserver.switch import make_dirty
from .findings import Finding, Severity, format_text
from .fragments import Fragments, fragments_for_build
from .model import load_repository
from .model.ledger import ledger_line
from .model.parsecache import parsed_records
from .output import BuildRun
from .output.assets import image_size
from .output.pagecache import build_salt
from .output.templatecache import keep_compiled
from .pages.menu import MenuEntry, menu_sources
from .pages.plan import SitePlan, plan_site
from .pages.types import RecordErrorPage
from .render import Renderer, anchor_ids
from .settings import Settings, make_settings

log = logging.getLogger("mkdocs.plugins.congress")


class CongressPlugin(BasePlugin[CongressConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = self.dirty = False
        self.settings: Settings | None = None
        self.plan: SitePlan | None = None
        # Kept across `serve` rebuilds: parsed records, rendered images,
        # the copy gate, and the fingerprints of generated pages.
        self.records = RecordCache()
        self.renderer: Renderer | None = None
        self.run = BuildRun(log, self._report)
        self.dirty_pages: DirtyPages | None = None
        self.fragments: Fragments | None = None
        # Unchanged pages taken from the published site without the engine.
        self.taken_over: list[File] = []
        self.unplaced: list[File] = []  # of those, the ones not linked ahead (BuildRun.prelink_pages)
        self.sitemap_pages: list[File] = []
        # The Markdown the engine renders for each page it will render, made
        # once for the page's key (render.Renderer.markdown).
        self.markdown: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty

    def on_config(self, config):
        """Settings for this build; the site is written into a staging
        folder (or in place for `serve` and --dirty)."""
        self.settings = make_settings(
            Path(config.config_file_path).parent, config.docs_dir, config.site_dir, self.config.options(),
            site_url=config.site_url, site_name=config.site_name, serving=self.serving,
            config_file=Path(config.config_file_path), site_description=config.site_description)
        config.site_dir = str(self.run.begin(self.settings, in_place=self.dirty))
        # Record folders outside docs_dir must trigger a rebuild in `serve`.
        layout = self.settings.layout
        for folder in (layout.stories_dir, layout.profiles_dir, layout.docs_dir):
            if folder.is_dir() and str(folder) not in config.watch and folder != self.settings.docs_dir:
                config.watch.append(str(folder))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """Records in, planned pages and generated files out; the menu too."""
        # The cyclic collector is off until what lasts is set aside
        # (BuildRun.lasting): back on any earlier, its first pass would walk
        # every record and page just made, only to find them all alive.
        with no_cycle_collection():
            return self._plan_files(files, config)

    def _plan_files(self, files: Files, config) -> Files:
        settings = self.settings
        # `serve` remembers its records itself (devserver.RecordCache); a build
        # keeps their parsed text between runs.
        self.run.prelink_pages()  # the engine has emptied the staging folder by now
        with parsed_records(None if self.serving else settings.parsed_cache):
            repo = load_repository(settings.layout, settings.today, cache=self.records if self.serving else None,
                                   jurisdiction=settings.options.jurisdiction)
        self.run.lasting()
        self._report(repo.findings)
        for held in repo.held_back():
            log.info("未发布：%s（%s）", held.path, held.reason)
        log.info(ledger_line(repo, settings.preview))
        self.run.check_copy()
        for file in [f for f in files if settings.layout.is_record_source(f.src_uri)]:
            files.remove(file)
        self.plan = plan = plan_site(repo, settings, {f.src_uri for f in files.documentation_pages()}, nav=config.nav)
        self._report(plan.findings)
        for page in plan.pages.values():
            if isinstance(page, RecordErrorPage):
                log.info("预览：%s 有错误，浏览器中 /%s 显示详情", page.source, page.url)
        if self.renderer is None or self.renderer.images.root != settings.layout.root:
            self.renderer = Renderer(settings)
        self._report(self.renderer.prepare(plan, settings))
        self._add_images(files, config)
        for uri, data in sorted(plan.files.items()):
            _replace(files, File.generated(config, uri, content=data))
        for uri, path in sorted(plan.copies.items()):
            _replace(files, File.generated(config, uri, abs_src_path=str(path)))
        self._add_pages(files, config)
        config.nav = [_nav_entry(entry) for entry in plan.menu]
        self._reuse_pages(files, config)
        self._settle_pages(files, config)
        if not self.serving:
            cache = self.run.pages
            self.renderer.draw_qr_ahead([page for uri, page in plan.pages.items()
                                         if cache is None or cache.reused_page(uri) is None])
        self.run.lasting()
        return files

    def _reuse_pages(self, files: Files, config) -> None:
        """A production build may take unchanged pages from the published
        site (output/pagecache.py) instead of rendering them."""
        self.taken_over, self.markdown = [], {}
        if self.serving or self.dirty:
            return
        hand = [Path(f.abs_src_path) for f in files.documentation_pages()
                if f.src_uri not in self.plan.pages and f.abs_src_path]
        salt = build_salt(self.settings, site=self.plan.site, menu=self.plan.menu,
                          theme_dirs=[Path(config.theme.custom_dir)] if config.theme.custom_dir else [],
                          config_file=Path(config.config_file_path), hand_pages=hand,
                          pictures={**self.renderer.images.covers, **self.renderer.images.photos})
        if (cache := self.run.reuse_pages(salt)) is None:
            return
        logging.getLogger(_engine_logger()).addHandler(cache.warnings)
        for name in _QUIET_LOGGERS:
            logging.getLogger(f"{_engine_logger()}.{name}").addFilter(cache.quiet)
        in_menu = menu_sources(self.plan.menu)
        by_uri = files.src_uris  # planned URIs are POSIX already: no path parsing per page
        for uri, cx in self.plan.pages.items():
            file = by_uri[uri]
            markdown = self.renderer.markdown(cx, _as_read(cx))
            reused = cache.lookup(uri, cache.key(markdown, cx), file.dest_uri)
            if reused is None:
                self.markdown[uri] = markdown
            if reused is None or uri in in_menu:
                continue  # a page in the menu stays with the engine, which links the menu to it
            # The engine never reads nor renders it (its file is placed at the
            # end); a bare Page stands for it in the sitemap and in the checks
            # of links to its anchors.
            file.inclusion = InclusionLevel.EXCLUDED
            page = _StandIn(None, file, config)
            page.update_date = self._update_date(cx)
            page.present_anchor_ids = set(reused.anchors)
            self.taken_over.append(file)

    def _settle_pages(self, files: Files, config) -> None:
        """The pages taken over that the worker linked ahead stay; those it
        linked for pages the engine writes go (see BuildRun.settle_pages).
        A page whose file the engine also writes under another name (a theme
        template, a static file) is placed at the end, over the engine's."""
        if self.serving or self.dirty:
            self.unplaced = []
            return
        engine_writes = {*config.theme.static_templates, *config.extra_templates,
                         *(f.dest_uri for f in files if not f.is_documentation_page())}
        taken = {f.src_uri: f.dest_uri for f in self.taken_over if f.dest_uri not in engine_writes}
        later = set(self.run.settle_pages(taken))
        self.unplaced = [f for f in self.taken_over if f.src_uri in later or f.src_uri not in taken]

    def _add_pages(self, files: Files, config) -> None:
        """A build hands MkDocs each page's document. In `serve` each page is
        backed by a file rewritten only when the page changed, so MkDocs
        re-renders just those (see devserver/dirty.py)."""
        pages = self.plan.pages
        by_uri = files.src_uris
        for uri in pages:
            if (taken := by_uri.get(uri)) is not None:
                files.remove(taken)
        if not self.serving:
            for uri, page in pages.items():
                files.append(File.generated(config, uri, content=page.document()))
            return
        self.dirty_pages = self.dirty_pages or DirtyPages()
        hand = [f for f in files.documentation_pages() if f.src_uri not in pages]
        salt = site_salt(
            today=self.settings.today, preview=self.settings.preview, columns=list(self.plan.repo.columns.values()),
            watched=[Path(p) for p in (config.theme.custom_dir, config.config_file_path) if p],
            hand_pages=[f.src_uri for f in hand], pictures={**self.renderer.images.covers, **self.renderer.images.photos})
        sources = self.dirty_pages.refresh(pages, salt, [Path(f.abs_dest_path) for f in hand], Path(config.site_dir))
        for uri, path in sources.items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        self.records.forget_missing()
        log.info("预览：%d 个生成页面需要重新渲染", len(self.dirty_pages.changed))

    def _add_images(self, files: Files, config) -> None:
        for uri, path in sorted(self.renderer.image_files().items()):
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        cx = self.plan.page(page.file.src_uri)
        page.update_date = self._update_date(cx)
        if cx is None:
            return markdown
        page.meta.setdefault("hide", list(cx.hide))
        if (cache := self.run.pages) is not None:
            uri = page.file.src_uri
            if (reused := cache.reused_page(uri)) is not None:
                # a menu page: no Markdown, an empty template, the file is the previous one
                page.meta["template"] = "cx-reused.html"
                page.render = _skip_render(page, reused.anchors)
                return ""
            cache.markdown_begins(uri)
        made = self.markdown.pop(page.file.src_uri, None)
        if made is None or markdown != _as_read(cx):  # not made ahead, or another plugin changed it
            made = self.renderer.markdown(cx, markdown)
        return made

    def _update_date(self, cx) -> str:
        """The sitemap's date: the page's newest record, else the build date
        (never the wall clock, so output is reproducible)."""
        return ((cx.lastmod if cx else None) or self.settings.today).isoformat()

    def on_page_content(self, html: str, *, page, config, files) -> str:
        cx = self.plan.page(page.file.src_uri)
        if cx is None:
            return html
        if (cache := self.run.pages) is not None and cache.reused_page(page.file.src_uri):
            return html
        html, findings = self.renderer.html(cx, html)
        self._report(findings)
        if cache is not None:  # body images are published while rendering: such a page is not reused
            cache.markdown_done(page.file.src_uri, said=bool(findings) or "<img" in html)
        if page.present_anchor_ids is not None:  # anchors added after Markdown (a law's articles)
            page.present_anchor_ids |= anchor_ids(html)
        return html

    def on_env(self, env, *, config, files):
        """Template helpers; and the images found in story bodies, whose
        files MkDocs copies after this event."""
        env.filters.update(self.renderer.template_filters())
        env.globals.update(self.renderer.template_globals(self._report))
        env.globals.update(cx_today=self.settings.today, cx_preview=self.settings.preview)
        # Once per build, not once per page: the header shows it on every page.
        logo = config.theme.get("logo")
        env.globals["cx_logo_size"] = image_size(logo, [config.docs_dir, *config.theme.dirs]) if logo else None
        # A new store each build: `serve` must not show a menu from before a change.
        self.fragments = fragments_for_build(config, files)
        env.globals["cx_fragments"] = self.fragments
        # The sitemap lists the pages taken over too (theme/sitemap.xml).
        taken = set(map(id, self.taken_over))
        self.sitemap_pages = [f for f in files if f.is_documentation_page() and f.page is not None
                              and (f.inclusion.is_included() or id(f) in taken)]
        env.globals["cx_sitemap_pages"] = self.sitemap_pages
        keep_compiled(env)
        self._add_images(files, config)
        return env

    def on_page_context(self, context, *, page, config, nav):
        if (cache := self.run.pages) is not None:
            if cache.reused_page(page.file.src_uri):
                return context
            cache.template_begins(page.file.src_uri)
        context["cx"] = cx = self.plan.page(page.file.src_uri)
        context["cx_head"] = head = self.renderer.head(cx, page.title or "", page.url, page.content or "",
                                                       page.meta.get("description"))
        if head is not None:  # Material prints it unescaped
            page.meta["description"] = escape(head.description)
        return context

    @event_priority(-100)  # last: what is kept is the page as written
    def on_post_page(self, output: str, *, page, config) -> str:
        if (cache := self.run.pages) is None:
            return output
        if cache.reused_page(page.file.src_uri) is not None:
            cache.place(page.file.src_uri, Path(page.file.abs_dest_path))
            return ""  # nothing for the engine to write: the file is in place
        output = cache.as_published(output)
        cache.rendered_page(page.file.src_uri, output, page.present_anchor_ids)
        return output

    @event_priority(-100)  # last: after anything else has written into the staging folder
    def on_post_build(self, *, config) -> None:
        if (cache := self.run.pages) is not None:
            _forget(cache)
            cache.pages_done()
            for file in self.unplaced:
                cache.place(file.src_uri, Path(file.abs_dest_path))
            if self.taken_over:
                _restamp_sitemap(Path(config.site_dir), [f.page for f in self.sitemap_pages])
        if self.fragments is not None:
            log.debug("共用的页面片段：绘制 %d 次，沿用 %d 次", self.fragments.misses, self.fragments.hits)
        target = self.run.target
        self.run.end(Path(config.site_dir), failed=_strict_will_abort, full=not (self.serving or self.dirty))
        if target is not None:
            config.site_dir = str(target)

    def on_build_error(self, *, error) -> None:
        if self.run.pages is not None:
            _forget(self.run.pages)
        self.run.abandon()

    def on_serve(self, server, *, config, builder):
        """Plain `mkdocs serve` re-renders every page on each change. After
        its first build, switch its rebuilds to dirty ones (as with --dirty);
        CONGRESS_SERVE_FULL=1 keeps full rebuilds."""
        if not self.dirty and not os.environ.get("CONGRESS_SERVE_FULL") and make_dirty(builder):
            self.dirty = True
            log.info("预览：之后每次修改只重新生成受影响的页面（等同 mkdocs serve --dirty；"
                     "设环境变量 CONGRESS_SERVE_FULL=1 可改回全量重建）")
        return server

    def on_shutdown(self) -> None:
        if self.dirty_pages is not None:
            self.dirty_pages.close()
            self.dirty_pages = None
        self.run.closing()

    def _report(self, findings: list[Finding], warnings_fail: bool = True) -> None:
        """Errors always fail a strict build; warnings do too unless they are
        house-style advice (`warnings_fail=False`), which is only shown."""
        warning = logging.WARNING if warnings_fail else logging.INFO
        levels = {Severity.ERROR: logging.ERROR, Severity.WARNING: warning, Severity.INFO: logging.INFO}
        for finding in findings:
            log.log(levels[finding.severity], format_text(finding))


def _replace(files: Files, file: File) -> None:
    if (existing := files.get_file_from_path(file.src_uri)) is not None:
        files.remove(existing)
    files.append(file)


def _nav_entry(entry: MenuEntry) -> dict | str:
    target = [_nav_entry(child) for child in entry.children] if entry.src is None else entry.src
    return target if entry.title is None else {entry.title: target}


_QUIET_LOGGERS = ("commands.build", "structure.pages")  # see pagecache.QuietCopies


def _as_read(cx) -> str:
    """A page's Markdown as the engine reads it from its document
    (pages.types.Page.document): the front matter's blank lines dropped."""
    return cx.markdown.lstrip("\n")


class _StandIn(Page):
    """A page taken over from the published site. Thousands are made per
    build, so the canonical URL is joined by hand where that is exactly what
    urljoin gives: a plain relative path under a plain base."""

    def _set_canonical_url(self, base: str | None) -> None:
        url = self.url
        base_path = _plain_base_path(base) if base else None
        if base_path is None or not _PLAIN_URL.fullmatch(url):
            super()._set_canonical_url(base)
            return
        base = base if base.endswith("/") else base + "/"
        self.canonical_url = base + url
        self.abs_url = base_path + url


# Path segments of letters, digits and URL-safe punctuation, none empty,
# none starting with a dot: urljoin neither drops nor resolves any of them.
_PLAIN_URL = re.compile(r"(?:[\w%~+=@!$&'()*,-][\w.%~+=@!$&'()*,-]*/)*(?:[\w%~+=@!$&'()*,-][\w.%~+=@!$&'()*,-]*)?")


@functools.lru_cache(maxsize=4)
def _plain_base_path(base: str) -> str | None:
    """The path of a site URL that a relative URL is simply appended to, or None."""
    base = base if base.endswith("/") else base + "/"
    parts = urlsplit(base)
    if parts.query or parts.fragment or "#" in base or "?" in base or not _PLAIN_URL.fullmatch(parts.path[1:]):
        return None
    return parts.path


def _restamp_sitemap(site: Path, pages: list[Page]) -> None:
    """MkDocs stamps sitemap.xml.gz with the newest date of the pages it
    built; with pages taken over, that of every page, as a full build does."""
    import gzip

    from mkdocs.utils import get_build_timestamp

    sitemap = site / "sitemap.xml"
    packed = sitemap.with_name("sitemap.xml.gz")
    if not (sitemap.is_file() and packed.is_file()):
        return
    with open(packed, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(packed), mode="wb",
                                                mtime=get_build_timestamp(pages=pages)) as out:
        out.write(sitemap.read_bytes())


def _skip_render(page, anchors: list[str]):
    """In place of the engine's Markdown rendering of a reused page, which
    builds a Markdown converter per page even for an empty text: the page
    keeps its anchors, for other pages' links to them."""
    from mkdocs.structure.toc import get_toc

    def render(config, files) -> None:
        page.content, page.toc = "", get_toc([])
        page.present_anchor_ids = set(anchors)
        page.links_to_anchors = {}

    return render


def _forget(cache) -> None:
    """The page cache stops listening to the engine's log."""
    logging.getLogger(_engine_logger()).removeHandler(cache.warnings)
    for name in _QUIET_LOGGERS:
        logging.getLogger(f"{_engine_logger()}.{name}").removeFilter(cache.quiet)


def _engine_logger() -> str:
    """The running engine's top logger ("properdocs" under ProperDocs)."""
    import mkdocs

    return mkdocs.__name__


def _strict_will_abort() -> bool:
    """MkDocs counts warnings in --strict mode and aborts only after
    on_post_build; a site that is about to be refused must not be swapped in."""
    import mkdocs
    from mkdocs.utils import CountHandler

    # The counter hangs on the running engine's top logger. ProperDocs aliases
    # the `mkdocs` package to itself, so its name is "properdocs" there.
    engine_log = logging.getLogger(mkdocs.__name__)
    return any(isinstance(h, CountHandler) and h.get_counts() for h in engine_log.handlers)
