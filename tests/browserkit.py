"""Debian's chromium for every browser test: where it is, how it starts, and
what happens when it is missing (skipped loudly here, a failure in CI).

There is one browser per test session, the `browser` fixture of
tests/conftest.py: Playwright's sync API cannot run two instances at once
in one thread, so test folders must share it rather than start their own."""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

# Built sites are served as a production server serves them, compressed
# copies included.
from congress_bench.static import HOST, served  # noqa: F401 - re-exported for the browser tests

CHROMIUM = Path(os.environ.get("CONGRESS_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_ports(count: int = 1) -> list[int]:
    """Ports on HOST free now, all different: each stays bound until all are
    chosen, or the system could hand out one of them twice."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind((HOST, 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


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


AXE_RESULTS: dict[str, dict] = {}


def record_axe(artifacts: Path, name: str, path: str, violations: list[dict]) -> None:
    """Keep every page's full axe result (all impacts) as a CI artefact:
    axe.json, or one axe-gwN.json per pytest-xdist worker, since each worker
    holds only the results of the pages it checked."""
    AXE_RESULTS[name] = {"url": path, "violations": {
        v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])} for v in violations}}
    artifacts.mkdir(exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    (artifacts / (f"axe-{worker}.json" if worker else "axe.json")).write_text(json.dumps(AXE_RESULTS, ensure_ascii=False, indent=2), encoding="utf-8")


def blocking(violations: list[dict]) -> list[str]:
    """The violations a page may not have, one line each in Chinese."""
    bad = [v for v in violations if v["impact"] in ("serious", "critical") or v["id"] in ALSO_REQUIRED]
    return [f"{v['impact']}: {v['id']} ×{len(v['nodes'])} —— {v['help']}（例如 {v['nodes'][0]['target']}）"
            for v in bad]
