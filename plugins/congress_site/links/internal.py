"""Sorting a URL into its kind and resolving site-internal ones to a file of
the built site.

Resolution is string work plus set look-ups against `SiteIndex.files`:
relative and site-absolute paths, `..` segments, percent-encoded (Chinese)
names, a directory meaning its index.html. No file-system call per link.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

# What a URL is, before any look-up.
INTERNAL, FRAGMENT, EXTERNAL, OTHER, UNSAFE = "internal", "fragment", "external", "other", "unsafe"
# Resolution outcomes.
FOUND, MISSING, OUTSIDE = "found", "missing", "outside"

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_UNSAFE_SCHEMES = {"javascript", "vbscript"}
_STRIP = " \t\n\r\f"


class Resolved(NamedTuple):
    outcome: str  # FOUND, MISSING or OUTSIDE
    path: str  # site-relative file (FOUND) or the path we looked for
    fragment: str  # decoded, "" when none


class Resolver:
    """Resolves URLs found on pages of one built site.

    `site_url` (from mkdocs.yml) gives the path the site is served under, so
    `/rd/stories/x/` on a site at `https://example.gov.cn/rd/` is internal,
    and so is a full URL on the site's own host under that path.
    """

    def __init__(self, files: set[str], site_url: str | None = None):
        self.files = files
        parts = urlsplit(site_url or "")
        root = parts.path or "/"
        if not root.startswith("/"):
            root = "/" + root
        if not root.endswith("/"):
            root += "/"
        self.root_path = root
        self.origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}" if parts.netloc else None
        self._memo: dict[str, tuple[str, str]] = {}
        self._kinds: dict[str, tuple[str, str]] = {}

    def classify(self, url: str) -> tuple[str, str]:
        """Kind of URL and the URL cleaned of surrounding white space."""
        # the same URL strings recur on thousands of pages (navigation, tags)
        hit = self._kinds.get(url)
        if hit is None:
            hit = self._kinds[url] = self._classify(url)
        return hit

    def _classify(self, url: str) -> tuple[str, str]:
        url = url.strip(_STRIP)
        if "\n" in url or "\t" in url or "\r" in url:
            # browsers drop these inside URLs too
            url = url.replace("\n", "").replace("\t", "").replace("\r", "")
        if not url or url[0] == "#":
            return FRAGMENT, url
        if url.startswith("//"):
            return EXTERNAL, "https:" + url
        m = _SCHEME.match(url) if ":" in url else None
        if m:
            scheme = m.group(1).lower()
            if scheme in ("http", "https"):
                if self.origin and self._own(url):
                    return INTERNAL, url
                return EXTERNAL, url
            if scheme in _UNSAFE_SCHEMES:
                return UNSAFE, url
            return OTHER, url
        return INTERNAL, url

    def _own(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        # http and https of the site's own host are the same site
        same_host = origin.split("://", 1)[1] == self.origin.split("://", 1)[1]
        return same_host and (parts.path or "/").startswith(self.root_path)

    def resolve(self, page_dir: str, url: str) -> Resolved:
        """Resolve an INTERNAL or FRAGMENT url seen on a page in `page_dir`
        ("stories/x/", "" for the site root). An empty path means the page
        itself; the caller passes its own file for that case."""
        if url.startswith(("http:", "https:", "HTTP:", "HTTPS:")):
            parts = urlsplit(url)
            url = parts.path or "/"
            if parts.query:
                url += "?" + parts.query
            if parts.fragment:
                url += "#" + parts.fragment
        path, _, fragment = url.partition("#")
        if "?" in path:
            path = path.partition("?")[0]
        if fragment and "%" in fragment:
            fragment = unquote(fragment)
        if path.startswith("/"):
            root = self.root_path
            if path.startswith(root):
                joined = path[len(root):]
            elif path + "/" == root:
                joined = ""
            else:
                return Resolved(OUTSIDE, path, fragment)
        else:
            # climb the leading "../" here: most links in MkDocs output are
            # "../../x/", and what is left is then the same on every page
            base = page_dir
            while path.startswith("../"):
                if not base:
                    return Resolved(OUTSIDE, path, fragment)
                base = base[: base.rfind("/", 0, len(base) - 1) + 1]
                path = path[3:]
            joined = base + path
        hit = self._memo.get(joined)
        if hit is None:
            hit = self._memo[joined] = self._lookup(joined)
        return Resolved(hit[0], hit[1], fragment)

    def _lookup(self, path: str) -> tuple[str, str]:
        norm = _normalize(path)
        if norm is None:
            return OUTSIDE, path
        files = self.files
        if "%" in norm:
            # a file may really have "%" in its name; the encoded form is usual
            if norm in files:
                return FOUND, norm
            norm = unquote(norm)
        if norm == "" or norm[-1] == "/":
            candidate = norm + "index.html"
            if candidate in files:
                return FOUND, candidate
            return MISSING, norm
        if norm in files:
            return FOUND, norm
        candidate = norm + "/index.html"
        if candidate in files:
            # a server answers "x" with a redirect to "x/"
            return FOUND, candidate
        return MISSING, norm

    def page_url(self, path: str) -> str:
        """The URL a reader sees for a built file: stories/x/index.html -> /stories/x/."""
        if path == "index.html":
            return self.root_path
        if path.endswith("/index.html"):
            return self.root_path + path[: -len("index.html")]
        return self.root_path + path


def _normalize(path: str) -> str | None:
    """Collapse "." and ".." segments; None if the path climbs above the
    site root. A trailing "/" is kept: it means a directory."""
    if "./" not in path and not path.endswith(".") and "//" not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    last = segments.pop()
    for seg in segments:
        if seg == "..":
            if not out:
                return None
            out.pop()
        elif seg and seg != ".":
            out.append(seg)
    if last == "..":
        if not out:
            return None
        out.pop()
        last = ""
    elif last == ".":
        last = ""
    out.append(last)
    return "/".join(out)


def page_dir(path: str) -> str:
    """Folder part of a site-relative file path, with its trailing "/"."""
    cut = path.rfind("/")
    return path[: cut + 1]


def fragment_ok(fragment: str, ids: set[str]) -> bool:
    # "#top" scrolls to the top of any page (HTML's rule), even without an id
    return not fragment or fragment in ids or fragment.lower() == "top"
