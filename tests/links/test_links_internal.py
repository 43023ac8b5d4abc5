"""Internal links of a built site: each kind of breakage is found at the right
place, and links that work raise no alarm."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from linkkit import page

from congress_site.findings import render
from congress_site.links import LinkOptions, check_site, for_source_files
from congress_site.links.site import parse_srcset

OK_ASSETS = {
    "assets/main.css": "body{}",
    "assets/app.js": "",
    "images/logo.png": b"\x89PNG",
}


def codes(report) -> list[tuple[str, str]]:
    return sorted((f.path, f.code) for f in report.findings)


def test_clean_site_has_no_findings(make_site):
    site = make_site({
        **OK_ASSETS,
        "index.html": page('<a href="stories/a/">甲</a><a href="stories/a/#h2">甲的第二节</a>'
                           '<img src="images/logo.png" alt="徽标">', head='<link rel="stylesheet" href="assets/main.css">'),
        "stories/a/index.html": page('<h2 id="h2">二</h2><a href="../../">首页</a><a href="../b/">乙</a>'
                                     '<a href="#h2">本节</a><a href="#top">顶部</a><a href="">本页</a>'
                                     '<script src="../../assets/app.js"></script>'),
        "stories/b/index.html": page('<a href="../a/index.html#h2">甲</a><a href="../a">无斜杠</a>'
                                     '<img src="../../images/logo.png" srcset="../../images/logo.png 2x" alt="">'),
    })
    report = check_site(site)
    assert report.findings == []
    assert report.stats.pages == 3
    assert report.stats.internal == 14  # 4 + 6 + 4 URLs, srcset counted per entry


def test_missing_page_with_line_and_column(make_site):
    site = make_site({
        "index.html": page('<p>第一段</p>\n<p>见 <a href="stories/nope/">不存在的稿件</a></p>'),
    })
    [f] = check_site(site).findings
    assert (f.path, f.code) == ("index.html", "missing-page")
    text = (site / "index.html").read_text(encoding="utf-8")
    line = text.splitlines()[f.line - 1]
    # the column points at the URL itself, counted in characters, not bytes
    assert line[f.column - 1:].startswith("stories/nope/")
    assert f.end_column - f.column == len("stories/nope/")
    assert "stories/nope/" in f.message and f.fix


def test_missing_anchor_on_same_and_other_page(make_site):
    site = make_site({
        "index.html": page('<h2 id="real">真</h2><a href="#fake">错锚</a><a href="a/#ghost">他页错锚</a>'
                           '<a href="a/#exists">他页真锚</a>'),
        "a/index.html": page('<h2 id="exists">在</h2>'),
    })
    findings = check_site(site).findings
    assert [(f.code, f.extra["fragment"]) for f in findings] == [("missing-anchor", "fake"),
                                                                  ("missing-anchor", "ghost")]
    assert "/a/" in findings[1].message


def test_anchor_by_a_name_and_percent_encoded_chinese_id(make_site):
    site = make_site({
        "index.html": page('<a name="old"></a><h2 id="代表风采">代表风采</h2>'
                           f'<a href="#old">旧锚</a><a href="#{quote("代表风采")}">中文锚</a>'
                           f'<a href="#{quote("不存在")}">坏</a>'),
    })
    [f] = check_site(site).findings
    assert f.code == "missing-anchor" and "不存在" in f.message


def test_missing_image_and_file(make_site):
    site = make_site({
        **OK_ASSETS,
        "stories/a/index.html": page('<img src="images/cover.jpg" alt="封面">\n'
                                     '<a href="../../files/report.pdf">报告</a>\n'
                                     '<link rel="stylesheet" href="../../assets/gone.css">'),
    })
    got = {(f.code, f.extra["url"]) for f in check_site(site).findings}
    assert got == {("missing-image", "images/cover.jpg"), ("missing-file", "../../files/report.pdf"),
                   ("missing-file", "../../assets/gone.css")}


def test_srcset_entry_missing(make_site):
    site = make_site({
        "images/a-640.webp": b"x",
        "images/a.jpg": b"x",
        "index.html": page('<picture><source srcset="images/a-640.webp 640w, images/a-1280.webp 1280w">'
                           '<img src="images/a.jpg" srcset="images/a.jpg 1x,images/a@2x.jpg 2x" alt="图"></picture>'),
    })
    findings = check_site(site).findings
    assert {(f.code, f.extra["url"]) for f in findings} == {("missing-image", "images/a-1280.webp"),
                                                            ("missing-image", "images/a@2x.jpg")}
    text = (site / "index.html").read_text(encoding="utf-8")
    for f in findings:  # located inside the srcset value
        assert text.splitlines()[f.line - 1][f.column - 1:].startswith(f.extra["url"])


def test_parse_srcset_follows_html_rules():
    assert parse_srcset("a.jpg 1x, b.jpg 2x") == ["a.jpg", "b.jpg"]
    assert parse_srcset("a.jpg,b.jpg 2x") == ["a.jpg,b.jpg"]  # a comma inside a URL
    assert parse_srcset(" a.jpg, b.jpg") == ["a.jpg", "b.jpg"]
    assert parse_srcset("data:image/png;base64,AAA= 1x") == ["data:image/png;base64,AAA="]


def test_percent_encoded_chinese_path_that_exists_is_fine(make_site):
    tag = "交通治理"
    site = make_site({
        f"tags/{tag}/index.html": page("<h1 id='t'>标签</h1>"),
        "images/合影.jpg": b"x",
        "index.html": page(f'<a href="tags/{quote(tag)}/">编码</a><a href="tags/{tag}/#t">未编码</a>'
                           f'<img src="images/{quote("合影")}.jpg" alt="合影">'
                           f'<a href="tags/{quote("养老服务")}/">不存在的标签</a>'),
    })
    [f] = check_site(site).findings
    assert f.code == "missing-page" and quote("养老服务") in f.extra["url"]


def test_relative_parent_links(make_site):
    site = make_site({
        "profiles/zhang/index.html": page(""),
        "columns/c/page/2/index.html": page('<a href="../../../../profiles/zhang/">好</a>'
                                            '<a href="../../../../profiles/wang/">坏</a>'
                                            '<a href="../3/">坏页码</a>'
                                            '<a href="./../../../../profiles/./zhang/">绕路也好</a>'
                                            '<a href="../../../../../../escape/">越界</a>'),
    })
    got = [(f.code, f.extra["url"]) for f in check_site(site).findings]
    assert sorted(got) == [("missing-page", "../../../../profiles/wang/"), ("missing-page", "../3/"),
                           ("outside-site", "../../../../../../escape/")]


def test_site_url_path_is_the_root_for_absolute_links(make_site):
    site = make_site({
        "stories/a/index.html": page(""),
        "index.html": page('<a href="/rd/stories/a/">好</a><a href="/rd/stories/b/">坏</a>'
                           '<a href="/other/">站外路径</a><a href="/rd">根</a>'
                           '<link rel="canonical" href="https://example.gov.cn/rd/stories/a/">'
                           '<a href="https://example.gov.cn/rd/stories/zzz/">本站全地址</a>'),
    })
    report = check_site(site, LinkOptions(site_url="https://example.gov.cn/rd/"))
    assert sorted((f.code, f.extra["url"]) for f in report.findings) == [
        ("missing-page", "/rd/stories/b/"), ("missing-page", "https://example.gov.cn/rd/stories/zzz/"),
        ("outside-site", "/other/")]
    # without a site_url, "/" is the root and /rd/… is just missing
    plain = check_site(site)
    assert {f.extra["url"] for f in plain.findings} >= {"/rd/stories/a/", "/other/"}


def test_schemes_skipped_external_counted_and_javascript_refused(make_site):
    site = make_site({
        "index.html": page('<a href="mailto:rd@example.gov.cn">信</a><a href="tel:12345">电话</a>'
                           '<a href="https://www.npc.gov.cn/">全国人大</a><a href="//cdn.example.com/x.js">协议相对</a>'
                           '<img src="data:image/gif;base64,R0lGOD==" alt="">'
                           '<a href="javascript:alert(1)">点我</a><a href=" JavaScript:void(0) ">又一个</a>'),
    })
    report = check_site(site)
    assert [f.code for f in report.findings] == ["unsafe-url", "unsafe-url"]
    assert report.stats.external == 2 and report.stats.other == 3
    assert report.stats.external_checked == 0


def test_base_href_changes_resolution(make_site):
    site = make_site({
        "docs/x/index.html": page(""),
        "a/b/index.html": page('<a href="x/">经 base 解析</a><a href="y/">坏</a>', head='<base href="../../docs/">'),
    })
    assert [f.extra["url"] for f in check_site(site).findings] == ["y/"]


def test_meta_refresh_target_is_checked(make_site):
    site = make_site({
        "old/index.html": page("", head='<meta http-equiv="refresh" content="0; url=../new/">'),
    })
    [f] = check_site(site).findings
    assert f.code == "missing-page" and f.extra["url"] == "../new/"


def test_repeated_broken_link_reported_at_each_place(make_site):
    site = make_site({
        "index.html": page('<a href="x/">一</a>\n<p>中间</p>\n<a href="x/">二</a>\n'
                           '<a title="y/" href="y/?a=1&amp;b=2">实体</a>'),
    })
    findings = sorted(check_site(site).findings)
    text = (site / "index.html").read_text(encoding="utf-8").splitlines()
    assert [f.line for f in findings[:2]] != [findings[0].line] * 2
    for f in findings[:2]:
        assert text[f.line - 1][f.column - 1:].startswith("x/")
    # entity-encoded in the file, decoded by the parser: still located, in href not title
    amp = findings[2]
    assert text[amp.line - 1][amp.column - 1:].startswith("y/?a=1&amp;b=2")


def test_source_meta_named_in_message_and_github_moves_to_source(make_site, tmp_path: Path):
    story = tmp_path / "stories" / "2025" / "07-05-xingqiao.md"
    story.parent.mkdir(parents=True)
    story.write_text("---\ntitle: 星桥街\n---\n\n正文。\n\n![现场](images/scene.jpg)\n", encoding="utf-8")
    site = make_site({
        "stories/xingqiao/index.html": page('<img src="images/scene.jpg" alt="现场">',
                                           source="stories/2025/07-05-xingqiao.md"),
    })
    report = check_site(site)
    [f] = report.findings
    assert f.path == "stories/xingqiao/index.html"
    assert "来源：stories/2025/07-05-xingqiao.md" in f.message
    [g] = for_source_files(report.findings, tmp_path)
    assert g.path == "stories/2025/07-05-xingqiao.md"
    assert (g.line, g.column) == (7, len("![现场](") + 1)  # the image named in the Markdown
    assert "stories/xingqiao/index.html" in g.message and "来源" not in g.message
    out = render([g], "github")
    assert out.startswith("::error file=stories/2025/07-05-xingqiao.md,line=7,")


def test_page_without_source_is_annotated_under_the_site_folder(make_site, tmp_path: Path):
    site = make_site({"404.html": page('<a href="gone/">坏</a>'),
                      "odd.html": page('<a href="gone/">坏</a>', source="../../etc/passwd")})
    moved = for_source_files(check_site(site).findings, tmp_path, "site/")
    # a source outside the project is not followed
    assert sorted(g.path for g in moved) == ["site/404.html", "site/odd.html"]
    assert all(g.line > 1 for g in moved)


def test_json_findings_use_the_lint_keys(make_site):
    site = make_site({"index.html": page('<a href="gone/">坏</a>')})
    [item] = json.loads(render(check_site(site).findings, "json"))
    assert list(item) == ["path", "line", "column", "end_line", "end_column", "code", "severity", "message", "fix"]
    assert item["severity"] == "error" and item["code"] == "missing-page"


def test_ignore_patterns(make_site):
    site = make_site({
        "index.html": page('<a href="legacy/old.html">旧站</a><a href="https://weixin.qq.com/x">微信</a>'
                           '<a href="gone/">坏</a>'),
    })
    report = check_site(site, LinkOptions(ignore=["legacy/*", "re:weixin\\.qq\\.com"]))
    assert [f.extra["url"] for f in report.findings] == ["gone/"]
    assert report.stats.ignored == 2


def test_missing_site_dir_is_a_finding(tmp_path: Path):
    from congress_site.findings import CongressError

    with pytest.raises(CongressError) as err:
        check_site(tmp_path / "site")
    assert err.value.findings[0].code == "no-site"
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "style.css").write_text("", encoding="utf-8")
    with pytest.raises(CongressError) as err:
        check_site(tmp_path / "site")
    assert err.value.findings[0].code == "no-pages"


def test_file_name_with_a_literal_percent(make_site):
    site = make_site({"files/100%.pdf": b"%PDF", "index.html": page('<a href="files/100%.pdf">文件</a>')})
    assert check_site(site).findings == []


def test_non_utf8_and_broken_html_do_not_crash(make_site):
    site = make_site({
        "gbk.html": "<a href='nope/'>坏</a>".encode("gbk"),
        "broken.html": "<a href='also-nope/'><div <<< <img src=>",
        "empty.html": "",
    })
    report = check_site(site)
    assert {f.extra["url"] for f in report.findings} >= {"nope/", "also-nope/"}
