"""The menu, the tabs, the header around the title and Material's settings
script, drawn once and shared by the pages outside the menu (fragments.py),
give every page the bytes it gets when each page draws its own: sites are
built with the sharing on and off (CONGRESS_FRAGMENTS=off) and every file is
compared. A page in the menu keeps its own highlighted menu."""

from __future__ import annotations

import logging
import re

import pytest
import yaml

from congress_site.fragments import SWITCH, Fragments
from sitekit import SAMPLE_TODAY, build, copy_sample, minimal_site, snapshot, write

LOGGER = "mkdocs.plugins.congress"


def _build(root, site, monkeypatch, caplog, shared: bool, strict: bool = False, today: str = "2026-11-22"):
    """Build `root` into `site`; with sharing, how many fragments were drawn
    and how many reused (the plugin's debug line)."""
    monkeypatch.setenv(SWITCH, "on" if shared else "off")
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        build(root, site, today=today, strict=strict)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("共用的页面片段")]
    assert said, "the build says how many shared fragments it drew"
    drawn, reused = map(int, re.findall(r"\d+", said[-1]))
    return drawn, reused


def _same_files(a, b) -> list[str]:
    """Paths whose bytes differ, or that only one site has (Pagefind's bundle
    differs between any two builds and is left out)."""
    mine = {p: d for p, d in snapshot(a).items() if not p.startswith("pagefind/")}
    theirs = {p: d for p, d in snapshot(b).items() if not p.startswith("pagefind/")}
    assert any(p.endswith(".html") for p in mine)
    return sorted(p for p in mine.keys() | theirs.keys() if mine.get(p) != theirs.get(p))


def test_sample_site_is_the_same_with_and_without_shared_fragments(sample_site, tmp_path, monkeypatch, caplog):
    """Against the session's sample build (sharing on, as every build);
    the nested sites below check that sharing happened at all."""
    root = copy_sample(tmp_path / "src")
    assert _build(root, tmp_path / "own", monkeypatch, caplog, shared=False, strict=True,
                  today=SAMPLE_TODAY) == (0, 0)
    assert _same_files(sample_site, tmp_path / "own") == []


def _nested_site(root, *, features: list[str], directory_urls: bool = True):
    """A small site whose menu has sections inside sections, section index
    pages and hand pages in folders, beside two hand pages outside the menu
    in one folder (guide/): the menu links into the location of one of them
    (guide/forms/letters/ lies in guide/forms/), not of the other."""
    minimal_site(root, stories=5)
    for rel, title in [("guide/index.md", "办事指南"), ("guide/visit.md", "来访须知"),
                       ("guide/forms/letters.md", "来信格式"), ("guide/forms/visits.md", "来访登记"),
                       ("guide/forms/index.md", "表格说明"), ("guide/notes.md", "注意事项"), ("about.md", "关于本站")]:
        write(root / "content" / rel, f"# {title}\n\n## 第一节\n\n正文。\n\n## 第二节\n\n正文。\n")
    config_path = root / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["theme"]["features"] = features
    config["use_directory_urls"] = directory_urls
    # The header's language menu links relative to the page, too.
    config["extra"] = {"alternate": [{"name": "中文", "link": "./", "lang": "zh"},
                                     {"name": "English", "link": "en/", "lang": "en"}]}
    config["nav"] = [
        {"首页": "congress:home"},
        {"办事指南": ["guide/index.md", "guide/visit.md",
                  {"表格": ["guide/forms/letters.md", "guide/forms/visits.md"]}]},
        "congress:columns",
        {"人大代表": "congress:representatives"},
        {"关于本站": "about.md"},
    ]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


