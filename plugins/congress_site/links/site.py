"""Reading a built site: the list of its files, and for each HTML page its ids
and every URL it refers to.

Each page is parsed once with selectolax (lexbor). The parser gives no line
numbers; those are looked up in the raw HTML only for the few links that turn
out broken (see `locate`), so the common path stays cheap.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser

# One selector so lexbor walks the tree once; the Python side sees only the
# elements that matter.
_SELECTOR = "[id],a[name],[href],[src],[srcset],[poster],object[data],meta[http-equiv],meta[name]"
SOURCE_META = "congress:source"
# <link rel=…> values that name a host to warm up, not a resource to fetch.
_HINT_RELS = {"preconnect", "dns-prefetch"}
# Elements whose URLs are pictures; a miss is reported as a missing image.
IMAGE_TAGS = {"img", "picture", "source"}


class Ref(NamedTuple):
    """One URL on a page: the element, the attribute and the URL as written
    (entities already decoded by the parser)."""

    tag: str
    attr: str
    url: str
    rel: str = ""


@dataclass(slots=True)
class Page:
    path: str  # relative to the site folder, "/"-separated
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    source: str | None = None
    base: str | None = None  # <base href>, if the page sets one


@dataclass
class SiteIndex:
    """Every file of the built site, listed once. Link resolution is set
    look-ups against this, never a file-system call per link."""

    root: Path
    files: set[str]
    html: list[str]

    @classmethod
    def scan(cls, root: Path) -> SiteIndex:
        files: set[str] = set()
        html: list[str] = []
        base = str(root)
        cut = len(base) + 1
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            rel = dirpath[cut:].replace(os.sep, "/")
            prefix = rel + "/" if rel else ""
            for name in sorted(filenames):
                path = prefix + name
                files.add(path)
                if name.endswith((".html", ".htm")):
                    html.append(path)
        return cls(root, files, html)


def parse_srcset(value: str) -> list[str]:
    """The URLs of a srcset attribute (HTML's candidate-list rules: a URL may
    itself contain commas; a candidate ends at whitespace or a trailing comma)."""
    urls: list[str] = []
    i, n = 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            # skip the descriptor ("640w", "2x") up to the next comma
            while i < n and value[i] != ",":
                i += 1
        if url:
            urls.append(url)
    return urls


def _refresh_url(content: str) -> str | None:
    # <meta http-equiv="refresh" content="0; url=../new/">
    _, sep, rest = content.partition(";")
    if not sep:
        return None
    rest = rest.strip()
    if rest[:4].lower() == "url=":
        return rest[4:].strip().strip("'\"") or None
    return None


def parse_page(path: str, data: bytes | str) -> Page:
    """Ids and URLs of one HTML page."""
    page = Page(path)
    tree = LexborHTMLParser(data)
    ids = page.ids
    refs = page.refs
    seen: set[int] = set()
    for node in tree.css(_SELECTOR):
        # lexbor lists a node once per selector it matches: skip the repeats
        key = node.mem_id
        if key in seen:
            continue
        seen.add(key)
        attrs = node.attributes
        tag = node.tag
        ident = attrs.get("id")
        if ident:
            ids.add(ident)
        if tag == "meta":
            name = attrs.get("name")
            if name == SOURCE_META:
                page.source = (attrs.get("content") or "").strip() or None
            elif (attrs.get("http-equiv") or "").lower() == "refresh":
                url = _refresh_url(attrs.get("content") or "")
                if url:
                    refs.append(Ref(tag, "content", url))
            continue
        if tag == "a":
            name = attrs.get("name")
            if name:
                ids.add(name)
        href = attrs.get("href")
        if href is not None:
            if tag == "base":
                page.base = href.strip()
            elif tag == "link":
                rel = (attrs.get("rel") or "").lower()
                if not _HINT_RELS.intersection(rel.split()):
                    refs.append(Ref(tag, "href", href, rel))
            else:
                refs.append(Ref(tag, "href", href))
        src = attrs.get("src")
        if src is not None:
            refs.append(Ref(tag, "src", src))
        srcset = attrs.get("srcset")
        if srcset:
            for url in parse_srcset(srcset):
                refs.append(Ref(tag, "srcset", url))
        poster = attrs.get("poster")
        if poster:
            refs.append(Ref(tag, "poster", poster))
        if tag == "object":
            data_url = attrs.get("data")
            if data_url:
                refs.append(Ref(tag, "data", data_url))
    return page
