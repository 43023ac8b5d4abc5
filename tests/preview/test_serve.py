"""`mkdocs serve` in a subprocess on 127.0.0.1: breaking a record shows an
error page at its URL and in the terminal, fixing it brings the page back,
bad input never stops the server, and a dirty rebuild re-renders only the
pages whose inputs changed."""

from __future__ import annotations

import re
import socket
import time

import pytest

from congress_bench import refresh
from congress_bench.refresh import Server, fetch, measure_refresh
from sitekit import minimal_site, write

pytestmark = pytest.mark.slow
TIMEOUT = 120


def ok(status, body):
    return status == 200


def watching(server: Server, timeout: float) -> None:
    """Wait until MkDocs says its file watcher runs (it has taken the first
    snapshot of the files, so every later edit is seen)."""
    deadline = time.monotonic() + timeout
    while "Watching paths for changes" not in server.log_text():
        if not server.alive():
            raise RuntimeError(f"mkdocs serve 已退出，日志见 {server.log}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{timeout:.0f} 秒内 mkdocs serve 没有开始监视文件，日志见 {server.log}")
        time.sleep(0.1)


def rerendered(log_text: str) -> list[int]:
    return [int(n) for n in re.findall(r"预览：(\d+) 个生成页面需要重新渲染", log_text)]


def test_serve_shows_errors_survives_bad_input_and_recovers(tmp_path):
    root = minimal_site(tmp_path / "site", stories=12)
    write(root / "content/about.md", "# 关于本站\n\n手写的页面。\n")
    story = root / "stories/2025/01-03-item-2.md"
    good = story.read_text(encoding="utf-8")
    with Server(root, today="2026-11-22") as server:
        server.wait_for("stories/item-2/", ok, TIMEOUT)
        watching(server, TIMEOUT)

        # A reference error: the story's URL shows the findings, not a 404.
        story.write_text(good.replace("column: jiceng", "column: jicegn"), encoding="utf-8")
        server.wait_for("stories/item-2/", lambda s, b: s == 200 and "这条记录有错误" in b, TIMEOUT)
        body = fetch(server.url("stories/item-2/"))[1]
        assert "栏目“jicegn”不存在" in body and "unknown-column" in body
        editors = fetch(server.url("editors/"))[1]
        assert "stories/2025/01-03-item-2.md" in editors
        terminal = server.log_text()                                        # and in the terminal
        assert "[unknown-column]" in terminal and "/stories/item-2/ 显示详情" in terminal

        # Unreadable input of several kinds: the server keeps serving.
        story.write_bytes("---\ntitle: 坏\n".encode("gb18030") + b"\xff\xfe\x00garbage")
        server.wait_for("stories/item-2/", lambda s, b: "encoding" in b or "yaml-syntax" in b, TIMEOUT)
        story.write_text("---\n\ttitle: [unclosed\n---\n", encoding="utf-8")
        server.wait_for("stories/item-2/", lambda s, b: "yaml-syntax" in b, TIMEOUT)
        assert server.alive()

        # Fixed: the page is back with the new text.
        story.write_text(good.replace("第2篇稿件", "改好了的稿件"), encoding="utf-8")
        server.wait_for("stories/item-2/", lambda s, b: "改好了的稿件" in b and "这条记录有错误" not in b,
                        TIMEOUT)

        # A site-wide change (a column renamed in the nav) reaches hand-written pages too.
        columns = root / "content/columns.yml"
        columns.write_text(columns.read_text(encoding="utf-8").replace("基层传真", "基层快讯"), encoding="utf-8")
        server.wait_for("about/", lambda s, b: "基层快讯" in b, TIMEOUT)
        server.wait_for("stories/item-3/", lambda s, b: "基层快讯" in b, TIMEOUT)

        # Deleted: no stale page is served.
        story.unlink()
        server.wait_for("stories/item-2/", lambda s, b: s == 404, TIMEOUT)
        assert server.alive()
    log = server.log_text()
    assert "Traceback" not in log
    counts = rerendered(log)
    first = counts[0]
    # With --dirty, editing a story renders only the pages that show it again;
    # renaming a column (in every page's nav) renders them all.
    assert counts[1] < first / 2 and first in counts[1:], counts


def test_measure_refresh_sees_the_edit(tmp_path):
    root = minimal_site(tmp_path / "site", stories=5)
    story = root / "stories/2025/01-02-item-1.md"
    before = story.read_bytes()
    result = measure_refresh(root, story, edits=2, timeout=TIMEOUT, today="2026-11-22")
    assert result.error is None and result.story == "stories/item-1/"
    assert 0 < result.first_build_s < TIMEOUT
    assert len(result.edits_s) == 2 and all(0 < s < TIMEOUT for s in result.edits_s)
    assert story.read_bytes() == before                    # restored


def test_plain_serve_switches_to_dirty_rebuilds_after_the_first_build(tmp_path):
    root = minimal_site(tmp_path / "site", stories=12)
    story = root / "stories/2025/01-04-item-3.md"
    with Server(root, dirty=False, today="2026-11-22") as server:
        server.wait_for("stories/item-3/", ok, TIMEOUT)
        watching(server, TIMEOUT)
        story.write_text(story.read_text(encoding="utf-8").replace("第3篇稿件", "普通预览也很快"), encoding="utf-8")
        server.wait_for("stories/item-3/", lambda s, b: "普通预览也很快" in b, TIMEOUT)
        # Untouched pages are still served from the first build.
        assert "第7篇稿件" in fetch(server.url("stories/item-7/"))[1]
    log = server.log_text()
    assert "等同 mkdocs serve --dirty" in log
    counts = rerendered(log)
    assert counts[1] < counts[0] / 2, counts


def test_a_port_taken_before_the_server_binds_it_gets_another(tmp_path, monkeypatch):
    """MkDocs binds its port after the first build: a port taken meanwhile
    (here, held from the start) makes it exit, and the server starts again
    on another port instead of failing, or of timing someone else's."""
    root = minimal_site(tmp_path / "site", stories=3)
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    ports = [held.getsockname()[1]]
    real = refresh.free_port
    monkeypatch.setattr(refresh, "free_port", lambda: ports.pop() if ports else real())
    try:
        with Server(root, today="2026-11-22") as server:
            server.wait_for("stories/item-1/", ok, TIMEOUT)
            assert server.starts == 2 and server.port != held.getsockname()[1]
            assert "Address already in use" not in server.log_text()
        assert "Address already in use" in server.log.read_text(encoding="utf-8")  # the first start's
    finally:
        held.close()
