"""A small site with every part of public consultation, built once with the
real MkDocs (strict, anchors checked): the law page's comment box, document
pages with article anchors, downloads, the consultations page and its feed,
the calendar, plan pages, stage explanations, the approval clock, and a
story linking to an article that `congress links` resolves."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from congress_site.links.check import LinkOptions, check_site
from consultkit import BUILD_DATE, PDF, make_site
from sitekit import build


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("consult") / "src")
    return build(root, root.parent / "site", today=BUILD_DATE, strict=True)


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_law_page_has_the_comment_box_with_every_channel(site):
    page = html(site, "legislation/yanglao/index.html")
    box = page[page.index('id="cx-comment"'):page.index("</section>", page.index('id="cx-comment"'))]
    assert '<time datetime="2027-12-31">2027年12月31日</time>' in box
    assert 'data-cx-deadline="2027-12-31"' in box
    assert 'href="zhengqiu-gao/"' in box and "阅读草案征求意见稿" in box
    assert 'href="mailto:lifa@example.gov.cn?subject=%E5%AF%B9%E3%80%8A' in box
    assert 'href="tel:01235550100"' in box and "0123-5550101" in box
    assert 'href="https://lifa.example.gov.cn/yijian/"' in box
    assert 'href="../../stations/shiyuan/"' in box and "柿园社区代表联络站" in box
    assert "测试市文枢路1号测试市人大常委会法制工作委员会，邮编990100" in box
    # Near the top: before the facts, the documents and the timeline.
    assert page.index('id="cx-comment"') < page.index('class="cx-facts"') < page.index('class="cx-timeline"')
    assert "cx-countdown.js" in page


def test_law_page_lists_documents_plan_and_stage_explanations(site):
    page = html(site, "legislation/yanglao/index.html")
    assert 'href="shuoming.pdf" type="application/pdf"' in page and "（PDF，3 KB）" in page
    assert '<a href="../plans/2026/">2026年度立法工作计划</a>（调研项目）' in page
    assert "任何单位和个人都可以提出意见" in page and "常委会主任会议通过立法计划" in page
    assert (site / "legislation/yanglao/shuoming.pdf").read_bytes() == PDF


def test_the_draft_page_has_chapter_contents_and_article_anchors(site):
    page = html(site, "legislation/yanglao/zhengqiu-gao/index.html")
    assert [int(n) for n in re.findall(r'<p id="article-(\d+)" class="cx-article">', page)] == list(range(1, 14))
    assert re.findall(r'<h2 id="(chapter-\d)"', page) == ["chapter-1", "chapter-2", "chapter-3"]
    assert '<a href="#chapter-2">第二章　服务与保障</a><span class="cx-contents__span">（第六条至第十二条）</span>' in page
    assert '<a href="#article-12" aria-label="第12条">12</a>' in page
    # Each 项 is its own paragraph, as in the source.
    assert "<p>（一）上门服务；</p>" in page
    # The draft says it is open and where to comment.
    assert 'href="../#cx-comment"' in page and 'data-cx-deadline="2027-12-31"' in page
    assert 'data-pagefind-filter="类型">法规文件' in page


def test_published_text_and_the_approval_clock(site):
    law = html(site, "legislation/chuantong/index.html")
    assert "2026年5月12日报请省人大常委会批准，依法应在四个月内、即2026年9月12日前审查决定" in law
    assert "2026年7月24日获得批准，历时73天，在法定期限内" in law
    assert '<dt>法规全文</dt><dd><a href="gongbu-wenben/">测试市传统村落保护条例</a></dd>' in law
    text = html(site, "legislation/chuantong/gongbu-wenben/index.html")
    assert 'id="article-2"' in text and "本草案正在公开征求意见" not in text
    waiting = html(site, "legislation/chengqu/index.html")
    assert "报请批准" in waiting and "2027年3月6日前审查决定" in waiting
    assert 'data-cx-deadline="2027-03-06"' in waiting and "获得批准" not in waiting


def test_consultations_page_orders_open_coming_closed(site):
    page = html(site, "legislation/consultations/index.html")
    open_at, coming_at, closed_at = (page.index(t) for t in ("《测试市居家养老服务条例》", "《测试市文明行为促进条例》",
                                                             "《测试市机动车停车条例》"))
    assert open_at < coming_at < closed_at
    assert page.index('id="cx-open"') < open_at < page.index('id="cx-upcoming"') < coming_at < page.index('id="cx-closed"')
    closed = page[page.index('id="cx-closed"'):]
    assert "<strong>1126</strong>条意见建议" in closed and "<strong>214</strong>条采纳" in closed
    assert "<strong>162</strong>条部分采纳" in closed and "<strong>750</strong>条未采纳" in closed
    assert 'href="../tingche/caina-qingkuang/"' in closed
    assert 'rel="alternate feed" type="application/rss+xml"' in page and 'href="feed.xml"' in page


def test_consultations_feed(site):
    feed = feedparser.parse((site / "legislation/consultations/feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.link == "https://example.gov.cn/legislation/consultations/"
    titles = [e.title for e in feed.entries]
    # Newest first; a window not yet open is not news.
    assert titles == ["《测试市居家养老服务条例》公开征求意见", "《测试市机动车停车条例》征求意见采纳情况",
                      "《测试市机动车停车条例》公开征求意见"]
    first = feed.entries[0]
    assert first.link == "https://example.gov.cn/legislation/yanglao/"
    assert "2026年11月2日至2027年12月31日" in first.description and "lifa@example.gov.cn" in first.description
    assert "采纳214条" in feed.entries[1].description


def test_calendar_has_a_deadline_per_window(site):
    cal = Calendar.from_ical((site / "calendar.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("comment-")}
    assert set(events) == {"comment-deadline-yanglao-20271231", "comment-deadline-wenming-20270109"}
    assert str(events["comment-deadline-yanglao-20271231"]["SUMMARY"]) == "《测试市居家养老服务条例》征求意见截止"


def test_plan_page_links_its_items(site):
    page = html(site, "legislation/plans/2026/index.html")
    assert "<h1>2026年度立法工作计划</h1>" in page
    assert page.index("正式项目（1件）") < page.index("预备项目（1件）") < page.index("调研项目（1件）")
    assert '<a href="../../tingche/">《测试市机动车停车条例》</a>' in page and "拟审议：4月、10月、12月" in page
    assert "《测试市养犬管理条例》</p>" in page  # no record: no link
    assert 'href="2026/"' in html(site, "legislation/plans/index.html")


def test_tracker_explains_the_stages_and_leads_to_consultations(site):
    page = html(site, "legislation/index.html")
    assert 'href="consultations/">征求意见（1部正在征求意见）</a>' in page
    assert 'href="plans/2026/">2026年度立法计划</a>' in page
    guide = page[page.index('id="cx-steps"'):]
    for step in ("立项", "征求意见", "审议", "表决通过", "批准", "公布", "施行"):
        assert f"<dt>{step}</dt>" in guide
    assert "第八十一条" in guide and "当前阶段：报请批准" in page


def test_home_page_leads_to_the_draft_and_to_commenting(site):
    page = html(site, "index.html")
    block = page[page.index('id="cx-home-consult"'):]
    assert 'href="legislation/yanglao/zhengqiu-gao/">阅读草案</a>' in block
    assert 'href="legislation/yanglao/#cx-comment">如何提出意见</a>' in block


def test_story_link_to_an_article_resolves(site):
    story = html(site, "stories/yanglao/index.html")
    assert 'href="../../legislation/yanglao/zhengqiu-gao/#article-12"' in story
    assert 'href="../../legislation/yanglao/shuoming.pdf"' in story
    report = check_site(site, LinkOptions(site_url="https://example.gov.cn/"))
    assert report.findings == [], [str(f) for f in report.findings]


def test_link_checker_notices_a_missing_article(site, tmp_path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    draft = copy / "legislation/yanglao/zhengqiu-gao/index.html"
    draft.write_text(draft.read_text(encoding="utf-8").replace('id="article-12"', 'id="article-x"'), encoding="utf-8")
    report = check_site(copy, LinkOptions(site_url="https://example.gov.cn/"))
    assert any(f.code == "missing-anchor" and "article-12" in f.message for f in report.findings)


def test_preview_survives_bad_consultation_input(tmp_path):
    """A bad email, a draft with a duplicated article and a missing file:
    findings, and the preview still builds every other page."""
    root = make_site(tmp_path / "src")
    law = root / "content/legislation/yanglao.yml"
    law.write_text(law.read_text(encoding="utf-8").replace("lifa@example.gov.cn", "法工委邮箱"), encoding="utf-8")
    draft = root / "content/legislation/chuantong/gongbu-wenben.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\n第二条　重复。\n", encoding="utf-8")
    tingche = root / "content/legislation/tingche.yml"
    tingche.write_text(tingche.read_text(encoding="utf-8").replace("file: caina-qingkuang.md", "file: caina.md"),
                       encoding="utf-8")
    out = build(root, tmp_path / "site", today=BUILD_DATE, serve=True)
    # The broken law shows why at its URL; the others are still there.
    error = (out / "legislation/yanglao/index.html").read_text(encoding="utf-8")
    assert "channel-email" in error and "法工委邮箱" in error
    chuantong = (out / "legislation/chuantong/index.html").read_text(encoding="utf-8")
    assert "gongbu-wenben/" not in chuantong.split('class="cx-timeline"')[0]
    assert "article-duplicate" in (out / "legislation/chuantong/gongbu-wenben/index.html").read_text(encoding="utf-8")
    assert (out / "legislation/tingche/index.html").is_file() and (out / "legislation/consultations/index.html").is_file()
