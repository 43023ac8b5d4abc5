"""Edit-to-refresh under a running `mkdocs serve`: start the server on a
free local port, wait for a story's page, save an edit and poll until the
served page shows it. The benchmark run, `congress-bench refresh` and the
preview tests all use this one timer:

    from congress_bench.refresh import measure_refresh
    result = measure_refresh(site_root, site_root / "stories/2025/07-05-x.md")
    result.first_build_s, result.edits_s

No fixed waits: MkDocs watches files by polling snapshots, and its first
snapshot may be taken after the server already answers, so an edit saved
too early goes unseen. Each edit is therefore saved again (with a new
marker) until the server's log says it detected a change, and timed from
that last save to the page showing its marker.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from congress_site.model.loader import STORY_NAME

# mkdocs serve logs this line when its watcher has seen a change.
DETECTED = "Detected file changes"
# ... and exits with this error when another process holds its port.
PORT_TAKEN = "Address already in use"
MAX_STARTS = 3
# How long one save may go unseen before it is saved again: several of
# MkDocs' 0.5 s polling intervals, plus a snapshot of a large site.
RESAVE_AFTER = 5.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str] | None:
    """(status, body) of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")
    except OSError:
        return None


class Server:
    """`mkdocs serve` in a subprocess; a context manager that always stops it.

    MkDocs binds its port only after the first build, seconds after the
    port was found free: should another process take it meanwhile, the
    server exits, and `wait_for` starts it again on another port."""

    def __init__(self, root: Path, *, dirty: bool = True, today: str | None = None, log: Path | None = None,
                 extra: list[str] | None = None, env: dict[str, str] | None = None) -> None:
        self.root = Path(root)
        self._options = ["--dirty"] if dirty else []
        self._options += extra or []
        self._env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        if today:
            self._env["CONGRESS_TODAY"] = today
        self.log = log or (self.root / ".serve.log")
        self._out = open(self.log, "ab")  # noqa: SIM115 - closed in stop()
        self.starts = 0
        self._start()

    def _start(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(self.root / "mkdocs.yml"),
               "-a", f"127.0.0.1:{self.port}", *self._options]
        self._out.flush()
        self._log_start = self.log.stat().st_size
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=self._env, stdout=self._out, stderr=subprocess.STDOUT)
        self.starts += 1

    def _lost_port(self) -> bool:
        """The server exited because its port was taken before it bound it."""
        return not self.alive() and PORT_TAKEN in self.log_text()

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_text(self) -> str:
        """What this server has written to its log so far."""
        with open(self.log, "rb") as fh:
            fh.seek(self._log_start)
            return fh.read().decode("utf-8", "replace")

    def changes_detected(self) -> int:
        return self.log_text().count(DETECTED)

    def wait_for(self, path: str, test: Callable[[int, str], bool], timeout: float, interval: float = 0.1) -> float:
        """Seconds until GET `path` satisfies `test(status, body)`; raises
        TimeoutError (or RuntimeError if the server died) otherwise."""
        start = time.perf_counter()
        while True:
            got = fetch(self.url(path))
            if self._lost_port() and self.starts < MAX_STARTS:
                self._start()  # a first build again: timed from here
                start = time.perf_counter()
                continue
            if not self.alive():  # an answer now came from someone else
                raise RuntimeError(f"mkdocs serve 已退出（返回码 {self.proc.returncode}），日志见 {self.log}")
            if got is not None and test(*got):
                return time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{timeout:.0f} 秒内 {path} 未出现预期内容，日志见 {self.log}")
            time.sleep(interval)

    def save_until_seen(self, write: Callable[[int], str], timeout: float) -> tuple[float, str]:
        """Call `write(attempt)` (attempt 0, 1, …), which saves a file and
        returns the text that save adds, until the watcher reports a change,
        saving again after RESAVE_AFTER seconds unseen. Returns the
        perf_counter time of the last save and its text."""
        deadline = time.perf_counter() + timeout
        seen = self.changes_detected()
        attempt = 0
        while True:
            saved = time.perf_counter()
            text = write(attempt)
            while time.perf_counter() - saved < RESAVE_AFTER:
                if self.changes_detected() > seen:
                    return saved, text
                if not self.alive():
                    raise RuntimeError(f"mkdocs serve 已退出（返回码 {self.proc.returncode}），日志见 {self.log}")
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{timeout:.0f} 秒内 mkdocs serve 未发现文件改动，日志见 {self.log}")
                time.sleep(0.05)
            attempt += 1

    def stop(self) -> None:
        if self.alive():
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._out.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def story_url(story_path: Path) -> str:
    m = STORY_NAME.match(Path(story_path).name)
    if not m:
        raise ValueError(f"not a story file name: {story_path}")
    return f"stories/{m.group(3)}/"


@dataclass
class Refresh:
    """Seconds from start-up to the story's page being served, and from each
    saved edit to the page showing it. The first edit after start-up may
    cost a full rebuild; the later ones are what an editor waits for."""

    story: str
    first_build_s: float | None = None
    edits_s: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def seconds(self) -> float:
        """The last edit's refresh time (raises if none was measured)."""
        if not self.edits_s:
            raise RuntimeError(self.error or "no edit was measured")
        return self.edits_s[-1]


def measure_refresh(site_root: Path, story_path: Path | None = None, *, dirty: bool = True, edits: int = 1,
                    timeout: float = 600.0, today: str | None = None, log: Path | None = None,
                    env: dict[str, str] | None = None) -> Refresh:
    """Start `mkdocs serve` on `site_root`, wait for the page of `story_path`
    (default: the first story) and time `edits` saved edits to it. The
    story is restored afterwards. A server that fails is reported in
    `error`, with what was measured before."""
    site_root = Path(site_root)
    story = Path(story_path) if story_path else sorted((site_root / "stories").glob("*/*.md"))[0]
    url = story_url(story)
    original = story.read_bytes()
    result = Refresh(story=url)
    try:
        with Server(site_root, dirty=dirty, today=today, log=log, env=env) as server:
            result.first_build_s = round(server.wait_for(url, lambda status, body: status == 200, timeout), 2)
            for n in range(edits):
                def save(attempt: int, n: int = n) -> str:
                    marker = f"刷新测量第{n + 1}次修改第{attempt + 1}次保存"
                    story.write_bytes(original + f"\n{marker}。\n".encode())
                    return marker

                saved, marker = server.save_until_seen(save, timeout)
                server.wait_for(url, lambda status, body, m=marker: m in body, timeout, interval=0.05)
                result.edits_s.append(round(time.perf_counter() - saved, 2))
    except (RuntimeError, TimeoutError) as err:
        result.error = str(err)
    finally:
        story.write_bytes(original)
    return result


def full_build_seconds(site_root: Path, today: str | None = None) -> float:
    """Wall-clock seconds of a plain `mkdocs build` of the site (into a temporary folder)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"CONGRESS_TODAY": today} if today else {})}
    with tempfile.TemporaryDirectory(prefix="congress-full-") as out:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(Path(site_root) / "mkdocs.yml"),
                        "-d", out], cwd=site_root, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - start
