"""A build that reuses the published site's unchanged pages writes the same
bytes as a full build: after a story is edited and one added, the
incremental build's output is diffed file by file against a full build of
the same sources with no previous site."""

from __future__ import annotations

import logging
import os
import re
import shutil

import pytest

from sitekit import build, minimal_site, mkdocs_yml, snapshot, write_story


def _counts(caplog) -> tuple[int, int]:
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("页面：重新渲染")]
    assert said, "the build says how many pages it rendered and reused"
    rendered, reused = map(int, re.findall(r"\d+", said[-1]))
    return rendered, reused


def test_incremental_build_equals_full_build_byte_for_byte(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.congress")
    root = minimal_site(tmp_path / "src", stories=6)
    site = tmp_path / "site"
    build(root, site, strict=True)
    rendered, reused = _counts(caplog)
    assert reused == 0 and rendered > 10

    # Nothing changed: every generated page is the published one.
    caplog.clear()
    build(root, site, strict=True)
    rendered_again, reused = _counts(caplog)
    assert rendered_again == 0 and reused == rendered
    assert "沿用已发布的索引" in _search_said(caplog)  # and the search index is the published one

    # One story edited, one added.
    write_story(root, "2025/01-01-item-0.md", body="改写后的正文。\n", title="第0篇稿件（修改）", date="2025-01-01")
    write_story(root, "2025/12-30-new.md", title="新增的稿件", date="2025-12-30")
    caplog.clear()
    build(root, site, strict=True)
    rendered, reused = _counts(caplog)
    assert rendered > 0 and reused > 0
    assert "沿用" not in _search_said(caplog)
    assert "新增的稿件" in (site / "stories/new/index.html").read_text(encoding="utf-8")
    assert "第0篇稿件（修改）" in (site / "stories/item-0/index.html").read_text(encoding="utf-8")

    # The same sources built in full, without the cache or a previous site.
    shutil.rmtree(root / ".cache/congress")
    full = build(root, tmp_path / "full", strict=True)
    mine, theirs = _pages(site), _pages(full)
    assert sorted(mine) == sorted(theirs)
    differ = [path for path in mine if mine[path] != theirs[path]]
    assert differ == []
    # Pagefind names each page's fragment by a hash of what it indexed.
    assert _fragments(site) == _fragments(full) != set()


def _search_said(caplog) -> str:
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("搜索索引：")]
    assert said, "the build says what it indexed"
    return said[-1]


