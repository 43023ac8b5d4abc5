"""Line and column of a URL, found after the fact.

The HTML parser gives no positions, and only broken links need one, so we
look the URL up in the page's text when a link turns out broken. The same
idea finds a link's line in the Markdown or YAML source the page came from.
Columns count Unicode characters, 1-based.
"""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath
from urllib.parse import unquote

_ATTR_BEFORE: dict[str, re.Pattern] = {}


def _attr_pattern(attr: str) -> re.Pattern:
    pat = _ATTR_BEFORE.get(attr)
    if pat is None:
        if attr in ("srcset", "content"):
            # the URL sits somewhere inside the attribute's quoted value
            pat = re.compile(rf"(?i)\b{attr}\s*=\s*(\"[^\"]*|'[^']*)$")
        else:
            pat = re.compile(rf"(?i)\b{attr}\s*=\s*[\"']?\s*$")
        _ATTR_BEFORE[attr] = pat
    return pat


def line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


class HtmlLocator:
    """Finds successive occurrences of URLs in one page's HTML, so the second
    broken copy of a link is reported at the second place it appears."""

    def __init__(self, text: str):
        self.text = text
        self._next: dict[tuple[str, str], int] = {}

    def find(self, attr: str, url: str) -> tuple[int, int, int]:
        """(line, column, end_column) of `url` in attribute `attr`, or (1, 1, 1)."""
        key = (attr, url)
        start = self._next.get(key, 0)
        pattern = _attr_pattern(attr)
        text = self.text
        for needle in _spellings(url):
            pos = text.find(needle, start)
            while pos != -1:
                tag_start = text.rfind("<", 0, pos)
                if pattern.search(text, tag_start if tag_start >= 0 else 0, pos):
                    self._next[key] = pos + len(needle)
                    line, col = line_col(text, pos)
                    return line, col, col + len(needle)
                pos = text.find(needle, pos + 1)
        return 1, 1, 1


def _spellings(url: str) -> list[str]:
    # The parser decoded entities; the file may hold "&amp;" and friends.
    out = [url]
    for variant in (html.escape(url, quote=False), html.escape(url)):
        if variant not in out:
            out.append(variant)
    return out


def find_in_source(text: str, url: str, fragment: str = "") -> tuple[int, int]:
    """Best guess of where a link's target is named in its Markdown/YAML
    source: the URL as written, else the anchor, else the last path segment
    (a file or record name). (1, 1) when none of these appear."""
    candidates: list[str] = []
    if url:
        candidates.append(url)
    if fragment:
        candidates.append("#" + fragment)
    path = unquote(url.partition("#")[0].partition("?")[0])
    name = PurePosixPath(path).name  # "x" for both "a/x" and "a/x/"
    if name and name not in ("..", ".", "index.html"):
        candidates.append(name)
    for needle in candidates:
        pos = text.find(needle)
        if pos != -1:
            return line_col(text, pos)
    return 1, 1
