"""Each site of the 站群 sample publishes its own stories and the people and
stations of its regions, links everything else to the site that publishes
it, and the hub shows the districts' newest stories."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from federationkit import congress

import sitekit
from congress_site.federation import load_federation
from congress_site.findings import CongressError
from congress_site.model.regions import load_regions

pytestmark = pytest.mark.slow


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def published_stories(root: Path) -> dict[str, str]:
    """slug → region of every story the sample publishes on the build date."""
    out = {}
    for path in (root / "stories").rglob("*.md"):
        meta = front(path)
        if not meta.get("draft") and str(meta["date"]) <= sitekit.SAMPLE_TODAY:
            out[path.stem.split("-", 2)[2]] = meta.get("region") or ""
    return out


def built(site: Path, folder: str) -> set[str]:
    return {p.parent.name for p in (site / folder).glob("*/index.html")}


def test_every_story_is_published_once_by_the_site_of_its_region(federation):
    stories = published_stories(federation)
    build = federation / "build"
    wangshu, luting, shi = built(build / "wangshu", "stories"), built(build / "luting", "stories"), built(build / "shi", "stories")
    tree, _, _ = load_regions(federation / "content" / "regions.yml", "content/regions.yml")
    # Each region id → the 区 or 县 it lies in (depth 1 under the city).
    district = {r.id: a.id for r in tree.walk() for a in tree.ancestors(r.id) if a.depth == 1}
    assert wangshu == {s for s, r in stories.items() if district.get(r) == "wangshu-qu"}
    assert luting == {s for s, r in stories.items() if district.get(r) == "luting-qu"}
    assert wangshu and luting and not (wangshu & luting) and not (shi & (wangshu | luting))
    assert shi | wangshu | luting == set(stories)


def test_district_people_and_stations_are_the_districts_and_laws_the_hubs(federation):
    build = federation / "build"
    # 俞佩兰 is a 区 representative in 柳荫街道 (望舒区); 范晴川 a 市 one living there.
    assert "yu-peilan" in built(build / "wangshu", "profiles")
    assert "yu-peilan" not in built(build / "shi", "profiles")
    assert "fan-qingchuan" in built(build / "shi", "profiles")
    assert "fan-qingchuan" not in built(build / "wangshu", "profiles")
    assert "weian-xincun-lianluoshi" in built(build / "luting", "stations")
    assert "weian-xincun-lianluoshi" not in built(build / "shi", "stations")
    assert built(build / "shi", "legislation") and not built(build / "wangshu", "legislation")
    assert not (build / "wangshu" / "suggestions").exists()


def test_links_to_another_sites_pages_are_absolute_urls_there(federation):
    build = federation / "build"
    story = (build / "wangshu" / "stories" / "lishi-chengqu-biaojue" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.gov.cn/legislation/shili-lishi-chengqu/"' in story
    assert 'href="../../profiles/lan-jincheng/"' in story  # a 区 representative of 望舒区: this site
    hub_story = (build / "shi" / "stories" / "tianjian-dao-canzhuo" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', hub_story))
    assert "https://example.gov.cn/profiles/lu-jiahe/" not in links
    assert "../../profiles/lu-jiahe/" in links  # 卢嘉禾, 县 and 市, 青棠县: no district site, the hub's


def test_hub_home_lists_each_districts_newest_stories(federation):
    home = (federation / "build" / "shi" / "index.html").read_text(encoding="utf-8")
    for name in ("wangshu", "luting"):
        data = json.loads((federation / "build" / name / "data" / "stories.json").read_text(encoding="utf-8"))
        newest = data["stories"][0]
        assert newest["url"].startswith(f"https://example.gov.cn/{name}/stories/")
        assert f'href="{newest["url"]}"' in home


def test_assembled_folder_serves_every_site_at_its_path(federation):
    out = federation / "build" / "sites"
    assert (out / "index.html").is_file()
    assert (out / "wangshu" / "stories" / "yanglao-ditu" / "index.html").is_file()
    assert (out / "luting" / "stories" / "zhouliu-jiazhang-ketang" / "index.html").is_file()
    assert (out / "luting" / "pagefind" / "pagefind.js").is_file()


def test_cross_site_links_check_clean_without_network(federation):
    done = congress(federation, "links", "--federation", "sites.yml", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_cross_site_link_broken_on_purpose_is_reported(federation, tmp_path):
    about = federation / "sites" / "shi" / "content" / "about.md"
    original = about.read_text(encoding="utf-8")
    try:
        about.write_text(original + "\n见[一位不存在的代表](https://example.gov.cn/wangshu/profiles/no-such-person/)。\n"
                         "另见[柳荫街道](https://example.gov.cn/wangshu/stations/liuyin-gongzuozhan/#no-anchor)。\n",
                         encoding="utf-8")
        hub = tmp_path / "hub"
        done = sitekit.engine_build(federation / "sites" / "shi" / "mkdocs.yml", hub)
        assert done.returncode == 0, done.stderr[-2000:]
    finally:
        about.write_text(original, encoding="utf-8")
    build = federation / "build"
    done = congress(federation, "links", str(hub), "--format", "json",
                    "--site", f"https://example.gov.cn/={hub}",
                    "--site", f"https://example.gov.cn/wangshu/={build / 'wangshu'}",
                    "--site", f"https://example.gov.cn/luting/={build / 'luting'}")
    assert done.returncode == 1
    found = [f for f in json.loads(done.stdout) if f["path"] == "about/index.html"]
    assert {f["code"] for f in found} == {"missing-page"}
    assert any("no-such-person" in f["message"] for f in found)
    assert any("#no-anchor" in f["message"] for f in found)


def test_a_bad_sites_file_is_a_finding_with_its_line(tmp_path):
    path = tmp_path / "sites.yml"
    path.write_text("sites:\n  - name: shi\n    label: 示例市\n    config: nowhere/mkdocs.yml\n    hub: true\n"
                    "  - name: Bad Name\n    label: 坏\n    config: x.yml\n", encoding="utf-8")
    with pytest.raises(CongressError) as err:
        load_federation(path)
    assert [(f.code, f.line) for f in err.value.findings] == [("bad-format", 6)]


def test_an_unknown_site_name_fails_the_build_with_a_finding(federation, tmp_path):
    config = federation / "sites" / "luting" / "mkdocs.yml"
    bad = config.with_name("mkdocs-bad.yml")
    bad.write_text(config.read_text(encoding="utf-8").replace("site: luting", "site: lu-ting"), encoding="utf-8")
    try:
        done = sitekit.engine_build(bad, tmp_path / "out", "--strict")
    finally:
        bad.unlink()
    assert done.returncode != 0
    assert "federation-site-unknown" in done.stderr and "luting" in done.stderr
