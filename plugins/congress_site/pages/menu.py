"""The site's menu, as entries naming the source files of pages (generated
or hand-written), so that any engine can build its navigation from it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from ..model import Repository
from . import routes


@dataclass
class MenuEntry:
    title: str
    # A page's source file, relative to docs_dir; None for a section.
    src: str | None = None
    children: list[MenuEntry] = field(default_factory=list)


# Hand-written pages the default menu shows when they exist, in this order.
HAND_PAGES = (("开放数据", "data/index.md"), ("关于本站", "about.md"))


def default_menu(repo: Repository, hand_pages: Collection[str]) -> list[MenuEntry]:
    src = routes.src_uri
    menu = [
        MenuEntry("首页", src(routes.HOME)),
        MenuEntry("栏目", children=[MenuEntry(c.name, src(routes.column(c.id))) for c in repo.columns.values()]),
        MenuEntry("人大代表", src(routes.REPRESENTATIVES)),
        MenuEntry("立法进程", src(routes.TRACKER)),
        MenuEntry("联络站", src(routes.STATIONS)),
    ]
    menu += [MenuEntry(title, path) for title, path in HAND_PAGES if path in hand_pages]
    return menu
