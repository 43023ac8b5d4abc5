"""Parts of a page's template that come out the same on many pages, rendered
once per build and reused.

Most pages (stories, profiles, laws) are not in the menu, yet every one of
them draws the whole menu in the sidebar and the tabs: two fifths of the
template time of a full build of 1,000 stories (profiled); the header
around the page's title and Material's settings script another seventh. For such a
page these parts depend on nothing of the page but where it sits: every
link in them goes through MkDocs' `url` filter, which writes it relative to
the page's folder (and the settings hold the base URL, the same for the
whole folder). So a part drawn for one page serves every page whose links
come out the same, and `Fragments.key` says which pages those are, or None
for a page whose part is its own:

- a page in the menu (MkDocs marks it and its sections `active`) gets its
  own: its item is highlighted, its sections open, its table of contents
  may sit inside the menu (`toc.integrate`);
- otherwise the key is the page's folder (`stories/` for `stories/a/`):
  a link is written relative to it the same way for every page in it,
  unless the link points into the page's own location (`stories/a/…`),
  so a page at a location some link points into keys by that location
  alone (the links: the menu's, and those `fragments_for_build` lists).

Templates call `key` and `draw` (theme/partials/nav.html, tabs.html,
header.html, and the `config` block of main.html).

The store lives for one build (the adapter makes a new one in `on_env`), so
`mkdocs serve` never shows a menu from before a change. Setting the
environment variable CONGRESS_FRAGMENTS=off renders every fragment on every
page (the test that compares both outputs uses it).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

SWITCH = "CONGRESS_FRAGMENTS"


def enabled_by_environment() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in {"off", "0", "false", "no"}


def fragments_for_build(config: Any, files: Any) -> Fragments:
    """An empty store for one build of the site `config` describes; it knows
    where the fragments link besides the menu: the logo, the search page,
    the home page and other languages set in mkdocs.yml, and the theme's
    search worker (in Material's settings script)."""
    extra = config.extra
    alternate = [alt.get("link") for alt in extra.get("alternate") or [] if isinstance(alt, dict)]
    workers = [f.url for f in files if f.src_uri.startswith("assets/javascripts/workers/")]
    links = (config.theme.get("logo"), "search/", extra.get("homepage"), *alternate, *workers)
    return Fragments(enabled_by_environment(), fixed_urls=links)


class Fragments:
    """Rendered fragments of one build, by name and key."""

    def __init__(self, enabled: bool = True, *, fixed_urls: tuple[str, ...] = ()) -> None:
        self.enabled = enabled
        # URLs the fragments link to besides the menu's own (see fragments_for_build).
        self.fixed_urls = tuple(u for u in fixed_urls if isinstance(u, str))
        self._html: dict[tuple, str] = {}
        self._nav: Any = None
        self._items: list[Any] = []
        self._targets: frozenset[tuple[str, ...]] = frozenset()
        self.hits = self.misses = 0

    def key(self, name: str, page: Any, nav: Any) -> tuple | None:
        """The key under which `page` shares fragment `name` with other
        pages, or None when the fragment must be drawn for this page."""
        if not self.enabled or page is None or nav is None or not isinstance(getattr(page, "url", None), str):
            return None
        if nav is not self._nav:
            self._learn(nav)
        for item in self._items:
            if item.active or item is page or item == page:
                return None
        where = _location(page.url)
        if where in self._targets:
            return (name, "at", where)
        return (name, "in", where[:-1])

    def draw(self, key: tuple | None, part: str, macro: Callable[[], str]) -> str:
        """Part `part` of the fragment under `key`: drawn by `macro` the
        first time, the same string afterwards; drawn every time for a page
        without a key."""
        if key is None:
            return macro()
        key = (*key, part)
        html = self._html.get(key)
        if html is None:
            self.misses += 1
            html = self._html[key] = macro()
        else:
            self.hits += 1
        return html

    def _learn(self, nav: Any) -> None:
        """Walk the menu once: its items (to see whether a page is one of
        them) and every location a link in a fragment can point into."""
        self._html.clear()
        self._nav = nav
        self._items = list(_walk(getattr(nav, "items", [])))
        urls = [getattr(item, "url", None) for item in self._items]
        homepage = getattr(nav, "homepage", None)
        urls += [getattr(homepage, "url", None), *self.fixed_urls]
        targets: set[tuple[str, ...]] = {()}
        for url in urls:
            if isinstance(url, str) and _relative(url):
                parts = _parts(url)
                targets.update(parts[:n] for n in range(len(parts) + 1))
        self._targets = frozenset(targets)


def _walk(items) -> Any:
    for item in items or []:
        yield item
        yield from _walk(getattr(item, "children", None))


def _relative(url: str) -> bool:
    """Whether the `url` filter writes `url` relative to the page (as
    mkdocs.utils.normalize_url decides)."""
    if not url:
        return True
    parsed = urlsplit(url)
    return not (parsed.scheme or parsed.netloc or url.startswith(("/", "#")))


def _parts(path: str) -> tuple[str, ...]:
    """A path's folders as MkDocs compares them (mkdocs.utils._norm_parts)."""
    path = posixpath.normpath("/" + path)[1:]
    return tuple(path.split("/")) if path else ()


def _location(page_url: str) -> tuple[str, ...]:
    """Where links on a page are written from: its URL without a file name
    (as mkdocs.utils.get_relative_url reads it)."""
    folder, _, name = page_url.rpartition("/")
    return _parts(folder if "." in name else page_url)
