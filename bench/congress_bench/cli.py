"""The `congress-bench` command (also reached as `congress bench`):
synthetic sites and the measurements made on them."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from congress_site.findings import CongressError, render

from .synthetic import DEFAULTS


def build_parser(prog: str = "congress-bench") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="基准测试：生成合成站点，测量构建、搜索、链接检查、预览刷新和图片处理")
    bench = parser.add_subparsers(dest="bench_command", required=True)

    g = bench.add_parser("generate", help="生成一个指定规模的合成站点（含“底线”对照站点 floor/）")
    g.add_argument("dir", type=Path, help="输出目录（须为空或不存在）")
    _sizes(g)
    g.add_argument("--no-floor", action="store_true", help="不生成底线对照站点")
    g.add_argument("--theme-dir", type=Path, default=None, help="项目的 theme/ 目录（默认自动查找）")
    g.set_defaults(handler=generate)

    r = bench.add_parser("run", help="生成站点并测量：构建、搜索索引、检查、链接和预览刷新")
    _sizes(r)
    r.add_argument("--json", type=Path, default=Path("bench-results/bench.json"), help="结果写入此 JSON 文件")
    r.add_argument("--scaling", action="store_true", help="另测 1000、3000、10000 篇稿件的规模曲线")
    r.add_argument("--repeat", type=int, default=2, help="每个站点构建几次（交替进行，取最小值）")
    r.add_argument("--no-search", action="store_true", help="不测搜索索引")
    r.add_argument("--no-extras", action="store_true", help="不测 congress check、lint、links 和 Lighthouse")
    r.add_argument("--no-lighthouse", action="store_true", help="不测样例站的 Lighthouse 性能分（约 6 分钟）")
    r.add_argument("--serve", dest="serve", action="store_true", default=None,
                   help="测量 mkdocs serve 的修改到刷新时间（默认只在 3000 篇以下时测）")
    r.add_argument("--no-serve", dest="serve", action="store_false")
    r.add_argument("--budget", type=float, default=840,
                   help="时间预算（秒）：超出后跳过搜索、lint、links、serve 和规模测试（构建和 check 总会测）；0 表示不限")
    r.add_argument("--dir", type=Path, default=None, help="工作目录（默认临时目录，结束后删除）")
    r.add_argument("--keep", action="store_true", help="保留生成的站点和日志")
    r.set_defaults(handler=run)

    f = bench.add_parser("refresh", help="mkdocs serve 的修改到刷新时间（与完整构建对比）")
    f.add_argument("site", type=Path, help="站点目录（含 mkdocs.yml）；不存在时在此生成合成站点")
    f.add_argument("--stories", type=int, default=2000, help="站点不存在时生成的稿件数")
    f.add_argument("--story", type=Path, default=None, help="修改哪篇稿件（默认居中的一篇）")
    f.add_argument("--today", default=None, help="构建日期 YYYY-MM-DD")
    f.add_argument("--no-full", action="store_true", help="不测完整构建")
    f.add_argument("--plain", action="store_true", help="另测不带 --dirty 的 mkdocs serve")
    f.set_defaults(handler=refresh)

    s = bench.add_parser("search", help="合成稿件页面的搜索索引：大小、时间、内存，可与 Material 自带搜索对比")
    s.add_argument("out", type=Path, help="输出目录")
    s.add_argument("--pages", type=int, default=1000, help="稿件页面数")
    s.add_argument("--seed", type=int, default=1, help="随机种子")
    s.add_argument("--material", action="store_true", help="另用纯 Material 及其搜索插件构建同样的稿件")
    s.add_argument("--shards", choices=["auto", "year", "none"], default="auto", help="索引分片方式")
    s.add_argument("--browser", action="store_true", help="在 chromium 中测量每次查询下载的字节数和耗时")
    s.add_argument("--search-page", type=Path, default=None,
                   help="已构建的站点：复制其 /search/ 页面和资源，供浏览器测量使用")
    s.set_defaults(handler=search)

    k = bench.add_parser("links", help="链接检查的速度：生成已构建形式的合成站点（可埋入坏链接）并检查")
    k.add_argument("dir", type=Path, help="输出目录（须为空或不存在）")
    k.add_argument("--pages", type=int, default=20000, help="页面数")
    k.add_argument("--seed", type=int, default=1, help="随机种子")
    k.add_argument("--broken", type=int, default=0, help="埋入的坏链接数")
    k.set_defaults(handler=links)

    t = bench.add_parser("sites", help="站群：同时构建 1、2、3 个同样大小的站点（每个站点一个进程）的用时")
    t.add_argument("--stories", type=int, default=2000, help="每个站点的稿件数")
    t.add_argument("--seed", type=int, default=1, help="随机种子")
    t.add_argument("--dir", type=Path, default=None, help="工作目录（默认临时目录，结束后删除）")
    t.add_argument("--json", type=Path, default=Path("bench-results/sites.json"), help="结果写入此 JSON 文件")
    t.set_defaults(handler=sites)

    i = bench.add_parser("images", help="图片处理：读者下载的字节数与原图对比，空缓存与有缓存的处理时间")
    i.add_argument("site", type=Path, nargs="?", default=Path("."), help="站点目录（含 mkdocs.yml），默认当前目录")
    i.set_defaults(handler=images)

    h = bench.add_parser("lighthouse", help="Lighthouse 移动端性能分：已构建网站的各类页面，每类多次取中位数")
    h.add_argument("site", type=Path, help="构建好的网站目录（如 site/）")
    h.add_argument("--runs", type=int, default=3, help="每类页面测几次")
    h.add_argument("--json", type=Path, default=None, help="结果另存为 JSON")
    h.set_defaults(handler=lighthouse)
    return parser


def _sizes(p) -> None:
    p.add_argument("--stories", type=int, default=DEFAULTS["stories"], help="稿件数")
    p.add_argument("--profiles", type=int, default=DEFAULTS["profiles"], help="代表数")
    p.add_argument("--legislation", type=int, default=DEFAULTS["legislation"], help="法规数")
    p.add_argument("--stations", type=int, default=DEFAULTS["stations"], help="联络站数")
    p.add_argument("--images", type=int, default=0, help="带正文图片的稿件数（均匀分布）")
    p.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同的文件")


def _check_sizes(args) -> str | None:
    if min(args.stories, args.profiles, args.legislation, args.stations, args.images) < 0:
        return "数量不能为负数"
    if args.stations < 1 or args.profiles < 1:
        return "至少需要 1 个联络站和 1 名代表"
    if args.images > args.stories:
        return "带图片的稿件数不能多于稿件数"
    return None


def generate(args) -> int:
    from .synthetic import generate as write_site

    problem = _check_sizes(args)
    if problem:
        print(f"{args.prog} generate：{problem}", file=sys.stderr)
        return 2
    try:
        result = write_site(args.dir, stories=args.stories, profiles=args.profiles, legislation=args.legislation,
                            stations=args.stations, seed=args.seed, floor=not args.no_floor, images=args.images,
                            theme_dir=args.theme_dir)
    except CongressError as exc:
        print(render(exc.findings, "text"), file=sys.stderr)
        return 1
    print(f"已生成合成站点：{result.root}（{args.stories}篇稿件、{args.profiles}名代表、{args.legislation}部法规、"
          f"{args.stations}个联络站" + (f"、{args.images}张正文图片" if args.images else "") + "）")
    if result.floor:
        print(f"底线对照站点：{result.floor}（{result.pages}个纯 Markdown 页面，纯 Material，无插件）")
    print(f"构建：cd {result.root} && mkdocs build --strict")
    return 0


def run(args) -> int:
    from . import run as bench

    problem = _check_sizes(args)
    if problem or args.repeat < 1:
        print(f"{args.prog} run：{problem or '--repeat 至少为 1'}", file=sys.stderr)
        return 2
    opts = bench.Options(stories=args.stories, profiles=args.profiles, legislation=args.legislation,
                         stations=args.stations, images=args.images, seed=args.seed, repeat=args.repeat,
                         search=not args.no_search, extras=not args.no_extras, lighthouse=not args.no_lighthouse, serve=args.serve,
                         scaling=args.scaling, work_dir=args.dir, keep=args.keep, budget_s=args.budget or None,
                         log=lambda msg: print(msg, file=sys.stderr, flush=True))
    try:
        report = bench.run(opts)
    except CongressError as exc:
        print(render(exc.findings, "text"), file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(f"{args.prog} run：{exc}", file=sys.stderr)
        return 1
    print(bench.table(report))
    bench.write_json(report, args.json)
    print(f"\n结果已写入 {args.json}")
    failed = [t for t in report["targets"] if t["ok"] is False]
    return 1 if failed else 0


def refresh(args) -> int:
    from .refresh import full_build_seconds, measure_refresh
    from .synthetic import generate as write_site

    if not (args.site / "mkdocs.yml").is_file():
        write_site(args.site, stories=args.stories, profiles=max(1, args.stories // 7), legislation=50,
                   stations=20, floor=False)
    stories = sorted((args.site / "stories").glob("*/*.md"))
    story = args.story or stories[len(stories) // 2]
    result: dict = {"site": str(args.site), "story": str(story)}
    if not args.no_full:
        result["full_build_s"] = round(full_build_seconds(args.site, args.today), 2)
    runs = [("dirty", True)] + ([("plain", False)] if args.plain else [])
    for name, dirty in runs:
        measured = measure_refresh(args.site, story, dirty=dirty, today=args.today)
        if measured.error:
            print(f"{args.prog} refresh：{measured.error}", file=sys.stderr)
            return 1
        result[f"refresh_{name}_s"] = measured.seconds
    print(json.dumps(result, ensure_ascii=False))
    return 0


def search(args) -> int:
    from .search import measure

    result = measure(args.out, pages=args.pages, seed=args.seed, material=args.material, shards=args.shards,
                     browser=args.browser, search_page=args.search_page)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def links(args) -> int:
    from congress_site.links import check_site

    from .synthetic import built_site

    if args.dir.exists() and any(args.dir.iterdir()):
        print(f"{args.prog} links：目录“{args.dir}”不是空的，请指定一个新目录", file=sys.stderr)
        return 2
    start = time.perf_counter()
    info = built_site(args.dir, pages=args.pages, seed=args.seed, broken=args.broken)
    written = time.perf_counter() - start
    report = check_site(args.dir)
    s = report.stats
    print(f"写入 {info['pages']} 个页面（{written:.1f} 秒），埋入 {len(info['planted'])} 个坏链接")
    print(f"congress links：{s.pages} 个页面、{s.links} 个链接，站内检查 {s.internal_seconds:.2f} 秒"
          f"（每秒 {s.pages_per_second:.0f} 个页面，{s.jobs} 个进程），发现 {len(report.findings)} 个问题")
    return 0 if len(report.findings) == len(info["planted"]) else 1


def sites(args) -> int:
    import shutil
    import tempfile

    from . import sites as federation

    workdir = args.dir or Path(tempfile.mkdtemp(prefix="congress-bench-sites-"))
    try:
        report = federation.measure(workdir, args.stories, args.seed)
    finally:
        if args.dir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(federation.table(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def images(args) -> int:
    from .images import report

    return report(args.site)


def main(argv: list[str] | None = None, prog: str = "congress-bench") -> int:
    args = build_parser(prog).parse_args(argv)
    args.prog = prog
    try:
        return int(args.handler(args) or 0)
    except CongressError as err:
        print(render(err.findings, "text"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def lighthouse(args) -> int:
    from . import lighthouse as lh

    return lh.main([str(args.site), "--runs", str(args.runs), *(["--json", str(args.json)] if args.json else [])])