def _fragments(site) -> set[str]:
    return {p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*.pf_fragment")}


def _pages(site):
    """Everything but the search bundle: Pagefind writes different bytes on every run, two full builds too."""
    return {path: digest for path, digest in snapshot(site).items() if not path.startswith("pagefind/")}


def test_a_published_file_changed_since_is_rendered_again(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.congress")
    root = minimal_site(tmp_path / "src", stories=2)
    site = tmp_path / "site"
    build(root, site)
    page = site / "stories/item-1/index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace("第1篇稿件".encode(), "被改动的页面".encode()))
    caplog.clear()
    build(root, site)
    rendered, reused = _counts(caplog)
    assert rendered == 1 and reused > 0
    assert page.read_bytes() == original


def test_a_page_whose_render_reported_something_is_rendered_and_reported_every_build(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.congress")
    root = minimal_site(tmp_path / "src", stories=2)
    write_story(root, "2025/03-03-unsafe.md", body='正文<span onclick="alert(1)">一段</span>。\n', date="2025-03-03")
    site = tmp_path / "site"
    for _ in range(2):
        caplog.clear()
        build(root, site)
        said = [r.getMessage() for r in caplog.records if "unsafe-html-removed" in r.getMessage()]
        assert said, "the finding is reported on every build"
        assert "onclick" not in (site / "stories/unsafe/index.html").read_text(encoding="utf-8")
    rendered, reused = _counts(caplog)
    assert rendered == 1 and reused > 0


def test_reused_pages_keep_current_compressed_copies_when_the_cut_stylesheet_changes(tmp_path, caplog):
    """Reused pages are copied with their .gz and .br. When a new story
    brings an element the cut stylesheet did not need (a quotation), every
    page is pointed at a new sheet: the copies must follow the page."""
    import gzip

    import brotli

    caplog.set_level(logging.INFO, logger="mkdocs.plugins.congress")
    root = minimal_site(tmp_path / "src", stories=3)
    site = tmp_path / "site"
    build(root, site, strict=True)
    sheets = {p.name for p in (site / "assets/stylesheets").glob("main.*.min.css")}
    # A second name for a published page and its copy: the new build takes
    # them over as hard links, and must not write into them.
    page = site / "stories/item-1/index.html"
    kept = {path: path.read_bytes() for path in (page, page.with_name("index.html.gz"))}
    for path in kept:
        os.link(path, tmp_path / path.name)

    write_story(root, "2025/11-11-quote.md", title="引文稿件", date="2025-11-11",
                body="正文。\n\n> 代表在座谈会上说：“把群众的事当成自己的事。”\n")
    caplog.clear()
    build(root, site, strict=True)
    rendered, reused = _counts(caplog)
    assert reused > 0
    assert {p.name for p in (site / "assets/stylesheets").glob("main.*.min.css")} != sheets, \
        "the quotation needs rules the earlier cut had dropped"
    checked = 0
    for html in site.rglob("*.html"):
        data = html.read_bytes()
        for suffix, unpack in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            packed = html.with_name(html.name + suffix)
            if packed.exists():
                assert unpack(packed.read_bytes()) == data, f"{packed} is not {html}"
                checked += 1
    assert checked > 2 * reused
    assert page.read_bytes() != kept[page], "the page now names the new sheet"
    for path, data in kept.items():
        assert (tmp_path / path.name).read_bytes() == data, f"the published {path.name} was written into"


def _published_story(tmp_path):
    """A small site built once: its sources, the site and one story's page."""
    root = minimal_site(tmp_path / "src", stories=2)
    site = tmp_path / "site"
    build(root, site)
    return root, site, site / "stories/item-1/index.html"


def test_reuse_goes_by_the_published_files_size_and_time(tmp_path, caplog):
    """A page is reused only while its published file is the one the
    manifest describes: one touched since (same bytes, new time) is
    rendered again. Taking over the others says nothing in the engine's log."""
    caplog.set_level(logging.INFO)
    root, site, page = _published_story(tmp_path)
    st = page.stat()
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    caplog.clear()
    build(root, site)
    rendered, reused = _counts(caplog)
    assert rendered == 1 and reused > 0
    assert not [r for r in caplog.records if r.getMessage().startswith("Page skipped")]


def test_a_page_taken_over_and_changed_before_the_manifest_is_written_is_rendered_again(tmp_path, caplog,
                                                                                          monkeypatch):
    """The manifest keeps a page taken over with the size and time it was
    taken over at: a published file someone changed while the build ran is
    not taken for the page the next time."""
    from congress_site.output.pagecache import PageCache

    caplog.set_level(logging.INFO)
    root, site, page = _published_story(tmp_path)
    good = page.read_bytes()
    save = PageCache.save

    def meddled(self, into):
        with open(into / "stories/item-1/index.html", "ab") as published:
            published.write(b"<!-- changed by hand -->")
        return save(self, into)

    monkeypatch.setattr(PageCache, "save", meddled)
    build(root, site)
    assert _counts(caplog)[1] > 0 and page.read_bytes() != good
    monkeypatch.setattr(PageCache, "save", save)
    caplog.clear()
    build(root, site)
    rendered, reused = _counts(caplog)
    assert rendered == 1 and reused > 0
    assert page.read_bytes() == good


def test_the_engine_never_sees_a_page_taken_over(tmp_path, caplog):
    """Unchanged pages outside the menu are placed by the plugin; the engine
    neither reads nor renders them. The sitemap still lists them and MkDocs'
    own sitemap.xml.gz (no compressed copies of ours here) keeps a full
    build's stamp; a rendered page's link to one of them resolves quietly."""
    root = minimal_site(tmp_path / "src", stories=3)
    mkdocs_yml(root, optimize_assets=False)
    site = tmp_path / "site"
    build(root, site, strict=True)
    full = {name: (site / name).read_bytes() for name in ("sitemap.xml", "sitemap.xml.gz")}
    assert full["sitemap.xml"].count(b"<url>") > 6

    write_story(root, "2025/01-01-item-0.md", title="第0篇稿件（修改）", date="2025-01-01",
                body="参见[另一篇稿件](/stories/item-2/)。\n")
    caplog.set_level(logging.DEBUG)
    build(root, site, strict=True)
    read = {m[len("Reading: "):] for r in caplog.records if (m := r.getMessage()).startswith("Reading: ")}
    rendered, reused = _counts(caplog)
    assert reused > 0 and rendered > 0
    assert not [uri for uri in read if uri.startswith("stories/item-2")], "an unchanged story went to the engine"
    assert [uri for uri in read if uri.startswith("stories/item-0")], "the edited story is rendered"
    assert not [r for r in caplog.records if "excluded from the built site" in r.getMessage()]
    assert 'href="../item-2/"' in (site / "stories/item-0/index.html").read_text(encoding="utf-8")
    assert (site / "sitemap.xml").read_bytes() == full["sitemap.xml"]
    assert (site / "sitemap.xml.gz").read_bytes() == full["sitemap.xml.gz"]


def test_the_sitemap_copy_is_stamped_with_the_newest_page_of_all(tmp_path):
    """MkDocs stamps sitemap.xml.gz with the newest date among the pages it
    built; when it built only some, the plugin stamps it again with that of
    every page, as a full build would."""
    import datetime as dt
    import gzip
    import struct
    from types import SimpleNamespace

    from congress_site.plugin import _restamp_sitemap

    (tmp_path / "sitemap.xml").write_bytes(b"<urlset/>")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"stale", mtime=0))
    pages = [SimpleNamespace(update_date="2025-03-01"), SimpleNamespace(update_date="2026-11-22")]
    _restamp_sitemap(tmp_path, pages)
    packed = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == b"<urlset/>"
    newest = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    assert struct.unpack("<I", packed[4:8])[0] == int(newest.timestamp())  # the header's MTIME field


@pytest.mark.parametrize("site_url", ["https://example.gov.cn/", "https://example.gov.cn/rd", "https://a.cn/x//y/",
                                      "https://a.cn/./x/", "https://a.cn/p/?q=1", ""])
def test_a_taken_over_page_has_the_urls_the_engine_would_give_it(tmp_path, site_url):
    """Stand-ins for taken-over pages join their canonical URL by hand;
    wherever that could differ from urljoin they must fall back to it."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from congress_site.plugin import _StandIn

    config = MkDocsConfig()
    config.load_dict({"site_name": "测试", "site_url": site_url, "docs_dir": str(tmp_path)})
    assert config.validate() == ([], [])
    names = ["index.md", "stories/2026/一个故事.md", "a b/c.md", "x/.hidden.md", "p;q/r.md", "路/径/index.md",
             "%41/b.md", "a..b/c.md", "-/~.md"]
    for use_directory_urls in (True, False):
        for name in names:
            mine = _StandIn(None, File(name, str(tmp_path), str(tmp_path / "site"), use_directory_urls), config)
            theirs = Page(None, File(name, str(tmp_path), str(tmp_path / "site"), use_directory_urls), config)
            assert (mine.canonical_url, mine.abs_url) == (theirs.canonical_url, theirs.abs_url), name


def test_pages_linked_ahead_never_let_a_write_into_the_published_site(tmp_path, caplog, monkeypatch):
    """The worker links every published page into the new build before the
    plan says which are unchanged. Those the engine then renders again
    must be unlinked first: the edited story's file, written through its
    link, would change the live site (or the site a failed build keeps)."""
    from congress_site.output.pagecache import PageCache
    from congress_site.output.run import BuildRun

    caplog.set_level(logging.INFO, logger="mkdocs.plugins.congress")
    root = minimal_site(tmp_path / "src", stories=3)
    site = tmp_path / "site"
    build(root, site, strict=True)
    published = {path: digest for path, digest in snapshot(site).items()}
    keep = tmp_path / "kept"
    for path in published:  # the published files themselves, under other names
        (keep / path).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / path, keep / path)

    linked_ahead = []
    settle = PageCache.settle

    def watched(self, linked, staging, taken_over):
        linked_ahead.append(dict(linked))
        return settle(self, linked, staging, taken_over)

    monkeypatch.setattr(PageCache, "settle", watched)
    settle_pages = BuildRun.settle_pages

    def after_the_links(self, taken_over):
        # A site this small is planned before the worker process has even
        # started, and the build then places the pages itself: let it link.
        assert self._prelink is not None, "the worker was asked to link ahead"
        self._prelink.result(timeout=120)
        return settle_pages(self, taken_over)

    monkeypatch.setattr(BuildRun, "settle_pages", after_the_links)
    write_story(root, "2025/01-01-item-0.md", body="改写后的正文。\n", title="第0篇稿件（修改）", date="2025-01-01")
    caplog.clear()
    build(root, site, strict=True)
    rendered, reused = _counts(caplog)
    assert rendered > 0 and reused > 0
    assert linked_ahead and "stories/item-0/index.html" in linked_ahead[0], "the edited page was linked ahead"
    assert "第0篇稿件（修改）" in (site / "stories/item-0/index.html").read_text(encoding="utf-8")
    assert snapshot(keep) == published, "a published file was written into"
    taken = [p for p in linked_ahead[0] if os.path.samefile(site / p, keep / p)]
    assert len(taken) >= reused - 2, "the pages taken over are the linked ones"  # menu pages are placed again


def test_a_publish_that_recycles_the_replaced_site_equals_a_full_build(tmp_path, caplog, monkeypatch):
    """The site the last publish replaced is recycled as the next build's
    staging folder. With a story edited, one deleted and one added, and
    stray files in the recycled site, the new site has the same files and
    folders as a full build, and no published file was written into."""
    from congress_site.output.atomic import DONE
    from congress_site.output.run import BuildRun

    caplog.set_level(logging.INFO, logger="mkdocs.plugins.congress")
    root = minimal_site(tmp_path / "src", stories=4)
    site = tmp_path / "site"
    build(root, site, strict=True)
    build(root, site, strict=True)  # the first site is now set aside, to be recycled
    replaced = [p for p in tmp_path.iterdir() if p.name.startswith(DONE)]
    assert len(replaced) == 1
    (replaced[0] / "stray.html").write_text("多余", encoding="utf-8")
    os.link(site / "sitemap.xml", replaced[0] / "stray-link.xml")
    folder = (replaced[0] / "stories").stat().st_ino
    published = snapshot(site)
    keep = tmp_path / "kept"
    for path in published:
        (keep / path).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / path, keep / path)

    settle_pages = BuildRun.settle_pages

    def after_the_links(self, taken_over):
        assert self._prelink is not None, "the worker was asked to link ahead"
        self._prelink.result(timeout=120)  # a site this small is planned before the worker starts
        return settle_pages(self, taken_over)

    monkeypatch.setattr(BuildRun, "settle_pages", after_the_links)
    write_story(root, "2025/01-01-item-0.md", body="改写后的正文。\n", title="第0篇稿件（修改）", date="2025-01-01")
    (root / "stories/2025/01-04-item-3.md").unlink()
    write_story(root, "2025/12-30-new.md", title="新增的稿件", date="2025-12-30")
    caplog.clear()
    build(root, site, strict=True)
    rendered, reused = _counts(caplog)
    assert rendered > 0 and reused > 0
    assert not replaced[0].exists()
    assert (site / "stories").stat().st_ino == folder, "the replaced site was recycled"
    assert snapshot(keep) == published, "a published file was written into"

    monkeypatch.undo()
    shutil.rmtree(root / ".cache/congress")
    full = build(root, tmp_path / "full", strict=True)
    mine, theirs = _pages(site), _pages(full)
    assert sorted(mine) == sorted(theirs)
    assert [path for path in mine if mine[path] != theirs[path]] == []
    assert _folders(site) == _folders(full)


def _folders(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def test_linking_ahead_stays_inside_the_staging_folder(tmp_path):
    """The manifest comes from a cache a CI run restores: a page path that
    leaves the staging folder, or a file no longer as published, is not linked."""
    import json

    from congress_site.output.pagecache import FORMAT, prelink

    published, staging = tmp_path / "published", tmp_path / "staging"
    (published / "ok").mkdir(parents=True)
    staging.mkdir()
    (published / "ok/index.html").write_text("好", encoding="utf-8")
    (published / "ok/index.html.gz").write_bytes(b"gz")
    (tmp_path / "outside.html").write_text("外", encoding="utf-8")
    (published / "touched.html").write_text("改", encoding="utf-8")

    def entry(dest, path):
        st = path.stat()
        return ["key", dest, "digest", [], st.st_size, st.st_mtime_ns]

    outside = entry("../outside.html", tmp_path / "outside.html")
    pages = {"ok.md": entry("ok/index.html", published / "ok/index.html"),
             "up.md": outside, "deep.md": [*outside[:1], "ok/../../outside.html", *outside[2:]],
             "abs.md": [*outside[:1], str(tmp_path / "outside.html"), *outside[2:]],
             "touched.md": [*entry("touched.html", published / "touched.html")[:4], 0, 0],
             "odd.md": "not a list"}
    manifest = tmp_path / "pages.json"
    manifest.write_text(json.dumps({"format": FORMAT, "pages": pages}), encoding="utf-8")
    assert prelink(manifest, published, staging, tmp_path / "staging.linking") == {"ok/index.html": False}  # no .br
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()) == \
        ["ok/index.html", "ok/index.html.gz"]
    assert os.path.samefile(staging / "ok/index.html", published / "ok/index.html")


def test_a_recycled_replaced_site_keeps_only_links_to_published_pages(tmp_path):
    """Linking ahead into a recycled replaced site leaves exactly what
    linking into an empty folder would: its links to pages still published
    stay (the same files, not made again), and everything else goes: an
    older version of a page, a page no longer published, a file beside the
    pages that is shared with the published site (the engine would write
    through it), a symbolic link, and the folders that leaves empty."""
    import json

    from congress_site.output.pagecache import FORMAT, prelink

    published, staging, recycled = tmp_path / "site", tmp_path / "staging", tmp_path / "staging.recycled"
    for folder in ("same", "changed", "partly", "assets"):
        (published / folder).mkdir(parents=True)
    staging.mkdir()
    for name in ("same/index.html", "same/index.html.gz", "same/index.html.br", "changed/index.html",
                 "changed/index.html.gz", "partly/index.html", "partly/index.html.gz", "assets/site.css"):
        (published / name).write_text(f"已发布：{name}", encoding="utf-8")
    for name in ("same/index.html", "same/index.html.gz", "same/index.html.br", "assets/site.css"):
        (recycled / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(published / name, recycled / name)
    for name in ("changed/index.html", "changed/index.html.gz", "changed/index.html.br",
                 "partly/index.html.br", "gone/deep/index.html"):
        (recycled / name).parent.mkdir(parents=True, exist_ok=True)
        (recycled / name).write_text(f"旧版：{name}", encoding="utf-8")
    (recycled / "partly/index.html").symlink_to(published / "partly/index.html")
    kept_folder = (recycled / "same").stat().st_ino

    def entry(dest):
        st = (published / dest).stat()
        return ["key", dest, "digest", [], st.st_size, st.st_mtime_ns]

    manifest = tmp_path / "pages.json"
    manifest.write_text(json.dumps({"format": FORMAT, "pages": {
        f"{name}.md": entry(f"{name}/index.html") for name in ("same", "changed", "partly")}}), encoding="utf-8")
    linked = prelink(manifest, published, staging, tmp_path / "staging.linking", recycled)

    assert linked == {"same/index.html": True, "changed/index.html": False, "partly/index.html": False}
    files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if not p.is_dir())
    assert files == ["changed/index.html", "changed/index.html.gz", "partly/index.html", "partly/index.html.gz",
                     "same/index.html", "same/index.html.br", "same/index.html.gz"]
    for name in files:
        assert not (staging / name).is_symlink() and os.path.samefile(staging / name, published / name), name
    assert sorted(p.name for p in staging.iterdir()) == ["changed", "partly", "same"], "emptied folders stay"
    assert (staging / "same").stat().st_ino == kept_folder, "the recycled folders are the ones used"
    assert not recycled.exists()
    assert (published / "assets/site.css").read_text(encoding="utf-8") == "已发布：assets/site.css"


def test_a_worker_lost_while_linking_ahead_leaves_an_empty_staging_folder(tmp_path):
    """Which links a dead worker made is unknown: the build empties the
    staging folder and places every page taken over itself."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from congress_site.output.atomic import AtomicOutput
    from congress_site.output.run import BuildRun

    staging = tmp_path / "staging"
    (staging / "stories/a").mkdir(parents=True)
    (staging / "stories/a/index.html").write_text("半途", encoding="utf-8")
    run = BuildRun(logging.getLogger("test"), lambda findings, fail: None)
    run._atomic = AtomicOutput(tmp_path / "site", staging)
    lost: Future = Future()
    lost.set_exception(BrokenProcessPool("模拟工作进程退出"))
    run._prelink, run._linking = lost, tmp_path / "staging.linking"
    run._linking.touch()  # the worker had begun
    assert run.settle_pages({"stories/a.md": "stories/a/index.html"}) == ["stories/a.md"]
    assert staging.is_dir() and list(staging.iterdir()) == []


def test_a_worker_not_begun_is_not_waited_for_and_then_links_nothing(tmp_path):
    """A small site is planned before the worker process has started: the
    build places its pages itself at once, and the worker, when it gets to
    linking, links nothing into the folder the engine now writes."""
    import json
    import threading
    from concurrent.futures import Future

    from congress_site.output.atomic import AtomicOutput
    from congress_site.output.pagecache import FORMAT, prelink
    from congress_site.output.run import BuildRun

    class Starting:
        """A worker process still starting: what it is given never finishes here."""

        def __init__(self):
            self.jobs = []

        def submit(self, fn, *args):
            self.jobs.append((fn, args))
            return Future()

    published, staging = tmp_path / "site", tmp_path / "staging"
    (published / "a").mkdir(parents=True)
    staging.mkdir()
    page = published / "a/index.html"
    page.write_text("已发布", encoding="utf-8")
    st = page.stat()
    manifest = tmp_path / "pages.json"
    manifest.write_text(json.dumps({"format": FORMAT, "pages": {
        "a.md": ["key", "a/index.html", "digest", [], st.st_size, st.st_mtime_ns]}}), encoding="utf-8")
    run = BuildRun(logging.getLogger("test"), lambda findings, fail: None)
    run.settings = type("Settings", (), {"page_cache": manifest, "layout": None, "lint_cache": None})()
    run._atomic, run._worker = AtomicOutput(published, staging), Starting()
    run.prelink_pages()
    (linking, args), (check, _) = run._worker.jobs
    assert linking is prelink, "linking ahead comes before the copy check"
    settled = []  # on a thread, so a build that waited would fail this test instead of hanging it
    waiter = threading.Thread(target=lambda: settled.append(run.settle_pages({"a.md": "a/index.html"})), daemon=True)
    waiter.start()
    waiter.join(60)
    assert settled == [["a.md"]], "the build did not wait for the worker"
    assert linking(*args) == {} and list(staging.iterdir()) == [], "the late worker linked nothing"
    (tmp_path / "other").mkdir()  # with nobody ahead of it, the same job links the page
    assert prelink(manifest, published, tmp_path / "other", tmp_path / "other.linking") == {"a/index.html": False}
    assert os.path.samefile(tmp_path / "other/a/index.html", page)