@pytest.mark.parametrize("features, directory_urls", [
    (["navigation.tabs", "navigation.sections", "navigation.indexes", "toc.integrate"], True),
    (["navigation.prune", "navigation.indexes", "navigation.footer"], True),
    (["navigation.tabs", "navigation.expand"], False),
], ids=["tabs-sections-indexes-integrated-toc", "prune", "file-urls"])
def test_nested_menu_is_the_same_with_and_without_shared_fragments(tmp_path, monkeypatch, caplog, features,
                                                                   directory_urls):
    root = _nested_site(tmp_path / "src", features=features, directory_urls=directory_urls)
    drawn, reused = _build(root, tmp_path / "shared", monkeypatch, caplog, shared=True)
    assert drawn > 0 and reused > 0, (drawn, reused)
    _build(root, tmp_path / "own", monkeypatch, caplog, shared=False)
    assert _same_files(tmp_path / "shared", tmp_path / "own") == []
    if directory_urls and "navigation.prune" not in features:
        # Two pages in one folder, outside the menu: from guide/forms/ the
        # menu's 来信格式 is "letters/", from guide/notes/ "../forms/letters/".
        forms = _primary_nav((tmp_path / "shared/guide/forms/index.html").read_text(encoding="utf-8"))
        notes = _primary_nav((tmp_path / "shared/guide/notes/index.html").read_text(encoding="utf-8"))
        assert 'href="letters/" class="md-nav__link"' in forms
        assert 'href="../forms/letters/" class="md-nav__link"' in notes


def _primary_nav(html: str) -> str:
    start = html.index('<nav class="md-nav md-nav--primary')
    return html[start:html.index('<div class="md-content"', start)]


@pytest.mark.parametrize("directory_urls", [True, False], ids=["folder-urls", "file-urls"])
def test_a_page_in_the_menu_marks_itself_and_a_story_marks_nothing(tmp_path, monkeypatch, caplog, directory_urls):
    root = _nested_site(tmp_path / "src", features=["navigation.tabs", "navigation.sections", "toc.integrate"],
                        directory_urls=directory_urls)
    _build(root, tmp_path / "site", monkeypatch, caplog, shared=True)
    site = tmp_path / "site"

    def nav(name: str) -> str:
        path = site / name / "index.html"  # generated pages keep folder URLs either way
        path = path if path.exists() else site / f"{name}.html"
        return _primary_nav(path.read_text(encoding="utf-8"))

    def here(name: str) -> str:
        return "./" if directory_urls else ("index.html" if name == "guide" else name.rpartition("/")[2] + ".html")

    def active_links(html: str) -> list[tuple[str, str]]:
        return re.findall(r'<a href="([^"]*)" class="md-nav__link md-nav__link--active">\s*'
                          r'<span class="md-ellipsis">\s*([^<\s]+)', html)

    # Pages in one folder, or in the same section, each mark only themselves.
    for name, title in [("guide", "办事指南"), ("guide/visit", "来访须知"), ("guide/forms/letters", "来信格式"),
                        ("guide/forms/visits", "来访登记"), ("about", "关于本站")]:
        assert active_links(nav(name)) == [(here(name), title)], name
    # Each menu page's own table of contents sits in its menu entry.
    toc = 'class="md-nav md-nav--secondary"'
    assert toc in nav("guide/visit") and toc in nav("guide/forms/letters")
    # The opened sections are the page's own: 表格 is open on its pages only.
    assert re.search(r'id="__nav_2_3" checked', nav("guide/forms/letters"))
    assert re.search(r'id="__nav_2_3" checked', nav("guide/forms/visits"))
    assert not re.search(r'id="__nav_2_3" checked', nav("guide/visit"))
    for name in ["stories/item-0", "stories/item-1", "guide/notes"]:
        other = nav(name)
        assert active_links(other) == [] and "md-nav__item--active" not in other and toc not in other, name


class _Item:
    def __init__(self, url=None, children=(), active=False):
        self.url, self.children, self.active = url, list(children), active


class _Nav:
    def __init__(self, items, homepage=None):
        self.items, self.homepage = items, homepage


def test_key_is_the_folder_unless_a_link_points_into_the_page():
    stories = _Item("stories/")
    nav = _Nav([_Item(""), _Item(None, [stories, _Item("stories/b/")]), _Item("https://example.org/x/")])
    fragments = Fragments()
    a, b, c = _Item("stories/a/"), _Item("stories/b/"), _Item("profiles/c/")
    assert fragments.key("nav", a, nav) == ("nav", "in", ("stories",))
    assert fragments.key("nav", b, nav) == ("nav", "at", ("stories", "b"))
    assert fragments.key("nav", c, nav) == ("nav", "in", ("profiles",))
    # A page in the menu, or any active item: its own fragment.
    stories.active = True
    assert fragments.key("nav", a, nav) is None
    stories.active = False
    assert fragments.key("nav", stories, nav) is None
    assert Fragments(enabled=False).key("nav", a, nav) is None
    assert fragments.key("nav", None, nav) is None
