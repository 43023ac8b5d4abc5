"""What feeds and open data share: absolute links built from site_url, China
Standard Time, and a plain-text summary of a story."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlsplit

from ..findings import CongressError, Finding
from ..model import Story

# China has kept one offset without daylight saving since 1991; a fixed offset
# keeps every timestamp "+08:00" whatever the host's tz database says.
CST = dt.timezone(dt.timedelta(hours=8), "CST")
TZID = "Asia/Shanghai"
SUMMARY_CHARS = 120


def base_url(site_url: str | None) -> str:
    """`site_url` with exactly one trailing slash, or a CongressError: feeds
    and data need absolute links, and a relative guess would be wrong."""
    url = (site_url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CongressError(Finding(
            "mkdocs.yml", 1, 1, "site-url-missing",
            f"订阅源和开放数据需要网站的完整地址，但 site_url 是“{url}”",
            "请在 mkdocs.yml 中写 site_url: https://你的网站域名/",
        ))
    return url.rstrip("/") + "/"


def absolute(base: str, path: str) -> str:
    """Absolute URL of a site-relative route; Chinese characters in the path
    (tag folders) are percent-encoded so the URL is valid everywhere."""
    return base + quote(path.lstrip("/"), safe="/-._~%")


def host(base: str) -> str:
    return urlsplit(base).netloc


def published_at(day: dt.date) -> dt.datetime:
    """Stories carry a date only; they count as published at 00:00 Beijing time."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=CST)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_MARK = re.compile(r"[*_`~]+|^\s*(?:[-+]|\d+\.)\s+", re.M)


def summary_of(story: Story, limit: int = SUMMARY_CHARS) -> str:
    """The story's own summary, else the opening of its first paragraph with
    Markdown marks removed. Never the full text."""
    if story.summary:
        return story.summary
    for block in re.split(r"\n\s*\n", story.body):
        block = block.strip()
        if not block or block.startswith(("#", "!", "<", "|", "```", ":::", "---", "{")):
            continue
        text = _MARK.sub("", _TAG.sub("", _LINK.sub(r"\1", block)))
        # A tag cut off by the paragraph break leaves a bare "<": a summary is text.
        text = text.replace("<", "").replace(">", "")
        text = re.sub(r"\s*\n\s*", "", text).strip()
        if text:
            return text if len(text) <= limit else text[:limit].rstrip() + "……"
    return ""
