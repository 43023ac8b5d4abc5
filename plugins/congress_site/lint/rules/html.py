"""Unsafe HTML in Markdown: script-capable elements, event-handler
attributes and javascript: URLs. Reads the tags and link targets that the
Markdown scanner set aside (code is never looked at)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Severity
from .. import patterns

BAD_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
                "form", "meta", "link", "svg", "math"}
_NAME = patterns.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_EVENT = patterns.compile(r"[\s\"'/]on[a-z]+\s*=", re.I)
_BAD_URL = patterns.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)", re.I)
_ATTR_URL = patterns.compile(r"(?:href|src|action|formaction|xlink:href|srcdoc)\s*=\s*[\"']?\s*(?:javascript|vbscript|data\s*:\s*text/html)", re.I)


def check_markup(tags: list[tuple[int, str]], links: list[tuple[int, str]]) -> Iterator[tuple[int, int, str, str, str, Severity]]:
    """(start, end, code, message, advice, severity) in original offsets."""
    for offset, raw in tags:
        m = _NAME.match(raw)
        name = m.group(1).lower() if m else ""
        head = raw.split(">", 1)[0] + ">"
        end = offset + len(head)
        if raw.lstrip("<").startswith("/"):
            continue
        if name in BAD_ELEMENTS:
            yield offset, end, "unsafe-html", f"稿件中不允许使用 <{name}> 标签", "删去该标签；如需嵌入内容请联系责编", Severity.ERROR
        elif name == "style":
            yield offset, end, "unsafe-html", "稿件中不允许使用 <style> 标签", "删去该标签，版式由网站统一设置", Severity.ERROR
        if _EVENT.search(head):
            yield offset, end, "unsafe-html", "HTML 标签中不允许使用 on… 事件属性（可执行脚本）", "删去该属性", Severity.ERROR
        if _ATTR_URL.search(head):
            yield offset, end, "unsafe-html", "链接地址不允许使用 javascript: 等脚本地址", "改为正常的网址", Severity.ERROR
    for offset, target in links:
        if _BAD_URL.match(target):
            yield offset, offset + len(target), "unsafe-html", "链接地址不允许使用 javascript: 等脚本地址", "改为正常的网址", Severity.ERROR
