"""Responsive images inside a rendered story body.

Only the `<img>` tags (and a `<p>` that holds nothing but one) are replaced;
every other byte of the HTML is left exactly as the Markdown renderer wrote
it, which is why this uses the standard library's tokenizer and splices by
offset instead of re-serialising a parsed tree.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import CongressError, Finding, Severity
from .picture import DEFAULT_SIZES

if TYPE_CHECKING:
    from .pipeline import ImagePipeline


class _ImgFinder(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.found: list[tuple[int, int, dict[str, str | None]]] = []
        self._picture_depth = 0
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "picture":
            self._picture_depth += 1
        elif tag == "img" and not self._picture_depth:
            start = self._offset()
            raw = self.get_starttag_text() or ""
            self.found.append((start, start + len(raw), dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "picture" and self._picture_depth:
            self._picture_depth -= 1


_OPEN_P = re.compile(r"<p>\s*$")
_CLOSE_P = re.compile(r"^\s*</p>")


def _locate(source_text: str | None, line_offset: int, src: str) -> tuple[int, int]:
    """Line and column of `src` in the Markdown the HTML came from (1-based,
    columns in characters); the body's first line if it cannot be found."""
    if not source_text:
        return line_offset + 1, 1
    at = source_text.find(src)
    if at < 0:
        return line_offset + 1, 1
    before = source_text[:at]
    line = before.count("\n") + 1
    column = at - (before.rfind("\n") + 1) + 1
    return line_offset + line, column


def rewrite_body_images(html: str, page_file: Path, pipeline: ImagePipeline, display: str, *,
                        base: str = "", sizes: str = DEFAULT_SIZES, eager_first: bool = True,
                        source_text: str | None = None, line_offset: int = 0,
                        require_caption: bool = False) -> tuple[str, list[Finding]]:
    """Replace each local `<img src="relative">` in `html` with a responsive
    `<picture>`. The first image loads eagerly (if `eager_first`), the rest
    lazily. An image with a title (Markdown `![说明](a.jpg "图注")`) becomes a
    `<figure>` with that caption. `source_text`/`line_offset` (the Markdown
    body and the file line it starts after) let findings point at the line
    in the story file. Images that fail keep their tag and produce a finding."""
    finder = _ImgFinder(html)
    finder.feed(html)
    finder.close()
    findings: list[Finding] = []
    pieces: list[str] = []
    cursor = 0
    first = True
    for start, end, attrs in finder.found:
        src = (attrs.get("src") or "").strip()
        line, column = _locate(source_text, line_offset, src) if src else (line_offset + 1, 1)
        alt = (attrs.get("alt") or "").strip()
        if not alt:
            findings.append(Finding(display, line, column, "image-alt-missing",
                                    f"图片“{src or '（无地址）'}”缺少替代文字（alt）",
                                    fix="在方括号里写一句图片内容，例如 ![代表走访居民](images/visit.jpg)"))
        caption = (attrs.get("title") or "").strip()
        if require_caption and not caption:
            findings.append(Finding(display, line, column, "image-caption-missing",
                                    f"图片“{src}”缺少图注", severity=Severity.WARNING,
                                    fix='在路径后加引号写图注，例如 ![说明](images/a.jpg "图为……")'))
        if not src or src.startswith("data:"):
            continue
        try:
            picture = pipeline.publish_relative(page_file, src, display, line, column)
        except CongressError as err:
            findings.extend(err.findings)
            continue
        markup = picture.html(alt, sizes=sizes, lazy=not (first and eager_first),
                              css_class=attrs.get("class"), base=base)
        first = False
        if caption:
            markup = f"<figure>{markup}<figcaption>{escape(caption)}</figcaption></figure>"
            # A <figure> cannot sit inside <p>: take over a paragraph that holds only this image.
            opening = _OPEN_P.search(html, cursor, start)
            closing = _CLOSE_P.match(html[end:end + 64])
            if opening and closing:
                start, end = opening.start(), end + closing.end()
        pieces.append(html[cursor:start])
        pieces.append(markup)
        cursor = end
    pieces.append(html[cursor:])
    return "".join(pieces), findings
