"""Lighthouse on a phone: the performance score of every page type.

npm `lighthouse` 12 (Node 20) drives Debian's chromium (CHROME_PATH) with
its default mobile settings: a mid-range phone's screen, a 4x slower CPU
and a slow 4G network, simulated. The built site is served with its
compressed copies, as a production server would (static.py). Each page
type is measured `runs` times and its median score is the figure.

    python -m congress_bench.lighthouse SITE_DIR [--runs 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .static import served

TARGET = 98
CHROMIUM = Path(os.environ.get("CONGRESS_CHROMIUM", "/usr/bin/chromium"))
REPO_ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
# The metrics behind the score, in the units Lighthouse reports.
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI ms",
    "total-byte-weight": "bytes",
}
# Page types a reader meets, and where the first one of each kind is in a
# built site: a fixed path, or the first sub-folder of a section.
PAGE_TYPES = {
    "home": "",
    "story": "stories/*",
    "profile": "profiles/*",
    "law": "legislation/shili-*",
    "column": "columns/*",
    "directory": "representatives/",
    "tracker": "legislation/",
    "search": "search/",
    "station": "stations/*",
}


@dataclass
class PageScore:
    kind: str
    path: str
    scores: list[int] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)  # of the median run

    @property
    def median(self) -> float:
        return statistics.median(self.scores)


def missing() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not LIGHTHOUSE.exists():
        return f"未找到 {LIGHTHOUSE}（请运行 npm ci）"
    if not CHROMIUM.exists():
        return f"未找到 {CHROMIUM}（apt-get install chromium）"
    return None


def page_paths(site: Path) -> dict[str, str]:
    """The URL path of one page of each type in `site`."""
    paths = {}
    for kind, pattern in PAGE_TYPES.items():
        if not pattern.endswith("*"):
            if (site / pattern / "index.html").is_file():
                paths[kind] = pattern
            continue
        folders = sorted(p for p in site.glob(pattern) if (p / "index.html").is_file())
        if folders:
            paths[kind] = folders[0].relative_to(site).as_posix() + "/"
    return paths


def run_once(url: str) -> dict:
    """One Lighthouse run of the performance category; its JSON report."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", "--output-path=stdout",
             "--quiet", f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={profile}"],
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse {url} 失败（{done.returncode}）：{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse {url}：{report['runtimeError']}")
    return report


def score(report: dict) -> int:
    """A run's performance score, 0 to 100."""
    return round(report["categories"]["performance"]["score"] * 100)


def metrics(report: dict) -> dict[str, float]:
    """The figures behind a run's score, named as in METRICS."""
    audits = report["audits"]
    return {name: round(audits[audit]["numericValue"], 3) for audit, name in METRICS.items() if audit in audits}


def measure(site: Path, runs: int = 3, kinds: list[str] | None = None) -> list[PageScore]:
    """Median of `runs` Lighthouse scores for each page type of `site`,
    the page types taking turns so a busy moment does not hit one type only."""
    paths = page_paths(site)
    pages = [PageScore(kind, path) for kind, path in paths.items() if kinds is None or kind in kinds]
    reports: dict[str, list[dict]] = {page.kind: [] for page in pages}
    with served(site) as base:
        for _ in range(runs):
            for page in pages:
                report = run_once(f"{base}/{page.path}")
                page.scores.append(score(report))
                reports[page.kind].append(report)
    for page in pages:
        ordered = sorted(reports[page.kind], key=score)
        page.metrics = metrics(ordered[len(ordered) // 2])
    return pages


def table(pages: list[PageScore]) -> str:
    """Markdown rows for the README."""
    rows = ["| page | median score | runs | LCP | TBT | CLS | bytes |",
            "| --- | ---: | --- | ---: | ---: | ---: | ---: |"]
    for page in pages:
        m = page.metrics
        rows.append(f"| {page.kind} (`/{page.path}`) | {page.median:g} | {', '.join(map(str, page.scores))} | "
                    f"{m.get('LCP ms', 0):.0f} ms | {m.get('TBT ms', 0):.0f} ms | {m.get('CLS', 0):.3f} | "
                    f"{m.get('bytes', 0) / 1024:.0f} KB |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="各类页面的 Lighthouse 移动端性能分（中位数）")
    parser.add_argument("site", type=Path, help="构建好的网站目录")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kind", action="append", help="只测这类页面（可重复）")
    parser.add_argument("--json", type=Path, help="把结果另存为 JSON")
    args = parser.parse_args(argv)
    why = missing()
    if why:
        print(why, file=sys.stderr)
        return 2
    pages = measure(args.site, args.runs, args.kind)
    print(table(pages))
    print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; target: every median ≥ {TARGET}")
    if args.json:
        args.json.write_text(json.dumps([asdict(p) | {"median": p.median} for p in pages], ensure_ascii=False,
                                        indent=1), encoding="utf-8")
    return 0 if all(p.median >= TARGET for p in pages) else 1


if __name__ == "__main__":
    sys.exit(main())
