"""The menu is the editors': `nav:` in mkdocs.yml orders hand-written pages,
links and generated sections (`congress:<name>`); without it the default
menu; a wrong entry is a Chinese finding naming mkdocs.yml and its line."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from congress_site.model import load_repository
from congress_site.pages.menu import SECTIONS, build_menu
from congress_site.pages.plan import plan_site
from congress_site.settings import load_settings
from sitekit import build, minimal_site, write

NAV_YAML = """
nav:
  - 首页: congress:home
  - 人大概况: renda-gaikuang.md
  - congress:columns
  - 代表与联络站:
      - 代表名录: congress:representatives
      - congress:stations
  - 立法: congress:legislation
  - 联系我们: lianxi-women.md
  - 中国人大网: http://www.npc.gov.cn/
"""


def site_with_nav(root: Path, nav_yaml: str) -> Path:
    minimal_site(root)
    write(root / "content/renda-gaikuang.md", "# 人大概况\n\n示例市人大常委会设有若干专门委员会。\n")
    write(root / "content/lianxi-women.md", "# 联系我们\n\n地址：示例市文枢路1号。\n")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + nav_yaml, encoding="utf-8")
    return root


def tab_titles(html: str) -> list[str]:
    """The menu's top level, as Material renders it in the primary sidebar."""
    tree = HTMLParser(html)
    items = tree.css("nav.md-nav--primary > ul > li")
    return [re.sub(r"\s+", "", li.css_first("a, label").text()) for li in items]


def plan_for(root: Path):
    settings, config = load_settings(root / "mkdocs.yml")
    repo = load_repository(settings.layout, settings.today)
    hand = {p.relative_to(settings.docs_dir).as_posix() for p in settings.docs_dir.rglob("*.md")}
    return plan_site(repo, settings, hand, nav=config.get("nav"))


def test_nav_orders_generated_sections_and_hand_written_pages(tmp_path):
    root = site_with_nav(tmp_path / "src", NAV_YAML)
    site = build(root, tmp_path / "site", strict=True)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert tab_titles(home) == ["首页", "人大概况", "栏目", "代表与联络站", "立法", "联系我们", "中国人大网"]
    # The sections keep their generated entries, in the editors' order.
    links = HTMLParser(home).css("nav.md-nav--primary a.md-nav__link, nav.md-nav--primary label.md-nav__link")
    titles = list(dict.fromkeys(re.sub(r"\s+", "", a.text()) for a in links))
    assert titles == ["首页", "人大概况", "栏目", "基层传真", "空栏目", "代表与联络站", "代表名录", "联络站", "立法",
                      "联系我们", "中国人大网"]
    assert (site / "renda-gaikuang/index.html").is_file()
    assert 'href="http://www.npc.gov.cn/"' in home


def test_without_nav_the_default_menu(tmp_path):
    root = minimal_site(tmp_path / "src")
    write(root / "content/about.md", "# 关于本站\n\n说明。\n")
    site = build(root, tmp_path / "site", strict=True)
    assert tab_titles((site / "index.html").read_text(encoding="utf-8")) == [
        "首页", "栏目", "人大代表", "立法进程", "联络站", "关于本站"]


def test_missing_page_and_unknown_section_name_the_line(tmp_path):
    nav = NAV_YAML.replace("lianxi-women.md", "lianxi-wemen.md").replace("congress:legislation",
                                                                         "congress:legislaton")
    root = site_with_nav(tmp_path / "src", nav)
    plan = plan_for(root)
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    found = {f.code: f for f in plan.findings}
    missing, unknown = found["nav-missing-page"], found["nav-unknown-section"]
    assert missing.path == unknown.path == "mkdocs.yml"
    assert "lianxi-wemen.md" in lines[missing.line - 1] and "lianxi-wemen.md" in missing.message
    assert "lianxi-women.md" in missing.fix                 # did you mean
    assert "congress:legislaton" in lines[unknown.line - 1]
    assert "congress:legislation" in unknown.fix
    # Both entries are left out; the rest of the menu stands.
    titles = [e.title for e in plan.menu]
    assert titles == ["首页", "人大概况", "栏目", "代表与联络站", "中国人大网"]


