"""The thin MkDocs adapter: wires MkDocs events to the core.

Everything that knows what a story or a profile is lives in `model` and
`pages`; this file only loads records at the right event, hands MkDocs the
generated pages and puts each page's context into its template.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import sanitize
from .atomic import AtomicOutput
from .config import CongressConfig
from .devserver import DirtyPages, RecordCache, preview_pages
from .devserver.dirty import site_salt
from .devserver.switch import make_dirty
from .findings import CongressError, Finding, Severity, format_text
from .images import qrcache
from .images.site import DEFAULT_CACHE, SiteImages
from .model import Layout, Repository, load_repository
from .model.ledger import ledger_line
from .pages import helpers, routes
from .pages.generate import build_pages
from .pages.spec import PageSpec

log = logging.getLogger("mkdocs.plugins.congress")

# Files inside docs_dir that are records, not pages: never copied to the site.
RECORD_PREFIXES = ("legislation/", "stations/", "style/")
RECORD_FILES = ("columns.yml",)


class CongressPlugin(BasePlugin[CongressConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.repo: Repository | None = None
        self.specs: dict[str, PageSpec] = {}
        # Kept across `serve` rebuilds: it remembers which photos it has seen.
        self.images: SiteImages | None = None
        self._image_uris: set[str] = set()
        # [workflow] kept across `serve` rebuilds: parsed records, and in
        # `serve --dirty` the generated pages' fingerprints.
        self._records = RecordCache()
        self._dirty_pages: DirtyPages | None = None
        self._dirty = False
        self._copy_gate = None  # [lint] kept across serve rebuilds with its cache
        self._copy_job = None  # [lint] (pool, future) of a build's copy check
        self._atomic: AtomicOutput | None = None  # [hardening] staging folder of this build

    # ------------------------------------------------------------ settings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self._dirty = dirty

    @property
    def preview(self) -> bool:
        mode = self.config.preview
        return mode == "true" or (mode == "auto" and self.command == "serve")

    def build_date(self) -> dt.date:
        value = os.environ.get("CONGRESS_TODAY") or self.config.today
        return dt.date.fromisoformat(value) if value else dt.date.today()

    def layout(self, config) -> Layout:
        root = Path(config.config_file_path).parent
        return Layout(root, Path(config.docs_dir), root / self.config.stories_dir, root / self.config.profiles_dir)

    def on_config(self, config):
        self._begin_atomic(config)
        # Record folders outside docs_dir must trigger a rebuild in `serve`.
        lay = self.layout(config)
        for folder in (lay.stories_dir, lay.profiles_dir):
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        return config

    # --------------------------------------------------------------- files

    def on_files(self, files: Files, *, config) -> Files:
        qrcache.load(self._qr_cache_file(config))  # [perf] QR codes drawn by earlier builds
        self.repo = load_repository(self.layout(config), self.build_date(),
                                    cache=self._records if self.command == "serve" else None)  # [workflow]
        self._report(self.repo)
        self._check_copy(config)  # [lint] the copy gate: same rules as `congress check`
        for file in list(files):
            uri = file.src_uri
            if uri.startswith(RECORD_PREFIXES) or uri in RECORD_FILES:
                files.remove(file)
        specs = build_pages(self.repo, self.preview, self.config.per_page)
        if self.preview:  # [workflow] error pages at broken records' URLs, and /editors/
            extra = preview_pages(self.repo, specs)
            for spec in extra:
                if spec.kind == "preview-error":
                    log.info("预览：%s 有错误，浏览器中 /%s 显示详情", spec.source, spec.url)
            specs += extra
        self.specs = {}
        for spec in specs:
            if files.get_file_from_path(spec.src_uri) is not None:
                log.warning("页面 %s 与 content/ 中的手写页面重名，已使用生成的页面", spec.url)
                files.remove(files.get_file_from_path(spec.src_uri))
            self.specs[spec.src_uri] = spec
        self._publish_images(files, config)
        self._publish_data(files, config)
        self._add_page_files(files, config)  # [workflow] after images and lastmod: both feed the fingerprints
        self._publish_schemas(files, config)  # [workflow]
        config.nav = self._nav(files)
        return files

    # ------------------------------------------------- [workflow] preview
    # Generated pages become files here. In `mkdocs serve --dirty` each page
    # is backed by a file rewritten only when its fingerprint changes, so
    # MkDocs re-renders just the pages whose inputs changed (devserver/dirty.py).

    def _add_page_files(self, files: Files, config) -> None:
        # Every serve build keeps fingerprints, so that the switch to dirty
        # rebuilds (on_serve) finds the first build's pages up to date.
        if self.command != "serve":
            for uri, spec in self.specs.items():
                files.append(File.generated(config, uri, content=spec.document()))
            return
        if self._dirty_pages is None:
            self._dirty_pages = DirtyPages()
        pages = self._dirty_pages
        salt = self._site_salt(files, config)
        if pages.begin(salt):
            # Nav or theme changed: hand-written pages have no fingerprint, so
            # drop their output and MkDocs renders them again.
            for file in files.documentation_pages():
                if file.src_uri not in self.specs:
                    Path(file.abs_dest_path).unlink(missing_ok=True)
        for uri, path in pages.sources(self.specs, salt).items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        pages.remove_outputs(Path(config.site_dir), pages.gone())
        self._records.forget_missing()
        log.info("预览：%d 个生成页面需要重新渲染", len(pages.changed))

    def _site_salt(self, files: Files, config) -> str:
        watched = [Path(p) for p in (config.theme.custom_dir, config.config_file_path) if p]
        return site_salt(
            today=self.repo.today, preview=self.preview, columns=list(self.repo.columns.values()),
            watched=watched,
            hand_pages=[f.src_uri for f in files.documentation_pages() if f.src_uri not in self.specs],
            pictures={**self.images.covers, **self.images.photos} if self.images is not None else {},
        )

    def _publish_schemas(self, files: Files, config) -> None:
        """JSON Schemas of the record files at /schemas/<type>.schema.json,
        for the modeline that `congress new` writes."""
        from .scaffold.schemas import dumps, record_schemas, schema_uri

        base = (config.site_url or "").rstrip("/")
        for kind, schema in record_schemas(base + "/" if base else "").items():
            uri = schema_uri(kind)
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, uri, content=dumps(schema)))

    def on_serve(self, server, *, config, builder):
        """Plain `mkdocs serve` re-renders every page on each change. After
        its first build, switch its rebuilds to dirty ones (as with
        --dirty); CONGRESS_SERVE_FULL=1 keeps full rebuilds."""
        if not self._dirty and not os.environ.get("CONGRESS_SERVE_FULL") and make_dirty(builder):
            self._dirty = True
            log.info("预览：之后每次修改只重新生成受影响的页面（等同 mkdocs serve --dirty；"
                     "设环境变量 CONGRESS_SERVE_FULL=1 可改回全量重建）")
        return server

    def on_shutdown(self) -> None:
        if self._dirty_pages is not None:
            self._dirty_pages.close()
            self._dirty_pages = None

    # ------------------------------------------------------ feeds and data

    def _publish_data(self, files: Files, config) -> None:
        """Feeds, open data, calendar and robots.txt, as generated files so
        that `serve`, the link checker and the atomic build treat them like
        pages. They always hold published records only, even in preview."""
        from .opendata import build_all, page_lastmod

        dates = page_lastmod(self.repo, self.config.per_page)
        for spec in self.specs.values():
            spec.lastmod = spec.lastmod or dates.get(spec.url)
        try:
            outputs = build_all(self.repo, config.site_url, config.site_name, limit=self.config.feed_limit)
        except CongressError as err:
            self._log_findings(err.findings)
            return
        for uri, data in sorted(outputs.items()):
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, uri, content=data))

    # ---------------------------------------------------------- images
    # Covers and photos are processed here (their files must exist before
    # pages render); images in story bodies in on_page_content, and their
    # files added in on_env, which still comes before MkDocs copies files.

    def _publish_images(self, files: Files, config) -> None:
        root = Path(config.config_file_path).parent
        if self.images is None or self.images.root != root:
            self.images = SiteImages(root, root / DEFAULT_CACHE, config.site_url)
        self.images.site_url = config.site_url
        self._image_uris = set()
        stories = [spec.context["story"] for spec in self.specs.values() if spec.kind == "story"]
        self._log_findings(self.images.prepare(self.repo, stories))
        self._add_image_files(files, config)

    def _add_image_files(self, files: Files, config) -> None:
        for uri, path in sorted(self.images.outputs().items()):
            if uri not in self._image_uris:
                self._image_uris.add(uri)
                files.append(File.generated(config, uri, abs_src_path=str(path)))

    def _log_findings(self, findings: list[Finding], warnings_fail: bool = True) -> None:
        """Errors always fail a strict build; warnings do too unless they are
        house-style advice (`warnings_fail=False`), which is only shown."""
        warning = logging.WARNING if warnings_fail else logging.INFO
        levels = {Severity.ERROR: logging.ERROR, Severity.WARNING: warning, Severity.INFO: logging.INFO}
        for finding in findings:
            log.log(levels[finding.severity], format_text(finding))

    def on_page_content(self, html: str, *, page, config, files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and spec.kind == "story":
            html = self._sanitize(html, spec.context["story"])  # [hardening] before any of our markup
        if spec is None or spec.kind != "story" or self.images is None:
            return html
        if "<img" not in html.lower():  # [perf] most stories have no body image: skip the HTML parse
            return html
        html, findings = self.images.body(html, spec.context["story"], page.url)
        self._log_findings(findings)
        return html

    def _nav(self, files: Files) -> list:
        repo = self.repo
        nav: list = [{"首页": "index.md"}]
        nav.append({"栏目": [{c.name: routes.src_uri(routes.column(c.id))} for c in repo.columns.values()]})
        nav.append({"人大代表": routes.src_uri(routes.REPRESENTATIVES)})
        nav.append({"立法进程": routes.src_uri(routes.TRACKER)})
        nav.append({"联络站": routes.src_uri(routes.STATIONS)})
        for title, uri in (("开放数据", "data/index.md"), ("关于本站", "about.md")):
            if files.get_file_from_path(uri) is not None:
                nav.append({title: uri})
        return nav

    def _report(self, repo: Repository) -> None:
        self._log_findings(repo.findings)
        for held in repo.held_back():
            log.info("未发布：%s（%s）", held.path, held.reason)
        log.info(ledger_line(repo, self.preview))  # [hardening] nothing lost: every record accounted for

    def _check_copy(self, config) -> None:
        """Copy errors fail a strict build; house-style warnings and hints
        are only shown, so an editor's judgement is not overruled. A build
        runs the check in a worker process, beside MkDocs' rendering, and
        reports it in on_post_build; `serve` keeps one gate in memory."""
        from .lint.cache import CopyGate, check_site_copy

        layout = self.repo.layout
        cache_file = layout.root / ".cache/congress/lint.json"
        if self.command != "serve":
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self._copy_job = (pool, pool.submit(check_site_copy, layout, cache_file))
            return
        if self._copy_gate is None or self._copy_gate.layout != layout:
            self._copy_gate = CopyGate(layout, cache_file)
        self._log_copy(self._copy_gate.check())
        self._copy_gate.save()

    def _finish_copy_check(self) -> None:
        job, self._copy_job = self._copy_job, None
        if job is None:
            return
        pool, future = job
        try:
            self._log_copy(future.result())
        except Exception as exc:  # noqa: BLE001 - a dead worker must not pass the gate silently
            log.error("文字检查未能完成（%s），请运行 congress check 查看", exc)
        finally:
            pool.shutdown(cancel_futures=True)

    def _log_copy(self, findings: list[Finding]) -> None:
        self._log_findings(findings, warnings_fail=False)

    # ----------------------------------------------------------- templates

    def on_env(self, env, *, config, files):
        env.filters["cx_date"] = helpers.date_zh
        env.globals["cx_photo"] = self._photo
        env.globals["cx_cover"] = self._cover
        env.globals["cx_qr"] = self._qr
        env.globals["cx_qr_url"] = _qr_url  # [experience] print-only QR of a page's URL
        self.site_url = config.site_url or ""
        self._add_image_files(files, config)  # images found in story bodies
        return env

    def _photo(self, person, page, size: int = 96, lazy: bool = True) -> Markup:
        return Markup(self.images.photo(person, page.url, size, lazy=lazy))

    def _cover(self, story, page) -> Markup:
        return Markup(self.images.cover(story, page.url))

    def _qr(self, person, page) -> Markup:
        try:
            return Markup(self.images.qr(person))
        except CongressError as err:  # no site_url: say so once per build, draw no code
            if not getattr(self, "_qr_reported", False):
                self._qr_reported = True
                self._log_findings(err.findings)
            return Markup("")

    # --------------------------------------------------------------- pages

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if self.repo is not None:
            # [hardening] MkDocs dates pages by the wall clock (sitemap, its
            # gzip header); the injectable build date keeps output reproducible.
            page.update_date = self.repo.today.isoformat()
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta["congress_kind"] = spec.kind
            if spec.lastmod:
                page.meta["congress_lastmod"] = spec.lastmod.isoformat()
            if spec.column:
                page.meta["congress_column"] = spec.column
            if spec.source:
                page.meta["congress_source"] = spec.source
            page.meta.setdefault("hide", ["navigation", "toc"] if spec.kind != "story" else ["navigation"])
            if spec.kind == "story" and self.images is not None:
                markdown = self.images.mark_body(markdown)  # image paths are relative to the story file
        return markdown

    # ------------------------------------------- [hardening] safe output
    # Story bodies are cleaned against an allow-list (sanitize.py). The site
    # is built into a staging folder beside site_dir and swapped in only when
    # the build succeeded (atomic.py); `serve` and `--dirty` build in place.

    def _sanitize(self, html: str, story) -> str:
        html, findings = sanitize.sanitize_body(html, story.path, story.body, max(0, story.body_line - 1))
        self._log_findings(findings)
        return html

    def _begin_atomic(self, config) -> None:
        if self._atomic is not None:  # a build that never finished
            self._atomic.abandon()
        self._atomic = None
        if self.command == "serve" or self._dirty:
            return
        self._atomic = AtomicOutput.begin(config.site_dir)
        config.site_dir = str(self._atomic.staging)

    @event_priority(-100)  # last: after anything else has written into the staging folder
    def on_post_build(self, *, config) -> None:
        self._finish_copy_check()  # [lint] before the strict verdict below
        self._index_search(config)  # [search] into the staging folder, swapped in with the pages
        # [perf] keep this build's QR codes; a full build drops the unused ones
        qrcache.save(self._qr_cache_file(config), prune=self.command == "build" and not self._dirty)
        atomic, self._atomic = self._atomic, None
        if atomic is None:
            return
        config.site_dir = str(atomic.target)
        if _strict_will_abort():
            atomic.abandon()
            log.error("构建未通过（--strict 下有警告或错误），原有的网站目录 %s 保持不变", atomic.target)
        else:
            atomic.commit()

    def _index_search(self, config) -> None:
        """Pagefind over the built pages. A build indexes before the swap,
        so the published site never has pages without their index; `serve`
        indexes in a child process after rebuilds settle, never blocking one."""
        if not self.config.search:
            return
        from .search import index_in_background, index_site

        if self.command == "serve":
            index_in_background(Path(config.site_dir))
            return
        try:
            report = index_site(Path(config.site_dir), shards=self.config.search_shards or None)
        except CongressError as err:
            self._log_findings(err.findings)
            return
        log.info("搜索索引：%d个页面，%.1f MB，%.1f 秒%s", report.pages, report.index_bytes / 1e6, report.seconds,
                 f"，分为{len(report.shards) + 1}个分片" if report.shards else "")

    def _qr_cache_file(self, config) -> Path:
        return Path(config.config_file_path).parent / qrcache.CACHE_FILE

    def on_build_error(self, *, error) -> None:
        if self._copy_job is not None:  # [lint] the worker's result no longer matters
            self._copy_job[0].shutdown(cancel_futures=True)
            self._copy_job = None
        atomic, self._atomic = self._atomic, None
        if atomic is not None:
            atomic.abandon()
            log.error("构建失败，原有的网站目录 %s 保持不变", atomic.target)

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        context["cx"] = spec.context if spec else {}
        context["cx_spec"] = spec
        context["cx_routes"] = routes
        context["cx_today"] = self.repo.today if self.repo else None
        context["cx_preview"] = self.preview
        return context


def _strict_will_abort() -> bool:
    """MkDocs counts warnings in --strict mode and aborts only after
    on_post_build; a site that is about to be refused must not be swapped in."""
    import mkdocs
    from mkdocs.utils import CountHandler

    # The counter hangs on the running engine's top logger. ProperDocs aliases
    # the `mkdocs` package to itself, so its name is "properdocs" there.
    engine_log = logging.getLogger(mkdocs.__name__)
    return any(isinstance(h, CountHandler) and h.get_counts() for h in engine_log.handlers)


# [experience] A QR code of any absolute URL, for the print-only block of a
# story (the printed page leads readers back to the web page).
def _qr_url(url: str, title: str | None = None) -> Markup:
    from .images.qr import qr_svg

    # One per story page: the fixed mask pattern keeps thousands of them cheap.
    return Markup(qr_svg(url, title=title or "本页网址二维码", css_class="cx-print-qr", best_mask=False))
