"""RSS/Atom feeds: parsed with feedparser, as a reader would."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest
from datakit import SITE_NAME, SITE_URL, TODAY

from congress_site.feeds import build_feeds
from congress_site.findings import CongressError

PUBLISHED = ["lifa", "xingqiao-street", "yachi"]  # newest first
HELD = ["caogao", "weilai"]


@pytest.fixture(scope="module")
def feeds(site):
    return build_feeds(site, SITE_URL, SITE_NAME)


def parse(raw: bytes):
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def slugs(parsed) -> list[str]:
    return [re.search(r"/stories/([^/]+)/$", e.link).group(1) for e in parsed.entries]


def test_paths_are_the_stable_urls(feeds):
    assert sorted(feeds) == sorted(["feed.xml", "atom.xml", "columns/fengcai/feed.xml",
                                    "columns/lifa/feed.xml", "columns/kong/feed.xml",
                                    "meetings/feed.xml", "oversight/feed.xml",
                                    "legislation/consultations/feed.xml"])


def test_meetings_feed_carries_held_meetings_only(feeds):
    parsed = parse(feeds["meetings/feed.xml"])
    assert [e.link for e in parsed.entries] == [SITE_URL + "meetings/cwh-10-22/"]  # the 23rd is planned
    [entry] = parsed.entries
    assert entry.title == "测试市第十届人民代表大会常务委员会第二十二次会议"
    assert entry.published_parsed[:3] == (2025, 6, 25)  # 2025-06-26 00:00 +08:00 in UTC
    assert "测试市人大常委会会议室" in entry.summary


def test_oversight_feed_dates_an_item_by_its_latest_progress(feeds):
    parsed = parse(feeds["oversight/feed.xml"])
    [entry] = parsed.entries
    assert entry.link == SITE_URL + "oversight/nongchanpin/"
    assert entry.published_parsed[:3] == (2025, 7, 9)  # the report of 2025-07-10, Beijing time
    assert "已整改1个，整改中1个，未整改1个" in entry.summary


def test_oversight_without_dates_of_its_own_is_dated_by_its_meeting(tmp_path):
    from congress_site.model import Layout, load_repository
    from institutionkit import institution_site
    from sitekit import write

    root = institution_site(tmp_path)
    write(root / "content/oversight/beian-2024.yml", """
        {id: beian-2024, kind: 备案审查, subject: 2024年度规范性文件备案审查工作, meeting: cwh-10-25}
    """)
    repo = load_repository(Layout.default(root), today=dt.date(2026, 11, 22))
    assert repo.errors() == []
    entries = {e.link: e for e in parse(build_feeds(repo, SITE_URL, SITE_NAME)["oversight/feed.xml"]).entries}
    assert entries[SITE_URL + "oversight/beian-2024/"].published_parsed[:3] == (2024, 9, 19)  # 2024-09-20, Beijing


def test_every_feed_parses(feeds):
    for path, raw in feeds.items():
        parsed = parse(raw)
        assert parsed.version == ("atom10" if path == "atom.xml" else "rss20"), path
        assert parsed.feed.get("language") == "zh-CN", path
        assert parsed.feed.title.endswith(SITE_NAME)


@pytest.mark.parametrize("path", ["feed.xml", "atom.xml"])
def test_site_feed_lists_published_stories_newest_first(feeds, path):
    parsed = parse(feeds[path])
    assert slugs(parsed) == PUBLISHED
    for held in HELD:
        assert held.encode() not in feeds[path]
    assert "草稿不应出现".encode() not in feeds[path]
    assert "未到发布日期".encode() not in feeds[path]


@pytest.mark.parametrize("path", ["feed.xml", "atom.xml"])
def test_entries_carry_title_summary_authors_date_and_absolute_link(feeds, path):
    parsed = parse(feeds[path])
    first = {e.link: e for e in parsed.entries}[SITE_URL + "stories/xingqiao-street/"]
    assert first.title == "星桥街的“堵点”通了 & 摊点有了去处"  # full title, escaped and restored
    assert first.summary == "一名社区代表牵头多部门议事，星桥街的占道和拥堵得到整治。"
    # Atom <author> and RSS <dc:creator> (RSS <author> would need an e-mail).
    assert [a.get("name") for a in first.authors] == ["望舒区人大常委会通讯员", "王记者"]
    when = first.published_parsed  # feedparser normalises to UTC
    assert dt.datetime(*when[:6]) == dt.datetime(2025, 7, 4, 16, 0)
    terms = {t.term for t in first.tags}
    assert {"代表风采", "交通治理", "代表服务岗"} <= terms
    for e in parsed.entries:
        assert e.link.startswith(SITE_URL)
        assert e.id == e.link


def test_dates_are_china_standard_time(feeds):
    rss = feeds["feed.xml"].decode()
    atom = feeds["atom.xml"].decode()
    pub = re.findall(r"<pubDate>([^<]+)</pubDate>", rss)
    assert pub and all(d.endswith("+0800") for d in pub)
    assert "Sat, 05 Jul 2025 00:00:00 +0800" in pub
    stamps = re.findall(r"<(?:published|updated)>([^<]+)<", atom)
    assert stamps and all(s.endswith("+08:00") for s in stamps)
    # The feed is as new as its newest story, not as the wall clock.
    assert "<updated>2025-07-15T00:00:00+08:00</updated>" in atom
    assert "<lastBuildDate>Tue, 15 Jul 2025 00:00:00 +0800</lastBuildDate>" in rss


def test_summary_falls_back_to_first_paragraph_without_markdown(feeds):
    parsed = parse(feeds["feed.xml"])
    entry = {e.link: e for e in parsed.entries}[SITE_URL + "stories/yachi/"]
    assert entry.summary == "赵明远代表带着柿园社区的老人去医院配假牙。"


def test_self_and_alternate_links(feeds):
    rss = parse(feeds["columns/fengcai/feed.xml"])
    assert rss.feed.link == SITE_URL + "columns/fengcai/"
    assert any(link.rel == "self" and link.href == SITE_URL + "columns/fengcai/feed.xml"
               for link in rss.feed.links)
    atom = parse(feeds["atom.xml"])
    assert [link.href for link in atom.feed.links if link.rel == "self"] == [SITE_URL + "atom.xml"]
    site_rss = parse(feeds["feed.xml"])
    assert [link.href for link in site_rss.feed.links if link.rel == "self"] == [SITE_URL + "feed.xml"]


def test_column_feeds_hold_only_their_column(feeds):
    assert slugs(parse(feeds["columns/fengcai/feed.xml"])) == ["xingqiao-street", "yachi"]
    assert slugs(parse(feeds["columns/lifa/feed.xml"])) == ["lifa"]
    empty = parse(feeds["columns/kong/feed.xml"])
    assert empty.entries == [] and empty.feed.title.startswith("空栏目")


def test_limit_keeps_the_newest(site):
    out = build_feeds(site, SITE_URL, SITE_NAME, limit=2)
    assert slugs(parse(out["feed.xml"])) == PUBLISHED[:2]
    assert slugs(parse(out["atom.xml"])) == PUBLISHED[:2]


def test_embargoed_story_appears_once_its_date_has_come(site):
    site.today, before = dt.date(2025, 8, 1), site.today
    try:
        out = build_feeds(site, SITE_URL, SITE_NAME)
    finally:
        site.today = before
    assert slugs(parse(out["feed.xml"]))[0] == "weilai"
    assert b"caogao" not in out["feed.xml"]  # a draft stays a draft
    assert site.today == TODAY


def test_site_url_without_slash_and_missing(site):
    out = build_feeds(site, SITE_URL.rstrip("/"), SITE_NAME)
    assert parse(out["feed.xml"]).entries[0].link == SITE_URL + "stories/lifa/"
    for bad in ("", None, "example.gov.cn", "/wangshu/"):
        with pytest.raises(CongressError) as err:
            build_feeds(site, bad, SITE_NAME)
        assert err.value.findings[0].code == "site-url-missing"
        assert "site_url" in err.value.findings[0].fix


def test_rebuild_is_byte_identical_and_untitled_site_gets_host(site, feeds):
    assert build_feeds(site, SITE_URL, SITE_NAME) == feeds
    untitled = parse(build_feeds(site, SITE_URL, "")["feed.xml"])
    assert untitled.feed.title == "renda.example.cn"
