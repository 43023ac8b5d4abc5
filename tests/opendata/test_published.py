"""A real MkDocs build of the small test site: the plugin publishes the
feeds, open data, calendar and robots.txt itself (read back here from the
built site, as a feed reader or a data user gets them), the sitemap carries
the records' dates and every discovery link in a page head points at a file
that exists."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from datakit import TODAY, make_site
from icalendar import Calendar
from jsonschema import Draft202012Validator

from sitekit import build, mkdocs_yml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE_URL = "https://example.gov.cn/"  # sitekit.mkdocs_yml's site_url
DATA = ["persons", "organizations", "memberships", "legislation", "stories"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("built"))
    mkdocs_yml(root)
    return build(root, root / "site", today=TODAY.isoformat())


def feed_slugs(path: Path) -> list[str]:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return [re.search(r"/stories/([^/]+)/$", e.link).group(1) for e in parsed.entries]


def test_the_build_publishes_the_feeds(built):
    # Newest first; the draft and the embargoed story are held back.
    assert feed_slugs(built / "feed.xml") == ["lifa", "xingqiao-street", "yachi"]
    assert feed_slugs(built / "atom.xml") == ["lifa", "xingqiao-street", "yachi"]
    assert feed_slugs(built / "columns/fengcai/feed.xml") == ["xingqiao-street", "yachi"]
    assert feed_slugs(built / "columns/kong/feed.xml") == []  # an empty column still has its feed


def test_the_build_publishes_open_data_that_validates(built):
    for name in DATA:
        schema = json.loads((built / f"data/schemas/{name}.schema.json").read_text(encoding="utf-8"))
        data = json.loads((built / f"data/{name}.json").read_text(encoding="utf-8"))
        Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)
    persons = json.loads((built / "data/persons.json").read_text(encoding="utf-8"))["persons"]
    assert {p["id"] for p in persons} == {"zhang-xiaolan", "zhao-mingyuan"}
    stories = (built / "data/stories.json").read_text(encoding="utf-8")
    assert "/stories/xingqiao-street/" in stories
    assert "caogao" not in stories and "weilai" not in stories


def test_the_build_publishes_the_calendar_and_robots(built):
    calendar = Calendar.from_ical((built / "calendar.ics").read_bytes())
    uids = {str(ev["UID"]).split("@")[0] for ev in calendar.walk("VEVENT")}
    assert {"reception-xingqiao-1", "reception-yueding-1", "comment-deadline-open-law-20250731"} <= uids
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_sitemap_lastmod_from_records(built):
    root = ET.parse(built / "sitemap.xml").getroot()
    dates = {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text for u in root.findall("s:url", NS)}
    assert dates["https://example.gov.cn/stories/xingqiao-street/"] == "2025-07-05"
    assert dates["https://example.gov.cn/stories/yachi/"] == "2025-06-10"
    assert not any("caogao" in loc or "weilai" in loc for loc in dates)


def test_discovery_links_resolve(built):
    html = (built / "stories/xingqiao-street/index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<link rel="alternate feed" type="[^"]+" title="[^"]*" href="([^"]+)"', html)
    assert len(hrefs) == 4  # RSS, Atom, the column's RSS, the calendar
    page_dir = built / "stories/xingqiao-street"
    for href in hrefs:
        assert (page_dir / href).resolve().is_file(), href
    assert any(h.endswith("columns/fengcai/feed.xml") for h in hrefs)
    assert 'title="代表风采 - ' in html  # the column's name, not a placeholder

