"""The network as records: phone numbers, regions, the tree of stations and
the findings a correspondent gets for each kind of mistake."""

from __future__ import annotations

import datetime as dt

import pytest
from netkit import network_site, station

from congress_site.findings import Severity
from congress_site.model import Layout, load_repository
from congress_site.model.network import contact, count_by_type
from congress_site.model.phone import PhoneError, parse_phone
from congress_site.model.regions import load_regions
from sitekit import minimal_site, write

TODAY = dt.date(2026, 11, 22)


def load(root):
    return load_repository(Layout.default(root), TODAY)


@pytest.mark.parametrize(("written", "kind", "tel"), [
    ("0123-5550100", "固定电话", "tel:01235550100"),
    ("010-88568888", "固定电话", "tel:01088568888"),
    ("0571 8765432", "固定电话", "tel:05718765432"),
    ("(0123)5550100", "固定电话", "tel:01235550100"),
    ("（0123）5550100", "固定电话", "tel:01235550100"),
    ("010-88568888-6603", "固定电话", "tel:01088568888,6603"),
    ("0123-5550100转12", "固定电话", "tel:01235550100,12"),
    ("400-810-1234", "服务电话", "tel:4008101234"),
    ("8008101234", "服务电话", "tel:8008101234"),
    ("12345", "服务热线", "tel:12345"),
    ("0123-12345", "服务热线", "tel:012312345"),
    ("96110", "服务热线", "tel:96110"),
])
def test_public_numbers_and_the_links_that_dial_them(written, kind, tel):
    phone = parse_phone(written)
    assert (phone.kind, phone.tel) == (kind, tel)
    assert phone.display == written


@pytest.mark.parametrize(("written", "code"), [
    ("13812345678", "public_phone_mobile"), ("138-1234-5678", "public_phone_mobile"),
    ("+86 139 1234 5678", "public_phone_mobile"),
    ("5550100", "public_phone_format"),        # no area code
    ("0123-0550100", "public_phone_format"),   # a local number never starts with 0 or 1
    ("0123-555010", "public_phone_format"),    # six digits
    ("0123-555010099", "public_phone_format"),  # nine digits
    ("400-810-123", "public_phone_format"), ("1234", "public_phone_format"), ("电话见公告", "public_phone_format"),
])
def test_refused_numbers(written, code):
    with pytest.raises(PhoneError) as err:
        parse_phone(written)
    assert err.value.code == code


def test_regions_tree_names_and_suggestions(tmp_path):
    path = write(tmp_path / "regions.yml", """
        - id: shili-shi
          name: 示例市
          children:
            - id: wangshu-qu
              name: 望舒区
              children:
                - {id: dongmen-jiedao, name: 东门街道}
                - id: chengguan-zhen
                  name: 城关镇
            - id: yunlu-xian
              name: 云麓县
              children:
                - {id: yunlu-chengguan-zhen, name: 城关镇}
    """)
    tree, _, findings = load_regions(path, "content/regions.yml")
    assert findings == []
    assert [r.id for r in tree.walk()] == ["shili-shi", "wangshu-qu", "dongmen-jiedao", "chengguan-zhen",
                                          "yunlu-xian", "yunlu-chengguan-zhen"]
    assert tree.name_of("dongmen-jiedao") == "望舒区东门街道"
    assert tree.name_of("shili-shi") == "示例市" and tree.name_of("wangshu-qu") == "望舒区"
    assert [r.id for r in tree.ancestors("dongmen-jiedao")] == ["shili-shi", "wangshu-qu", "dongmen-jiedao"]
    # A name instead of an id: every place of that name is offered, with its path.
    hint = tree.suggest("城关镇")
    assert "chengguan-zhen（望舒区城关镇）" in hint and "yunlu-chengguan-zhen（云麓县城关镇）" in hint
    assert "dongmen-jiedao" in tree.suggest("dongmen-jiedo")


def test_a_bad_region_leaves_out_only_itself_and_what_is_under_it(tmp_path):
    path = write(tmp_path / "regions.yml", """
        - id: shili-shi
          name: 示例市
          children:
            - id: Wangshu
              name: 望舒区
              children:
                - {id: dongmen-jiedao, name: 东门街道}
            - {id: yunlu-xian, name: 云麓县}
            - {id: yunlu-xian, name: 云麓县}
    """)
    tree, _, findings = load_regions(path, "content/regions.yml")
    assert sorted((f.code, f.line) for f in findings) == [("bad-format", 4), ("duplicate-id", 9)]
    assert set(tree.by_id) == {"shili-shi", "yunlu-xian"}


