"""The images of one site: what the MkDocs adapter (or any other front end)
calls. It knows the records (stories, profiles) but not MkDocs: pages are
identified by their site-relative URL.

Covers and photos are published up front (`prepare`), because the page
generator needs their files before pages are rendered; images in story
bodies are published as each body is rendered (`body`), and the caller adds
`outputs()` to the site afterwards.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from ..findings import CongressError, Finding
from ..model.records import Station
from ..pages import routes
from .body import rewrite_body_images
from .picture import Picture
from .pipeline import ImagePipeline
from .placeholder import placeholder_svg
from .qr import canonical_url, qr_svg, svg_options

# Photos are shown small (cards, the profile head, printed QR cards).
PHOTO_WIDTHS = (160, 320, 480)
MAX_WORKERS = 4
COVER_SIZES = "(max-width: 840px) 100vw, 800px"
# Raw <img> tags in Markdown, for checking without rendering.
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
# An inline Markdown image: ![alt](dest "title"), for `mark_markdown_images`.
_MD_INLINE = re.compile(
    r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\(\s*(?P<dest><[^>\n]*>|[^)\s]+(?:[ \t]+[^)\s\"'][^)\s]*)*)"
    r"(?:\s+(?P<title>\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'))?\s*\)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.DOTALL)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!\"'])")


def _image_tag(m: re.Match) -> str:
    dest = m.group("dest")
    dest = dest[1:-1] if dest.startswith("<") else dest
    if not dest or urlsplit(dest).scheme or dest.startswith(("/", "#")):
        return m.group(0)  # remote, absolute or odd: left for the checks to report
    alt = _MD_ESCAPE.sub(r"\1", m.group("alt"))
    tag = f'<img alt="{escape(alt)}" src="{escape(dest)}"'
    if m.group("title"):
        title = _MD_ESCAPE.sub(r"\1", m.group("title")[1:-1])
        tag += f' title="{escape(title)}"'
    return tag + ">"


def _mark_line(line: str) -> str:
    out, cursor = [], 0
    for span in _CODE_SPAN.finditer(line):
        out.append(_MD_INLINE.sub(_image_tag, line[cursor:span.start()]))
        out.append(span.group(0))
        cursor = span.end()
    out.append(_MD_INLINE.sub(_image_tag, line[cursor:]))
    return "".join(out)


def mark_markdown_images(markdown: str) -> str:
    """Markdown images with relative paths → raw `<img>` tags, outside
    fenced and indented code."""
    if "![" not in markdown:  # most bodies: no line below could change
        return markdown
    lines = markdown.split("\n")
    fence: str | None = None
    blank_before = True
    for i, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        elif not (blank_before and line.startswith(("    ", "\t"))) and "![" in line:
            lines[i] = _mark_line(line)
        if not line.startswith(("    ", "\t")):
            blank_before = not line.strip()
    return "\n".join(lines)


def base_for(page_url: str) -> str:
    """The relative way from a page to the site root ("../.." for
    "stories/x/"), what MkDocs calls `base_url`."""
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    rel = posixpath.relpath(".", folder.rstrip("/") or ".")
    return rel


class SiteImages:
    def __init__(self, root: Path, cache_dir: Path, site_url: str | None = None):
        self.root = Path(root)
        cache = Path(cache_dir)
        self.pipeline = ImagePipeline(self.root, cache)
        self.photo_pipeline = ImagePipeline(self.root, cache, widths=PHOTO_WIDTHS)
        self.site_url = site_url
        self.covers: dict[str, Picture] = {}
        self.photos: dict[str, Picture] = {}
        self._qr_cache: dict[tuple[str, str], str] = {}

    # ---------------------------------------------------------------- build

    def prepare(self, repo, stories: Iterable | None = None) -> list[Finding]:
        """Publish the cover of every story in `stories` (default: all loaded)
        and the photo of every profile. Returns the problems found; a
        failed image is simply not shown (the placeholder stands in for a
        photo)."""
        self.pipeline.start_build()
        self.photo_pipeline.start_build()
        self.pipeline.cache.prune()  # both pipelines share the folder
        self.covers.clear()
        self.photos.clear()
        jobs: list[tuple[dict, str, ImagePipeline, Path, str, str, int, int]] = []
        for story in repo.stories if stories is None else stories:
            if story.cover:
                src = repo.sources.get(story.path)
                line, col = src.where(("cover",)) if src else (1, 1)
                jobs.append((self.covers, story.path, self.pipeline, self.root / story.path, story.cover,
                             story.path, line, col))
        for profile in repo.profiles.values():
            if profile.photo:
                display = repo.sources_by_id.get(("代表", profile.id), f"profiles/{profile.id}.yml")
                src = repo.sources.get(display)
                line, col = src.where(("photo",)) if src else (1, 1)
                jobs.append((self.photos, profile.id, self.photo_pipeline, self.root / display, profile.photo,
                             display, line, col))

        def run(job: tuple) -> Picture | list[Finding]:
            _, _, pipeline, base, rel, display, line, col = job
            try:
                return pipeline.publish_relative(base, rel, display, line, col)
            except CongressError as err:
                return err.findings

        findings: list[Finding] = []
        # A cold build spends its time inside Pillow, which runs in parallel threads.
        workers = min(len(jobs), os.cpu_count() or 1, MAX_WORKERS)
        if workers > 1:
            with ThreadPoolExecutor(workers) as pool:
                results = list(pool.map(run, jobs))
        else:
            results = [run(job) for job in jobs]
        for job, result in zip(jobs, results, strict=True):
            if isinstance(result, Picture):
                job[0][job[1]] = result
            else:
                findings.extend(result)
        return findings

    def mark_body(self, markdown: str) -> str:
        """Before a story body is rendered: turn each Markdown image with a
        relative path into a raw `<img>` tag. The path is relative to the
        story file, which MkDocs cannot know, so its link validation would
        warn; raw HTML it leaves alone, and `body` resolves the path after
        rendering. Code blocks and code spans are left untouched."""
        return mark_markdown_images(markdown)

    def body(self, html: str, story, page_url: str) -> tuple[str, list[Finding]]:
        """A story's rendered body with responsive images. With a cover
        above it, every body image can wait (lazy); without, the first loads
        at once."""
        return rewrite_body_images(
            html, self.root / story.path, self.pipeline, story.path, base=base_for(page_url),
            eager_first=story.path not in self.covers, source_text=story.body,
            line_offset=max(0, story.body_line - 1))

    def outputs(self) -> dict[str, Path]:
        return {**self.pipeline.outputs(), **self.photo_pipeline.outputs()}

    # ------------------------------------------------------------ markup

    def cover(self, story, page_url: str, css_class: str = "cx-cover__img") -> str:
        picture = self.covers.get(story.path)
        if picture is None:
            return ""
        return picture.html(story.cover_alt or "", sizes=COVER_SIZES, lazy=False, high_priority=True,
                            css_class=css_class, base=base_for(page_url))

    def photo(self, person, page_url: str, size: int = 96, lazy: bool = True,
              css_class: str = "cx-photo") -> str:
        picture = self.photos.get(person.id)
        if picture is None:
            return placeholder_svg(person.name, person.id, size, css_class=f"{css_class} {css_class}--placeholder")
        return picture.html(f"{person.name}的照片", sizes=f"{size}px", lazy=lazy, css_class=css_class,
                            base=base_for(page_url))

    def qr(self, record) -> str:
        """The 代表码 of a representative (it opens the contact block of the
        page) or the 阵地码 of a station (its page). Raises CongressError
        (site-url-missing) without site_url."""
        url, options = self.qr_request(record)
        key = (url, options["title"])
        if key not in self._qr_cache:
            self._qr_cache[key] = qr_svg(url, **options)
        return self._qr_cache[key]

    def qr_request(self, record) -> tuple[str, dict]:
        """What `qr` draws for `record`: the URL and qr_svg's options."""
        if isinstance(record, Station):
            url = canonical_url(self.site_url, routes.station(record.id))
            return url, svg_options(title=f"{record.name}的阵地码：扫码打开{url}")
        url = canonical_url(self.site_url, routes.profile_contact(record.id))
        return url, svg_options(title=f"{record.name}的代表码：扫码联系代表，打开{url}")

    # ------------------------------------------------------------ checking

    def check(self, repo) -> list[Finding]:
        """Everything `prepare` and a build would find, without a build: for
        `congress check`. Body images are found in the Markdown source.
        Passing images land in the cache, so the next build is warm."""
        findings = self.prepare(repo)
        for story in repo.stories:
            page_file = self.root / story.path
            fence: str | None = None
            for lineno, text in enumerate(story.body.splitlines(), start=story.body_line):
                opened = _FENCE.match(text)
                if fence or opened:  # no images inside fenced code
                    if fence is None:
                        fence = opened.group(1)
                    elif opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                        fence = None
                    continue
                text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
                refs = [(m.start("dest"), m.group("dest").strip("<>"), _MD_ESCAPE.sub(r"\1", m.group("alt")))
                        for m in _MD_INLINE.finditer(text)]
                refs += [(m.start(1), m.group(1), None) for m in _HTML_IMAGE.finditer(text)]
                for col, ref, alt in refs:
                    if alt is not None and not alt.strip():
                        findings.append(Finding(story.path, lineno, col + 1, "image-alt-missing",
                                                f"图片“{ref}”缺少替代文字（alt）",
                                                fix="在方括号里写一句图片内容，例如 ![代表走访居民](images/visit.jpg)"))
                    if ref.startswith("data:"):
                        continue
                    try:
                        self.pipeline.publish_relative(page_file, ref, story.path, lineno, col + 1)
                    except CongressError as err:
                        findings.extend(err.findings)
        return findings
