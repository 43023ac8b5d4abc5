"""Output that never half-publishes: a failed build leaves the previous
site exactly as it was, a good one replaces it whole; the same input gives
a byte-identical site, whatever the wall clock or hash seed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from congress_site.output.atomic import DONE, OLD, PREFIX, AtomicOutput, rewrite, share, sweep
from sitekit import build, copy_sample, engine_build, minimal_site, snapshot, write_story


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((PREFIX, OLD)))


# --------------------------------------------------------------- atomic

def test_good_build_replaces_the_site_whole(tmp_path):
    root = minimal_site(tmp_path / "src", stories=2)
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "stale.html").write_text("旧文件", encoding="utf-8")
    build(root, site)
    assert (site / "stories/item-1/index.html").is_file()
    assert not (site / "stale.html").exists()             # a clean build, not a merge
    assert leftovers(site.parent) == []
    assert oct(site.stat().st_mode & 0o777) == "0o755"    # readable by the web server


def test_failed_strict_build_leaves_the_previous_site_untouched(tmp_path):
    from mkdocs.exceptions import Abort

    root = minimal_site(tmp_path / "src", stories=2)
    site = tmp_path / "site"
    build(root, site, strict=True)
    before = snapshot(site)
    assert "stories/item-0/index.html" in before
    # A new story with a broken reference: an error finding, so --strict fails.
    write_story(root, "2025/07-05-broken.md", title="坏稿件", column="no-such-column")
    write_story(root, "2025/07-06-good.md", title="好稿件")
    with pytest.raises(Abort):
        build(root, site, strict=True)
    assert snapshot(site) == before
    assert leftovers(tmp_path) == []
    # Without --strict the same input publishes, the bad story held back.
    build(root, site)
    assert (site / "stories/good/index.html").is_file() and not (site / "stories/broken").exists()


def test_copy_error_found_by_the_worker_leaves_the_previous_site_untouched(tmp_path):
    """The copy check runs in a worker and reports at the very end: its
    errors must still stop a strict build from replacing the site."""
    from mkdocs.exceptions import Abort

    root = minimal_site(tmp_path / "src", stories=2)
    site = tmp_path / "site"
    build(root, site, strict=True)
    before = snapshot(site)
    write_story(root, "2025/07-06-pasted.md", title="重复粘贴",
                body="代表们表示，将继续跟踪问题整改情况。代表们表示，将继续跟踪问题整改情况。\n")
    with pytest.raises(Abort):
        build(root, site, strict=True)
    assert snapshot(site) == before
    assert leftovers(tmp_path) == []


def test_build_that_crashes_leaves_the_previous_site_untouched(tmp_path, monkeypatch):
    import congress_site.plugin as plugin

    root = minimal_site(tmp_path / "src", stories=1)
    site = tmp_path / "site"
    build(root, site)
    before = snapshot(site)

    def explode(*args, **kwargs):
        raise RuntimeError("模拟构建中途出错")

    monkeypatch.setattr(plugin, "plan_site", explode)
    with pytest.raises(RuntimeError):
        build(root, site)
    assert snapshot(site) == before
    assert leftovers(tmp_path) == []


def test_first_build_that_fails_creates_no_site(tmp_path):
    from mkdocs.exceptions import Abort

    root = minimal_site(tmp_path / "src", stories=0)
    write_story(root, "2025/07-05-broken.md", column="no-such-column")
    with pytest.raises(Abort):
        build(root, tmp_path / "site", strict=True)
    assert not (tmp_path / "site").exists() and leftovers(tmp_path) == []


def test_preview_builds_in_place(tmp_path):
    """`mkdocs serve` owns its folder and rebuilds into it: no staging."""
    root = minimal_site(tmp_path / "src", stories=1)
    site = tmp_path / "site"
    build(root, site, serve=True)
    assert (site / "index.html").is_file() and leftovers(tmp_path) == []


def test_the_replaced_site_is_deleted_by_the_next_build(tmp_path):
    """Nothing waits for a replaced site to be deleted: it is set aside and
    the next build deletes it in the background, done before it publishes."""
    root = minimal_site(tmp_path / "src", stories=1)
    site = tmp_path / "site"
    build(root, site)
    first = (site / "index.html").stat().st_ino
    build(root, site)
    replaced = [p for p in tmp_path.iterdir() if p.name.startswith(DONE)]
    assert len(replaced) == 1 and (replaced[0] / "index.html").stat().st_ino == first
    build(root, site)
    assert not replaced[0].exists()
    assert len([p for p in tmp_path.iterdir() if p.name.startswith(DONE)]) == 1
    assert leftovers(tmp_path) == []


def test_without_rm_a_thread_deletes_the_replaced_sites(tmp_path, monkeypatch):
    import threading

    import congress_site.output.atomic as atomic

    monkeypatch.setattr(atomic.shutil, "which", lambda name: None)
    folders = [tmp_path / f"{DONE}site-{n}" for n in range(2)]
    for folder in folders:
        (folder / "stories/a").mkdir(parents=True)
        (folder / "stories/a/index.html").write_text("旧")
    removal = atomic._remove_in_background(folders)
    assert isinstance(removal, threading.Thread)
    removal.join()
    assert not any(folder.exists() for folder in folders)


def test_leftovers_of_a_killed_build_are_swept_but_recent_ones_kept(tmp_path):
    target = tmp_path / "site"
    stale = tmp_path / f"{PREFIX}site-old"
    fresh = tmp_path / f"{PREFIX}site-running"
    aside = tmp_path / f"{OLD}site-old"
    other = tmp_path / f"{PREFIX}othersite-old"
    for folder in (stale, fresh, aside, other):
        folder.mkdir()
        (folder / "index.html").write_text("x")
    hour_ago = time.time() - 3600
    for folder in (stale, aside, other):
        os.utime(folder, (hour_ago, hour_ago))
    sweep(target)
    assert not stale.exists() and not aside.exists()
    assert fresh.exists() and other.exists()      # maybe still running; another site's


def test_commit_and_abandon_directly(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("旧")
    first = AtomicOutput.begin(target)
    (first.staging / "new.html").write_text("新")
    first.abandon()
    assert sorted(p.name for p in target.iterdir()) == ["old.html"]
    second = AtomicOutput.begin(target)
    (second.staging / "new.html").write_text("新")
    second.commit()
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------- determinism

def mkdocs_build(config: Path, site: Path, **env) -> None:
    out = engine_build(config, site, "--strict", **env)
    assert out.returncode == 0, out.stderr[-2000:]


def test_same_input_gives_a_byte_identical_site(sample_site, tmp_path):
    """The session's build of the sample site and a second build of a fresh
    copy in a separate process, with another hash seed (set and dict
    ordering) and a wall clock years ahead (MkDocs dates pages and the
    sitemap's gzip header by the clock): every file has the same bytes."""
    src = copy_sample(tmp_path / "src")
    seed = "2" if os.environ.get("PYTHONHASHSEED") != "2" else "3"  # not this process's
    mkdocs_build(src / "mkdocs.yml", tmp_path / "site", PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1900000000")
    first, second = snapshot(sample_site), snapshot(tmp_path / "site")
    # Pagefind writes its filter chunks from unordered maps, so the index's
    # file names and bytes vary between runs of the same input (checked by
    # hand: every other file matches). Everything we generate must match;
    # of the index, only its shape is compared.
    index_a = sorted(n for n in first if n.startswith("pagefind/"))
    index_b = sorted(n for n in second if n.startswith("pagefind/"))
    assert index_a and len(index_a) == len(index_b)
    first = {n: v for n, v in first.items() if not n.startswith("pagefind/")}
    second = {n: v for n, v in second.items() if not n.startswith("pagefind/")}
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []


def test_no_room_beside_the_site_builds_in_place(tmp_path, monkeypatch):
    """A parent folder we may not write to (simulated: root may write
    anywhere): the build goes in place instead of failing."""
    import tempfile

    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("旧")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    out = AtomicOutput.begin(site)
    assert out.in_place and out.staging == site.resolve()
    out.abandon()
    assert (site / "old.html").exists()      # never the target itself
    out.commit()
    assert (site / "old.html").exists()


def test_in_place_output_is_never_deleted(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("首页")
    out = AtomicOutput(site, site)
    out.abandon()
    out.commit()
    assert (site / "index.html").read_text() == "首页"


def test_site_folder_that_cannot_move_gets_its_contents_replaced(tmp_path, monkeypatch):
    """site_dir as a mount point (a container volume) cannot be renamed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("旧")
    (site / "sub").mkdir()
    out = AtomicOutput.begin(site)
    (out.staging / "new.html").write_text("新")
    real = os.replace

    def busy(src, dst):
        if Path(src) == site.resolve():
            raise OSError(16, "Device or resource busy")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", busy)
    out.commit()
    assert sorted(p.name for p in site.iterdir()) == ["new.html"]
    assert leftovers(tmp_path) == []


def test_share_replaces_what_is_staged_without_writing_through_it(tmp_path, monkeypatch):
    """A reused page enters the staging folder as a hard link; a name
    already there is replaced, never written into (it may itself be a link
    to a published file), and where links are impossible the file is copied."""
    published, other, staged = tmp_path / "published", tmp_path / "other", tmp_path / "staged"
    published.write_bytes(b"new")
    other.write_bytes(b"old")
    os.link(other, staged)
    share(published, staged)
    assert staged.read_bytes() == b"new" and os.path.samefile(staged, published)
    assert other.read_bytes() == b"old"
    with pytest.raises(FileNotFoundError):
        share(tmp_path / "missing", tmp_path / "anywhere")

    def no_links(src, dst):
        raise OSError(18, "Invalid cross-device link")

    os.unlink(staged)
    os.link(other, staged)
    monkeypatch.setattr(os, "link", no_links)
    share(published, staged)
    assert staged.read_bytes() == b"new" and not os.path.samefile(staged, published)
    assert other.read_bytes() == b"old"


def test_rewrite_writes_in_place_only_a_file_no_other_name_shares(tmp_path):
    """A page this build rendered has one name: it is rewritten in place,
    its old bytes cut off where the new ones end. A name shared with a
    published file, or a symbolic link, gets a new file, and what the
    other name or the link's target holds stays as it was."""
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>a long first version</p>")
    with page.open("rb") as held:  # open, the file keeps its inode: a new file would be another one
        for data in (b"<p>short</p>", b"<p>a longer second version than both</p>"):
            rewrite(page, data)
            held.seek(0)
            assert page.read_bytes() == data and held.read() == data

    published, staged = tmp_path / "published.html", tmp_path / "staged.html"
    published.write_bytes(b"live")
    os.link(published, staged)
    rewrite(staged, b"new")
    assert staged.read_bytes() == b"new" and published.read_bytes() == b"live"
    assert not os.path.samefile(staged, published)

    target, link = tmp_path / "target.html", tmp_path / "link.html"
    target.write_bytes(b"kept")
    link.symlink_to(target)
    rewrite(link, b"own")
    assert not link.is_symlink() and link.read_bytes() == b"own" and target.read_bytes() == b"kept"

    rewrite(tmp_path / "new.html.gz", b"fresh")
    assert (tmp_path / "new.html.gz").read_bytes() == b"fresh"


def test_a_build_keeps_its_records_from_the_collector_only_while_it_runs(tmp_path, monkeypatch):
    """Records and plan are frozen out of the cyclic collector's walks while
    pages render, and handed back when the build ends or breaks off."""
    import gc

    import congress_site.plugin as plugin
    from congress_site.output.run import RARE_FULL_COLLECTIONS, BuildRun

    seen = []
    end = BuildRun.end
    usual = gc.get_threshold()

    def watched_end(self, *args, **kwargs):
        seen.append((gc.get_freeze_count(), gc.get_threshold()))
        return end(self, *args, **kwargs)

    monkeypatch.setattr(BuildRun, "end", watched_end)
    root = minimal_site(tmp_path / "src", stories=2)
    build(root, tmp_path / "site")
    assert seen and seen[0][0] > 0, "pages render with the records frozen"
    assert seen[0][1][2] >= RARE_FULL_COLLECTIONS > usual[2], "and with full collections rarer"
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == usual

    def explode(*args, **kwargs):
        raise RuntimeError("模拟渲染中途出错")

    monkeypatch.setattr(plugin.CongressPlugin, "on_page_context", explode)
    with pytest.raises(RuntimeError):
        build(root, tmp_path / "site")
    assert gc.get_freeze_count() == 0, "a build that breaks off hands them back"
    assert gc.get_threshold() == usual


def test_the_collector_does_not_walk_the_records_while_the_build_plans(tmp_path, monkeypatch):
    """Between loading the records and setting them aside, the cyclic
    collector would only walk objects that all live on."""
    import gc

    import congress_site.plugin as plugin

    planning = []
    walks = []

    def watch(phase, info):
        if phase == "start" and planning:
            walks.append(info["generation"])

    on_files = plugin.CongressPlugin.on_files

    def watched(self, *args, **kwargs):
        planning.append(True)
        try:
            return on_files(self, *args, **kwargs)
        finally:
            planning.clear()

    monkeypatch.setattr(plugin.CongressPlugin, "on_files", watched)
    root = minimal_site(tmp_path / "src", stories=30)
    gc.callbacks.append(watch)
    try:
        build(root, tmp_path / "site")
    finally:
        gc.callbacks.remove(watch)
    assert walks == [], f"the collector walked generations {walks} while the build planned"


def test_an_engine_command_that_ends_leaves_its_objects_to_the_operating_system(tmp_path):
    """When `mkdocs build` ends, its process exits: everything is frozen so
    the interpreter's last collection does not walk and free it piece by
    piece. A build later in the same process collects as usual again."""
    import gc

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = minimal_site(tmp_path / "src", stories=2)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()  # as `mkdocs build` does
        assert gc.get_freeze_count() > 0
        build(root, tmp_path / "site")
        assert gc.get_freeze_count() == 0, "the next build hands them back to the collector"
    finally:
        gc.unfreeze()


class _Noisy:
    """Writes its file when freed."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __del__(self, _open=open) -> None:  # held: by then the module's names may be gone
        with _open(self.path, "w") as f:
            f.write("freed")


_held: list[_Noisy] = []


def _hold_until_exit(path: str) -> int:
    _held.append(_Noisy(path))
    return os.getpid()


@pytest.mark.parametrize("ends_at_once", [True, False])
def test_the_build_worker_exits_without_freeing_what_it_loaded(tmp_path, ends_at_once):
    """The worker's results arrive, and when the pool shuts down its process
    ends without tearing its objects down one by one. The plain pool beside
    it shows the object would otherwise have been freed at exit."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from congress_site.output.run import worker_pool

    marker = tmp_path / "freed"
    pool = worker_pool() if ends_at_once else ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        pid = pool.submit(_hold_until_exit, str(marker)).result(timeout=120)
    finally:
        pool.shutdown()
    assert pid != os.getpid()
    assert marker.exists() is not ends_at_once
