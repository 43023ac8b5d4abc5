"""Who publishes what, decided from sites.yml and the records alone (no
build): the region and level rules, addresses between sites, the links a
district writes to pages it does not publish, and a bad sites file."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit
from congress_site.federation import load_federation
from congress_site.findings import CongressError
from congress_site.model import load_repository
from congress_site.pages.scope import SiteRoutes, SiteScope
from congress_site.render import site_links
from congress_site.settings import load_settings

REPO = sitekit.REPO


@pytest.fixture(scope="module")
def federation():
    return load_federation(REPO / "sites.yml")


@pytest.fixture(scope="module")
def repo():
    import datetime as dt

    settings, _ = load_settings(REPO / "sites" / "wangshu" / "mkdocs.yml")
    return load_repository(settings.layout, dt.date.fromisoformat(sitekit.SAMPLE_TODAY))


def test_sites_file_reads_each_sites_mkdocs_yml(federation):
    wangshu = federation.get("wangshu")
    assert wangshu.url == "https://example.gov.cn/wangshu/"
    assert wangshu.build_dir == (REPO / "build" / "wangshu").resolve()
    assert federation.hub.name == "shi" and federation.hub.path == "/"
    assert wangshu.href_from(federation.hub) == "wangshu/"
    assert federation.hub.href_from(wangshu) == "../"
    assert federation.get("luting").href_from(wangshu) == "../luting/"


COUNTY, CITY = "县（市、区）", "设区的市（自治州）"


@pytest.mark.parametrize("region, levels, owner", [
    ("liuyin-jiedao", [COUNTY], "wangshu"),
    ("wangshu-qu", [COUNTY, CITY], "wangshu"),
    ("wangshu-qu", [CITY], "shi"),          # a 市 representative stays with the city
    ("weian-jiedao", None, "luting"),       # a story or station: no level rule
    ("lichuan-zhen", None, "shi"),          # no county site: the hub
    ("shili-shi", None, "shi"),
    (None, None, "shi"),
])
def test_region_and_level_decide_the_owner(federation, repo, region, levels, owner):
    chain = SiteScope(federation, federation.hub, repo).chain(region)
    assert (chain[-1] if chain else None) == region
    assert federation.region_owner(chain, levels).name == owner


def test_district_links_pages_it_does_not_publish_on_the_owner(federation, repo):
    scope = SiteScope(federation, federation.get("wangshu"), repo)
    routes = SiteRoutes(scope, {"profiles/yu-peilan/", "stories/yanglao-ditu/"})
    assert routes.profile("yu-peilan") == "profiles/yu-peilan/"
    assert routes.profile("bai-wenyin") == "https://example.gov.cn/luting/profiles/bai-wenyin/"
    assert routes.profile("fan-qingchuan") == "https://example.gov.cn/profiles/fan-qingchuan/"
    assert routes.legislation("shili-lishi-chengqu") == "https://example.gov.cn/legislation/shili-lishi-chengqu/"
    assert routes.station("weian-gongzuozhan") == "https://example.gov.cn/luting/stations/weian-gongzuozhan/"
    assert routes.TRACKER == "https://example.gov.cn/legislation/"
    assert routes.story("zhouliu-jiazhang-ketang") == "https://example.gov.cn/luting/stories/zhouliu-jiazhang-ketang/"
    body = "见[草案](/legislation/shili-jujia-yanglao/zhengqiu-yijian-gao/#article-12)和[俞佩兰](/profiles/yu-peilan/)。"
    out = site_links(body, "stories/yanglao-ditu/index.md", frozenset({"profiles/yu-peilan/index.md"}), routes.place)
    assert out == ("见[草案](https://example.gov.cn/legislation/shili-jujia-yanglao/zhengqiu-yijian-gao/#article-12)"
                   "和[俞佩兰](../../profiles/yu-peilan/index.md)。")


def test_a_broken_sites_file_names_its_line(tmp_path: Path):
    path = tmp_path / "sites.yml"
    path.write_text("sites:\n  - name: shi\n    label: [示例市\n", encoding="utf-8")
    with pytest.raises(CongressError) as err:
        load_federation(path)
    assert err.value.findings[0].code == "yaml-syntax" and err.value.findings[0].line == 3


def test_a_site_whose_config_is_missing_is_a_finding(tmp_path: Path):
    path = tmp_path / "sites.yml"
    path.write_text("sites:\n  - name: shi\n    label: 示例市\n    config: nowhere/mkdocs.yml\n    hub: true\n",
                    encoding="utf-8")
    with pytest.raises(CongressError) as err:
        load_federation(path)
    assert [(f.code, f.line) for f in err.value.findings] == [("site-config-missing", 4)]
