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

from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .config import CongressConfig
from .findings import Severity, format_text
from .model import Layout, Repository, load_repository
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

    # ------------------------------------------------------------ settings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

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
        # Record folders outside docs_dir must trigger a rebuild in `serve`.
        lay = self.layout(config)
        for folder in (lay.stories_dir, lay.profiles_dir):
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        return config

    # --------------------------------------------------------------- files

    def on_files(self, files: Files, *, config) -> Files:
        self.repo = load_repository(self.layout(config), self.build_date())
        self._report(self.repo)
        for file in list(files):
            uri = file.src_uri
            if uri.startswith(RECORD_PREFIXES) or uri in RECORD_FILES:
                files.remove(file)
        specs = build_pages(self.repo, self.preview, self.config.per_page)
        self.specs = {}
        for spec in specs:
            if files.get_file_from_path(spec.src_uri) is not None:
                log.warning("页面 %s 与 content/ 中的手写页面重名，已使用生成的页面", spec.url)
                files.remove(files.get_file_from_path(spec.src_uri))
            files.append(File.generated(config, spec.src_uri, content=spec.document()))
            self.specs[spec.src_uri] = spec
        for uri, path in self._assets():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        config.nav = self._nav(files)
        return files

    def _assets(self):
        """Story covers and profile photos, copied as they are for now."""
        repo = self.repo
        seen = set()
        for spec in self.specs.values():
            story = spec.context.get("story") if spec.kind == "story" else None
            if story and story.cover:
                src = repo.layout.root / Path(story.path).parent / story.cover
                uri = f"media/stories/{Path(story.path).parent.name}/{story.cover}"
                if uri not in seen and src.is_file():
                    seen.add(uri)
                    yield uri, src
        for profile in repo.profiles.values():
            if profile.photo:
                src = repo.layout.profiles_dir / profile.photo
                if src.is_file():
                    yield f"media/profiles/{profile.photo}", src

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
        for finding in repo.findings:
            level = logging.ERROR if finding.severity == Severity.ERROR else logging.WARNING
            if finding.severity == Severity.INFO:
                level = logging.INFO
            log.log(level, format_text(finding))
        for held in repo.held_back():
            log.info("未发布：%s（%s）", held.path, held.reason)

    # ----------------------------------------------------------- templates

    def on_env(self, env, *, config, files):
        env.filters["cx_date"] = helpers.date_zh
        env.globals["cx_photo"] = self._photo
        env.globals["cx_cover"] = self._cover
        env.globals["cx_qr"] = self._qr
        env.globals["cx_qr_url"] = _qr_url  # [experience] print-only QR of a page's URL
        self.site_url = config.site_url or ""
        return env

    def _photo(self, person, page, size: int = 96) -> Markup:
        if person.photo and (self.repo.layout.profiles_dir / person.photo).is_file():
            src = get_relative_url(f"media/profiles/{person.photo}", page.url)
            return Markup(f'<img class="cx-photo" src="{escape(src)}" alt="{escape(person.name)}的照片" '
                          f'width="{size}" height="{size * 4 // 3}" loading="lazy" decoding="async">')
        return helpers.surname_disc(person.name, person.id, size)

    def _cover(self, story, page) -> Markup:
        uri = f"media/stories/{Path(story.path).parent.name}/{story.cover}"
        src = get_relative_url(uri, page.url)
        return Markup(f'<img class="cx-cover__img" src="{escape(src)}" alt="{escape(story.cover_alt or "")}">')

    def _qr(self, person, page) -> Markup:
        import segno

        url = self.site_url.rstrip("/") + "/" + routes.profile(person.id)
        svg = segno.make(url, error="m").svg_inline(scale=4, title=f"{person.name}的代表码", dark="#1a1a1a")
        return Markup(svg)

    # --------------------------------------------------------------- pages

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
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
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        context["cx"] = spec.context if spec else {}
        context["cx_spec"] = spec
        context["cx_routes"] = routes
        context["cx_today"] = self.repo.today if self.repo else None
        context["cx_preview"] = self.preview
        return context


# [experience] A QR code of any absolute URL, for the print-only block of a
# story (the printed page leads readers back to the web page).
def _qr_url(url: str, title: str | None = None) -> Markup:
    from .images.qr import qr_svg

    return Markup(qr_svg(url, title=title or "本页网址二维码", css_class="cx-print-qr"))
