"""The sitemap override and the feed-discovery partial, rendered with Jinja
as MkDocs renders them (MkDocs' `url` filter stubbed to a root-relative URL)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from datakit import TODAY
from jinja2 import Environment, FileSystemLoader

from congress_site.pages import routes
from congress_site.pages.lastmod import page_lastmod
from sitekit import THEME

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(THEME)))  # MkDocs does not autoescape
    env.filters["url"] = lambda value: "/wangshu/" + value
    return env


def page(url: str, update_date: str | None):
    return SimpleNamespace(file=None, page=SimpleNamespace(
        is_link=False, canonical_url=f"https://renda.example.cn/wangshu/{url}", abs_url=f"/wangshu/{url}",
        meta={}, update_date=update_date))


def test_sitemap_writes_each_pages_date(env):
    """The plugin sets update_date from the records (see test_published.py);
    the template writes it as a plain date, with the URL escaped."""
    files = [page("stories/a/", "2025-07-05"),
             page("legislation/b/", "2024-06-01T00:00:00"),
             page("data/", "2025-07-21"),
             page("tags/交通&治理/", "2025-01-02"),
             page("no-date/", None)]
    xml = env.get_template("sitemap.xml").render(pages=files)
    root = ET.fromstring(xml.encode())
    got = {u.find("s:loc", NS).text: getattr(u.find("s:lastmod", NS), "text", None)
           for u in root.findall("s:url", NS)}
    assert got == {
        "https://renda.example.cn/wangshu/stories/a/": "2025-07-05",
        "https://renda.example.cn/wangshu/legislation/b/": "2024-06-01",
        "https://renda.example.cn/wangshu/data/": "2025-07-21",
        "https://renda.example.cn/wangshu/tags/交通&治理/": "2025-01-02",
        "https://renda.example.cn/wangshu/no-date/": None,
    }


def test_feed_links_in_head(env):
    tpl = env.get_template("partials/feeds.html")
    config = {"site_name": "望舒区人大"}
    quoted = tpl.render(config={"site_name": '"><script>'}, cx=None, cx_routes=routes)
    assert "<script>" not in quoted and "&#34;&gt;&lt;script&gt;" in quoted
    plain = tpl.render(config=config, cx=None, cx_routes=routes)
    assert 'type="application/rss+xml" title="望舒区人大（RSS）" href="/wangshu/feed.xml"' in plain
    assert 'type="application/atom+xml" title="望舒区人大（Atom）" href="/wangshu/atom.xml"' in plain
    assert 'href="/wangshu/calendar.ics"' in plain
    assert "columns/" not in plain
    column = tpl.render(config=config, cx_routes=routes,
                        cx=SimpleNamespace(column=SimpleNamespace(id="fengcai", name="代表风采")))
    assert 'title="代表风采 - 望舒区人大（RSS）" href="/wangshu/columns/fengcai/feed.xml"' in column
    assert column.count('rel="alternate feed"') == 4
    # A bare rel="alternate" makes Material fetch a sitemap.xml per link.
    assert 'rel="alternate"' not in column
    no_column = tpl.render(config=config, cx_routes=routes, cx=SimpleNamespace(column=None))
    assert "columns/" not in no_column


def test_page_lastmod_from_records(site):
    got = page_lastmod(site)
    assert got[routes.story("xingqiao-street")] == dt.date(2025, 7, 5)
    assert routes.story("caogao") not in got and routes.story("weilai") not in got
    assert got[routes.HOME] == dt.date(2025, 7, 15)
    assert got[routes.column("fengcai")] == dt.date(2025, 7, 5)
    assert routes.column("kong") not in got  # no dated record: build date in the sitemap
    assert got[routes.profile("zhang-xiaolan")] == dt.date(2025, 7, 5)
    assert got[routes.station("xingqiao")] == dt.date(2025, 7, 5)
    # The comment window opened on 1 July; its close (31 July) is still ahead.
    assert got[routes.legislation("open-law")] == dt.date(2025, 7, 15)  # cited by a story since
    assert got[routes.legislation("coming-law")] == dt.date(2025, 3, 1)
    assert got[routes.tag("交通治理")] == dt.date(2025, 7, 5)
    assert all(day <= TODAY for day in got.values())
