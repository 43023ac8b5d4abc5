"""`congress bench generate`: a small synthetic site that builds strictly
with the plugin, is the same bytes for the same seed, and has a floor with
the same pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from congress_site.bench.generate import generate
from congress_site.cli import main
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
    generate(root, seed=7, **SIZES)
    return root


def test_same_seed_same_bytes_other_seed_other_text(small, tmp_path):
    again = tmp_path / "again"
    generate(again, seed=7, **SIZES)
    assert digest(again) == digest(small)
    other = tmp_path / "other"
    generate(other, seed=8, **SIZES)
    assert digest(other) != digest(small)


def test_records_are_valid_and_stories_realistic(small):
    repo = load_repository(Layout.default(small), __import__("datetime").date(2026, 1, 1))
    assert repo.findings == [] and repo.failed == []
    assert (len(repo.stories), len(repo.profiles), len(repo.legislation), len(repo.stations)) == (50, 20, 8, 4)
    sizes = [len(s.body) for s in repo.stories]
    assert min(sizes) >= 700 and max(sizes) <= 3200
    assert all(s.body.count("## ") >= 1 for s in repo.stories if len(s.body) > 1200)
    # Chinese prose with full-width punctuation, no ASCII commas or stray spaces between Han characters.
    text = "".join(s.body for s in repo.stories)
    assert "，" in text and "。" in text and "," not in text
    assert not any("\u4e00" <= a <= "\u9fff" and b == " " for a, b in zip(text, text[1:], strict=False))
    assert any(s.representatives for s in repo.stories) and any(s.legislation for s in repo.stories)


def test_site_and_floor_build_strictly_with_the_same_pages(small, tmp_path):
    site = build(small, tmp_path / "site", today="2026-01-01", strict=True)
    floor = build(small / "floor", tmp_path / "floor", today="2026-01-01", strict=True)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    floor_pages = {p.relative_to(floor).as_posix() for p in floor.rglob("index.html")}
    assert len(pages) > 50 + 20 + 8 + 4
    assert pages == floor_pages
    story = next(small.glob("stories/*/*.md"))
    slug = story.name[6:-3]
    html = (site / "stories" / slug / "index.html").read_text(encoding="utf-8")
    assert 'class="cx-story"' in html
    assert "congress" not in (small / "floor/mkdocs.yml").read_text(encoding="utf-8").split("plugins:")[1][:20]


def test_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(CongressError) as err:
        generate(tmp_path, **SIZES)
    assert err.value.findings[0].code == "bench-dir-not-empty"


def test_cli_generate(tmp_path, capsys):
    code = main(["bench", "generate", str(tmp_path / "s"), "--stories", "3", "--profiles", "2",
                 "--legislation", "1", "--stations", "1", "--no-floor"])
    assert code == 0
    assert len(list((tmp_path / "s/stories").glob("*/*.md"))) == 3
    assert not (tmp_path / "s/floor").exists()
    assert main(["bench", "generate", str(tmp_path / "t"), "--stations", "0"]) == 2
