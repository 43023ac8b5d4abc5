"""The pieces behind fast preview rebuilds: the record cache, page
fingerprints and the dirty-page bookkeeping."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from congress_site.devserver import DirtyPages, RecordCache
from congress_site.devserver.fingerprint import Fingerprinter
from congress_site.findings import CongressError
from congress_site.model import Layout, load_repository
from congress_site.model.loader import load_story
from congress_site.pages.plan import plan_site
from congress_site.settings import Options, make_settings
from sitekit import minimal_site, write_story


def test_record_cache_reuses_unchanged_files_and_rereads_changed_ones(tmp_path):
    root = minimal_site(tmp_path, stories=3)
    cache = RecordCache()
    lay = Layout.default(root)
    first = load_repository(lay, dt.date(2026, 1, 1), cache=cache)
    assert cache.misses == 6 and cache.hits == 0          # 3 stories, profile, station, law
    second = load_repository(lay, dt.date(2026, 1, 1), cache=cache)
    assert cache.hits == 6 and second.stories[0] is first.stories[0]
    path = root / "stories/2025/01-01-item-0.md"
    path.write_text(path.read_text(encoding="utf-8").replace("第0篇稿件", "改过的标题"), encoding="utf-8")
    third = load_repository(lay, dt.date(2026, 1, 1), cache=cache)
    assert cache.misses == 7
    assert "改过的标题" in [s.title for s in third.stories]


def test_record_cache_remembers_errors_too(tmp_path):
    root = minimal_site(tmp_path, stories=0)
    bad = write_story(root, "2025/07-05-x.md", column="", title="")
    cache = RecordCache()
    for _ in range(2):
        with pytest.raises(CongressError) as err:
            cache(bad, "stories/2025/07-05-x.md", load_story)
        assert err.value.findings
    assert cache.hits == 1 and cache.misses == 1


def test_fingerprints_change_only_for_pages_that_show_the_edited_story(tmp_path):
    root = minimal_site(tmp_path, stories=30)
    lay = Layout.default(root)

    def prints():
        repo = load_repository(lay, dt.date(2026, 1, 1))
        fp = Fingerprinter("salt")
        settings = make_settings(root, "content", "site", Options(preview="true"))
        return {uri: fp.page(page.document(), page) for uri, page in plan_site(repo, settings).pages.items()}

    before = prints()
    assert prints() == before                              # deterministic across loads
    path = root / "stories/2025/01-02-item-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    after = prints()
    changed = {uri for uri in before if before[uri] != after[uri]}
    assert "stories/item-1/index.md" in changed
    assert "stories/item-20/index.md" not in changed
    assert len(changed) < len(before) / 2, changed


def test_dirty_pages_rewrite_only_changed_sources_and_report_gone_ones(tmp_path):
    pages = DirtyPages()
    try:
        assert pages.begin("salt") is False                 # first build: nothing to compare
        a = pages.source_for("a/index.md", "A", "1")
        b = pages.source_for("b/index.md", "B", "1")
        os.utime(a, ns=(1, 1))
        os.utime(b, ns=(1, 1))
        pages.gone()
        assert pages.begin("salt") is False
        pages.source_for("a/index.md", "A", "1")
        pages.source_for("b/index.md", "B2", "2")
        assert pages.changed == ["b/index.md"]
        assert a.stat().st_mtime_ns == 1 and b.stat().st_mtime_ns > 1
        assert b.read_text(encoding="utf-8") == "B2"
        assert pages.begin("other salt") is True             # site-wide inputs changed
        pages.source_for("a/index.md", "A", "1")
        assert pages.gone() == ["b/index.md"]
        site = tmp_path / "site"
        (site / "b").mkdir(parents=True)
        (site / "b/index.html").write_text("old", encoding="utf-8")
        pages.remove_outputs(site, ["b/index.md"])
        assert not (site / "b/index.html").exists()
    finally:
        pages.close()
    assert not pages.folder.exists()


def test_make_dirty_sets_the_serve_builders_flag_and_leaves_others_alone():
    from congress_site.devserver.switch import make_dirty

    def serve():
        is_dirty = False

        def builder():
            return is_dirty

        return builder

    builder = serve()
    assert builder() is False
    assert make_dirty(builder) is True and builder() is True
    assert make_dirty(lambda: None) is False
