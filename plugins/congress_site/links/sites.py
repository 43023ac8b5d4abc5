"""Links between the sites of a 站群, checked without network: a URL under
another site's address is looked up in that site's build folder.

`sites` maps each site's URL to its build folder. A URL belongs to the site
with the longest matching address, so the hub at https://example.gov.cn/
does not claim https://example.gov.cn/wangshu/…, which is the district's.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ID = re.compile(r"""\sid=["']?([^"'\s>]+)""")


def _key(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    path = parts.path or "/"
    return parts.netloc.lower(), path if path.endswith("/") else path + "/"


class OtherSites:
    def __init__(self, sites: dict[str, Path], own_url: str | None) -> None:
        self.sites = {_key(url): Path(folder) for url, folder in sites.items()}
        self.own = _key(own_url) if own_url else None
        self._ids: dict[Path, set[str]] = {}

    def owner(self, url: str) -> tuple[tuple[str, str], Path] | None:
        """The other site a http(s) URL points into, if any."""
        if not url.startswith(("http://", "https://")):
            return None
        host, path = urlsplit(url).netloc.lower(), urlsplit(url).path or "/"
        best = None
        for key in [*self.sites, *([self.own] if self.own else [])]:
            if key[0] == host and (path + "/").startswith(key[1]) and (best is None or len(key[1]) > len(best[1])):
                best = key
        if best is None or best == self.own:
            return None
        return best, self.sites[best]

    def problem(self, url: str) -> str | None:
        """None when `url` belongs to no other site; "" when it resolves;
        else what is wrong, in Chinese."""
        hit = self.owner(url)
        if hit is None:
            return None
        (host, prefix), folder = hit
        parts = urlsplit(url)
        rel = unquote(parts.path or "/")[len(prefix):] if len(parts.path or "/") >= len(prefix) else ""
        target = folder / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        elif not target.is_file() and (target / "index.html").is_file():
            target = target / "index.html"
        if not target.is_file():
            return f"链接指向站群中另一站点（{host}{prefix}）的页面，但该站点中不存在：{url}"
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in self._page_ids(target):
            return f"站群中另一站点的页面 {host}{prefix}{rel} 上没有锚点“#{fragment}”"
        return ""

    def _page_ids(self, page: Path) -> set[str]:
        ids = self._ids.get(page)
        if ids is None:
            ids = self._ids[page] = set(_ID.findall(page.read_text(encoding="utf-8", errors="replace")))
        return ids
