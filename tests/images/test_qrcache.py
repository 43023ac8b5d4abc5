"""QR codes are drawn once and kept across builds; a full build prunes the
file to the codes it used, a partial (serve) rebuild does not."""

from __future__ import annotations

import sqlite3

from congress_site.images import qrcache
from congress_site.images.qr import qr_svg


def kept(path) -> int:
    """How many codes the file holds, read by another connection."""
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM codes").fetchone()[0]


def test_drawn_once_kept_and_pruned(tmp_path):
    path = tmp_path / "qr.sqlite3"
    calls = []

    def draw(url, **options):
        calls.append(url)
        return f"<svg>{url}</svg>"

    qrcache.load(path)
    assert qrcache.cached(draw, "https://a/1", title="x") == "<svg>https://a/1</svg>"
    qrcache.cached(draw, "https://a/1", title="x")
    qrcache.cached(draw, "https://a/2", title="x")
    assert calls == ["https://a/1", "https://a/2"]
    (tmp_path / "qr.json").write_text("{}", encoding="utf-8")  # the file of earlier versions
    qrcache.save(path)
    assert kept(path) == 2
    assert not (tmp_path / "qr.json").exists(), "the old file does not linger in CI's cache"

    qrcache._state["loaded"] = None          # a new process reads the file
    qrcache._entries.clear()
    qrcache.load(path)
    qrcache.cached(draw, "https://a/1", title="x")
    assert calls == ["https://a/1", "https://a/2"]          # from the file, not redrawn
    qrcache.save(path, prune=False)                          # partial rebuild keeps /2
    assert kept(path) == 2
    qrcache.load(path)
    qrcache.cached(draw, "https://a/1", title="x")
    qrcache.save(path, prune=True)                           # full build drops /2
    assert kept(path) == 1


def test_damaged_file_is_a_miss_and_output_unchanged(tmp_path):
    """A file that is not the database (the JSON file of before, a damaged
    copy from CI's cache) gives no codes, and is replaced when saving."""
    path = tmp_path / "qr.sqlite3"
    path.write_text('{"salt": "x", "codes": {}}' + "坏" * 5000, encoding="utf-8")
    qrcache._state["loaded"] = None
    qrcache._entries.clear()
    qrcache.load(path)
    first = qr_svg("https://example.gov.cn/profiles/zhao-mingyuan/", title="赵明远的代表码")
    assert first.startswith("<svg") and "赵明远的代表码" in first
    assert qr_svg("https://example.gov.cn/profiles/zhao-mingyuan/", title="赵明远的代表码") == first
    qrcache.save(path)
    assert kept(path) == 1
