"""The checker on a large synthetic built site shaped like Material's output:
every planted breakage found at its page and line, nothing else, the same
with worker processes. Its speed is measured by `congress-bench links` and
the benchmark run, not asserted here."""

from __future__ import annotations

from pathlib import Path

from congress_bench.synthetic import built_site
from congress_site.links import LinkOptions, check_site

CODES = {"page": "missing-page", "anchor": "missing-anchor", "image": "missing-image"}


def test_synthetic_site_planted_breakage_only(tmp_path: Path):
    info = built_site(tmp_path / "site", pages=1500, seed=7, broken=12)
    report = check_site(tmp_path / "site")
    expected = sorted((path, CODES[kind]) for path, kind in info["planted"])
    found = sorted((f.path, f.code) for f in report.findings)
    assert found == expected and len(expected) == 12
    assert info["pages"] == report.stats.pages
    assert report.stats.links / report.stats.pages > 50  # realistic link density
    for f in report.findings:
        assert f.line > 1 and "来源：stories/" in f.message


def test_worker_processes_find_the_same(tmp_path: Path):
    info = built_site(tmp_path / "site", pages=600, seed=3, broken=8)
    one = check_site(tmp_path / "site", LinkOptions(jobs=1))
    two = check_site(tmp_path / "site", LinkOptions(jobs=2))
    assert two.stats.jobs == 2
    assert sorted(one.findings) == sorted(two.findings) and len(one.findings) == len(info["planted"])
    assert (one.stats.links, one.stats.internal, one.stats.external) == (
        two.stats.links, two.stats.internal, two.stats.external)
