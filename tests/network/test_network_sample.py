"""The sample city's network (docs/sample-world.md, section 5) as the site
shows it: the tree with counts by type, each 联络室 under its 工作站, a
contact block with a working tel: and 留言 link on every profile, and the
基层立法联系点 linking the laws it worked on."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from congress_site.model import Layout, load_repository
from sitekit import REPO, SAMPLE_TODAY

REPO_DATA = load_repository(Layout.default(REPO), dt.date.fromisoformat(SAMPLE_TODAY))


@pytest.fixture
def site(sample_site: Path) -> Path:
    return sample_site


def page(site: Path, url: str) -> HTMLParser:
    return HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def flat(node) -> str:
    return re.sub(r"\s+", "", node.text())


def test_the_sample_network_has_every_kind_the_issue_asks_for():
    stations = REPO_DATA.stations
    assert REPO_DATA.findings == []
    kinds = Counter(s.type for s in stations.values())
    assert kinds["代表之家"] == 1 and kinds["代表工作站"] >= 3 and kinds["专业代表工作站"] >= 1
    assert kinds["基层立法联系点"] >= 2 and kinds["网上代表联络站"] == 1
    under_branches = [s for s in stations.values() if s.type in ("代表联络室", "代表服务岗")
                      and stations[s.parent].type == "代表工作站"]
    assert len(under_branches) >= 6
    # One tree: every station reaches the 代表之家.
    home = next(s.id for s in stations.values() if s.type == "代表之家")
    for s in stations.values():
        top = s
        while top.parent:
            top = stations[top.parent]
        assert top.id == home, s.id
    assert all(s.region in REPO_DATA.regions for s in stations.values())
    assert all(p.region in REPO_DATA.regions for p in REPO_DATA.profiles.values() if p.region)


def test_tree_renders_with_counts_by_type(site):
    doc = page(site, "stations")
    rows = {flat(r.css_first("th")): flat(r.css_first("td")) for r in doc.css("table.cx-type-counts tbody tr")}
    expected = Counter(s.type for s in REPO_DATA.stations.values())
    assert rows == {t: f"{n}个" for t, n in expected.items()}
    top = doc.css_first("ul.cx-tree > li")
    assert flat(top.css_first("a")) == "示例市人大代表之家"
    assert "代表工作站7个" in flat(top.css_first(".cx-meta"))


def test_each_liaison_room_shows_its_parent(site):
    rooms = [s for s in REPO_DATA.stations.values() if s.type == "代表联络室"]
    assert len(rooms) >= 6
    for room in rooms:
        parent = REPO_DATA.stations[room.parent]
        tree = page(site, f"stations/{room.id}").css_first("#cx-tree").parent
        assert f"上级站点：{parent.name}（{parent.type}）" in flat(tree)
        assert tree.css_first("a").attributes["href"] == f"../{parent.id}/"


def test_every_profile_has_a_tel_and_a_message_link(site):
    for pid in REPO_DATA.profiles:
        block = page(site, f"profiles/{pid}").css_first("section#contact")
        tel = block.css_first('a[href^="tel:"]')
        assert tel is not None and re.fullmatch(r"tel:0123\d{7}", tel.attributes["href"]), pid
        assert block.css_first('a[href="mailto:daibiao@example.gov.cn"]') is not None, pid


def test_contact_points_link_the_laws_they_worked_on(site):
    for sid in ("fangji-lifa-lianxidian", "xingwu-lifa-lianxidian"):
        links = [a.attributes["href"] for a in page(site, f"stations/{sid}").css("table.cx-table a")]
        assert links and all(re.fullmatch(r"\.\./\.\./legislation/[a-z-]+/", h) for h in links)
        for href in links:
            assert (site / "stations" / sid / href / "index.html").resolve().is_file()
    fangji = flat(page(site, "stations/fangji-lifa-lianxidian").css_first("table.cx-table"))
    assert "《示例市文明行为促进条例》2026年9月1日至2026年9月30日63条436条" in fangji


def test_consultation_channels_name_the_stations_that_take_part(site):
    # The 居家养老 draft is open and names four stations among its channels.
    for sid in ("fangji-lifa-lianxidian", "xingwu-lifa-lianxidian", "shili-daibiao-zhijia", "wangshang-lianluozhan"):
        table = flat(page(site, f"stations/{sid}").css_first("table.cx-table"))
        assert "《示例市居家养老服务条例》2026年11月2日至2027年12月31日正在征集" in table, sid
