"""Indexing for `mkdocs serve`: after a rebuild, in a child process, debounced.

A rebuild must not wait for the index. `index_in_background(site_dir)`
returns at once; a worker thread waits until rebuilds have been quiet for
`delay` seconds, then runs `python -m congress_site.search SITE_DIR` as a
child process (its memory and CPU never touch the server's). A rebuild that
comes while the child runs makes its result stale: the child is stopped and
a fresh run is scheduled. Until the index is written the results page says
that the index is being built.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.congress.search")


class BackgroundIndexer:
    def __init__(self, delay: float = 1.0, command: list[str] | None = None) -> None:
        self.delay = delay
        self.command = command or [sys.executable, "-m", "congress_site.search"]
        self._lock = threading.Condition()
        self._site: Path | None = None
        self._due = 0.0
        self._child: subprocess.Popen | None = None
        self._busy = False
        self._thread: threading.Thread | None = None
        self.runs = 0  # completed runs, for tests and logs
        self.last_returncode: int | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._site = Path(site_dir)
            self._due = time.monotonic() + self.delay
            child = self._child
            if child is not None and child.poll() is None:
                child.terminate()  # its input is being rebuilt under it
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="congress-search-index", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until no run is pending or running (tests, `mkdocs build`)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if self._site is None and not self._busy:
                    return True
            time.sleep(0.05)
        return False

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._site is None:
                    self._thread = None
                    return
                wait = self._due - time.monotonic()
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                site, self._site = self._site, None
                self._busy = True  # until its run is counted, so `wait` cannot end in between
                self._child = subprocess.Popen(
                    [*self.command, str(site)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                )
                child = self._child
            output, _ = child.communicate()
            with self._lock:
                self.last_returncode = child.returncode
                self.runs += 1
                self._busy = False
            if child.returncode == 0:
                log.info(output.strip().splitlines()[-1] if output.strip() else "搜索索引已更新")
            elif self._site is None:  # not superseded: a real failure
                log.warning("后台生成搜索索引失败：%s", output.strip()[-500:])


_INDEXER: BackgroundIndexer | None = None


def index_in_background(site_dir: Path, *, delay: float = 1.0) -> BackgroundIndexer:
    """Schedule indexing of `site_dir` after rebuilds settle; returns at once."""
    global _INDEXER
    if _INDEXER is None:
        _INDEXER = BackgroundIndexer(delay=delay)
    _INDEXER.delay = delay
    _INDEXER.request(Path(site_dir))
    return _INDEXER
