"""Fixtures for search tests: the sample site built and indexed once, a
static server on 127.0.0.1 in a thread, and Debian's chromium via Playwright
(never a downloaded browser). Without chromium, browser tests fail in CI
(CI=true) and are skipped with a loud reason elsewhere."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import sitekit
from congress_site.search import index_site
from congress_site.search.indexer import MANIFEST, OUTPUT

CHROMIUM = Path(os.environ.get("CONGRESS_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
HOST = "127.0.0.1"


def unavailable(reason: str) -> None:
    message = f"搜索浏览器测试无法运行：{reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}（CI 中必须可用：apt-get install -y chromium）", pytrace=False)
    pytest.skip(f"!!! {message} —— 本地已跳过；安装：apt-get install -y chromium")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample site, built with MkDocs and indexed."""
    site = sitekit.build(sitekit.REPO, tmp_path_factory.mktemp("search") / "site")
    if not (site / OUTPUT / MANIFEST).is_file():  # the plugin may already index
        index_site(site)
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """serve(dir) -> base URL without trailing slash; servers stop at the end."""
    servers = []

    def _serve(root: Path) -> str:
        server = http.server.ThreadingHTTPServer((HOST, 0), functools.partial(_Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{HOST}:{server.server_address[1]}"

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium():
    if not (CHROMIUM.is_file() or shutil.which(str(CHROMIUM))):
        unavailable(f"找不到 {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("未安装 playwright（pip install -e '.[test]'）")
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - any launch failure means the same
            unavailable(f"chromium 启动失败：{exc}")
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium) -> Iterator[Callable[[], object]]:
    contexts = []

    def _new():
        context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()
