"""The sample site as built: the feeds and open data the plugin published
(read from the session's build, as a feed reader or a data user gets them)
parse and validate, hold no draft or embargoed story, and the documentation
page names every file that is produced."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar
from jsonschema import Draft202012Validator

from congress_site.model import Layout, Repository, load_repository
from sitekit import SAMPLE_TODAY

FEED_LIMIT = 50  # the plugin's feed_limit, which the sample's mkdocs.yml leaves as it is


@pytest.fixture(scope="module")
def repo(sample_source: Path) -> Repository:
    return load_repository(Layout.default(sample_source), dt.date.fromisoformat(SAMPLE_TODAY))


def column_feeds(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted(site.glob("columns/*/feed.xml"))]


def generated(site: Path) -> list[str]:
    """Every feed and data file of the built site, site-relative."""
    data = [p.relative_to(site).as_posix() for p in sorted((site / "data").rglob("*.json"))]
    return ["feed.xml", "atom.xml", "calendar.ics", "robots.txt", "sitemap.xml", *column_feeds(site), *data]


def test_sample_feeds_and_data_validate(sample_site: Path, repo: Repository):
    published = repo.visible_stories(preview=False)
    assert published, "the sample site should publish stories"
    assert {Path(p).parent.name for p in column_feeds(sample_site)} == set(repo.columns)
    for path in ["feed.xml", "atom.xml", *column_feeds(sample_site)]:
        parsed = feedparser.parse((sample_site / path).read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    assert len(feedparser.parse((sample_site / "feed.xml").read_bytes()).entries) == min(FEED_LIMIT, len(published))
    data = sorted((sample_site / "data").glob("*.json"))
    schemas = sorted((sample_site / "data/schemas").glob("*.schema.json"))
    assert data and [p.stem for p in data] == [p.name.removesuffix(".schema.json") for p in schemas]
    for path in data:
        schema = json.loads((sample_site / "data/schemas" / f"{path.stem}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator(schema).validate(json.loads(path.read_text(encoding="utf-8")))
    cal = Calendar.from_ical((sample_site / "calendar.ics").read_bytes())
    receptions = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("reception-")]
    assert len(receptions) == sum(len(s.receptions) for s in repo.stations.values()) > 0


def test_data_page_documents_every_url(sample_source: Path, sample_site: Path):
    page = (sample_source / "content/data/index.md").read_text(encoding="utf-8")
    for path in generated(sample_site):
        if not path.startswith("columns/"):
            assert f"/{path}" in page, path
    assert "/columns/栏目编号/feed.xml" in page


def test_sample_drafts_and_embargoed_stories_stay_out(sample_site: Path, repo: Repository):
    held = [s for s in repo.stories if s.held_back(repo.today)]
    assert held, "the sample site keeps a draft and an embargoed story to show this"
    files = {path: (sample_site / path).read_text(encoding="utf-8") for path in generated(sample_site)}
    for story in held:
        url = f"/stories/{story.slug}/"
        assert not (sample_site / "stories" / story.slug).exists(), story.path
        assert [path for path, text in files.items() if url in text] == [], story.path
