"""Debian's chromium for every browser test: where it is, how it starts, and
what happens when it is missing (skipped loudly here, a failure in CI).

There is one browser per test session, the `browser` fixture of
tests/conftest.py: Playwright's sync API cannot run two instances at once
in one thread, so test folders must share it rather than start their own."""

from __future__ import annotations

import gzip
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CONGRESS_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def unavailable(reason: str) -> None:
    """Skip with a loud reason locally; fail in CI, where the tool must exist."""
    message = f"浏览器测试无法运行：{reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}（CI=true 时必须可用：请先运行 .ci/run 安装 Debian chromium）", pytrace=False)
    pytest.skip(f"!!! {message} —— 已跳过。安装方法：apt-get install -y chromium fonts-noto-cjk")


def launch() -> Iterator[object]:
    """Yield one headless chromium; closes it afterwards."""
    if not (CHROMIUM.is_file() or shutil.which(str(CHROMIUM))):
        unavailable(f"找不到 {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        unavailable("未安装 Python 包 playwright（pip install -e '.[test]'）")
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - report any launch failure the same way
            unavailable(f"chromium 启动失败：{exc}")
        yield chromium
        chromium.close()


# axe-core from npm (package.json), injected into pages by the accessibility tests.
AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rated "moderate" by axe, but held to here: headings in order, landmarks.
ALSO_REQUIRED = {"heading-order", "landmark-one-main", "page-has-heading-one", "region",
                 "landmark-unique", "landmark-no-duplicate-main", "empty-heading"}


def run_axe(page) -> list[dict]:
    """axe's violations on the page loaded in `page` (a Playwright page)."""
    if not AXE_JS.is_file():
        unavailable(f"找不到 {AXE_JS}（在仓库根目录运行 npm ci）")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def blocking(violations: list[dict]) -> list[str]:
    """The violations a page may not have, one line each in Chinese."""
    bad = [v for v in violations if v["impact"] in ("serious", "critical") or v["id"] in ALSO_REQUIRED]
    return [f"{v['impact']}: {v['id']} ×{len(v['nodes'])} —— {v['help']}（例如 {v['nodes'][0]['target']}）"
            for v in bad]


HOST = "127.0.0.1"
# Text responses are gzipped like any production web server does, so the
# page-weight figures are what a reader's phone actually downloads.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ".pf_meta", ".pf_index")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text, quiet logs."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()  # redirects, 404s, images, fonts
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 from a thread while the block runs;
    yields its base URL without a trailing slash."""
    server = http.server.ThreadingHTTPServer((HOST, 0), partial(StaticHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
