"""The checker on a synthetic built site shaped like Material's output: every
planted breakage found, nothing else, at a speed that keeps it a small
fraction of the build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from congress_site.links import LinkOptions, check_site
from congress_site.links.synth import generate

CODES = {"page": "missing-page", "anchor": "missing-anchor", "image": "missing-image"}


def _check(root: Path, pages: int, broken: int):
    info = generate(root, pages=pages, seed=7, broken=broken)
    report = check_site(root)
    expected = sorted((path, CODES[kind]) for path, kind in info["planted"])
    found = sorted((f.path, f.code) for f in report.findings)
    return info, report, expected, found


def test_synthetic_site_planted_breakage_only(tmp_path: Path):
    info, report, expected, found = _check(tmp_path / "site", pages=1500, broken=12)
    assert found == expected and len(expected) == 12
    assert info["pages"] == report.stats.pages
    assert report.stats.links / report.stats.pages > 50  # realistic link density
    for f in report.findings:
        assert f.line > 1 and "来源：stories/" in f.message
    # even on a busy shared CI machine this is far from the limit
    assert report.stats.pages_per_second > 300, report.stats


def test_worker_processes_find_the_same(tmp_path: Path):
    info = generate(tmp_path / "site", pages=600, seed=3, broken=8)
    one = check_site(tmp_path / "site", LinkOptions(jobs=1))
    two = check_site(tmp_path / "site", LinkOptions(jobs=2))
    assert two.stats.jobs == 2
    assert sorted(one.findings) == sorted(two.findings) and len(one.findings) == len(info["planted"])
    assert (one.stats.links, one.stats.internal, one.stats.external) == (
        two.stats.links, two.stats.internal, two.stats.external)


@pytest.mark.bench
@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("LINKS_BENCH_PAGES"),
                    reason="writes ~20,000 files: run with LINKS_BENCH_PAGES=20000")
def test_benchmark_pages_per_second(tmp_path: Path):
    pages = int(os.environ["LINKS_BENCH_PAGES"])
    info, report, expected, found = _check(tmp_path / "site", pages=pages, broken=50)
    assert found == expected
    s = report.stats
    print(f"\nlinks: {s.pages} pages, {s.links} URLs, {s.internal_seconds:.2f} s, "
          f"{s.pages_per_second:.0f} pages/s")
