"""External checks against a local server on 127.0.0.1 only."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from linkkit import LINGER_UNTIL, page

from congress_site.findings import Severity
from congress_site.links import ExternalOptions, LinkOptions, check_site
from congress_site.links.external import ExternalChecker, LinkCache

# No pauses, but a generous timeout: the local server answers at once, yet
# on a busy machine its thread may wait its turn, and an answer taken for a
# timeout is retried (more hits) or, without retries, reported as an error.
# The timeout tests set their own.
FAST = dict(delay=0.0, backoff=0.05, timeout=30.0, retries=2, max_wait=2.0)


def checker(cache: LinkCache | None = None, **kw) -> ExternalChecker:
    return ExternalChecker(ExternalOptions(**{**FAST, **kw}), cache)


def test_ok(http_server):
    base, state = http_server
    r = checker().check(f"{base}/ok")
    assert (r.status, r.error, r.redirects) == (200, None, [])
    assert state.hits["/ok"] == 1  # HEAD answered; no GET needed


def test_permanent_redirect_followed_and_recorded(http_server):
    base, _ = http_server
    r = checker().check(f"{base}/moved")
    assert r.status == 200 and r.final_url == f"{base}/ok"
    assert r.redirects == [(301, f"{base}/ok")]


def test_404_confirmed_with_get(http_server):
    base, state = http_server
    r = checker().check(f"{base}/gone")
    assert r.status == 404
    assert [m for _, m, p in state.log if p == "/gone"] == ["HEAD", "GET"]


def test_500_is_retried_then_succeeds(http_server):
    base, state = http_server
    r = checker().check(f"{base}/flaky")
    assert r.status == 200 and r.error is None
    assert state.hits["/flaky"] == 2


def test_500_that_persists_gives_up_after_retries(http_server):
    base, state = http_server
    r = checker(retries=2).check(f"{base}/always-500")
    assert r.status == 500 and not r.definite
    assert state.hits["/always-500"] == 3


def test_429_waits_for_retry_after(http_server):
    base, state = http_server
    started = time.monotonic()
    r = checker().check(f"{base}/busy")
    elapsed = time.monotonic() - started
    assert r.status == 200 and state.hits["/busy"] == 2
    assert elapsed >= 0.9  # Retry-After: 1 was honoured, not the 0.05 s backoff


def test_slow_answer_times_out(http_server):
    base, state = http_server
    r = checker(timeout=0.3, retries=1).check(f"{base}/slow")
    assert r.status is None and r.error == "timeout"
    assert state.hits["/slow"] == 2  # one retry


def test_connection_reset(http_server):
    base, state = http_server
    r = checker(retries=1).check(f"{base}/reset")
    assert r.status is None and r.error == "reset"
    assert state.hits["/reset"] == 2


def test_head_refused_falls_back_to_get(http_server):
    base, _ = http_server
    assert checker().check(f"{base}/no-head").status == 200


def test_redirect_loop_stops(http_server):
    base, _ = http_server
    r = checker().check(f"{base}/loop")
    assert r.error == "redirect-loop" and len(r.redirects) == 2


def test_connection_refused(http_server):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = checker(retries=0).check(f"http://127.0.0.1:{port}/")
    assert r.status is None and r.error in ("refused", "reset")


def test_per_host_politeness(http_server):
    base, state = http_server
    urls = [f"{base}/polite?n={i}" for i in range(6)]
    results = checker(concurrency=6, per_host=1, delay=0.1).check_all(urls)
    assert len(results) == 6 and all(r.status == 200 for r in results.values())
    assert state.max_in_flight == 1
    starts = sorted(t for t, _, p in state.log if p.startswith("/polite"))
    # six starts spaced 0.1 s apart span at least 0.5 s (less a little
    # scheduling jitter on a busy machine); unthrottled they take ~0.3 s
    assert starts[-1] - starts[0] >= 0.45


def test_concurrency_across_requests_is_bounded_but_used(http_server):
    base, state = http_server
    urls = [f"{base}/linger?n={i}" for i in range(2 * LINGER_UNTIL)]
    results = checker(concurrency=LINGER_UNTIL, per_host=LINGER_UNTIL).check_all(urls)
    assert len(results) == len(urls) and all(r.status == 200 for r in results.values())
    assert state.max_in_flight == LINGER_UNTIL


def test_cache_hit_on_second_run_and_expiry(http_server, tmp_path: Path):
    base, state = http_server
    cache_file = tmp_path / "cache" / "links.json"
    urls = [f"{base}/ok", f"{base}/gone", f"{base}/always-500"]
    first = checker(LinkCache(cache_file, ttl=3600), retries=0).check_all(urls)
    assert not any(r.cached for r in first.values())
    saved = json.loads(cache_file.read_text(encoding="utf-8"))
    # definite answers are kept; a 500 is not, it may be gone next time
    assert set(saved["entries"]) == {f"{base}/ok", f"{base}/gone"}
    hits_before = dict(state.hits)
    second = checker(LinkCache(cache_file, ttl=3600), retries=0).check_all(urls)
    assert second[f"{base}/ok"].cached and second[f"{base}/gone"].status == 404
    assert not second[f"{base}/always-500"].cached
    assert state.hits["/ok"] == hits_before["/ok"] and state.hits["/gone"] == hits_before["/gone"]
    assert state.hits["/always-500"] == hits_before["/always-500"] + 1
    # an expired entry is asked again
    third = checker(LinkCache(cache_file, ttl=0.0), retries=0).check_all([f"{base}/ok"])
    assert not third[f"{base}/ok"].cached and state.hits["/ok"] == hits_before["/ok"] + 1


def test_damaged_cache_is_ignored(tmp_path: Path):
    bad = tmp_path / "links.json"
    bad.write_text("{not json", encoding="utf-8")
    assert LinkCache(bad, ttl=60).entries == {}


@pytest.fixture
def ext_site(make_site, http_server):
    base, state = http_server
    site = make_site({
        "index.html": page(f'<a href="{base}/ok">好</a>\n<a href="{base}/gone#part">失效</a>\n'
                           f'<a href="{base}/moved">永久跳转</a>\n<a href="{base}/temp">临时跳转</a>\n'
                           f'<a href="{base}/reset">断开</a>\n<a href="{base}/moved-gone">跳到失效</a>',
                           source="content/index.md"),
    })
    return site, base, state


def test_site_check_reports_external_findings(ext_site, tmp_path: Path):
    site, base, state = ext_site
    opts = LinkOptions(external=True, cache_path=tmp_path / "c.json",
                       external_options=ExternalOptions(**{**FAST, "retries": 0}))
    report = check_site(site, opts)
    got = {(f.code, f.severity, f.extra["url"]) for f in report.findings}
    assert got == {
        ("external-404", Severity.ERROR, f"{base}/gone#part"),
        ("redirect", Severity.WARNING, f"{base}/moved"),
        ("redirect", Severity.INFO, f"{base}/temp"),
        ("external-error", Severity.WARNING, f"{base}/reset"),
        ("external-404", Severity.ERROR, f"{base}/moved-gone"),
    }
    by_url = {f.extra["url"]: f for f in report.findings}
    lines = (site / "index.html").read_text(encoding="utf-8").splitlines()
    gone = by_url[f"{base}/gone#part"]
    assert lines[gone.line - 1][gone.column - 1:].startswith(f"{base}/gone#part")
    assert f"{base}/ok" in by_url[f"{base}/moved"].message and "来源：content/index.md" in by_url[f"{base}/moved"].message
    assert report.stats.external_checked == 6
    # second run: everything definite comes from the cache, no request for it
    before = dict(state.hits)
    again = check_site(site, opts)
    assert again.stats.external_cached == 5 and again.stats.external_checked == 1  # only /reset is asked again
    assert {k: v for k, v in state.hits.items() if k != "/reset"} == {k: v for k, v in before.items() if k != "/reset"}
    assert {(f.code, f.extra["url"]) for f in again.findings} == {(c, u) for c, _, u in got}


def test_without_external_flag_nothing_is_requested(ext_site):
    site, _, state = ext_site
    report = check_site(site)
    assert report.findings == [] and state.hits == {}
    assert report.stats.external == 6 and report.stats.external_unique == 6
