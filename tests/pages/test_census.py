"""The census of what pages ask of Material's stylesheet (output/census.py):
the cut it leads to is the cut of all the pages' words, and a publish that
takes pages over counts as if it had read every page."""

from __future__ import annotations

import json
import logging
import shutil
from collections import Counter
from pathlib import Path

import material

from congress_site.output import assets, census
from congress_site.output.assets import Vocabulary, purge_css
from congress_site.output.census import Census, loaded_scripts, sheet_words, take_census
from sitekit import build, minimal_site, write_story

SHIPPED = Path(material.__file__).parent / "templates/assets/stylesheets"


def _shipped_sheets() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SHIPPED.glob("*.min.css"))]


def test_reducing_tags_to_the_stylesheets_words_cuts_the_same(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    everything = Vocabulary()
    for page in pages:
        everything.add_html(page.read_bytes())
    sheets = _shipped_sheets()
    counted = take_census(sample_site, pages, sheet_words(sheets))
    reduced = Vocabulary()
    reduced.add_words(counted.tokens())
    assert len(reduced.values) < len(everything.values) / 4, "links and ids the stylesheet never asks about are gone"
    for css in sheets:
        assert purge_css(css, reduced) == purge_css(css, everything)
    loaded = {rel for page in pages for rel in loaded_scripts(sample_site, page, page.read_bytes())}
    assert set(counted.scripts) == loaded and loaded


def test_a_publish_counts_as_if_it_had_read_every_page(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.congress")
    root = minimal_site(tmp_path / "src", stories=4)
    site = tmp_path / "site"
    build(root, site, strict=True)
    write_story(root, "2025/01-01-item-0.md", body="改写后的正文。\n", title="第0篇稿件（修改）", date="2025-01-01")
    write_story(root, "2025/11-11-quote.md", title="引文稿件", date="2025-11-11",
                body="正文。\n\n> 代表在座谈会上说：“把群众的事当成自己的事。”\n")
    caplog.clear()
    build(root, site, strict=True)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("页面：重新渲染")]
    assert said and not said[-1].endswith("沿用上次构建的0个"), "pages were taken over"

    assert "census" not in json.loads((root / ".cache/congress/pages.json").read_text(encoding="utf-8"))
    kept = Census.load(root / ".cache/congress/census.json")
    assert kept is not None
    fresh = take_census(site, sorted(site.rglob("*.html")), sheet_words(_shipped_sheets()))
    assert kept.tags == fresh.tags and kept.scripts == fresh.scripts
    linked = {p.name.split(".")[0]: p.name for p in (site / "assets/stylesheets").glob("*.min.css")}
    assert kept.sheets == {kind: linked.get(kind) for kind in kept.sheets} and "main" in kept.sheets


def test_a_census_that_does_not_add_up_is_taken_again(tmp_path):
    site, pages, words, full = _counted_site(tmp_path)
    one = pages[0].relative_to(site).as_posix()
    # The published site: the same pages, all but one published otherwise.
    published = tmp_path / "published"
    shutil.copytree(site, published)
    for page in sorted(published.rglob("*.html")):
        if page.relative_to(published).as_posix() != one:
            page.write_bytes(page.read_bytes() + b"<!-- an earlier build -->")
    claimed = {page.relative_to(published).as_posix(): census.page_digest(page.read_bytes())
               for page in sorted(published.rglob("*.html"))}
    wrong = Census(full.words, Counter(), Counter(), pages=claimed)  # counts none of the pages it claims to
    again = take_census(site, pages, words, previous=published, last=wrong, known={one: full.pages[one]})
    assert again.tags == full.tags and again.scripts == full.scripts
    # A census taken with other stylesheet words is not used either.
    stale = Census("other words", full.tags + Counter({"t:blink": 1}), full.scripts, pages=full.pages)
    assert take_census(site, pages, words, previous=site, last=stale, known={one: full.pages[one]}).tags == full.tags


def test_a_publish_that_drops_pages_subtracts_what_the_last_census_counted(tmp_path):
    root = minimal_site(tmp_path / "src", stories=4)
    site = tmp_path / "site"
    build(root, site, strict=True)
    before = Census.load(root / ".cache/congress/census.json")
    gone = next(root.glob("stories/**/*.md"))
    gone.unlink()
    build(root, site, strict=True)

    kept = Census.load(root / ".cache/congress/census.json")
    assert kept is not None and before is not None
    listed = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert sorted(kept.pages) == listed and set(before.pages) - set(listed), "a page was dropped"
    fresh = take_census(site, sorted(site.rglob("*.html")), sheet_words(_shipped_sheets()))
    assert kept.tags == fresh.tags and kept.scripts == fresh.scripts


def test_a_census_whose_pages_are_gone_is_taken_again(tmp_path):
    site, pages, words, full = _counted_site(tmp_path)
    one = pages[0].relative_to(site).as_posix()
    # It claims a page the published site does not hold, and nothing else.
    missing = Census(full.words, full.tags + full.tags, full.scripts + full.scripts,
                     pages={**full.pages, "gone.html": "0" * 32})
    again = take_census(site, pages, words, previous=site, last=missing, known={one: full.pages[one]})
    assert again.tags == full.tags and again.scripts == full.scripts
    # One that counted no pages is not used to subtract from either.
    unlisted = Census(full.words, full.tags + full.tags, full.scripts, pages=None)
    assert take_census(site, pages, words, previous=site, last=unlisted, known={one: full.pages[one]}).tags == full.tags
    assert Census.from_json({**full.to_json(), "pages": None}) is None
    assert Census.from_json(full.to_json()).pages == full.pages
    assert list(full.pages) == [p.relative_to(site).as_posix() for p in pages]
    assert full.pages[one] == census.page_digest(pages[0].read_bytes())


def test_pages_written_again_byte_for_byte_are_not_read_for_their_tags(tmp_path, monkeypatch):
    """A full build writes most pages as they are published: those count as
    the published ones did, and only the pages that differ are read for
    their tags, the published version and the new one."""
    root = minimal_site(tmp_path / "src", stories=3)
    site = build(root, tmp_path / "site")
    pages = sorted(site.rglob("*.html"))
    words = sheet_words(_shipped_sheets())
    published = tmp_path / "published"
    shutil.copytree(site, published)
    last = take_census(published, sorted(published.rglob("*.html")), words)
    changed = site / "stories/item-1/index.html"
    changed.write_bytes(changed.read_bytes().replace(b"</main>", b'<table class="md-typeset__table"></table></main>'))
    read = _reads(monkeypatch)
    counted = take_census(site, pages, words, previous=published, last=last)
    monkeypatch.undo()
    fresh = take_census(site, pages, words)
    assert counted.tags == fresh.tags != last.tags and counted.scripts == fresh.scripts
    assert sorted(read) == sorted([published / "stories/item-1/index.html", changed])


def test_a_build_that_renders_every_page_keeps_the_census(tmp_path, monkeypatch):
    """With the page manifest gone every page is rendered again, and the
    census of the published site still serves: the pages come out the same."""
    root = minimal_site(tmp_path / "src", stories=3)
    site = tmp_path / "site"
    build(root, site)
    (root / ".cache/congress/pages.json").unlink()
    read = _reads(monkeypatch)
    looked_at = []  # pages checked for links to the cut sheets: not those as published
    repoint = assets._repoint
    monkeypatch.setattr(assets, "_repoint", lambda stale, *args: looked_at.extend(stale) or repoint(stale, *args))
    build(root, site)
    monkeypatch.undo()
    pages = sorted(site.rglob("*.html"))
    assert len(read) < len(pages) // 2 and len(looked_at) < len(pages) // 2
    kept = Census.load(root / ".cache/congress/census.json")
    fresh = take_census(site, pages, sheet_words(_shipped_sheets()))
    assert kept.tags == fresh.tags and kept.scripts == fresh.scripts


def test_pages_the_engine_wrote_are_not_read_back_for_the_census(tmp_path, monkeypatch):
    """Rendering every page again, the build knows each page's digest from
    the bytes it wrote: the census reads back only those that differ from
    the pages it counted."""
    root = minimal_site(tmp_path / "src", stories=3)
    site = tmp_path / "site"
    build(root, site)
    (root / ".cache/congress/pages.json").unlink()
    read_back: list[Path] = []
    counting = [False]
    take, read_bytes = census.take_census, Path.read_bytes

    def taking(*args, **kwargs):
        counting[0] = True
        try:
            return take(*args, **kwargs)
        finally:
            counting[0] = False

    monkeypatch.setattr(assets, "take_census", taking)
    monkeypatch.setattr(Path, "read_bytes", lambda path: (counting[0] and path.suffix == ".html"
                                                          and read_back.append(path)) or read_bytes(path))
    build(root, site)
    monkeypatch.undo()
    pages = sorted(site.rglob("*.html"))
    assert len(read_back) < len(pages) // 2
    kept = Census.load(root / ".cache/congress/census.json")
    fresh = take_census(site, pages, sheet_words(_shipped_sheets()))
    assert kept.tags == fresh.tags and kept.scripts == fresh.scripts


def _counted_site(tmp_path) -> tuple:
    """A small built site, its pages, the stylesheet words and its census
    taken from every page."""
    site = build(minimal_site(tmp_path / "src", stories=2), tmp_path / "site")
    pages = sorted(site.rglob("*.html"))
    words = sheet_words(_shipped_sheets())
    return site, pages, words, take_census(site, pages, words)


def _reads(monkeypatch) -> list:
    """The pages whose tags are read from now on."""
    read = []
    page = census._Reader.page
    monkeypatch.setattr(census._Reader, "page",
                        lambda self, at, path, html=None: read.append(path) or page(self, at, path, html))
    return read
