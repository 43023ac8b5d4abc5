"""Story bodies are Markdown from many hands, and Markdown lets raw HTML
through. The rendered body is cleaned with nh3 (ammonia) against an
allow-list of what Markdown, its extensions and our image pipeline produce;
anything else is removed and reported as a finding on the story's file, so
a hostile or careless body is neither published nor silently altered.

Free of MkDocs: `render.Renderer` calls `sanitize_body` on each rendered body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from .findings import Finding, Severity

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAGS = HEADINGS | {
    "p", "a", "img", "picture", "source", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "code", "pre", "kbd", "samp",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "abbr",
    "br", "hr", "sup", "sub", "div", "span",
}
# Tags whose content is code or layout for a browser, not text for a reader.
DROP_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template",
                "svg", "math", "frame", "frameset", "applet", "textarea", "select"}

_IDS = {"id"}  # headings (toc anchors) and footnotes (fn:1, fnref:1)
ATTRIBUTES: dict[str, set[str]] = {
    **{h: set(_IDS) for h in HEADINGS},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "th": {"colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
    "abbr": {"title"},
    "div": set(),
    "p": set(),
}
# Classes that Markdown extensions put into the body (footnotes,
# admonitions); a body cannot borrow the theme's own classes.
ADMONITION = {"admonition", "note", "abstract", "info", "tip", "success", "question",
              "warning", "failure", "danger", "bug", "example", "quote"}
CLASSES: dict[str, set[str]] = {
    "div": {"footnote"} | ADMONITION,
    "p": {"admonition-title"},
    "a": {"footnote-ref", "footnote-backref"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Python-Markdown's tables extension aligns columns with an inline style;
# that is the only style a body keeps.
_ALIGN = re.compile(r"^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$", re.I)
_URL_ATTRS = {"href", "src"}
_VOID = {"embed", "frame", "input", "img", "br", "hr", "source", "col", "wbr", "area", "base", "link", "meta"}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")


def _scheme(url: str) -> str | None:
    # Browsers ignore ASCII whitespace and control characters inside a
    # scheme ("java\tscript:"), so compare with them taken out.
    squeezed = re.sub(r"[\x00-\x20]", "", url)
    m = _SCHEME.match(squeezed)
    return m.group(1).lower() if m else None


def _url_ok(url: str) -> bool:
    scheme = _scheme(url)
    return scheme is None or scheme in URL_SCHEMES


def _srcset_ok(value: str) -> bool:
    return all(_url_ok(part.strip().split(" ")[0]) for part in value.split(",") if part.strip())


def _filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "style":
        m = _ALIGN.match(value)
        return f"text-align: {m.group(1).lower()};" if m else None
    if attr in _URL_ATTRS and not _url_ok(value):
        return None
    if attr == "srcset" and not _srcset_ok(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=DROP_CONTENT,
    attributes=ATTRIBUTES,
    attribute_filter=_filter,
    url_schemes=URL_SCHEMES,
    allowed_classes={k: v for k, v in CLASSES.items() if v},
    link_rel=None,
    strip_comments=True,
)


@dataclass(frozen=True)
class Removed:
    """One thing the sanitiser took out, and a string to find it by in the
    Markdown source."""

    what: str
    needles: tuple[str, ...]


class _Inventory(HTMLParser):
    """Lists what the allow-list will remove, in the order it appears."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[Removed] = []
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._dropping:
            return
        if tag not in TAGS:
            self.removed.append(Removed(f"<{tag}> 标签", (f"<{tag}",)))
            if tag in DROP_CONTENT and tag not in _VOID:
                self._dropping += 1
            return
        allowed = ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name == "class":
                kept = CLASSES.get(tag, set())
                bad = [c for c in value.split() if c not in kept]
                if bad:
                    self.removed.append(Removed(f"<{tag}> 的 class“{' '.join(bad)}”", (bad[0], "class=")))
            elif name not in allowed:
                self.removed.append(Removed(f"<{tag}> 的 {name} 属性", (name,)))
            elif _filter(tag, name, value) is None:
                shown = value if len(value) <= 40 else value[:40] + "…"
                needles = (value.strip()[:20], f"{name}=") if value.strip() else (f"{name}=",)
                self.removed.append(Removed(f"<{tag}> 的 {name}=“{shown}”", needles))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        was = self._dropping
        self.handle_starttag(tag, attrs)
        self._dropping = was  # <x/> has no content to drop

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT and tag not in _VOID and self._dropping:
            self._dropping -= 1


def _locate(source: str | None, needles: tuple[str, ...], line_offset: int) -> tuple[int, int]:
    """Line and column of the first of `needles` found in the Markdown
    source (case-insensitive); the body's first line when none is (e.g. HTML
    made by Markdown itself from a link written as [文字](javascript:…))."""
    lowered = source.lower() if source else ""
    for needle in needles:
        at = lowered.find(needle.lower()) if needle else -1
        if at >= 0:
            before = source[:at]
            return line_offset + before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1
    return line_offset + 1, 1


_EMPTY_CLASS = re.compile(r'(<[a-zA-Z][^<>]*?) class=""')


def sanitize_html(html: str) -> str:
    """The allow-listed part of `html`."""
    # Text never holds a raw "<", so the pattern only ever meets a tag; it
    # drops the empty class attribute left where every class was refused.
    return _EMPTY_CLASS.sub(r"\1", _CLEANER.clean(html))


def inventory(html: str) -> list[Removed]:
    """What `sanitize_html` will remove from `html`."""
    parser = _Inventory()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - the stdlib parser is lenient; a report must never crash a build
        pass
    return parser.removed


def sanitize_body(html: str, display: str, source: str | None = None,
                  line_offset: int = 0) -> tuple[str, list[Finding]]:
    """Clean a rendered story body. Returns the clean HTML and one finding
    per kind of thing removed, placed at its line in the story file
    (`source` is the Markdown body, `line_offset` the file line before it)."""
    clean = sanitize_html(html)
    if clean == html:  # nothing removed, nothing to report: skip the inventory parse
        return clean, []
    findings: list[Finding] = []
    seen: set[str] = set()
    for item in inventory(html):
        if item.what in seen:
            continue
        seen.add(item.what)
        line, column = _locate(source, item.needles, line_offset)
        findings.append(Finding(
            display, line, column, "unsafe-html-removed",
            f"正文中的 {item.what} 不安全或不受支持，发布时已删除",
            "正文请用 Markdown 书写：链接用 [文字](https://…)，图片用 ![说明](images/xxx.jpg)；"
            "不要粘贴网页代码、脚本或嵌入框",
            severity=Severity.WARNING,
        ))
    return clean, findings
