"""Read one built page the way Pagefind reads it: the text inside
`data-pagefind-body`, plus the filters, meta and sort keys the templates
declare with Pagefind's own attributes.

Attribute contract (Pagefind's documented syntax, the subset used here):

- `data-pagefind-body` on the content container. Pages without it are not
  indexed (lists, home, navigation pages). Several on one page are joined.
- `data-pagefind-ignore` on anything inside the body that is not content;
  elements with the `hidden` attribute are never indexed either.
- `data-pagefind-filter="类型"` (value = element text), `"类型:报道"` (inline
  value) or `"年份[data-year]"` (value of another attribute). Anywhere on the
  page; repeat the element for several values.
- `data-pagefind-meta="title"` and `data-pagefind-sort="date"`, same forms.
  The title defaults to the body's first `h1`, then to `<title>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .tokens import HAN_BREAK, normalize

# Elements whose boundaries separate words; anything else is inline.
BLOCKS = frozenset(
    "address article aside blockquote br caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul".split()
)
SKIP = frozenset("script style noscript template svg math iframe object button select".split())
DECLARATIONS = ("data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort")
_WS = re.compile(r"\s+")
_DECL = re.compile(r"^\s*([^:\[\]]+?)\s*(?::(.*)|\[([^\]]+)\])?\s*$", re.S)


@dataclass
class PageRecord:
    url: str  # site-relative with a leading slash, e.g. /stories/x/
    text: str  # body text, whitespace-normalised by the caller
    title: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


def url_for(path: Path, site_dir: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def _text(node: LexborNode, out: list[str]) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            # Soft line breaks inside Chinese vanish; block edges (below) stay spaces.
            # (no newline survives, so joining nodes cannot glue across blocks).
            out.append(_WS.sub(" ", HAN_BREAK.sub("", child.text_content or "")))
            continue
        if tag in SKIP or tag.startswith("-"):
            continue
        attrs = child.attributes
        if "hidden" in attrs or "data-pagefind-ignore" in attrs:
            continue
        if any(d in attrs for d in DECLARATIONS) and not child.child:
            continue
        block = tag in BLOCKS
        if block:
            out.append(" ")
        if tag == "img" and attrs.get("alt"):
            out.append(" " + (attrs.get("alt") or "") + " ")
        _text(child, out)
        if block:
            out.append(" ")


def _declared(node: LexborNode, attr: str) -> list[tuple[str, str]]:
    """(key, value) pairs from one data-pagefind-* attribute."""
    raw = node.attributes.get(attr) or ""
    pairs = []
    for part in re.split(r",\s*(?=[^:\[\],]+(?::|\[|$))", raw) if "," in raw else [raw]:
        m = _DECL.match(part)
        if not m:
            continue
        key, inline, source = m.group(1), m.group(2), m.group(3)
        if inline is not None:
            value = inline
        elif source is not None:
            value = node.attributes.get(source) or ""
        else:
            value = node.text(deep=True, separator="")
        value = re.sub(r"\s+", " ", value).strip()
        if key and value:
            pairs.append((key.strip(), value))
    return pairs


def extract(html: str, url: str) -> PageRecord | None:
    """The searchable record of one page, or None when the page declares no
    `data-pagefind-body` (it is then not content)."""
    tree = LexborHTMLParser(html)
    bodies = tree.css("[data-pagefind-body]")
    if not bodies:
        return None
    parts: list[str] = []
    for body in bodies:
        _text(body, parts)
        parts.append(" ")
    record = PageRecord(url=url, text=normalize("".join(parts)), title="")
    for attr in DECLARATIONS:
        for node in tree.css(f"[{attr}]"):
            for key, value in _declared(node, attr):
                if attr == "data-pagefind-filter":
                    values = record.filters.setdefault(key, [])
                    if value not in values:
                        values.append(value)
                elif attr == "data-pagefind-meta":
                    record.meta.setdefault(key, value)
                else:
                    record.sort.setdefault(key, value)
    title = record.meta.pop("title", "")
    if not title:
        h1 = bodies[0].css_first("h1")
        if h1 is not None:
            title = h1.text(deep=True, separator="")
    if not title:
        node = tree.css_first("title")
        title = node.text() if node is not None else url
    record.title = re.sub(r"\s+", " ", title).strip()
    return record
