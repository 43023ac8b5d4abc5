"""A real MkDocs build of the small test site, with the generated files
written as the plugin writes them: the sitemap carries the records' dates
and every discovery link in a page head points at a file that exists."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from datakit import SITE_NAME, TODAY, make_site

from congress_site.findings import CongressError
from congress_site.model import Layout, load_repository
from congress_site.opendata import build_all, write_outputs
from sitekit import build, mkdocs_yml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("built"))
    mkdocs_yml(root)
    site = build(root, root / "site", today="2025-07-20")
    repo = load_repository(Layout.default(root), today=TODAY)
    write_outputs(site, build_all(repo, "https://example.gov.cn/", SITE_NAME))
    return site


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


def test_write_outputs_refuses_escaping_paths(tmp_path):
    for bad in ("../evil.xml", "/etc/evil.xml", "data/../../evil.xml"):
        with pytest.raises(CongressError):
            write_outputs(tmp_path / "site", {bad: b"x"})
    assert not (tmp_path / "evil.xml").exists()