def test_type_outside_the_list_gets_a_did_you_mean(tmp_path):
    root = minimal_site(tmp_path)
    station(root, "xin", name="新站", type="代表联络点")
    station(root, "fu", name="服务岗", type="服务岗")
    repo = load(root)
    fixes = {f.path: f.fix for f in repo.findings if f.code == "bad-value"}
    assert fixes["content/stations/xin.yml"].startswith("是否想写“代表联络站”")
    assert fixes["content/stations/fu.yml"].startswith("是否想写“代表服务岗”")
    assert "网上代表联络站" in fixes["content/stations/xin.yml"]  # and the whole list
    assert {"xin", "fu"}.isdisjoint(repo.stations)


def test_old_levels_are_refused_with_the_level_they_became(tmp_path):
    root = minimal_site(tmp_path)
    write(root / "profiles/a.yml", "id: a\nname: 甲\nlevels: [区]\n")
    write(root / "profiles/b.yml", "id: b\nname: 乙\nlevels: [市]\n")
    write(root / "profiles/c.yml", "id: c\nname: 丙\nlevels: [省(自治区、直辖市), 乡镇]\n")
    repo = load(root)
    fixes = {f.path: f.fix for f in repo.findings}
    assert "“区”应写作“县（市、区）”" in fixes["profiles/a.yml"]
    assert "“市”应写作“设区的市（自治州）”或“县（市、区）”" in fixes["profiles/b.yml"]
    # ASCII brackets are the same level (the copy checker asks for full-width ones in the file).
    assert repo.profiles["c"].levels == ["省（自治区、直辖市）", "乡镇"]


def test_cycle_holds_back_every_station_on_it_and_below_it(tmp_path):
    root = network_site(tmp_path)
    station(root, "dongmen", name="东门街道代表工作站", type="代表工作站", parent="xueqian", region="dongmen-jiedao")
    repo = load(root)
    cycle = sorted((f.path, f.line) for f in repo.findings if f.code == "parent-cycle")
    assert cycle == [("content/stations/dongmen.yml", 4), ("content/stations/xueqian.yml", 4)]
    message = next(f.message for f in repo.findings if f.code == "parent-cycle")
    assert "东门街道代表工作站 → 学前巷社区代表服务岗 → 东门街道代表工作站" in message
    # shiyuan hangs below the cycle: held too, with a warning that names the cause.
    below = [f for f in repo.findings if f.code == "parent-held"]
    assert [(f.path, f.severity) for f in below] == [("content/stations/shiyuan.yml", Severity.WARNING)]
    assert {"dongmen", "xueqian", "shiyuan"}.isdisjoint(repo.stations)
    assert {"jia", "lichuan", "xingwu", "wangshang"} <= set(repo.stations)
    held = {h.path for h in repo.held_back()}
    assert {"content/stations/dongmen.yml", "content/stations/xueqian.yml", "content/stations/shiyuan.yml"} <= held
    # A profile stationed below it says why its station is missing.
    assert [f.code for f in repo.findings if f.path == "profiles/zhao-mingyuan.yml"] == ["station-held"]


def test_contact_comes_from_the_nearest_station_that_has_it(tmp_path):
    repo = load(network_site(tmp_path))
    assert repo.findings == []
    stations = repo.stations
    own = contact(stations, stations["xingwu"])
    assert own.phone.tel == "tel:01235550141" and own.phone_from is None
    assert own.channel == "daibiao@example.gov.cn" and own.channel_from.id == "jia"
    assert own.channel_href == "mailto:daibiao@example.gov.cn"
    inherited = contact(stations, stations["xueqian"])   # 服务岗 without a phone: its 工作站 answers
    assert inherited.phone.display == "0123-5550110" and inherited.phone_from.id == "dongmen"
    online = contact(stations, stations["wangshang"])
    assert online.channel_href == "https://example.gov.cn/liuyan/" and not online.channel_is_mail
    assert count_by_type(stations.values()) == [
        ("代表之家", 1), ("代表工作站", 2), ("专业代表工作站", 1), ("代表联络室", 2), ("代表服务岗", 1),
        ("基层立法联系点", 1), ("网上代表联络站", 1)]


def test_unknown_station_in_gathered_opinions_is_a_finding(tmp_path):
    root = network_site(tmp_path)
    text = (root / "content/legislation/laji.yml").read_text(encoding="utf-8")
    (root / "content/legislation/laji.yml").write_text(text.replace("station: lianxidian", "station: lianxidain"),
                                                       encoding="utf-8")
    repo = load(root)
    [f] = repo.findings
    assert (f.code, f.line) == ("unknown-station", 6) and "lianxidian" in f.fix
