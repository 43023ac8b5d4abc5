"""The site's menu, as entries naming the source files of pages (generated
or hand-written), so that any engine can build its navigation from it.

Editors own the menu: `nav:` in mkdocs.yml lists hand-written pages, links
and, as `congress:<name>`, the generated sections below, in the order they
want. Without `nav:` the menu is `DEFAULT_NAV`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from ..model import Repository
from . import routes


@dataclass
class MenuEntry:
    # None: the engine takes the page's own title.
    title: str | None
    # A page's source file, relative to docs_dir, or a link's URL; None for a section.
    src: str | None = None
    children: list[MenuEntry] = field(default_factory=list)


PLACEHOLDER = "congress:"


def _page(title: str, url: str) -> Callable[[Repository], MenuEntry]:
    return lambda repo: MenuEntry(title, routes.src_uri(url))


def _when(attr: str, title: str, url: str) -> Callable[[Repository], MenuEntry]:
    # A section for records the site may not have: left out of the menu without them.
    return lambda repo: MenuEntry(title, routes.src_uri(url) if getattr(repo, attr) else None)


def _columns(repo: Repository) -> MenuEntry:
    return MenuEntry("栏目", children=[MenuEntry(c.name, routes.src_uri(routes.column(c.id)))
                                      for c in repo.columns.values()])


# The generated parts of the site a `nav:` entry can name as "congress:<name>",
# with the title they get when the entry gives none. A new kind of page
# adds its section here.
SECTIONS: dict[str, Callable[[Repository], MenuEntry]] = {
    "home": _page("首页", routes.HOME),
    "columns": _columns,
    "representatives": _page("人大代表", routes.REPRESENTATIVES),
    "legislation": _page("立法进程", routes.TRACKER),
    "stations": _page("联络站", routes.STATIONS),
    "suggestions": _when("suggestions", "代表建议", routes.SUGGESTIONS),
    "projects": _when("projects", "民生实事", routes.PROJECTS),
    "meetings": _when("meetings", "会议", routes.MEETINGS),
    "oversight": _when("oversight", "监督工作", routes.OVERSIGHT),
    "tags": _page("全部标签", routes.TAGS),
    "archive": _page("稿件归档", routes.ARCHIVE),
    "search": _page("站内搜索", routes.SEARCH),
}

# The menu of a site whose mkdocs.yml has no `nav:`; the hand-written pages
# in it are listed only when they exist.
DEFAULT_NAV: tuple[Any, ...] = (
    "congress:home", "congress:columns", "congress:representatives", "congress:legislation",
    "congress:stations", "congress:suggestions", "congress:projects", "congress:meetings", "congress:oversight",
    {"开放数据": "data/index.md"},
    {"关于本站": "about.md"},
)

# Where an entry of `nav:` is written: (file shown to the editor, line, column)
# for the entry's path of list indexes.
Locate = Callable[[tuple[int, ...]], tuple[str, int, int]]


def default_menu(repo: Repository, hand_pages: Collection[str]) -> list[MenuEntry]:
    nav = [item for item in DEFAULT_NAV
           if not isinstance(item, dict) or next(iter(item.values())) in hand_pages]
    return build_menu(repo, nav, hand_pages, lambda at: ("mkdocs.yml", 1, 1))[0]


def build_menu(repo: Repository, nav: list | None, pages: Collection[str],
               locate: Locate) -> tuple[list[MenuEntry], list[Finding]]:
    """The menu `nav` asks for. `pages`: every page's source file that
    exists (hand-written and generated). An entry naming a missing page or
    an unknown section is left out and reported, so a preview goes on."""
    if nav is None:
        return default_menu(repo, pages), []
    findings: list[Finding] = []

    def entries(items: list, at: tuple[int, ...]) -> list[MenuEntry]:
        out = []
        for i, item in enumerate(items):
            entry = one(item, at + (i,))
            if entry is not None:
                out.append(entry)
        return out

    def one(item: Any, at: tuple[int, ...]) -> MenuEntry | None:
        title: str | None = None
        if isinstance(item, dict) and len(item) == 1:
            title, item = next(iter(item.items()))
            title = str(title)
        if isinstance(item, list) and title is not None:
            children = entries(item, at)
            return MenuEntry(title, children=children) if children else None
        if not isinstance(item, str):
            findings.append(_finding(locate(at), "nav-entry", "导航（nav）中这一项的写法不对",
                                     "每一项写成“- 标题: 页面.md”“- 标题: congress:栏目名”，"
                                     "或“- 标题:”下再缩进列出子项"))
            return None
        if item.startswith(PLACEHOLDER):
            name = item[len(PLACEHOLDER):]
            if name not in SECTIONS:
                near = difflib.get_close_matches(name, SECTIONS, n=1, cutoff=0.5)
                known = "、".join(PLACEHOLDER + s for s in SECTIONS)
                fix = f"是否想写“{PLACEHOLDER}{near[0]}”？可用的有：{known}" if near else f"可用的有：{known}"
                findings.append(_finding(locate(at), "nav-unknown-section",
                                         f"导航（nav）中的“{item}”不是本站生成的栏目", fix))
                return None
            entry = SECTIONS[name](repo)
            if entry.src is None and not entry.children:
                return None  # e.g. a site without columns
            return MenuEntry(title or entry.title, entry.src, entry.children)
        if _is_link(item):
            return MenuEntry(title, item)
        path = item[2:] if item.startswith("./") else item
        if path not in pages:
            hand = sorted(p for p in pages if p.endswith(".md"))
            near = difflib.get_close_matches(path, hand, n=1, cutoff=0.6)
            fix = (f"是否想写“{near[0]}”？" if near else "") + \
                "路径从 content/ 算起、要带 .md，大小写须一致；页面还没写好时先删去这一行"
            findings.append(_finding(locate(at), "nav-missing-page",
                                     f"导航（nav）中的页面“{item}”不存在", fix))
            return None
        return MenuEntry(title, path)

    return entries(nav, ()), findings


def menu_sources(menu: list[MenuEntry]) -> set[str]:
    """The source files of every page the menu shows, at any depth."""
    out: set[str] = set()
    for entry in menu:
        if entry.src is not None:
            out.add(entry.src)
        out |= menu_sources(entry.children)
    return out


def _is_link(value: str) -> bool:
    return "://" in value or value.startswith(("mailto:", "tel:", "/", "#"))


def _finding(where: tuple[str, int, int], code: str, message: str, fix: str) -> Finding:
    path, line, col = where
    return Finding(path, line, col, code, message, fix)
