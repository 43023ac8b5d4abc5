"""The sitemap override and the feed-discovery partial, rendered with Jinja
as MkDocs renders them (MkDocs' `url` filter stubbed to a root-relative URL)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from datakit import TODAY
from jinja2 import Environment, FileSystemLoader

from congress_site.opendata import page_lastmod
from congress_site.pages import routes
from sitekit import THEME

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(THEME)))  # MkDocs does not autoescape
    env.filters["url"] = lambda value: "/yuci/" + value
    return env


def page(url: str, meta: dict, update_date: str = "2025-07-21"):
    return SimpleNamespace(file=None, page=SimpleNamespace(
        is_link=False, canonical_url=f"https://renda.example.cn/yuci/{url}", abs_url=f"/yuci/{url}",
        meta=meta, update_date=update_date))


def test_sitemap_takes_dates_from_records(env):
    files = [page("stories/a/", {"congress_lastmod": "2025-07-05"}),
             page("legislation/b/", {"congress_lastmod": dt.date(2024, 6, 1)}),
             page("data/", {}),
             page("tags/交通&治理/", {"congress_lastmod": "2025-01-02"})]
    xml = env.get_template("sitemap.xml").render(pages=files)
    root = ET.fromstring(xml.encode())
    got = {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text for u in root.findall("s:url", NS)}
    assert got == {
        "https://renda.example.cn/yuci/stories/a/": "2025-07-05",
        "https://renda.example.cn/yuci/legislation/b/": "2024-06-01",
        "https://renda.example.cn/yuci/data/": "2025-07-21",  # no record: the build date
        "https://renda.example.cn/yuci/tags/交通&治理/": "2025-01-02",
    }


def test_feed_links_in_head(env):
    tpl = env.get_template("partials/feeds.html")
    config = {"site_name": "榆次区人大"}
    quoted = tpl.render(config={"site_name": '"><script>'}, page=SimpleNamespace(meta={}))
    assert "<script>" not in quoted and "&#34;&gt;&lt;script&gt;" in quoted
    plain = tpl.render(config=config, page=SimpleNamespace(meta={}))
    assert 'type="application/rss+xml" title="榆次区人大（RSS）" href="/yuci/feed.xml"' in plain
    assert 'type="application/atom+xml" title="榆次区人大（Atom）" href="/yuci/atom.xml"' in plain
    assert 'href="/yuci/calendar.ics"' in plain
    assert "columns/" not in plain
    column = tpl.render(config=config, page=SimpleNamespace(
        meta={"congress_column": "fengcai", "congress_column_name": "代表风采"}))
    assert 'title="代表风采 - 榆次区人大（RSS）" href="/yuci/columns/fengcai/feed.xml"' in column
    assert column.count('rel="alternate feed"') == 4
    # A bare rel="alternate" makes Material fetch a sitemap.xml per link.
    assert 'rel="alternate"' not in column
    from_context = tpl.render(config=config, page=SimpleNamespace(meta={"congress_column": "lifa"}),
                              cx={"column": SimpleNamespace(name="立法聚焦")})
    assert 'title="立法聚焦 - 榆次区人大（RSS）" href="/yuci/columns/lifa/feed.xml"' in from_context


def test_page_lastmod_from_records(site):
    got = page_lastmod(site)
    assert got[routes.story("wenjiao-street")] == dt.date(2025, 7, 5)
    assert routes.story("caogao") not in got and routes.story("weilai") not in got
    assert got[routes.HOME] == dt.date(2025, 7, 15)
    assert got[routes.column("fengcai")] == dt.date(2025, 7, 5)
    assert routes.column("kong") not in got  # no dated record: build date in the sitemap
    assert got[routes.profile("zhang-huijuan")] == dt.date(2025, 7, 5)
    assert got[routes.station("wenjiao")] == dt.date(2025, 7, 5)
    # The comment window opened on 1 July; its close (31 July) is still ahead.
    assert got[routes.legislation("open-law")] == dt.date(2025, 7, 15)  # cited by a story since
    assert got[routes.legislation("coming-law")] == dt.date(2025, 3, 1)
    assert got[routes.tag("交通治理")] == dt.date(2025, 7, 5)
    assert all(day <= TODAY for day in got.values())
