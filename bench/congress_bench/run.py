"""`congress-bench run`: generate a synthetic site and its plain-Material
floor, build both in child processes (alternating), and time everything
else a site goes through: search indexing, `congress check`, `lint`,
`links`, and edit-to-refresh under `mkdocs serve`.

Each measurement is a separate process so its peak memory is its own. The
floor and the site are built in turns, so a noisy neighbour on the machine
slows both rather than one.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import lighthouse, lint_one_file
from . import synthetic as gen
from .measure import Run, python_cmd, timed, tree_size
from .refresh import measure_refresh

BUILD_RATIO_MAX = 1.5
INCREMENTAL_RATIO_MAX = 0.1
PAGE_KB_MAX = 300
MEMORY_MAX_MB = 1536
CHECK_RATIO_MAX = 0.5
SCALING_SIZES = (1_000, 3_000, 10_000)
SERVE_AUTO_MAX = 3_000       # above this, edit-to-refresh only on request (it is one more full build)
PAGEFIND_DIR = "pagefind"
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Options:
    stories: int = gen.DEFAULTS["stories"]
    profiles: int = gen.DEFAULTS["profiles"]
    legislation: int = gen.DEFAULTS["legislation"]
    stations: int = gen.DEFAULTS["stations"]
    seed: int = 1
    repeat: int = 2
    search: bool = True
    extras: bool = True           # check, lint, links, Lighthouse
    lighthouse: bool = True       # Lighthouse on the sample site (an extra; about 6 minutes)
    serve: bool | None = None     # None: only up to SERVE_AUTO_MAX stories
    scaling: bool = False
    work_dir: Path | None = None
    keep: bool = False
    log: Callable[[str], object] = print
    images: int = 0               # stories with a body photo
    sizes: tuple[int, ...] = SCALING_SIZES
    # Seconds after which the optional measurements (search, lint, links,
    # serve, scaling) are skipped, so `make bench` ends in about 15 minutes
    # on a small machine; the builds and `congress check` always run.
    budget_s: float | None = 840
    started: float = field(default_factory=time.perf_counter)

    def over_budget(self) -> bool:
        return self.budget_s is not None and time.perf_counter() - self.started > self.budget_s


@dataclass
class SiteResult:
    builds: list[Run] = field(default_factory=list)
    index: Run | None = None
    bytes: int = 0
    pages: int = 0
    largest_page: int = 0

    @property
    def build_s(self) -> float:
        return min(r.wall_s for r in self.builds)

    @property
    def cpu_s(self) -> float:
        return min(r.cpu_s for r in self.builds)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_rss_mb for r in self.builds)

    def to_dict(self) -> dict:
        return {"builds": [r.to_dict() for r in self.builds], "build_s": round(self.build_s, 3),
                "first_build_s": round(self.builds[0].wall_s, 3), "first_cpu_s": round(self.builds[0].cpu_s, 3),
                "cpu_s": round(self.cpu_s, 3),
                "peak_rss_mb": round(self.peak_mb, 1), "index": self.index.to_dict() if self.index else None,
                "bytes": self.bytes, "pages": self.pages, "largest_page_bytes": self.largest_page}


def _env() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["CONGRESS_TODAY"] = gen.TODAY.isoformat()
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def congress_cmd(*args: str) -> list[str]:
    return python_cmd("-c", "import sys; from congress_site.cli import main; sys.exit(main(sys.argv[1:]))", *args)


PAGE_CACHE = Path(".cache/congress/pages.json")


def build(root: Path, log: Path, reuse: bool = False) -> Run:
    """A strict production build of the site whose mkdocs.yml is in `root`.
    Unless `reuse`, every page is rendered: the manifest of the published
    pages is removed first (the other caches stay, as CI keeps them)."""
    if not reuse:
        (root / PAGE_CACHE).unlink(missing_ok=True)
    return timed(python_cmd("-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f", str(root / "mkdocs.yml"),
                            "-d", str(root / "site")), cwd=root, env=_env(), log=log)


# ----------------------------------------------------------- search

# The floor is indexed by plain Pagefind: what Material plus Pagefind costs
# without us. The site is indexed by our indexer, whose default shards a
# large site (one Pagefind process per shard), so peak memory is that of
# the largest shard, not of the archive.
PLAIN_PAGEFIND = python_cmd("-m", "pagefind", "--quiet", "--site")
SITE_INDEXER = python_cmd("-c", "import sys; from congress_site.search import index_site; index_site(sys.argv[1])")
INDEXERS = "本站：congress_site.search.index_site（默认分片）；底线：pagefind"
# The site indexed again after a publish, from the index published before it.
SITE_REINDEXER = python_cmd("-c", "import sys; from pathlib import Path; from congress_site.search import index_site; "
                                  "print(index_site(sys.argv[1], previous=Path(sys.argv[2])).summary())")


def index(site: Path, cmd: list[str], log: Path) -> Run:
    shutil.rmtree(site / PAGEFIND_DIR, ignore_errors=True)
    return timed([*cmd, str(site)], env=_env(), log=log)


# ------------------------------------------------------- incremental

def publish_one_story(root: Path, log: Path) -> dict:
    """After a full build: one story edited and one added, then a build that
    reuses the published pages whose inputs did not change."""
    stories = sorted((root / "stories").glob("*/*.md"))
    edited = stories[len(stories) // 2]
    text = edited.read_text(encoding="utf-8")
    # A sentence of its own each time, so the copy check never sees it twice.
    line = f"截至发稿，相关部门已完成第{text.count('截至发稿') + 1}批整改。"
    edited.write_text(text.rstrip("\n") + f"\n\n{line}\n", encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    added = edited.with_name("12-31-bench-added.md")
    added.write_text(head.replace("title: ", "title: 新增稿件：", 1) + "\n---\n" + body, encoding="utf-8")
    run = timed(python_cmd("-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                           "-d", str(root / "site")), cwd=root, env=_env(), log=log)
    said = re.findall(r"重新渲染(\d+)个，沿用上次构建的(\d+)个", log.read_text(encoding="utf-8", errors="replace"))
    rendered, reused = map(int, said[-1]) if said else (None, None)
    return {"run": run, "rendered": rendered, "reused": reused}


def reindex_after_publish(root: Path, logs: Path) -> dict:
    """After the site was indexed: another story edited and one added,
    then the index made again with the published one beside it, whose
    unchanged shards are taken over."""
    published = root / "pagefind-published"
    shutil.rmtree(published, ignore_errors=True)
    os.replace(root / "site" / PAGEFIND_DIR, published)  # the build replaces the site folder whole
    publish_one_story(root, logs / "build-before-reindex.log")
    log = logs / "index-after-publish.log"
    run = timed([*SITE_REINDEXER, str(root / "site"), str(published)], env=_env(), log=log)
    shutil.rmtree(published, ignore_errors=True)
    said = re.findall(r"(\d+) 个分片（其中沿用上次未变的 (\d+) 个）", log.read_text(encoding="utf-8", errors="replace"))
    indexes, reused = map(int, said[-1]) if said else (None, None)
    return {"run": run, "indexes": indexes, "reused": reused}


# ------------------------------------------------------------ serve

def serve_refresh(root: Path, log: Path, timeout: float) -> dict:
    """Seconds from saving a story to `mkdocs serve` serving the new text,
    for the first edit after start-up and for the next one. Plain serve,
    without --dirty: the plugin itself re-renders only changed pages after
    the first build, and this keeps the figures comparable over time."""
    r = measure_refresh(root, dirty=False, edits=2, timeout=timeout, log=log, env=_env())
    result: dict = {"story": r.story, "first_build_s": r.first_build_s}
    result.update(zip(("first_refresh_s", "refresh_s"), r.edits_s, strict=False))
    if r.error:
        result["error"] = r.error
    return result


# -------------------------------------------------------------- the run

def measure_site(opts: Options, stories: int, workdir: Path, full: bool) -> dict:
    """Generate a site with `stories` stories and measure it. `full` adds
    the search index, the checks and serve; otherwise only the builds."""
    log = opts.log
    root = workdir / f"site-{stories}"
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(root, ignore_errors=True)
    t0 = time.perf_counter()
    generated = gen.generate(root, stories=stories, profiles=opts.profiles, legislation=opts.legislation,
                             stations=opts.stations, seed=opts.seed, images=opts.images)
    out: dict = {"stories": stories, "generate_s": round(time.perf_counter() - t0, 2),
                 "source_chars": generated.text_chars, "expected_pages": generated.pages}
    log(f"[{stories}] 已生成站点（{generated.pages}个页面，{out['generate_s']}秒）：{root}")

    site, floor = SiteResult(), SiteResult()
    repeat = opts.repeat if full else 1
    for turn in range(repeat):
        order = [("site", root, site), ("floor", generated.floor, floor)]
        for name, folder, result in (order if turn % 2 == 0 else order[::-1]):
            run = build(folder, logs / f"build-{name}-{stories}.log")
            result.builds.append(run)
            log(f"[{stories}] 构建 {name} 第{turn + 1}次：{run.wall_s:.1f}秒（CPU {run.cpu_s:.1f}秒），"
                f"峰值内存{run.peak_rss_mb:.0f} MB")
            if run.returncode != 0:
                raise RuntimeError(f"{name} 构建失败（退出码 {run.returncode}）：\n{run.tail}")
    for result, folder in ((site, root), (floor, generated.floor)):
        result.bytes, result.pages, result.largest_page = tree_size(folder / "site", skip=PAGEFIND_DIR)
    if full:
        inc = publish_one_story(root, logs / f"build-incremental-{stories}.log")
        out["incremental"] = {"wall_s": round(inc["run"].wall_s, 3), "cpu_s": round(inc["run"].cpu_s, 3),
                              "peak_rss_mb": round(inc["run"].peak_rss_mb, 1), "rendered": inc["rendered"],
                              "reused": inc["reused"], "returncode": inc["run"].returncode}
        log(f"[{stories}] 增量发布（改一篇、加一篇）：{inc['run'].wall_s:.1f}秒（CPU {inc['run'].cpu_s:.1f}秒），"
            f"重新渲染{inc['rendered']}个页面，沿用{inc['reused']}个")
    out["site"], out["floor"] = site, floor
    search_in_build = (root / "site" / PAGEFIND_DIR).is_dir()
    out["search_in_build"] = search_in_build

    if not full:
        return out
    out["skipped"] = []

    def allowed(what: str) -> bool:
        if opts.over_budget():
            out["skipped"].append(what)
            log(f"[{stories}] 超出时间预算，跳过：{what}")
            return False
        return True

    if opts.extras:
        config = str(root / "mkdocs.yml")
        run = timed(congress_cmd("check", "--config", config, "--today",
                                 gen.TODAY.isoformat()), cwd=root, env=_env(), log=logs / "check.log")
        out["check"] = run
        log(f"[{stories}] congress check：{run.wall_s:.1f}秒（CPU {run.cpu_s:.1f}秒，退出码 {run.returncode}）")
    if opts.search and allowed("search"):
        out["indexer"] = INDEXERS
        for name, result, folder in (("site", site, root), ("floor", floor, generated.floor)):
            if name == "site" and search_in_build:
                continue    # the plugin already indexed during the build
            if name == "floor" and not allowed("search-floor"):
                continue
            result.index = index(folder / "site", SITE_INDEXER if name == "site" else PLAIN_PAGEFIND,
                                 logs / f"index-{name}.log")
            log(f"[{stories}] 搜索索引 {name}：{result.index.wall_s:.1f}秒，峰值内存{result.index.peak_rss_mb:.0f} MB"
                f"（退出码 {result.index.returncode}）")
            if result.index.returncode != 0:
                out.setdefault("failed", []).append(f"search-{name}")
            elif name == "site" and allowed("search-after-publish"):
                again = reindex_after_publish(root, logs)
                out["index_after_publish"] = {"wall_s": round(again["run"].wall_s, 3),
                                              "cpu_s": round(again["run"].cpu_s, 3),
                                              "returncode": again["run"].returncode,
                                              "indexes": again["indexes"], "reused": again["reused"]}
                log(f"[{stories}] 再发布一篇后的搜索索引：{again['run'].wall_s:.1f}秒，"
                    f"{again['indexes']}个分片中沿用{again['reused']}个")
    if opts.extras:
        if allowed("lint"):
            files = [p.relative_to(root).as_posix() for p in sorted(root.glob("stories/*/*.md"))]
            files += [p.relative_to(root).as_posix() for p in sorted(root.glob("profiles/*.yml"))]
            run = timed(congress_cmd("lint", "--format", "json", *files), cwd=root,
                        env=_env(), log=logs / "lint.log")
            out["lint"] = run
            log(f"[{stories}] congress lint：{run.wall_s:.1f}秒（退出码 {run.returncode}）")
        if allowed("links"):
            run = timed(congress_cmd("links", str(root / "site")), cwd=root, env=_env(),
                        log=logs / "links.log")
            out["links"] = run
            log(f"[{stories}] congress links：{run.wall_s:.1f}秒（退出码 {run.returncode}）")
    serve = opts.serve if opts.serve is not None else stories <= SERVE_AUTO_MAX
    if serve and allowed("serve"):
        out["serve"] = serve_refresh(root, logs / "serve.log", timeout=max(120.0, 4 * site.build_s))
        log(f"[{stories}] mkdocs serve 修改到刷新：{out['serve']}")
    return out


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def summarize(m: dict) -> dict:
    """Ratios and targets from one measured size."""
    site, floor = m["site"], m["floor"]

    def ok(run: Run | None) -> bool:
        return run is not None and run.returncode == 0

    s_index = site.index.wall_s if ok(site.index) else (0.0 if m.get("search_in_build") else None)
    f_index = floor.index.wall_s if ok(floor.index) else None
    with_search = (site.build_s + s_index) if s_index is not None else None
    floor_search = (floor.build_s + f_index) if f_index is not None else None
    peak = max([site.peak_mb] + ([site.index.peak_rss_mb] if ok(site.index) else []))
    check = m.get("check")
    ratios = {
        "build": _ratio(site.build_s, floor.build_s),
        "build_cpu": _ratio(site.cpu_s, floor.cpu_s),
        # The site's first build starts with an empty cache (QR codes, images).
        "build_cold": _ratio(site.builds[0].wall_s, floor.build_s),
        "build_cold_cpu": _ratio(site.builds[0].cpu_s, floor.cpu_s),
        "build_with_search": _ratio(with_search, floor_search),
        "check_to_build": _ratio(check.wall_s, site.build_s) if check else None,
        # One story edited and one added, against a full build of the site.
        "incremental": _ratio(m["incremental"]["wall_s"], site.build_s) if m.get("incremental") else None,
        "incremental_cpu": _ratio(m["incremental"]["cpu_s"], site.cpu_s) if m.get("incremental") else None,
        "pages": _ratio(site.pages, floor.pages),
        "bytes": _ratio(site.bytes, floor.bytes),
    }
    targets = [
        {"name": "构建时间 ≤ 1.5×底线（无搜索）", "value": ratios["build"], "limit": BUILD_RATIO_MAX},
        {"name": "构建 CPU 时间 ≤ 1.5×底线（负载高时更可靠）", "value": ratios["build_cpu"], "limit": BUILD_RATIO_MAX},
        {"name": "首次构建 ≤ 1.5×底线（缓存为空）", "value": ratios["build_cold"], "limit": BUILD_RATIO_MAX},
        {"name": "构建时间 ≤ 1.5×底线（含搜索索引）", "value": ratios["build_with_search"], "limit": BUILD_RATIO_MAX},
        {"name": "增量发布 ≤ 0.1×全量构建（改一篇、加一篇）", "value": ratios["incremental"],
         "limit": INCREMENTAL_RATIO_MAX},
        {"name": f"最大页面 ≤ {PAGE_KB_MAX} KB", "value": round(site.largest_page / 1024, 1), "limit": PAGE_KB_MAX},
        {"name": f"峰值内存 < {MEMORY_MAX_MB} MB（含搜索索引）", "value": round(peak, 1), "limit": MEMORY_MAX_MB},
        {"name": "congress check < 0.5×构建时间", "value": ratios["check_to_build"], "limit": CHECK_RATIO_MAX},
    ]
    for t in targets:
        t["ok"] = None if t["value"] is None else t["value"] <= t["limit"]
    return {"ratios": ratios, "targets": targets, "peak_rss_mb": round(peak, 1),
            "build_with_search_s": with_search and round(with_search, 2),
            "floor_with_search_s": floor_search and round(floor_search, 2)}


def linearity(rows: list[dict]) -> dict:
    """Cost per added story between consecutive sizes; linear growth keeps
    it about constant. The largest page must not grow with the archive."""
    steps = []
    for a, b in zip(rows, rows[1:], strict=False):
        d = b["stories"] - a["stories"]
        # CPU time where measured: a busy shared machine stretches wall time.
        site, floor = ("site_cpu_s", "floor_cpu_s") if "site_cpu_s" in a else ("site_s", "floor_s")
        steps.append({"from": a["stories"], "to": b["stories"],
                      "ms_per_story": round(1000 * (b[site] - a[site]) / d, 2),
                      "floor_ms_per_story": round(1000 * (b[floor] - a[floor]) / d, 2),
                      "kb_per_story": round((b["bytes"] - a["bytes"]) / 1024 / d, 2)})
    time_ratio = size_ratio = None
    if len(steps) >= 2 and steps[0]["ms_per_story"] > 0 and steps[0]["kb_per_story"] > 0:
        time_ratio = round(steps[-1]["ms_per_story"] / steps[0]["ms_per_story"], 2)
        size_ratio = round(steps[-1]["kb_per_story"] / steps[0]["kb_per_story"], 2)
    page_growth = round(rows[-1]["largest_page_bytes"] / rows[0]["largest_page_bytes"], 2) if rows else None
    return {"steps": steps, "marginal_time_ratio": time_ratio, "marginal_size_ratio": size_ratio,
            "largest_page_growth": page_growth,
            # Noise on a shared machine is easily ±30% per build; a quadratic
            # term would show as a marginal cost that triples from 3k to 10k.
            "linear": None if time_ratio is None else (time_ratio <= 1.5 and size_ratio <= 1.2
                                                       and page_growth <= 1.2)}


def run(opts: Options) -> dict:
    opts.started = time.perf_counter()
    workdir = Path(opts.work_dir or tempfile.mkdtemp(prefix="congress-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    started = time.perf_counter()
    try:
        main = measure_site(opts, opts.stories, workdir, full=True)
        report = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                        "load_before": [round(x, 2) for x in load_before]},
            "sizes": {"stories": opts.stories, "profiles": opts.profiles, "legislation": opts.legislation,
                      "stations": opts.stations, "images": opts.images, "seed": opts.seed, "repeat": opts.repeat},
            **_plain(main), **summarize(main),
        }
        one = None
        if opts.extras:
            # where a person waits on every file: a new 3,000-character
            # story against a bare interpreter start, measured turn about
            try:
                one = lint_one_file.measure(REPO_ROOT, runs=7)
            except RuntimeError as exc:  # not installed or crashed: said, not fatal
                opts.log(f"单文件 lint 测量失败：{exc}")
                report.setdefault("failed", []).append("lint-one-file")
        if one is not None:
            report["lint_one_file"] = one
            report["targets"] += [
                {"name": f"单文件 lint ≤ {lint_one_file.MAX_SECONDS} 秒（3,000 字新稿件）",
                 "value": one["lint_s"], "limit": lint_one_file.MAX_SECONDS},
                {"name": f"单文件 lint ≤ {lint_one_file.MAX_RATIO:.0f}×python -c pass",
                 "value": one["ratio"], "limit": lint_one_file.MAX_RATIO},
            ]
            for t in report["targets"][-2:]:
                t["ok"] = t["value"] <= t["limit"]
        if opts.extras and opts.lighthouse and not opts.over_budget():
            scores = _lighthouse(workdir, opts.log)
            if scores is None:
                report.setdefault("failed", []).append("lighthouse")
            else:
                report["lighthouse"] = scores
                report["targets"] += [
                    {"name": f"Lighthouse 移动端性能 ≥ {lighthouse.TARGET}（{p['kind']}，{len(p['scores'])} 次中位数）",
                     "value": p["median"], "limit": lighthouse.TARGET, "ok": p["median"] >= lighthouse.TARGET}
                    for p in scores["pages"]]
        elif opts.extras and opts.lighthouse:
            report.setdefault("skipped", []).append("lighthouse")
        if opts.scaling:
            rows = []
            for n in opts.sizes:
                if n != opts.stories and opts.over_budget():
                    report.setdefault("skipped", []).append(f"scaling-{n}")
                    continue
                m = main if n == opts.stories else measure_site(opts, n, workdir, full=False)
                # Every size compares first builds (empty cache): the other
                # sizes are built once, and cold is the harder case.
                site, floor = m["site"].builds[0], m["floor"].builds[0]
                rows.append({"stories": n, "pages": m["site"].pages, "site_s": round(site.wall_s, 2),
                             "floor_s": round(floor.wall_s, 2), "ratio": _ratio(site.wall_s, floor.wall_s),
                             "site_cpu_s": round(site.cpu_s, 2), "floor_cpu_s": round(floor.cpu_s, 2),
                             "cpu_ratio": _ratio(site.cpu_s, floor.cpu_s),
                             "peak_rss_mb": round(site.peak_rss_mb, 1), "bytes": m["site"].bytes,
                             "largest_page_bytes": m["site"].largest_page})
                if n != opts.stories and not opts.keep:
                    shutil.rmtree(workdir / f"site-{n}", ignore_errors=True)
            report["scaling"] = {"rows": rows, **linearity(rows)}
        report["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
        report["total_s"] = round(time.perf_counter() - started, 1)
        report["work_dir"] = str(workdir) if opts.keep else None
        return report
    finally:
        if not opts.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def _lighthouse(workdir: Path, log: Callable[[str], object]) -> dict | None:
    """The sample site, built as CI builds it, scored by Lighthouse on a
    phone (lighthouse.py): every page type, three runs each."""
    why = lighthouse.missing()
    if why:
        log(f"Lighthouse 未测：{why}")
        return None
    site = workdir / "sample-site"
    env = {k: v for k, v in _env().items() if k != "CONGRESS_TODAY"}  # the sample's own dates
    built = timed(python_cmd("-m", "mkdocs", "build", "--strict", "-q", "-f", str(REPO_ROOT / "mkdocs.yml"),
                             "-d", str(site)), cwd=REPO_ROOT, env=env, log=workdir / "sample-build.log")
    if built.returncode != 0:
        log(f"样例站构建失败，Lighthouse 未测（见 {workdir / 'sample-build.log'}）")
        return None
    load_before = os.getloadavg()
    try:
        pages = lighthouse.measure(site, runs=3)
    except (RuntimeError, OSError) as exc:
        log(f"Lighthouse 测量失败：{exc}")
        return None
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return {"pages": [{"kind": p.kind, "path": p.path, "scores": p.scores, "median": p.median,
                       "metrics": p.metrics} for p in pages],
            "loadavg": [round(x, 2) for x in load_before], "table": lighthouse.table(pages)}


def _plain(m: dict) -> dict:
    out = {}
    for key, value in m.items():
        out[key] = value.to_dict() if hasattr(value, "to_dict") else value
    return out


# ------------------------------------------------------------- printing

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _rjust(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}{unit}" if value < 10 else f"{value:.1f}{unit}"
    return f"{value}{unit}"


def table(report: dict) -> str:
    site, floor = report["site"], report["floor"]
    mb = 1024 * 1024
    rows = [
        ("页面数", site["pages"], floor["pages"], report["ratios"]["pages"]),
        ("构建时间（秒，无搜索，取最小值）", site["build_s"], floor["build_s"], report["ratios"]["build"]),
        ("构建 CPU 时间（秒，用户＋系统）", site["cpu_s"], floor["cpu_s"], report["ratios"]["build_cpu"]),
        ("首次构建（秒，缓存为空）", site["first_build_s"], floor["build_s"], report["ratios"]["build_cold"]),
        ("首次构建 CPU（秒，缓存为空）", site["first_cpu_s"], floor["cpu_s"], report["ratios"]["build_cold_cpu"]),
        ("构建峰值内存（MB）", site["peak_rss_mb"], floor["peak_rss_mb"],
         _ratio(site["peak_rss_mb"], floor["peak_rss_mb"])),
        ("搜索索引（秒）", site["index"] and site["index"]["wall_s"], floor["index"] and floor["index"]["wall_s"],
         None),
        ("搜索索引峰值内存（MB）", site["index"] and site["index"]["peak_rss_mb"],
         floor["index"] and floor["index"]["peak_rss_mb"], None),
        ("增量发布（秒，改一篇、加一篇）", report.get("incremental") and report["incremental"]["wall_s"],
         site["build_s"], report["ratios"]["incremental"]),
        ("构建＋搜索（秒）", report["build_with_search_s"], report["floor_with_search_s"],
         report["ratios"]["build_with_search"]),
        ("输出大小（MB，不含搜索索引）", round(site["bytes"] / mb, 1), round(floor["bytes"] / mb, 1),
         report["ratios"]["bytes"]),
        ("最大页面（KB）", round(site["largest_page_bytes"] / 1024, 1), round(floor["largest_page_bytes"] / 1024, 1),
         None),
    ]
    lines = [f"congress-bench：{report['sizes']['stories']}篇稿件、{report['sizes']['profiles']}名代表、"
             f"{report['sizes']['legislation']}部法规、{report['sizes']['stations']}个联络站"
             + (f"、{report['sizes']['images']}张正文图片" if report["sizes"].get("images") else "")
             + f"（种子 {report['sizes']['seed']}，每项构建 {report['sizes']['repeat']} 次交替进行）", ""]
    lines.append("构建时间取多次中的最小值；本站第一次构建时缓存为空（代表码等），之后为有缓存的构建。")
    lines.append(_ljust("项目", 34) + _rjust("本站", 10) + _rjust("底线", 10) + _rjust("比值", 8))
    for name, a, b, r in rows:
        lines.append(_ljust(name, 34) + _rjust(_fmt(a), 10) + _rjust(_fmt(b), 10) + _rjust(_fmt(r), 8))
    lines.append("")
    again = report.get("index_after_publish")
    if again and site["index"]:
        lines.append(_ljust("发布后的搜索索引（沿用未变分片）", 34) + _rjust(_fmt(again["wall_s"], "秒"), 10)
                     + f"  全量索引 {_fmt(site['index']['wall_s'], '秒')}，"
                       f"比值 {_fmt(_ratio(again['wall_s'], site['index']['wall_s']))}，"
                       f"{again['indexes']}个分片中沿用{again['reused']}个，退出码 {again['returncode']}")
    for key, label in (("check", "congress check"), ("lint", "congress lint"), ("links", "congress links")):
        run = report.get(key)
        if run:
            lines.append(_ljust(label, 34) + _rjust(_fmt(run["wall_s"], "秒"), 10)
                         + f"  CPU {_fmt(run['cpu_s'], '秒')}，峰值内存 {_fmt(run['peak_rss_mb'], ' MB')}，"
                           f"退出码 {run['returncode']}")
    if report.get("failed"):
        lines.append(_ljust("失败（见日志，不计入比值）", 34) + "、".join(report["failed"]))
    if report.get("skipped"):
        lines.append(_ljust("超出时间预算而跳过", 34) + "、".join(report["skipped"]))
    if report.get("indexer"):
        lines.append(_ljust("搜索索引工具", 34) + report["indexer"])
    one = report.get("lint_one_file")
    if one:
        text = "测试用真实文风语料" if one.get("text") == "held-out corpus" else "生成的句子"
        lines.append(_ljust("单文件 congress lint（新稿件）", 34) + _rjust(_fmt(one["lint_s"] * 1000, "毫秒"), 10)
                     + f"  python -c pass {_fmt(one['python_pass_s'] * 1000, '毫秒')}，比值 {_fmt(one['ratio'])}"
                       f"（后台检查进程应答；同一稿件再查 {_fmt(one['again_s'] * 1000, '毫秒')}，"
                       f"比值 {_fmt(one['again_ratio'])}；本进程内检查 {_fmt(one['inprocess_s'] * 1000, '毫秒')}，"
                       f"比值 {_fmt(one['inprocess_ratio'])}；首次运行 {_fmt(one['first_run_s'] * 1000, '毫秒')}），"
                       f"每次一篇约 {one['story_chars']} 字的新稿件（{text}），各 {one['runs']} 次交替，"
                       f"负载 {one['loadavg']}")
    scores = report.get("lighthouse")
    if scores:
        lines.append(_ljust("Lighthouse 移动端（样例站）", 34)
                     + "、".join(f"{p['kind']} {p['median']:g}" for p in scores["pages"])
                     + f"（各 3 次中位数，负载 {scores['loadavg']}）")
    serve = report.get("serve")
    if serve:
        lines.append(_ljust("mkdocs serve 修改到刷新", 34) + _rjust(_fmt(serve.get("refresh_s"), "秒"), 10)
                     + f"  首次构建 {_fmt(serve.get('first_build_s'), '秒')}，启动后第一次修改 "
                       f"{_fmt(serve.get('first_refresh_s'), '秒')} {serve.get('error', '')}")
    else:
        lines.append(_ljust("mkdocs serve 修改到刷新", 34) + "未测（用 --serve 开启）")
    lines.append("")
    lines.append("目标：")
    for t in report["targets"]:
        mark = "—" if t["ok"] is None else ("达标" if t["ok"] else "未达标")
        lines.append("  " + _ljust(t["name"], 44) + _rjust(_fmt(t["value"]), 8) + "  " + mark)
    scaling = report.get("scaling")
    if scaling:
        heads = ("稿件", "页面", "本站秒", "底线秒", "比值", "本站CPU", "底线CPU", "CPU比值", "峰值MB", "输出MB",
                 "最大页KB")
        lines += ["", "规模测试（各规模均为首次构建，缓存为空）：", "".join(_rjust(h, 9) for h in heads)]
        for r in scaling["rows"]:
            cells = (r["stories"], r["pages"], f"{r['site_s']:.1f}", f"{r['floor_s']:.1f}", _fmt(r["ratio"]),
                     f"{r['site_cpu_s']:.1f}", f"{r['floor_cpu_s']:.1f}", _fmt(r.get("cpu_ratio")),
                     f"{r['peak_rss_mb']:.0f}",
                     f"{r['bytes'] / mb:.1f}", f"{r['largest_page_bytes'] / 1024:.1f}")
            lines.append("".join(_rjust(str(c), 9) for c in cells))
        for s in scaling["steps"]:
            lines.append(f"  {s['from']}→{s['to']}：每篇稿件 {s['ms_per_story']} 毫秒（底线 {s['floor_ms_per_story']}）、"
                         f"{s['kb_per_story']} KB")
        verdict = {True: "线性", False: "非线性", None: "—"}[scaling["linear"]]
        lines.append(f"  边际时间比 {_fmt(scaling['marginal_time_ratio'])}，边际大小比 "
                     f"{_fmt(scaling['marginal_size_ratio'])}，最大页面增长 {_fmt(scaling['largest_page_growth'])}："
                     f"{verdict}")
    m = report["machine"]
    lines += ["", f"机器：{m['cpus']}核，负载 {m['load_before']} → {m.get('load_after')}（其他进程会带来噪声）；"
                  f"总耗时 {report.get('total_s')}秒"]
    return "\n".join(lines)


def write_json(report: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
