"""A real MkDocs build of the small test site: the plugin publishes feeds,
open data and the calendar, the sitemap carries the records' dates and every
discovery link in a page head points at a file that exists."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from datakit import TODAY, make_site

from sitekit import build, mkdocs_yml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("built"))
    mkdocs_yml(root)
    return build(root, root / "site", today=TODAY.isoformat())


def test_sitemap_lastmod_from_records(built):
    root = ET.parse(built / "sitemap.xml").getroot()
    dates = {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text for u in root.findall("s:url", NS)}
    assert dates["https://example.gov.cn/stories/wenjiao-street/"] == "2025-07-05"
    assert dates["https://example.gov.cn/stories/yachi/"] == "2025-06-10"
    assert not any("caogao" in loc or "weilai" in loc for loc in dates)


def test_discovery_links_resolve(built):
    html = (built / "stories/wenjiao-street/index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<link rel="alternate feed" type="[^"]+" title="[^"]*" href="([^"]+)"', html)
    assert len(hrefs) == 4  # RSS, Atom, the column's RSS, the calendar
    page_dir = built / "stories/wenjiao-street"
    for href in hrefs:
        assert (page_dir / href).resolve().is_file(), href
    assert any(h.endswith("columns/fengcai/feed.xml") for h in hrefs)
    assert 'title="代表风采 - ' in html  # the column's name, not a placeholder


def test_outputs_written(built):
    for rel in ("feed.xml", "atom.xml", "columns/kong/feed.xml", "data/persons.json",
                "data/schemas/stories.schema.json", "calendar.ics", "robots.txt"):
        assert (built / rel).stat().st_size > 0, rel
