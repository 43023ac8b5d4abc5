"""Edit-to-refresh under a running `mkdocs serve`: start the server on a
free local port, wait for a page, change a file and poll until the served
page shows the change. Used by the tests and by `congress bench run`:

    from congress_site.devserver.refresh import measure_refresh
    seconds = measure_refresh(site_root, site_root / "stories/2025/07-05-x.md")
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from ..model.loader import STORY_NAME


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
    """`mkdocs serve` in a subprocess; a context manager that always stops it."""

    def __init__(self, root: Path, *, dirty: bool = True, today: str | None = None, log: Path | None = None,
                 extra: list[str] | None = None) -> None:
        self.root = Path(root)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(self.root / "mkdocs.yml"),
               "-a", f"127.0.0.1:{self.port}"]
        if dirty:
            cmd.append("--dirty")
        cmd += extra or []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if today:
            env["CONGRESS_TODAY"] = today
        self.log = log or (self.root / ".serve.log")
        self._out = open(self.log, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self._out, stderr=subprocess.STDOUT)

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_for(self, path: str, test: Callable[[int, str], bool], timeout: float, interval: float = 0.1) -> float:
        """Seconds until GET `path` satisfies `test(status, body)`; raises
        TimeoutError (or RuntimeError if the server died) otherwise."""
        start = time.perf_counter()
        while True:
            got = fetch(self.url(path))
            if got is not None and test(*got):
                return time.perf_counter() - start
            if not self.alive():
                raise RuntimeError(f"mkdocs serve 已退出（返回码 {self.proc.returncode}），日志见 {self.log}")
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{timeout:.0f} 秒内 {path} 未出现预期内容，日志见 {self.log}")
            time.sleep(interval)

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


def measure_refresh(site_root: Path, story_path: Path, *, dirty: bool = True, timeout: float = 600.0,
                    today: str | None = None) -> float:
    """Seconds from saving an edit to `story_path` to `mkdocs serve` serving
    the edited page. The story is restored afterwards."""
    url = story_url(story_path)
    original = Path(story_path).read_bytes()
    with Server(site_root, dirty=dirty, today=today) as server:
        server.wait_for(url, lambda status, body: status == 200, timeout)
        time.sleep(1.0)  # let the watcher settle after the first build
        marker = f"刷新测量标记{time.time_ns()}"
        try:
            start = time.perf_counter()
            Path(story_path).write_bytes(original + f"\n{marker}。\n".encode())
            server.wait_for(url, lambda status, body: marker in body, timeout, interval=0.05)
            return time.perf_counter() - start
        finally:
            Path(story_path).write_bytes(original)


def full_build_seconds(site_root: Path, today: str | None = None) -> float:
    """Wall-clock seconds of a plain `mkdocs build` of the site (into a temporary folder)."""
    import tempfile

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"CONGRESS_TODAY": today} if today else {})}
    with tempfile.TemporaryDirectory(prefix="congress-full-") as out:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(Path(site_root) / "mkdocs.yml"),
                        "-d", out], cwd=site_root, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


def generate_site(root: Path, stories: int) -> Path:
    """The benchmark's synthetic site if that generator is installed, else ours."""
    theme = Path(__file__).resolve().parents[3] / "theme"
    try:
        from ..bench.generate import generate
    except ImportError:
        from .sample import write_site

        return write_site(root, stories, theme_dir=theme)
    generate(root, stories=stories, profiles=max(1, stories // 7), legislation=50, stations=20, seed=1,
             floor=False, theme_dir=theme)
    return root


def main(argv: list[str] | None = None) -> int:
    """python -m congress_site.devserver.refresh SITE [--story FILE]: full
    build time against edit-to-refresh time under `mkdocs serve`."""
    import argparse
    import json

    p = argparse.ArgumentParser(prog="python -m congress_site.devserver.refresh")
    p.add_argument("site", type=Path, help="a site folder (with mkdocs.yml), or where to generate one")
    p.add_argument("--stories", type=int, default=2000, help="stories to generate when SITE does not exist")
    p.add_argument("--story", type=Path, default=None)
    p.add_argument("--today", default=None)
    p.add_argument("--no-full", action="store_true", help="skip the full build")
    p.add_argument("--plain", action="store_true", help="also measure serve without --dirty")
    args = p.parse_args(argv)
    if not (args.site / "mkdocs.yml").is_file():
        generate_site(args.site, args.stories)
    story = args.story or sorted((args.site / "stories").glob("*/*.md"))[len(list((args.site / "stories").glob("*/*.md"))) // 2]
    result: dict = {"site": str(args.site), "story": str(story)}
    if not args.no_full:
        result["full_build_s"] = round(full_build_seconds(args.site, args.today), 2)
    result["refresh_dirty_s"] = round(measure_refresh(args.site, story, dirty=True, today=args.today), 2)
    if args.plain:
        result["refresh_plain_s"] = round(measure_refresh(args.site, story, dirty=False, today=args.today), 2)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
