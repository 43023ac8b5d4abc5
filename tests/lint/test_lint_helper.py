"""The lint server's second process for the look-alike check (lint/helper.py):
a long text's findings are the same whether half of its runs were checked
there or not, and a helper that dies or answers nonsense loses none of them."""

from __future__ import annotations

import os
import signal
import socket
import threading
from pathlib import Path

import pytest

from congress_site.cli.lintclient import receive, send
from congress_site.lint import lint_text
from congress_site.lint.helper import Helper
from congress_site.lint.rules import plausibility

HELD_OUT = Path(__file__).resolve().parent / "corpus" / "heldout"
# Slips no list knows, which only the look-alike check finds: a shape (聚隹)
# and a sound (建意). They come last, in the runs the helper is handed.
SLIPS = "常委会组成人员紧紧围绕中心工作，聚隹群众关切的突出问题，认真听取群众的意见和代表建意。\n"


@pytest.fixture(scope="module")
def text() -> str:
    prose = "".join(path.read_text(encoding="utf-8") for path in sorted(HELD_OUT.glob("*.md"))[:3])
    assert len(prose) > 2 * plausibility.SPLIT_FROM
    return prose + "\n" + SLIPS


def look_alikes(text: str, config) -> list[tuple]:
    return [(f.line, f.column, f.code, f.message) for f in lint_text(text, "t.md", config)
            if f.code in ("similar-char", "homophone", "garbled")]


@pytest.fixture
def helper(monkeypatch):
    started = Helper()
    assert started.start()
    monkeypatch.setattr(plausibility, "helper", started)
    yield started
    started.stop()


def test_half_of_a_long_text_is_checked_by_the_helper_with_the_same_findings(text, config, monkeypatch):
    alone = look_alikes(text, config)
    assert any("聚隹" in f[3] for f in alone) and any("建意" in f[3] for f in alone)
    started = Helper()
    assert started.start()
    monkeypatch.setattr(plausibility, "helper", started)
    try:
        assert look_alikes(text, config) == alone
        assert started.answered == 1
    finally:
        started.stop()
    assert not started.usable


def test_a_short_text_is_not_handed_over(helper, config):
    assert look_alikes(SLIPS, config)
    assert helper.answered == 0


def test_a_helper_that_died_loses_nothing(helper, text, config):
    os.kill(helper.pid, signal.SIGKILL)
    os.waitpid(helper.pid, 0)
    plausibility.helper = None
    alone = look_alikes(text, config)
    plausibility.helper = helper
    assert look_alikes(text, config) == alone
    assert not helper.usable and helper.answered == 0


def test_a_helper_that_answers_nonsense_is_dropped(monkeypatch, text, config):
    alone = look_alikes(text, config)
    mine, theirs = socket.socketpair()
    liar = Helper()
    liar._sock, liar.owner = mine, os.getpid()  # a helper without a process: this thread answers

    def answer() -> None:
        receive(theirs)
        send(theirs, [[("not", "a", "finding")]])

    thread = threading.Thread(target=answer)
    thread.start()
    monkeypatch.setattr(plausibility, "helper", liar)
    try:
        assert look_alikes(text, config) == alone
    finally:
        thread.join()
        theirs.close()
    assert not liar.usable and liar.answered == 0


def test_a_process_forked_from_the_server_checks_alone(helper, text, config):
    owner, helper.owner = helper.owner, -1  # as a worker forked from the server sees it
    try:
        assert not helper.usable
        assert look_alikes(text, config)
        assert helper.answered == 0
    finally:
        helper.owner = owner  # so that the fixture stops it