def test_nested_entry_line_and_strict_build_refused(tmp_path, caplog):
    nav = NAV_YAML.replace("      - congress:stations", "      - zhanzhang.md")
    root = site_with_nav(tmp_path / "src", nav)
    plan = plan_for(root)
    finding = next(f for f in plan.findings if f.code == "nav-missing-page")
    assert "zhanzhang.md" in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[finding.line - 1]
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build(root, tmp_path / "site", strict=True)
    assert any("zhanzhang.md" in r.getMessage() and "mkdocs.yml:" in r.getMessage() for r in caplog.records)
    # Not strict (the editor's preview): the site is built without the entry.
    site = build(root, tmp_path / "site2")
    assert "代表名录" in (site / "index.html").read_text(encoding="utf-8")


def test_every_section_name_builds_an_entry(tmp_path):
    root = minimal_site(tmp_path / "src")
    # Sections of records a site may lack (suggestions, projects, meetings, oversight) need a record each.
    write(root / "content/suggestions/2025.yml", """
        - {number: "1", session: 十届四次会议, title: 关于增设公交站点的建议, lead: zhao-mingyuan, category: 交通管理,
           unit: 市交通运输局, assigned: 2025-02-10, status: 办理中}
    """)
    write(root / "content/projects/2025.yml", """
        vote: {meeting: 示例市第十届人民代表大会第四次会议, date: 2025-01-16}
        candidates:
          - {id: gongce, title: 城市公厕改造提升, responsible: 市城市管理局, votes: {in_favour: 240}, elected: true}
    """)
    write(root / "content/meetings/cwh-10-1.yml", """
        {id: cwh-10-1, kind: 常委会会议, term: 10, session: 1, date: 2022-01-07, place: 市人大常委会会议室}
    """)
    write(root / "content/oversight/xunwen.yml", """
        {id: xunwen, kind: 专题询问, subject: 养老服务体系建设}
    """)
    settings, _ = load_settings(root / "mkdocs.yml")
    repo = load_repository(settings.layout, settings.today)
    plan = plan_site(repo, settings, set())
    nav = [f"congress:{name}" for name in SECTIONS]
    menu, findings = build_menu(repo, nav, set(plan.pages), lambda at: ("mkdocs.yml", 1, 1))
    assert not findings and len(menu) == len(SECTIONS)
    for entry in menu:
        targets = [entry.src] if entry.src else [c.src for c in entry.children]
        assert targets and all(t in plan.pages for t in targets), entry


def test_meetings_and_oversight_are_left_out_without_records(tmp_path):
    root = minimal_site(tmp_path / "src")
    settings, _ = load_settings(root / "mkdocs.yml")
    repo = load_repository(settings.layout, settings.today)
    plan = plan_site(repo, settings, set())
    menu, findings = build_menu(repo, ["congress:meetings", "congress:oversight", "congress:home"], set(plan.pages),
                                lambda at: ("mkdocs.yml", 1, 1))
    assert not findings and [e.title for e in menu] == ["首页"]
    assert not any(uri.startswith(("meetings/", "oversight/")) for uri in plan.pages)


def test_tags_in_mkdocs_yml_do_not_stop_the_line_lookup(tmp_path):
    nav = NAV_YAML.replace("lianxi-women.md", "missing.md")
    root = site_with_nav(tmp_path / "src", nav)
    config = root / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert data["nav"]
    config.write_text("extra:\n  x: !ENV [NO_SUCH_VAR, 1]\n  y: !!python/name:os.getcwd\n"
                      + config.read_text(encoding="utf-8"), encoding="utf-8")
    settings, _ = load_settings(config)
    repo = load_repository(settings.layout, settings.today)
    hand = {"renda-gaikuang.md"}
    plan = plan_site(repo, settings, hand, nav=data["nav"])
    finding = next(f for f in plan.findings if f.code == "nav-missing-page")
    assert "missing.md" in config.read_text(encoding="utf-8").splitlines()[finding.line - 1]
