"""The synthetic site: its sources build strictly with the plugin and are the
same bytes for the same seed; the floor has the same pages; body photos go
through the image pipeline; the search and built-HTML forms have the shape
their measurements rely on."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from congress_bench.measure import is_forwarding
from congress_bench.synthetic import built_site, generate, search_pages
from congress_site.findings import CongressError
from congress_site.model import Layout, load_repository
from sitekit import build

SIZES = {"stories": 50, "profiles": 20, "legislation": 8, "stations": 4}


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "site"
    generate(root, seed=7, images=3, **SIZES)
    return root


def test_same_seed_same_bytes_other_seed_other_text(small, tmp_path):
    again = tmp_path / "again"
    generate(again, seed=7, images=3, **SIZES)
    assert digest(again) == digest(small)
    other = tmp_path / "other"
    generate(other, seed=8, images=3, **SIZES)
    assert digest(other) != digest(small)


def test_records_are_valid_and_stories_realistic(small):
    repo = load_repository(Layout.default(small), dt.date(2026, 1, 1))
    assert repo.findings == [] and repo.failed == []
    assert (len(repo.stories), len(repo.profiles), len(repo.legislation), len(repo.stations)) == (50, 20, 8, 4)
    # Ten years of meetings and oversight, valid like the rest (the findings above).
    assert (len(repo.meetings), len(repo.oversight)) == (70, 30)
    assert {i.rectification.status for o in repo.oversight.values() for i in o.issues} == {"未整改", "整改中", "已整改"}
    sizes = [len(s.body) for s in repo.stories]
    assert min(sizes) >= 700 and max(sizes) <= 3200
    assert all(s.body.count("## ") >= 1 for s in repo.stories if len(s.body) > 1200)
    # Chinese prose with full-width punctuation, no ASCII commas or stray spaces between Han characters.
    text = "".join(s.body for s in repo.stories)
    assert "，" in text and "。" in text and "," not in text
    assert not any("\u4e00" <= a <= "\u9fff" and b == " " for a, b in zip(text, text[1:], strict=False))
    assert any(s.representatives for s in repo.stories) and any(s.legislation for s in repo.stories)
    with_photo = [s for s in repo.stories if "![" in s.body]
    assert len(with_photo) == 3
    for story in with_photo:
        rel = re.search(r"!\[[^\]]+\]\((images/[^)]+)\)", story.body).group(1)
        assert (small / story.path).parent.joinpath(rel).read_bytes()[:2] == b"\xff\xd8"  # a JPEG


def test_site_and_floor_build_strictly_with_the_same_pages(small, tmp_path):
    site = build(small, tmp_path / "site", today="2026-01-01", strict=True)
    floor = build(small / "floor", tmp_path / "floor", today="2026-01-01", strict=True)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html") if not is_forwarding(p)}
    floor_pages = {p.relative_to(floor).as_posix() for p in floor.rglob("index.html")}
    assert len(pages) > 50 + 20 + 8 + 4
    assert pages == floor_pages
    story = next(small.glob("stories/*/*.md"))
    slug = story.name[6:-3]
    html = (site / "stories" / slug / "index.html").read_text(encoding="utf-8")
    assert 'class="cx-story"' in html
    assert "congress" not in (small / "floor/mkdocs.yml").read_text(encoding="utf-8").split("plugins:")[1][:20]
    # Body photos: responsive pictures on the site, the plain file on the floor.
    photo = next(small.glob("stories/*/images/*.jpg"))
    slug = photo.stem
    assert "<picture>" in (site / "stories" / slug / "index.html").read_text(encoding="utf-8")
    assert (floor / "stories" / slug / "images" / photo.name).is_file()


def test_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(CongressError) as err:
        generate(tmp_path, **SIZES)
    assert err.value.findings[0].code == "bench-dir-not-empty"


def test_search_pages_cycle_years_and_carry_the_pagefind_contract(tmp_path):
    stories = search_pages(tmp_path, 12, seed=4)
    assert [s["date"][:4] for s in stories[:4]] == ["2016", "2017", "2018", "2019"]
    pages = sorted(tmp_path.glob("stories/*/index.html"))
    assert len(pages) == 12
    page = pages[0].read_text(encoding="utf-8")
    assert "data-pagefind-body" in page and 'data-pagefind-filter="年份">2016<' in page
    text = "".join(p for s in stories for p in s["body"])
    assert len(text) >= 12 * 1500 and any(phrase in text for phrase in ("民生实事", "联络站", "履职"))
    assert search_pages(tmp_path / "again", 12, seed=4) == stories


def test_built_site_plants_exactly_the_broken_links_asked_for(tmp_path):
    info = built_site(tmp_path, pages=300, seed=2, broken=9)
    assert len(info["planted"]) == 9 and {kind for _, kind in info["planted"]} <= {"page", "anchor", "image"}
    assert info["pages"] == len(list(tmp_path.rglob("index.html")))
    assert 250 <= info["pages"] <= 320
