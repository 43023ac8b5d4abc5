"""What turns a planned page into HTML besides the engine's Markdown and
templates: covers, photos and body images through the image pipeline,
QR codes, the clean-up of story bodies, and the helpers templates call.
Engine-free: pages are known by their site-relative URL."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import sanitize
from .findings import CongressError, Finding
from .images.qr import canonical_url, draw_ahead, qr_svg, svg_options
from .images.site import SiteImages
from .model.lawtext import anchor_html
from .model.regions import RegionTree
from .model.vocab import level_label
from .pages import helpers, routes
from .pages.documents import DocumentPage
from .pages.identity import SiteIdentity
from .pages.metadata import PageMeta, hand_page_meta, page_meta
from .pages.network import StationPage, StationPrintPage
from .pages.plan import SitePlan
from .pages.types import Page, ProfilePage, StoryPage
from .settings import Settings


class Renderer:
    """Kept across `serve` rebuilds: its image pipelines remember what they
    have published."""

    def __init__(self, settings: Settings) -> None:
        self.images = SiteImages(settings.layout.root, settings.image_cache, settings.site_url)
        self._qr_reported = False
        self.site: SiteIdentity | None = None
        self._pages: frozenset[str] = frozenset()
        self.regions = RegionTree()
        self.routes: Any = routes
        self.federation = None

    def prepare(self, plan: SitePlan, settings: Settings) -> list[Finding]:
        """Covers and photos, whose files must exist before pages render."""
        self.images.site_url = settings.site_url
        self._qr_reported = False
        self.site = plan.site
        self._pages = frozenset(plan.pages) | frozenset(plan.copies)
        self.regions = plan.repo.regions
        self.routes, self.federation = plan.routes, plan.federation
        stories = [page.story for page in plan.pages.values() if isinstance(page, StoryPage)]
        return self.images.prepare(plan.repo, stories)

    def draw_qr_ahead(self, pages: list[Page]) -> int:
        """Start drawing, in a worker, the QR codes the templates of `pages`
        (in the order the engine renders them) will ask for; returns how
        many (none without site_url: then no page draws one either)."""
        requests: list[tuple[str, dict]] = []
        try:
            for page in pages:
                if isinstance(page, StoryPage):  # story.html: its print-only code
                    requests.append((canonical_url(self.images.site_url, page.url), _print_qr("本文网址二维码")))
                elif isinstance(page, ProfilePage):
                    requests.append(self.images.qr_request(page.profile))
                elif isinstance(page, StationPrintPage):  # the A4 sheet of its members' 代表码
                    requests += [self.images.qr_request(person) for person in page.members]
                elif isinstance(page, StationPage):
                    requests.append(self.images.qr_request(page.station))
        except CongressError:
            return 0
        return draw_ahead(requests)

    def image_files(self) -> dict[str, Path]:
        """Published images: site path → file."""
        return self.images.outputs()

    def markdown(self, page: Page, markdown: str) -> str:
        """Before the engine renders a page's Markdown. Image paths in a story
        are relative to the story file, which the engine cannot know; links
        to the site's own pages by their URL (/legislation/x/draft/#article-12)
        become links to the page's source, which the engine resolves and
        checks, anchors included."""
        if not isinstance(page, StoryPage):
            return markdown
        elsewhere = self.routes.place if self.federation is not None else None
        return site_links(self.images.mark_body(markdown), page.src_uri, self._pages, elsewhere)

    def html(self, page: Page, html: str) -> tuple[str, list[Finding]]:
        """After the engine rendered a story body: cleaned against the
        allow-list first, then its images made responsive. A document
        beside a record is cleaned the same way; a law text then gets its
        chapter and article anchors."""
        if isinstance(page, DocumentPage):
            html, findings = sanitize.sanitize_body(html, page.doc.source, page.doc.body, 0)
            return (anchor_html(html) if page.is_law_text else html), findings
        if not isinstance(page, StoryPage):
            return html, []
        story = page.story
        html, findings = sanitize.sanitize_body(html, story.path, story.body, max(0, story.body_line - 1))
        if "<img" in html.lower():  # most stories have no body image: no HTML parse for them
            html, more = self.images.body(html, story, page.url)
            findings += more
        return html, findings

    def head(self, page: Page | None, title: str, url: str, html: str = "",
             description: str | None = None) -> PageMeta | None:
        """A page's description, OpenGraph and structured data; `page` is
        None for a hand-written page (then its front matter's description or
        its first paragraph)."""
        if self.site is None:
            return None
        if page is None:
            return hand_page_meta(title, url, html, self.site, description)
        return page_meta(page, self.site, self._image(page))

    def _image(self, page: Page) -> str | None:
        """The published cover or photo a page is about (site-relative)."""
        picture = None
        if isinstance(page, StoryPage):
            picture = self.images.covers.get(page.story.path)
        elif isinstance(page, ProfilePage):
            picture = self.images.photos.get(page.profile.id)
        return picture.fallback().uri if picture else None

    # ----------------------------------------------------------- templates

    def template_filters(self) -> dict[str, Callable]:
        return {"cx_date": helpers.date_zh, "cx_levels": level_label, "cx_tel": helpers.tel_href}

    def template_globals(self, report: Callable[[list[Finding]], None]) -> dict[str, Any]:
        """`report` receives what templates find (a QR code without site_url)."""

        def photo(person, page, size: int = 96, lazy: bool = True) -> Markup:
            return Markup(self.images.photo(person, page.url, size, lazy=lazy))

        def cover(story, page) -> Markup:
            return Markup(self.images.cover(story, page.url))

        def region(rid: str | None) -> str:
            return self.regions.name_of(rid)

        def qr(record, page) -> Markup:
            try:
                return Markup(self.images.qr(record))
            except CongressError as err:  # no site_url: say so once per build, draw no code
                if not self._qr_reported:
                    self._qr_reported = True
                    report(err.findings)
                return Markup("")

        return {"cx_photo": photo, "cx_cover": cover, "cx_qr": qr, "cx_qr_url": qr_url, "cx_routes": self.routes,
                "cx_site": self.site, "cx_region": region, "cx_federation": self.federation}


def qr_url(url: str, title: str | None = None) -> Markup:
    """A QR code of any absolute URL, for the print-only block of a story:
    the printed page leads readers back to the web page. One per story
    page: the fixed mask pattern keeps thousands of them cheap."""
    return Markup(qr_svg(url, **_print_qr(title)))


def _print_qr(title: str | None) -> dict:
    return svg_options(title=title or "本页网址二维码", css_class="cx-print-qr", best_mask=False)


# A Markdown link (or image) whose target is a path from the site's root.
_ROOT_LINK = re.compile(r"(\]\()(/[^)\s\"'<>]*)")


def site_links(markdown: str, src_uri: str, pages: frozenset[str],
               elsewhere: Callable[[str], str] | None = None) -> str:
    """Links from the site's root to a planned page or published file (`pages`:
    their source paths), e.g. (/legislation/x/y/#article-12),
    rewritten relative to the page's own source (`src_uri`): the engine
    then resolves them like any link between pages and checks their anchors,
    and they work wherever the site is served. On a site of a 站群,
    `elsewhere` gives a page it does not publish its absolute URL on the
    site that does. Other links stay as written."""
    if "](/" not in markdown:
        return markdown

    def relative(m: re.Match) -> str:
        path, sep, rest = m.group(2).partition("#")
        path, qsep, query = path.partition("?")
        target = path.lstrip("/")
        if target not in pages:  # a page, not a published file (a PDF beside a law)
            target = routes.src_uri(path.strip("/") + "/" if path.strip("/") else "")
        if target not in pages:
            if elsewhere is None:
                return m.group(0)
            url = elsewhere(path.lstrip("/"))
            return m.group(0) if url == path.lstrip("/") else f"{m.group(1)}{url}{qsep}{query}{sep}{rest}"
        rel = posixpath.relpath(target, posixpath.dirname(src_uri))
        return f"{m.group(1)}{rel}{qsep}{query}{sep}{rest}"

    return _ROOT_LINK.sub(relative, markdown)


_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def anchor_ids(html: str) -> set[str]:
    """Every id in a rendered body: the anchors a link may point at."""
    return set(_ID.findall(html))
