"""`congress admin`: try the browser CMS on this computer, no account needed.

Starts Decap's local backend (npm `decap-server`, which reads and writes the
working copy) and the preview server (`mkdocs serve`, which publishes
/admin/ like any build), then waits for Ctrl+C and stops both. A story saved
in the browser lands in stories/<year>/ and appears in the preview."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..cms.admin import decap_files
from ..cms.config import repository_prefix, repository_top
from ..settings import load_settings

DECAP_SERVER = Path("node_modules/decap-server/dist/index.js")
READY_WITHIN = 30.0  # seconds for each server to answer


def register(sub) -> None:
    p = sub.add_parser("admin", help="在本机试用“在浏览器里写稿”（不需要账号；写入当前目录的文件）")
    p.add_argument("--config", type=Path, default=None, help="mkdocs.yml 的路径")
    p.add_argument("--port", type=int, default=8000, help="预览网站的端口（默认 8000）")
    p.set_defaults(handler=run)


def _fail(message: str) -> int:
    print(f"congress admin：{message}", file=sys.stderr)
    return 1


def run(args) -> int:
    settings, _ = load_settings(args.config)
    root = settings.root
    if not settings.options.cms:
        return _fail("mkdocs.yml 中关闭了写稿工具（插件选项 cms: false）。")
    node = shutil.which("node")
    if node is None:
        return _fail("找不到 Node.js。请先安装（Debian/Ubuntu：apt-get install nodejs npm），再运行 npm ci。")
    if not (root / DECAP_SERVER).is_file() or decap_files(root) is None:
        return _fail(f"写稿工具还没有安装。请在 {root} 运行 npm ci（按 package-lock.json 安装），再运行 make admin。")
    prefix, repo_top = repository_prefix(root), repository_top(root)
    backend_port = settings.options.cms_local_port
    env = dict(os.environ, PORT=str(backend_port), BIND_HOST="127.0.0.1", MODE="fs",
               GIT_REPO_DIRECTORY=str(repo_top), LOG_LEVEL="warn")
    config = settings.config_file or root / "mkdocs.yml"
    site = f"http://127.0.0.1:{args.port}"
    processes: list[subprocess.Popen] = []
    # Stopped by a service manager or `kill`: still stop both servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        # Own sessions: Ctrl+C reaches this command only, which then stops
        # both servers in order instead of racing them.
        processes.append(subprocess.Popen([node, str(root / DECAP_SERVER)], env=env, cwd=repo_top,
                                          start_new_session=True))
        if not wait_for_backend(f"http://127.0.0.1:{backend_port}/api/v1", processes[0]):
            return _fail(f"本机写稿服务（decap-server）没有在端口 {backend_port} 启动；"
                         "端口可能被占用，可在 mkdocs.yml 的插件选项 cms_local_port 换一个端口。")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--no-livereload",
             "-a", f"127.0.0.1:{args.port}"], cwd=root, start_new_session=True))
        if not wait_for_page(f"{site}/admin/", processes[1]):
            return _fail(f"预览服务没有在端口 {args.port} 启动；可用 --port 换一个端口。")
        print(f"""
在浏览器里写稿（本机试用，不需要账号）：
  1. 打开 {site}/admin/ ，点“登录”。
  2. 左侧选“稿件”，点“新建稿件”，填写标题、日期、栏目、作者和正文。
  3. 点“发布”→“立即发布”：稿件保存为 {prefix}{settings.options.stories_dir}/年份/月-日-短名.md。
  4. 在 {site}/ 预览网站；另开一个终端运行 congress check 检查稿件。
按 Ctrl+C 结束。
""", file=sys.stderr)
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        return _fail("有一个服务意外退出了，请查看上面的输出。")
    except KeyboardInterrupt:
        print("\n已结束本机写稿服务。", file=sys.stderr)
        return 0
    finally:
        for p in processes:
            if p.poll() is None:
                p.terminate()
        for p in processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


def backend_answers(url: str) -> bool:
    """Whether Decap's local backend answers at `url` (its `info` action)."""
    request = urllib.request.Request(url, data=json.dumps({"action": "info"}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return "publish_modes" in json.loads(response.read())
    except (OSError, ValueError, urllib.error.URLError):
        return False


def page_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def wait_for_backend(url: str, process: subprocess.Popen, within: float = READY_WITHIN) -> bool:
    return _wait(lambda: backend_answers(url), process, within)


def wait_for_page(url: str, process: subprocess.Popen, within: float = 120.0) -> bool:
    return _wait(lambda: page_answers(url), process, within)


def _wait(ready, process: subprocess.Popen, within: float) -> bool:
    """Poll until `ready()`, the process ends or the deadline passes."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if ready():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.2)
    return False
