"""QR codes drawn ahead by a worker process while the build renders
(images/qrcache.prefetch): the worker is asked for exactly the codes the
templates draw, and a build that takes them from it writes the same site."""

from __future__ import annotations

import concurrent.futures

from congress_site import render
from congress_site.images import qrcache
from sitekit import build, minimal_site, snapshot


def test_the_worker_draws_the_codes_the_pages_draw_and_the_site_is_the_same(tmp_path, monkeypatch):
    root = minimal_site(tmp_path / "src", stories=3)
    asked: list[str] = []
    with monkeypatch.context() as patch:
        patch.setattr(render, "draw_ahead", lambda requests: asked.extend(
            qrcache._key(url, options) for url, options in requests) or 0)
        plain = snapshot(build(root, tmp_path / "plain", strict=True))
    assert len(asked) >= 5, "three stories, a profile, a station and its sheet"
    assert set(asked) == qrcache._used, "the worker is asked for what the templates draw, no more"

    # no code kept, on disk or in memory: every one is drawn again, this time by the worker
    qrcache._close()
    (root / ".cache/congress/qr.sqlite3").unlink(missing_ok=True)
    qrcache._entries.clear()
    qrcache._state["loaded"] = None
    monkeypatch.setattr(qrcache, "AHEAD_MIN", 1)
    from_worker: set[str] = set()
    real = qrcache.prefetch

    def prefetch_and_wait(draw, requests):
        count = real(draw, requests)
        concurrent.futures.wait(qrcache._ahead["futures"])  # the worker finishes before any page renders
        qrcache._collect()
        from_worker.update(qrcache._entries)
        return count

    monkeypatch.setattr(qrcache, "prefetch", prefetch_and_wait)
    ahead = snapshot(build(root, tmp_path / "ahead", strict=True))
    assert from_worker and qrcache._used <= from_worker, "every code came from the worker"
    assert {k: v for k, v in ahead.items() if not k.startswith("pagefind/")} == \
        {k: v for k, v in plain.items() if not k.startswith("pagefind/")}
