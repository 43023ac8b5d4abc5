"""`congress admin` (`make admin`): the local mode an editor tries with no
account. It serves /admin/ and Decap's local backend against the working
copy, says in Chinese where to go, and stops both servers when stopped; it
says in Chinese what is missing when npm has not run."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from browserkit import free_ports
from congress_site.cli import main
from congress_site.cli.admin import (
    DECAP_SERVER,
    backend_answers,
    page_answers,
    wait_for_backend,
    wait_for_page,
)
from congress_site.cms.admin import decap_files
from sitekit import REPO, minimal_site, mkdocs_yml


def test_without_npm_it_says_what_to_run(tmp_path, monkeypatch, capsys):
    root = minimal_site(tmp_path / "site", stories=0)
    monkeypatch.chdir(root)
    assert main(["admin"]) == 1
    err = capsys.readouterr().err
    assert "npm ci" in err and "congress admin：" in err


def test_it_serves_the_cms_against_the_working_copy_and_stops_cleanly(tmp_path):
    if shutil.which("node") is None or decap_files(REPO) is None or not (REPO / DECAP_SERVER).is_file():
        pytest.skip("!!! 未找到 node 或 node_modules（npm ci）—— 已跳过")
    root = minimal_site(tmp_path / "site", stories=1)
    (root / "node_modules").symlink_to(REPO / "node_modules")
    backend_port, site_port = free_ports(2)
    mkdocs_yml(root, cms_local_port=backend_port)
    command = Path(sys.executable).parent / "congress"
    process = subprocess.Popen([str(command), "admin", "--port", str(site_port)], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(process.stderr), daemon=True)
    reader.start()
    backend = f"http://127.0.0.1:{backend_port}/api/v1"
    try:
        assert wait_for_backend(backend, process, within=60), "".join(said)
        assert wait_for_page(f"http://127.0.0.1:{site_port}/admin/", process, within=180), "".join(said)
        # Polled like the page: a single request may outlast its timeout on a busy machine.
        assert wait_for_page(f"http://127.0.0.1:{site_port}/admin/decap-cms.js", process, within=60)
        # Once both answer, it tells the editor where to go.
        deadline = time.monotonic() + 30
        while not any("Ctrl+C" in line for line in said) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        reader.join(timeout=10)
    err = "".join(said)
    assert process.returncode == 0, err
    assert f"http://127.0.0.1:{site_port}/admin/" in err and "登录" in err
    # Both servers stopped with it.
    assert not backend_answers(backend)
    assert not page_answers(f"http://127.0.0.1:{site_port}/admin/")
