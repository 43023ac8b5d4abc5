"""One build's mechanics, apart from what the site contains.

A production build writes into a staging folder that replaces the site only
when the build succeeded; it checks copy in a worker process while the engine
renders pages on the other core, and indexes search before the swap, so the
published site never has pages without their index. `mkdocs serve` builds in
place, keeps one copy gate in memory, and indexes in the background.
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..findings import CongressError, Finding
from ..images import qrcache
from ..model import Layout
from ..settings import Settings
from .atomic import AtomicOutput
from .pagecache import PageCache

Report = Callable[[list[Finding], bool], None]  # (findings, whether warnings fail the build)

# Whether an engine command that ended froze everything (BuildRun.closing).
_closed_frozen = False
# Middle collections between two full ones while a production build renders.
RARE_FULL_COLLECTIONS = 100


class BuildRun:
    """Lives as long as the engine's process (one build, or `serve`'s many);
    `begin` and `end` bracket each build."""

    def __init__(self, log: logging.Logger, report: Report) -> None:
        self.log = log
        self.report = report
        self.settings: Settings | None = None
        self._atomic: AtomicOutput | None = None
        self._worker: ProcessPoolExecutor | None = None  # a build's one worker process
        self._copy_job: Future | None = None
        self._prelink: Future | None = None  # the published pages linked into the staging folder
        self._linking: Path | None = None  # made by whoever links ahead: the worker, or the build (see prelink)
        self._copy_gate = None  # `serve` keeps one, with its cache, across rebuilds
        self.pages: PageCache | None = None  # a production build's reuse of unchanged pages
        self._frozen = False
        self._thresholds = gc.get_threshold()

    def begin(self, settings: Settings, in_place: bool = False) -> Path:
        """Start a build; returns the folder to write the site into."""
        global _closed_frozen
        if _closed_frozen:  # the process goes on after a command: collect as usual again
            gc.unfreeze()
            _closed_frozen = False
        self.abandon()  # a build that never finished
        self.settings = settings
        self.pages = None
        qrcache.load(settings.qr_cache)
        if not (settings.serving or in_place):
            # A build that will link the published pages ahead recycles a replaced site.
            self._atomic = AtomicOutput.begin(settings.site_dir, recycle=settings.page_cache.is_file())
        if not settings.serving:
            self._worker = worker_pool()
            if not self._links_ahead():
                # The copy check needs only the record files: started before
                # they are loaded, it has the second core from the first second.
                self._start_copy_check()
        return self._atomic.staging if self._atomic is not None else settings.site_dir

    def lasting(self) -> None:
        """What the build has made so far (the records, then the plan) lives
        until it ends. A production build sets it aside from the cyclic
        garbage collector, which would otherwise walk those millions of
        objects again at each of its full collections. `serve` does not:
        each of its rebuilds makes new ones, and the old must be freed."""
        if self.settings is not None and not self.settings.serving:
            gc.freeze()
            if not self._frozen:
                # With nothing old left to weigh against, the collector
                # would walk all it has at every tenth middle pass; what
                # the pages leave is freed young, or when the build ends.
                self._thresholds = gc.get_threshold()
                young, middle, old = self._thresholds
                gc.set_threshold(young, middle, max(old, RARE_FULL_COLLECTIONS))
            self._frozen = True

    def closing(self) -> None:
        """The engine's command is over and its process is about to exit.
        Everything is frozen out of the collector: the interpreter's last
        collection would walk the build's millions of objects and free them
        one by one (about 2 s after a publish at 10,000 stories), memory the
        operating system takes back at once."""
        global _closed_frozen
        gc.freeze()
        _closed_frozen = True

    def _thaw(self) -> None:
        if self._frozen:
            gc.unfreeze()
            gc.set_threshold(*self._thresholds)
            self._frozen = False

    def reuse_pages(self, salt: str) -> PageCache | None:
        """A production build into a staging folder may take unchanged
        pages from the published site (see pagecache.py); a build in place
        cannot, as it overwrites what it would read."""
        if self._atomic is None or self._atomic.in_place:
            return None
        self.pages = PageCache(self.settings.page_cache, self._atomic.target, salt)
        return self.pages

    def _start_copy_check(self) -> None:
        """A build's copy check runs in the worker process while the engine
        renders pages on the other core; `end` reports what it found."""
        if self._copy_job is None and self._worker is not None:
            settings = self.settings
            self._copy_job = self._worker.submit(_check_site_copy, settings.layout, settings.lint_cache)

    def _links_ahead(self) -> bool:
        """Whether the worker will link the published pages ahead: a build
        into a staging folder, with a published site's page manifest."""
        atomic = self._atomic
        return atomic is not None and not atomic.in_place and self.settings.page_cache.is_file()

    def prelink_pages(self) -> None:
        """Once the engine has emptied the staging folder: the worker links
        the published pages into it (pagecache.prelink) while the records
        load and the site is planned here, and then checks the copy, whose
        verdict is only needed at the end. Most pages will be taken over
        unchanged, and their links then cost the build nothing
        (`settle_pages`)."""
        if self._worker is None or self._copy_job is not None or self._prelink is not None \
                or not self._links_ahead():
            return
        from .pagecache import prelink

        atomic = self._atomic
        self._linking = atomic.staging.with_name(atomic.staging.name + ".linking")  # swept with it
        self._prelink = self._worker.submit(prelink, self.settings.page_cache, atomic.target, atomic.staging,
                                            self._linking, atomic.recycled)
        self._start_copy_check()

    def settle_pages(self, taken_over: dict[str, str]) -> list[str]:
        """Before the engine writes a file: keep the links `prelink_pages`
        made for the pages taken over (src_uri: dest), remove the others
        (PageCache.settle). Returns the pages taken over still to be placed.
        A worker that has not begun by now (a small site plans faster than a
        process starts) is told not to, and not waited for. Should it have
        died on the way, which links it made is unknown: the staging folder,
        which holds nothing else yet, is emptied, so the engine never writes
        through one."""
        self._start_copy_check()  # should prelink_pages not have run
        job, self._prelink = self._prelink, None
        if job is None:
            return list(taken_over)
        from .pagecache import claim

        try:
            too_late = claim(self._linking)  # then the worker, when it gets there, links nothing
        except OSError:
            too_late = False  # cannot tell: wait for it
        if too_late:
            return list(taken_over)
        try:
            linked = job.result()
        except Exception as exc:  # noqa: BLE001 - any failure: start from an empty folder
            self.log.debug("预先链接已发布页面未完成（%s），改为逐页放入", exc)
            self._atomic.empty_staging()
            return list(taken_over)
        if self.pages is None:
            self._atomic.empty_staging()
            return []
        return self.pages.settle(linked, self._atomic.staging, taken_over)

    def check_copy(self) -> None:
        """The copy gate: the same rules as `congress check`. Errors fail a
        strict build; house-style warnings are only shown, so an editor's
        judgement is not overruled. A build started its check in `begin`;
        `serve` checks here, keeping one gate with its cache across rebuilds."""
        settings = self.settings
        if not settings.serving:
            return
        from ..lint.cache import CopyGate

        if self._copy_gate is None or self._copy_gate.layout != settings.layout:
            self._copy_gate = CopyGate(settings.layout, settings.lint_cache)
        self.report(self._copy_gate.check(), False)
        self._copy_gate.save()

    def end(self, output: Path, *, failed: Callable[[], bool], full: bool) -> None:
        """After everything is written to `output`. `failed()`: the engine will
        refuse the build (strict mode), so it must not replace the site; asked
        after the copy check and the index have reported.
        `full`: every page was rendered, so unused QR codes can be dropped."""
        try:
            qrcache.stop()  # every page is rendered: codes not drawn yet are not needed
            pages, self.pages = self.pages, None
            # Reused pages drew no QR codes: keep the unused ones then.
            full = full and not (pages and pages.reused)
            lighten = self.settings.options.optimize_assets and not self.settings.serving
            if lighten and not failed():
                # While the copy check may still be busy in its worker: an
                # empty cache leaves it seconds behind the last page.
                self._lighten(output, pages)
            self._finish_copy_check()  # before the verdict: copy errors count
            if self._index_search(output) and lighten and not failed():
                self._compress_index(output)
            qrcache.save(self.settings.qr_cache, prune=full and not self.settings.serving)
            atomic, self._atomic = self._atomic, None
            if atomic is None:
                return
            if failed():
                atomic.abandon()
                self.log.error("构建未通过（--strict 下有警告或错误），原有的网站目录 %s 保持不变", atomic.target)
            else:
                atomic.commit()
                if pages is not None:
                    pages.save(atomic.target)
                    self.log.info("页面：重新渲染%d个，沿用上次构建的%d个", pages.rendered, pages.reused)
        finally:
            self._thaw()  # the engine's process may build again (tests do)

    def abandon(self) -> None:
        """The build failed: its copy check no longer matters and the
        previous site stays as it was."""
        self.pages = None
        qrcache.stop()
        self._thaw()
        worker, self._worker, self._copy_job, self._prelink = self._worker, None, None, None
        if worker is not None:  # stopped before the staging folder goes: it may be linking into it
            worker.shutdown(cancel_futures=True)
        self._linked()
        atomic, self._atomic = self._atomic, None
        if atomic is not None:
            atomic.abandon()
            self.log.error("构建失败，原有的网站目录 %s 保持不变", atomic.target)

    @property
    def target(self) -> Path | None:
        """Where the finished site goes (the staging folder is elsewhere)."""
        return self._atomic.target if self._atomic else None

    def _finish_copy_check(self) -> None:
        self._start_copy_check()  # a build that never planned pages
        future, self._copy_job = self._copy_job, None
        worker, self._worker = self._worker, None
        if future is None:
            return
        try:
            self.report(future.result(), False)
        except Exception as exc:  # noqa: BLE001 - a dead worker must not pass the gate silently
            self.log.error("文字检查未能完成（%s），请运行 congress check 查看", exc)
        finally:
            worker.shutdown(cancel_futures=True)
            self._linked()

    def _linked(self) -> None:
        """The worker is done: the marker of who links ahead can go. Never
        earlier: a worker that has not begun would find no marker and link."""
        linking, self._linking = self._linking, None
        if linking is not None:
            linking.unlink(missing_ok=True)

    def _lighten(self, output: Path, pages: PageCache | None) -> None:
        """What a reader's phone downloads: minified and cut-down assets,
        and compressed copies a static server sends as they are. Reused
        pages came with theirs, unless pointing them at new cut sheets
        changed them."""
        from . import tree
        from .assets import lighten
        from .compress import TEXT_SUFFIXES, precompress
        from .cutmemo import CutMemo

        # One walk of the site serves both steps (each is a fifth of a second
        # at 15,000 pages); only the assets, which the cut rewrites, are
        # listed again for compression.
        texts = tree.files(output, TEXT_SUFFIXES)
        memo = CutMemo(self.settings.sheet_cache)
        assets = lighten(output, previous=self.target, census=pages.last_census if pages is not None else None,
                         known=pages.digests if pages is not None else None, memo=memo,
                         dropped=pages.dropped_sheets if pages is not None else (),
                         pages=[Path(path) for path, rel in texts if rel.endswith(".html")])
        memo.save()
        if pages is not None:
            pages.rewritten({rel: assets.census.pages[rel] for rel in assets.rewritten})
            pages.census = assets.census
        texts = [file for file in texts if not file[1].startswith("assets/")]
        if (output / "assets").is_dir():
            texts += [(path, f"assets/{rel}") for path, rel in tree.files(output / "assets", TEXT_SUFFIXES)]
        packed = precompress(output, previous=self.target, current=pages.placed if pages is not None else (),
                             found=texts)
        self.log.info("页面资源：压缩样式和脚本共节省 %.0f KB；%d 个文本文件附带 .gz/.br 压缩副本（%d 个沿用上次构建）",
                      assets.saved / 1024, packed.files, packed.reused)

    def _compress_index(self, output: Path) -> None:
        """Pagefind's scripts and entry files, written after the pages were
        compressed, get their copies too."""
        from ..search.indexer import OUTPUT
        from .compress import precompress

        previous = self.target / OUTPUT if self.target is not None else None
        precompress(output / OUTPUT, previous=previous)

    def _index_search(self, output: Path) -> bool:
        """Pagefind over the built pages: before the swap in a build; in a
        child process after rebuilds settle in `serve`, never blocking one.
        Whether this build wrote an index."""
        options = self.settings.options
        if not options.search:
            return False
        from ..search import index_in_background, index_site

        if self.settings.serving:
            index_in_background(output)
            return False
        from ..search.indexer import OUTPUT

        # The published site's index: its unchanged shards are taken over.
        published = self.target / OUTPUT if self.target is not None else None
        try:
            report = index_site(output, shards=options.search_shards or None,
                                previous=published if published is not None and published.is_dir() else None)
        except CongressError as err:
            self.report(err.findings, True)
            return False
        parts = f"，分为{len(report.shards) + 1}个分片" if report.shards else ""
        if report.reused:
            parts += f"，其中{len(report.reused)}个未变，沿用已发布的" if report.shards else "，页面未变，沿用已发布的索引"
        self.log.info("搜索索引：%d个页面，%.1f MB，%.1f 秒%s", report.pages, report.index_bytes / 1e6, report.seconds, parts)
        return True


def worker_pool() -> ProcessPoolExecutor:
    """The build's worker: one process, spawned (a fork would copy the
    engine's threads and locks). When the build is over, its interpreter
    would free what the copy check loaded (the lexicon, its caches) object by
    object, 0.13 to 0.17 s at 10,000 stories with the build waiting for it;
    so it ends at once, and the operating system takes the memory back
    whole. Its results are sent by then, and nobody reads its exit status."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=atexit.register, initargs=(_exit_now,))


def _exit_now() -> None:
    # Registered after logging's own exit handler, so it runs first.
    logging.shutdown()
    os._exit(0)


def _check_site_copy(layout: Layout, cache_file: Path | None) -> list[Finding]:
    """In the worker: the copy check, imported there alone. Its rules, the
    lexicon and numpy cost the build's own process a fifth of a second
    to import and nothing it does needs them."""
    from ..lint.cache import check_site_copy

    return check_site_copy(layout, cache_file)
