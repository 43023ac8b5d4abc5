"""Caches and generated files are replaced at once: never written through
a hard link into the published site, never mixed by two writers, never
left half-written, with the mode a plain file would get."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from congress_site.atomicfile import write_atomic


def test_a_linked_file_is_replaced_not_written_through(tmp_path):
    published = tmp_path / "site" / "pagefind" / "pages.json"
    published.parent.mkdir(parents=True)
    published.write_text("旧", encoding="utf-8")
    staged = tmp_path / "staging" / "pagefind" / "pages.json"
    staged.parent.mkdir(parents=True)
    os.link(published, staged)

    write_atomic(staged, "新")
    assert staged.read_text(encoding="utf-8") == "新"
    assert published.read_text(encoding="utf-8") == "旧"
    assert sorted(p.name for p in staged.parent.iterdir()) == ["pages.json"]


def test_the_mode_is_that_of_a_plain_new_file(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "deep" / "cache.json", b"{}")  # the folder is made too
        (tmp_path / "plain.json").write_bytes(b"{}")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "deep" / "cache.json").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "plain.json").stat().st_mode) == 0o644  # a server must read it


def test_a_write_that_fails_leaves_the_old_file_and_no_leftover(tmp_path, monkeypatch):
    target = tmp_path / "parsed.json"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["parsed.json"]


def test_two_writers_never_mix_their_bytes(tmp_path):
    target = tmp_path / "lint.json"
    payloads = [bytes([65 + n]) * 2_000_000 for n in range(2)]
    write_atomic(target, payloads[0])
    seen: set[bytes] = set()
    done = threading.Event()

    failed: list[BaseException] = []

    def writer(payload: bytes) -> None:
        try:
            for _ in range(40):
                write_atomic(target, payload)
        except OSError as exc:  # one writer's file moved away by the other
            failed.append(exc)

    def reader() -> None:
        while not done.is_set():
            data = target.read_bytes()
            seen.add(data[:1] + data[-1:] + str(len(data)).encode())

    threads = [threading.Thread(target=writer, args=(p,)) for p in payloads]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    watcher.join()
    assert failed == []
    assert seen <= {b"AA2000000", b"BB2000000"}
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["lint.json"]
