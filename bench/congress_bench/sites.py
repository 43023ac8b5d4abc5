"""Several sites built at once, as `make sites` and a CI matrix build a 站群:
1, 2 and 3 synthetic sites of the same size, each in its own process, at the
same time. On a machine with fewer cores than sites the batch's wall time
grows with the sites; on CI runners (one per site) it would stay that of one.

The first batch (3 sites, empty caches) also fills every site's cache; the
batches after it are warm, as CI jobs that restore their cache are."""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import run as bench
from .measure import Run
from .synthetic import generate


def batch(roots: list[Path], logs: Path) -> dict:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(roots)) as pool:
        runs: list[Run] = list(pool.map(lambda r: bench.build(r, logs / f"{r.name}.log"), roots))
    wall = time.perf_counter() - started
    failed = [r.tail for r in runs if r.returncode]
    if failed:
        raise RuntimeError("构建失败：\n" + failed[0])
    return {"sites": len(roots), "wall_s": round(wall, 2), "cpu_s": round(sum(r.cpu_s for r in runs), 2),
            "slowest_site_s": round(max(r.wall_s for r in runs), 2),
            "peak_rss_mb": round(max(r.peak_rss_mb for r in runs), 1)}


def measure(workdir: Path, stories: int, seed: int = 1) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    first = workdir / "site-1"
    generate(first, stories=stories, profiles=max(50, stories // 5), legislation=max(10, stories // 30),
             stations=max(5, stories // 100), seed=seed, floor=False)
    roots = [first]
    for n in (2, 3):
        shutil.copytree(first, workdir / f"site-{n}")
        roots.append(workdir / f"site-{n}")
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    cold = batch(roots, logs)
    warm = [batch(roots[:k], logs) for k in (1, 2, 3)]
    return {"stories_per_site": stories, "cores": os.cpu_count(), "load": os.getloadavg(),
            "cold_3": cold, "warm": warm}


def table(report: dict) -> str:
    one = report["warm"][0]["wall_s"]
    lines = [f"每个站点 {report['stories_per_site']} 篇稿件，{report['cores']} 个核心，"
             f"负载 {report['load'][0]:.1f}",
             "| 同时构建的站点 | 墙钟时间 | CPU 时间合计 | 最慢一个站点 | 相对一个站点 |",
             "| --- | --- | --- | --- | --- |"]
    for row in report["warm"]:
        lines.append(f"| {row['sites']} | {row['wall_s']:.1f} s | {row['cpu_s']:.1f} s | "
                     f"{row['slowest_site_s']:.1f} s | {row['wall_s'] / one:.2f} |")
    c = report["cold_3"]
    lines.append(f"| 3（空缓存） | {c['wall_s']:.1f} s | {c['cpu_s']:.1f} s | {c['slowest_site_s']:.1f} s | "
                 f"{c['wall_s'] / one:.2f} |")
    return "\n".join(lines)
