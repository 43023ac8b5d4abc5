"""Lighthouse's mobile performance score, at least 98 on every page type of
the sample site, served with its compressed copies as a production server
would (congress_bench.lighthouse, which `make bench` runs three times per
page type for the README). Here each page type runs once, and a score
under the target gets two more runs, judged by the median of the three.
Marked `alone`: `make test` runs these after the rest of the suite, so no
other test competes with the browser for the two cores. Even so a burst
of work elsewhere on a shared machine stretches a page's long tasks past
its first paint (a column page scored 97, 100 and 97 here, and 100 in
every run when the machine was quiet), so a page whose median falls short
gets one more round of three. A slow page fails both rounds."""

from __future__ import annotations

import json
import os
import statistics

import pytest

from browserkit import served, unavailable
from congress_bench import lighthouse

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.alone]

ROUNDS = 2  # rounds of (up to) three runs a page type gets before it fails


@pytest.fixture(scope="module")
def lighthouse_url(sample_site):
    why = lighthouse.missing()
    if why:
        unavailable(f"Lighthouse：{why}")
    with served(sample_site) as url:
        yield url


@pytest.mark.parametrize("kind", list(lighthouse.PAGE_TYPES))
def test_lighthouse_performance_on_a_phone(sample_site, lighthouse_url, kind):
    path = lighthouse.page_paths(sample_site).get(kind)
    assert path is not None, f"样例站里没有 {kind} 类页面"
    rounds = []
    for _ in range(ROUNDS):
        scores, audits = [], []
        for _ in range(3):
            report = lighthouse.run_once(f"{lighthouse_url}/{path}")
            scores.append(lighthouse.score(report))
            audits.append(lighthouse.metrics(report))
            if scores[0] >= lighthouse.TARGET:
                break
        median = statistics.median(scores)
        rounds.append(f"{scores}，中位数 {median}，负载 {os.getloadavg()}；{audits}")
        if median >= lighthouse.TARGET:
            break
    assert median >= lighthouse.TARGET, (f"/{path}：Lighthouse 移动端性能每轮中位数都低于 {lighthouse.TARGET}："
                                         + " / ".join(rounds))


def test_the_benchmark_reports_scores_and_metrics(sample_site, lighthouse_url, tmp_path, capsys):
    out = tmp_path / "lighthouse.json"
    code = lighthouse.main([str(sample_site), "--runs", "1", "--kind", "story", "--json", str(out)])
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [row["kind"] for row in rows] == ["story"]
    story = rows[0]
    assert len(story["scores"]) == 1 and story["median"] == story["scores"][0]
    assert story["metrics"]["bytes"] > 1000 and story["metrics"]["LCP ms"] > 0
    assert code == (0 if story["median"] >= lighthouse.TARGET else 1)
    printed = capsys.readouterr().out
    assert f"| story (`/{story['path']}`) | {story['median']:g} |" in printed and "load average" in printed
