"""The embedded sample site: its feeds and data build and validate, and the
documentation page names every file that is produced."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar
from jsonschema import Draft202012Validator

from congress_site.feeds import build_feeds
from congress_site.model import Layout, load_repository
from congress_site.opendata import build_open_data

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://example.gov.cn/"


@pytest.fixture(scope="module")
def built():
    repo = load_repository(Layout.default(ROOT))
    return repo, build_feeds(repo, SITE_URL, "示例站"), build_open_data(repo, SITE_URL, "示例站")


def test_sample_feeds_and_data_validate(built):
    repo, feeds, data = built
    published = repo.visible_stories(preview=False)
    assert published, "the sample site should publish stories"
    for path, raw in feeds.items():
        parsed = feedparser.parse(raw)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    assert len(feedparser.parse(feeds["feed.xml"]).entries) == min(50, len(published))
    for path, raw in data.items():
        if not path.endswith(".json") or "/schemas/" in path:
            continue
        name = Path(path).stem
        schema = json.loads(data[f"data/schemas/{name}.schema.json"])
        Draft202012Validator(schema).validate(json.loads(raw))
    cal = Calendar.from_ical(data["calendar.ics"])
    receptions = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("reception-")]
    assert len(receptions) == sum(len(s.receptions) for s in repo.stations.values()) > 0


def test_data_page_documents_every_url(built):
    _, feeds, data = built
    page = (ROOT / "content/data/index.md").read_text(encoding="utf-8")
    for path in list(data) + ["feed.xml", "atom.xml", "sitemap.xml"]:
        assert f"/{path}" in page, path
    assert "/columns/栏目编号/feed.xml" in page
    assert all(re.fullmatch(r"columns/[a-z0-9-]+/feed\.xml", p) for p in feeds if p.startswith("columns/"))


def test_sample_drafts_and_embargoed_stories_stay_out(built):
    repo, feeds, data = built
    held = [s for s in repo.stories if s.held_back(repo.today)]
    assert held, "the sample site keeps a draft and an embargoed story to show this"
    published = data["data/stories.json"]
    for story in held:
        url = f"/stories/{story.slug}/".encode()
        assert all(url not in raw for raw in feeds.values()), story.path
        assert url not in published, story.path
