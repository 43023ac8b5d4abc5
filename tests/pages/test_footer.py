"""The footer from configuration (主办单位, 备案 numbers, 网站标识码, emblem)
and the demonstration notice: shown on every page, checked item by item,
linked to the registries and never loading anything from them."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from congress_site.findings import CongressError
from congress_site.pages.identity import DEMO_NOTICE, MIIT_URL, read_identity
from congress_site.settings import load_settings, parse_options
from sitekit import build, minimal_site, write

FOOTER = {
    "sponsor": "示例市人大常委会",
    "operator": "示例市人大常委会办公室",
    "address": "示例省示例市望舒区文枢路1号",
    "postcode": "990001",
    "phone": "0123-5550100",
    "icp": "京ICP备12345678号-2",
    "police": "京公网安备11010502000001号",
    "site_code": "1100000001",
    "emblem": "assets/biaoshi.png",
    "emblem_link": "https://example.org/verify",
}


def configure(root: Path, **options) -> Path:
    config = root / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"] = [{"congress": options}]
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def emblem(root: Path) -> None:
    from PIL import Image

    (root / "content/assets").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (110, 55), "red").save(root / "content/assets/biaoshi.png")


def test_footer_and_notice_on_every_page(tmp_path):
    root = minimal_site(tmp_path / "src")
    emblem(root)
    write(root / "content/about.md", "# 关于本站\n\n说明。\n")
    configure(root, footer=FOOTER, demo_notice=True)
    site = build(root, tmp_path / "site", strict=True)
    pages = ["index.html", "stories/item-0/index.html", "profiles/zhao-mingyuan/index.html",
             "legislation/cunluo/index.html", "stations/shiyuan/index.html", "about/index.html", "search/index.html"]
    for rel in pages:
        tree = HTMLParser((site / rel).read_text(encoding="utf-8"))
        assert tree.css_first(".cx-demo-note").text() == DEMO_NOTICE, rel
        footer = tree.css_first("footer .cx-site-footer")
        text = footer.text()
        for key in ("sponsor", "operator", "address", "postcode", "phone", "icp", "police", "site_code"):
            assert FOOTER[key] in text, (rel, key)
        for label in ("主办单位", "承办单位", "地址", "邮编", "联系电话", "网站标识码"):
            assert label in text
        links = {a.text(strip=True): a.attributes["href"] for a in footer.css("a") if a.text(strip=True)}
        assert links[FOOTER["icp"]] == MIIT_URL
        assert links[FOOTER["police"]] == "https://beian.mps.gov.cn/#/query/webSearch?code=11010502000001"
        assert links["0123-5550100"] == "tel:01235550100"
        img = footer.css_first("img.cx-site-footer__emblem")
        assert img.attributes["alt"] and (img.attributes["width"], img.attributes["height"]) == ("110", "55")
        assert img.parent.attributes["href"] == FOOTER["emblem_link"]
        assert (site / rel).parent.joinpath(img.attributes["src"]).resolve() == (site / "assets/biaoshi.png").resolve()
        # Links only: no element on the page loads anything from the registries.
        for node in tree.css("[src], link[href], [srcset]"):
            for attr in ("src", "href", "srcset"):
                value = node.attributes.get(attr) or ""
                assert "beian." not in value and "conac" not in value, (rel, node.html)


def test_a_real_site_shows_no_notice_and_an_empty_footer_is_empty(tmp_path):
    root = minimal_site(tmp_path / "src")
    site = build(root, tmp_path / "site", strict=True)
    tree = HTMLParser((site / "index.html").read_text(encoding="utf-8"))
    assert tree.css_first(".cx-demo-note") is None
    assert not tree.css_first(".cx-site-footer").text(strip=True)


@pytest.mark.parametrize("key, value, code", [
    ("icp", "示ICP备00000000号", "bad-icp"),
    ("icp", "京ICP备1234567号", "bad-icp"),
    ("icp", "京ICP备12345678", "bad-icp"),
    ("police", "京公网安备1101050200000号", "bad-police-record"),
    ("police", "京ICP备12345678号", "bad-police-record"),
    ("site_code", "110000000", "bad-site-code"),
    ("site_code", "11000000-1", "bad-site-code"),
    ("postcode", 99001, "bad-postcode"),
    ("phone", "请拨打办公室", "bad-phone"),
    ("emblem", "https://bszs.conac.cn/biaoshi.png", "remote-image"),
    ("emblem", "assets/none.png", "emblem-missing"),
    ("emblem_link", "bszs.conac.cn/x", "bad-link"),
    ("sponser", "示例市人大常委会", "unknown-field"),
    ("icp", ["京ICP备12345678号"], "wrong-type"),
    ("sponsor", {"name": "示例市人大常委会"}, "wrong-type"),
    ("police", True, "wrong-type"),
    ("address", "", "empty-field"),
    ("address", "<script>alert(1)</script>", "html-in-field"),
])
def test_bad_item_is_a_finding_on_its_line_and_left_out(tmp_path, key, value, code):
    root = minimal_site(tmp_path / "src")
    emblem(root)
    config = configure(root, footer={**FOOTER, key: value})
    settings, _ = load_settings(config)
    site, findings = read_identity(settings)
    assert [f.code for f in findings] == [code]
    finding = findings[0]
    assert finding.path == "mkdocs.yml" and finding.fix and finding.message
    line = config.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert line.strip().startswith(f"{key}:"), line
    # Only the bad item is left out.
    kept = {k for k in FOOTER if getattr(site.footer, k, None)}
    assert kept == set(FOOTER) - {key}


def test_bad_number_fails_a_strict_build_but_not_a_preview(tmp_path, caplog):
    root = minimal_site(tmp_path / "src")
    emblem(root)
    configure(root, footer={**FOOTER, "icp": "京ICP备123号"})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(root, tmp_path / "site", strict=True)
    assert any("bad-icp" in r.getMessage() and "mkdocs.yml:" in r.getMessage() for r in caplog.records)
    site = build(root, tmp_path / "site2")
    text = HTMLParser((site / "index.html").read_text(encoding="utf-8")).css_first(".cx-site-footer").text()
    assert FOOTER["police"] in text and "京ICP备123号" not in text


def test_options_read_by_the_cli(tmp_path):
    root = minimal_site(tmp_path / "src")
    configure(root, footer=FOOTER, demo_notice="本站为培训用演示站。")
    settings, _ = load_settings(root / "mkdocs.yml")
    assert dict(settings.options.footer) == FOOTER
    site, _ = read_identity(settings)
    assert site.demo_notice == "本站为培训用演示站。" and site.publisher == "示例市人大常委会"
    with pytest.raises(CongressError) as err:
        parse_options({"footer": ["京ICP备12345678号"]})
    assert err.value.findings[0].code == "bad-option"


def test_congress_check_reports_the_footer_and_the_menu(tmp_path, capsys):
    from congress_site.cli import main

    root = minimal_site(tmp_path / "src")
    emblem(root)
    config = configure(root, footer={**FOOTER, "police": "京公网安备1101050200000号"})
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - congress:home\n  - lianxi.md\n",
                      encoding="utf-8")
    assert main(["check", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert "[bad-police-record]" in out and "[nav-missing-page]" in out and "mkdocs.yml:" in out
