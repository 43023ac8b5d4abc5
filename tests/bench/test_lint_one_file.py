"""The one-file lint benchmark times both paths of `congress lint` (the lint
server's answer and the in-process check) against `python -c pass`, and
leaves no server running. Its figures are judged by `make bench`, not here."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from congress_bench import lint_one_file

ROOT = Path(__file__).resolve().parents[2]


def _servers(folder: str) -> set[int]:
    """The lint servers running now (started as `python -c '… from
    congress_site.lint.server import main … serve <socket>'`) whose socket
    is under `folder`. Other tests, in this process or another, start
    servers of their own at any time: only those under `folder` are ours."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # not a process, or it has just ended
            continue
        if b"congress_site.lint.server" in cmdline and b"serve" in cmdline and os.fsencode(folder) in cmdline:
            found.add(int(entry.name))
    return found


@pytest.mark.bench
def test_both_paths_are_timed_and_the_server_is_stopped(monkeypatch):
    if not (ROOT / ".venv" / "bin" / "congress").is_file() and not os.environ.get("CI"):
        pytest.skip("congress is not installed in .venv (make test installs it); CI must run this")
    if not Path("/proc/self/cmdline").is_file():
        pytest.skip("no /proc to look for servers left running")
    # The benchmark's temporary folder, with the socket folder in it, goes
    # inside one of this test's own, which its server's command line names
    # (short: a socket path must fit in about 100 bytes).
    own = tempfile.mkdtemp(prefix="lof-", dir="/tmp")
    monkeypatch.setattr(tempfile, "tempdir", own)
    try:
        result = lint_one_file.measure(ROOT, runs=1)  # raises when the server never answered
        assert result["story_chars"] >= 3000 and result["text"] == "held-out corpus"
        assert result["lint_s"] > 0 and result["inprocess_s"] > 0 and result["first_run_s"] > 0
        assert result["again_s"] > 0
        assert result["ratio"] == pytest.approx(result["lint_s"] / result["python_pass_s"], rel=0.02)
        assert result["inprocess_ratio"] == pytest.approx(result["inprocess_s"] / result["python_pass_s"], rel=0.02)
        deadline = time.monotonic() + 60  # its socket is gone; the process may still be exiting
        while _servers(own) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _servers(own)  # the one it started is gone
    finally:
        shutil.rmtree(own, ignore_errors=True)
    table = lint_one_file.table(result)
    assert "lint server" in table and "in-process" in table and "first run" in table
    assert "a new story" in table and "the same story again" in table


def test_each_timed_story_is_new_prose_from_the_held_out_corpus():
    stories, source = lint_one_file.stories_for(ROOT, 17)  # what make bench's seven runs use
    assert source == "held-out corpus" and len(stories) == 17
    assert all(len(text) >= lint_one_file.TARGET_CHARS for text in stories)
    assert all(text.startswith("---\ntitle: ") and "\n---\n\n" in text for text in stories)
    bodies = [text.split("\n---\n\n", 1)[1] for text in stories]
    paragraphs = [para for body in bodies for para in body.split("\n\n") if para.strip()]
    assert len(paragraphs) == len(set(paragraphs))  # no story repeats another's text
    corpus = "".join(path.read_text(encoding="utf-8") for path in (ROOT / lint_one_file.CORPUS).glob("*.md"))
    assert all(para.strip() in corpus for para in paragraphs)


def test_outside_a_checkout_stories_are_generated_and_said_to_be(tmp_path):
    stories, source = lint_one_file.stories_for(tmp_path, 3)
    assert source == "generated" and len(stories) == 3 and len(set(stories)) == 3
