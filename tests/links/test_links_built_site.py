"""The checker on sites built by the real MkDocs with the project's plugin
and theme: the sample site is clean, and a broken link in a story is traced
back to the story's Markdown file."""

from __future__ import annotations

from pathlib import Path

from congress_site.links import LinkOptions, check_site, for_source_files, load_config
from sitekit import build, minimal_site, write_story


def test_sample_site_has_no_broken_links(sample_source: Path, sample_site: Path):
    config = load_config(sample_source / "mkdocs.yml")
    report = check_site(sample_site, LinkOptions(site_url=config.site_url, ignore=config.ignore))
    assert report.findings == [], [f"{f.path}:{f.line} {f.message}" for f in report.findings]
    assert report.stats.pages > 50 and report.stats.internal > 1000


def test_broken_links_in_a_story_point_at_its_markdown(tmp_path: Path):
    root = minimal_site(tmp_path / "proj", stories=1)
    body = ("第一段。\n\n"
            "## 办理结果\n\n"
            "详见[另一篇](../../stories/no-such-story/)和[本文小节](#no-such-heading)。\n\n"
            "![现场](/media/missing.jpg)\n")
    write_story(root, "2025/07-05-xingqiao.md", body=body, title="星桥街")
    site = build(root, tmp_path / "site")
    report = check_site(site)
    mine = [f for f in report.findings if "07-05-xingqiao.md" in f.message]
    assert {f.code for f in mine} == {"missing-page", "missing-anchor", "missing-image"}
    moved = for_source_files(mine, root)
    md = (root / "stories/2025/07-05-xingqiao.md").read_text(encoding="utf-8").splitlines()
    for f in moved:
        assert f.path == "stories/2025/07-05-xingqiao.md"
        # the line in the Markdown that holds the broken link
        assert any(key in md[f.line - 1] for key in ("no-such-story", "#no-such-heading", "missing.jpg")), f
