"""The network's pages, built by the real MkDocs: the tree with counts by
type, each station's place in it, the 阵地码, the laws a 基层立法联系点
worked on, and the contact block with its 代表码 on every profile."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from netkit import DALI, generated_network, network_site
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from images.imagekit import rasterise
from sitekit import build

SITE = "https://example.gov.cn/"


def page(site, url: str) -> HTMLParser:
    return HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def text(node) -> str:
    return re.sub(r"\s+", "", node.text())


def decoded(svg_node) -> list[str]:
    img, _ = rasterise(svg_node.html)
    return [r.text for r in zxingcpp.read_barcodes(img)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = network_site(tmp_path_factory.mktemp("net") / "src")
    return build(root, root.parent / "site", strict=True)


def test_network_page_counts_by_type_and_tree(site):
    doc = page(site, "stations")
    rows = {text(r.css_first("th")): text(r.css_first("td")) for r in doc.css("table.cx-type-counts tbody tr")}
    assert rows == {"代表之家": "1个", "代表工作站": "2个", "专业代表工作站": "1个", "代表联络室": "2个",
                    "代表服务岗": "1个", "基层立法联系点": "1个", "网上代表联络站": "1个"}
    # The tree: 代表之家 at the top, 工作站 under it, 联络室 and 服务岗 under those.
    top = doc.css("ul.cx-tree > li")[0]
    assert text(top.css_first("a")) == "示例市人大代表之家"
    assert "下设代表工作站2个、专业代表工作站1个、代表联络室2个、代表服务岗1个、基层立法联系点1个、网上代表联络站1个" \
        in text(top.css_first(".cx-meta"))
    dongmen = next(li for li in top.css("li") if text(li.css_first("a")) == "东门街道代表工作站")
    assert [text(a) for a in dongmen.css_first("ul.cx-tree").css("a")] == ["柿园社区代表联络站", "学前巷社区代表服务岗"]


def test_network_page_lists_stations_by_region_for_the_finder(site):
    doc = page(site, "stations")
    groups = {g.attributes["id"]: [text(a) for a in g.css("li a")] for g in doc.css("[data-region-group]")}
    assert groups["region-all"] == ["示例市网上代表联络站"]
    assert groups["region-shiyuan-jiedao"] == ["柿园社区代表联络站"]
    assert set(groups["region-lichuan-zhen"]) == {"梨川镇代表工作站", "杏坞村代表联络室", "杏坞村基层立法联系点"}
    chains = {text(li.css_first("a")): li.attributes["data-region"] for li in doc.css("li[data-region]")}
    assert chains["学前巷社区代表服务岗"] == "shili-shi wangshu-qu dongmen-jiedao"
    # Without JavaScript the finder is hidden and the region links are the way in.
    form = doc.css_first("form[data-cx-finder]")
    assert "hidden" in form.attributes
    options = {o.attributes["value"]: o.attributes.get("data-parent") for o in form.css("option") if o.attributes["value"]}
    assert options["dongmen-jiedao"] == "wangshu-qu" and options["lichuan-zhen"] == "qingtang-xian"
    for link in doc.css(".cx-region-nav a"):
        assert doc.css_first(link.attributes["href"]) is not None


def test_station_page_shows_its_place_contact_and_code(site):
    doc = page(site, "stations/xingwu")
    assert [text(a) for a in doc.css(".cx-crumbs a")] == ["联络站", "示例市人大代表之家", "梨川镇代表工作站"]
    tree = doc.css_first("#cx-tree").parent
    assert "上级站点：梨川镇代表工作站（代表工作站）" in text(tree)
    assert tree.css_first("a").attributes["href"] == "../lichuan/"
    assert doc.css_first('a[href^="tel:"]').attributes["href"] == "tel:01235550141"
    assert doc.css_first('a[href^="mailto:"]').attributes["href"] == "mailto:daibiao@example.gov.cn"
    assert decoded(doc.css_first("figure.cx-qr svg")) == [SITE + "stations/xingwu/"]

    parent = page(site, "stations/lichuan")
    assert "下设代表联络室1个、基层立法联系点1个" in text(parent.css_first("#cx-tree").parent)
    home = text(page(site, "stations/jia").css_first("#cx-tree").parent)
    assert "本站是联络网络的最上一级" in home
    assert "下设代表工作站2个、专业代表工作站1个、网上代表联络站1个；连同再下一级，共有代表工作站2个" in home
    jia = page(site, "stations/jia")
    assert "韦晓棠（代表工作委员会干部）" in text(jia.css_first(".cx-facts"))
    assert jia.css_first('.cx-facts a[href="tel:01235550101"]') is not None   # the liaison's office line


def test_inherited_phone_names_who_answers(site):
    doc = page(site, "stations/xueqian")
    tel = doc.css_first('a[href^="tel:"]')
    assert tel.attributes["href"] == "tel:01235550110"
    assert "由东门街道代表工作站接听" in text(tel.parent)


def test_contact_point_lists_the_laws_it_gathered_opinions_on(site):
    doc = page(site, "stations/lianxidian")
    rows = doc.css("#cx-gathered ~ div table tbody tr") or doc.css("table.cx-table tbody tr")
    got = [(text(r.css_first("a")), r.css_first("a").attributes["href"], text(r.css("td")[2]), text(r.css("td")[3]))
           for r in rows]
    assert got == [("《示例市居家养老服务条例》", "../../legislation/yanglao/", "正在征集", "正在征集"),
                   ("《示例市生活垃圾管理条例》", "../../legislation/laji/", "31条", "未公布"),
                   ("《示例市传统村落保护条例》", "../../legislation/cunluo/", "57条", "1046条")]
    # A 联络室 that also gathered opinions shows them; one that did not shows no such section.
    assert "《示例市传统村落保护条例》" in text(page(site, "stations/xingwu").body)
    assert page(site, "stations/dongmen").css_first("#cx-gathered") is None
    # A station named among a consultation's channels lists the law, without a count.
    named = [[text(td) for td in r.css("td")] for r in page(site, "stations/xueqian").css("table.cx-table tbody tr")]
    assert named == [["《示例市机动车停车条例》", "2026年5月8日至2026年6月7日", "未统计", "未公布"]]


def test_profile_contact_block_with_tel_and_message_links(site):
    doc = page(site, "profiles/wang-lan")
    block = doc.css_first("section#contact")
    assert block is not None and text(block.css_first("h2")) == "联系这位代表"
    assert block.css_first('a[href="tel:01235550141"]') is not None
    assert block.css_first('a[href="mailto:daibiao@example.gov.cn"]') is not None
    assert "每周六上午，杏坞村代表联络室" in text(block)
    assert block.css_first('a[href="../../stations/xingwu/"]') is not None
    # The 代表码 opens the page at this block.
    assert decoded(doc.css_first("figure.cx-qr svg")) == [SITE + "profiles/wang-lan/#contact"]
    assert "市级、乡镇人大代表" in text(doc.css_first(".cx-meta"))


def test_profile_without_a_station_points_to_the_online_station(site):
    block = page(site, "profiles/li-wu").css_first("section#contact")
    assert "暂未登记所在的联络站" in text(block)
    assert block.css_first('a[href="../../stations/wangshang/"]') is not None
    assert block.css_first('a[href="https://example.gov.cn/liuyan/"]') is not None
    assert block.css_first('a[href="tel:12345"]') is not None


def test_print_sheet_codes_lead_to_the_contact_block(site):
    doc = page(site, "stations/xingwu/print")
    [card] = doc.css(".cx-qr-card")
    url = text(card.css_first(".cx-qr-card__url"))
    assert url == SITE + "profiles/wang-lan/#contact"
    assert decoded(card.css_first("svg.congress-qr")) == [url]
    assert "电话：0123-5550141" in text(doc.css_first(".cx-print-head"))


def test_the_yunlu_breakdown_is_expressible(tmp_path):
    root = generated_network(tmp_path / "src")
    site = build(root, tmp_path / "site", strict=True)
    doc = page(site, "stations")
    rows = {text(r.css_first("th")): text(r.css_first("td")) for r in doc.css("table.cx-type-counts tbody tr")}
    assert rows == {t: f"{n}个" for t, n in DALI.items()}
    assert "共有站点128个：代表之家1个、代表工作站13个、专业代表工作站5个、代表联络室109个" in text(doc.body)
    top = doc.css_first("ul.cx-tree > li")
    assert "下设代表工作站13个、专业代表工作站5个、代表联络室109个" in text(top.css_first(".cx-meta"))
    # Eighteen stations under the 代表之家 fold away; so do the nine 联络室 of a big 工作站.
    assert top.css_first("details > summary") is not None and "18个站点" in text(top.css_first("summary"))
    home = text(page(site, "stations/jia").css_first("#cx-tree").parent)
    assert "下设代表工作站13个、专业代表工作站5个；连同再下一级，共有代表工作站13个、专业代表工作站5个、代表联络室109个" in home
    # Every 联络室 shows its 工作站.
    for r in (1, 14, 109):
        t = (r - 1) % 13 + 1
        assert f"上级站点：第{t}镇代表工作站（代表工作站）" in text(page(site, f"stations/shi-{r}").body)


def test_directory_filters_by_level_and_region(site):
    doc = page(site, "representatives")
    levels = [o.attributes["value"] for o in doc.css('select[name="level"] option') if o.attributes["value"]]
    assert levels == ["设区的市（自治州）", "县（市、区）", "乡镇"]
    regions = [o.attributes["value"] for o in doc.css('select[name="region"] option') if o.attributes["value"]]
    assert regions == ["qingtang-xian", "lichuan-zhen"]
    card = next(li for li in doc.css("#cx-directory > li") if "王岚" in li.text())
    assert card.attributes["data-region"] == "shili-shi qingtang-xian lichuan-zhen"
    assert card.attributes["data-level"] == "设区的市（自治州） 乡镇"


def jsonld(doc: HTMLParser) -> dict:
    import json

    return json.loads(doc.css_first('script[type="application/ld+json"]').text())


def test_structured_data_names_the_congress_and_the_station_tree(site):
    person = jsonld(page(site, "profiles/wang-lan"))
    assert person["jobTitle"] == "市级、乡镇人大代表"
    assert [m["name"] for m in person["memberOf"]] == ["示例市人民代表大会", "梨川镇人民代表大会"]
    station = jsonld(page(site, "stations/xingwu"))
    assert station["@type"] == "CivicStructure" and station["telephone"] == "0123-5550141"
    assert station["containedInPlace"]["url"] == SITE + "stations/lichuan/"
