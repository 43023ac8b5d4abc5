"""A page for every folder of the site's addresses. Readers shorten an
address to go up a level (/stories/…/ to /stories/, /columns/…/page/3/ to
/columns/…/page/), and a 404 there reads as a broken site. Folders that
hold pages but are no page themselves get a small page that sends the
reader on, at once, to the list they were looking for."""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterable
from html import escape

from . import routes

# Folders whose natural page lives elsewhere; the rest send the reader to
# the nearest page above them.
ELSEWHERE = {
    "stories/": routes.ARCHIVE,
    "columns/": routes.ARCHIVE + "#columns",
    "profiles/": routes.REPRESENTATIVES,
}

PAGED = "page/"  # a list's numbered pages: /x/page/2/ is under /x/


def parent_redirects(pages: dict[str, str], hand_pages: Collection[str] = (),
                     taken: Collection[str] = ()) -> dict[str, bytes]:
    """`pages`: the generated pages' URLs and titles. `hand_pages`: the
    hand-written pages' source paths. `taken`: paths of files already
    published. Returns the forwarding pages, by site path."""
    titles = dict(pages)
    for src in hand_pages:
        titles.setdefault(routes.page_url(src), "")
    out: dict[str, bytes] = {}
    for folder in sorted(_folders(titles)):
        path = folder + "index.html"
        if folder in titles or path in taken:
            continue
        target = _target(folder, titles)
        out[path] = _forward(folder, target, titles.get(target.partition("#")[0]) or "首页")
    return out


def _folders(urls: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for url in urls:
        parts = url.split("/")[:-2]  # "a/b/c/" → a/, a/b/
        for k in range(1, len(parts) + 1):
            found.add("/".join(parts[:k]) + "/")
    return found


def _target(folder: str, titles: dict[str, str]) -> str:
    wanted = ELSEWHERE.get(folder)
    if wanted is not None and wanted.partition("#")[0] in titles:
        return wanted
    if folder.endswith("/" + PAGED) and folder[:-len(PAGED)] in titles:
        return folder[:-len(PAGED)]
    up = folder
    while up:
        up = up[:-1].rpartition("/")[0]
        up = up + "/" if up else ""
        if up in titles:
            return up
    return routes.HOME


def _forward(folder: str, target: str, title: str) -> bytes:
    """A page that forwards at once, and says where to if it cannot."""
    page, _, anchor = target.partition("#")
    href = posixpath.relpath(page or ".", folder) + "/" + (f"#{anchor}" if anchor else "")
    link, name = escape(href), escape(title)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={link}">\n<title>{name}</title>\n</head>\n'
            f'<body>\n<p>正在前往<a href="{link}">{name}</a>。</p>\n</body>\n</html>\n').encode()
