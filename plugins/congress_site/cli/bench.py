"""`congress bench generate DIR` writes a synthetic site at a chosen size;
`congress bench run` measures its build against plain Material."""

from __future__ import annotations

import sys
from pathlib import Path

from ..findings import CongressError, render


def register(sub) -> None:
    p = sub.add_parser("bench", help="基准测试：生成合成站点，测量构建时间和内存，与纯 Material 对比")
    bench = p.add_subparsers(dest="bench_command", required=True)

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
    r.add_argument("--no-extras", action="store_true", help="不测 congress check、lint、links")
    r.add_argument("--serve", dest="serve", action="store_true", default=None,
                   help="测量 mkdocs serve 的修改到刷新时间（默认只在 3000 篇以下时测）")
    r.add_argument("--no-serve", dest="serve", action="store_false")
    r.add_argument("--budget", type=float, default=840,
                   help="时间预算（秒）：超出后跳过搜索、lint、links、serve 和规模测试（构建和 check 总会测）；0 表示不限")
    r.add_argument("--dir", type=Path, default=None, help="工作目录（默认临时目录，结束后删除）")
    r.add_argument("--keep", action="store_true", help="保留生成的站点和日志")
    r.set_defaults(handler=run)


def _sizes(p) -> None:
    from ..bench.generate import DEFAULTS

    p.add_argument("--stories", type=int, default=DEFAULTS["stories"], help="稿件数")
    p.add_argument("--profiles", type=int, default=DEFAULTS["profiles"], help="代表数")
    p.add_argument("--legislation", type=int, default=DEFAULTS["legislation"], help="法规数")
    p.add_argument("--stations", type=int, default=DEFAULTS["stations"], help="联络站数")
    p.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同的文件")


def _check_sizes(args) -> str | None:
    if min(args.stories, args.profiles, args.legislation, args.stations) < 0:
        return "数量不能为负数"
    if args.stations < 1 or args.profiles < 1:
        return "至少需要 1 个联络站和 1 名代表"
    return None


def generate(args) -> int:
    from ..bench.generate import generate as write_site

    problem = _check_sizes(args)
    if problem:
        print(f"congress bench generate：{problem}", file=sys.stderr)
        return 2
    try:
        result = write_site(args.dir, stories=args.stories, profiles=args.profiles, legislation=args.legislation,
                            stations=args.stations, seed=args.seed, floor=not args.no_floor,
                            theme_dir=args.theme_dir)
    except CongressError as exc:
        print(render(exc.findings, "text"), file=sys.stderr)
        return 1
    print(f"已生成合成站点：{result.root}（{args.stories}篇稿件、{args.profiles}名代表、{args.legislation}部法规、"
          f"{args.stations}个联络站）")
    if result.floor:
        print(f"底线对照站点：{result.floor}（{result.pages}个纯 Markdown 页面，纯 Material，无插件）")
    print(f"构建：cd {result.root} && mkdocs build --strict")
    return 0


def run(args) -> int:
    from ..bench import run as bench

    problem = _check_sizes(args)
    if problem or args.repeat < 1:
        print(f"congress bench run：{problem or '--repeat 至少为 1'}", file=sys.stderr)
        return 2
    opts = bench.Options(stories=args.stories, profiles=args.profiles, legislation=args.legislation,
                         stations=args.stations, seed=args.seed, repeat=args.repeat, search=not args.no_search,
                         extras=not args.no_extras, serve=args.serve, scaling=args.scaling, work_dir=args.dir,
                         keep=args.keep, budget_s=args.budget or None,
                         log=lambda msg: print(msg, file=sys.stderr, flush=True))
    try:
        report = bench.run(opts)
    except CongressError as exc:
        print(render(exc.findings, "text"), file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(f"congress bench run：{exc}", file=sys.stderr)
        return 1
    print(bench.table(report))
    bench.write_json(report, args.json)
    print(f"\n结果已写入 {args.json}")
    failed = [t for t in report["targets"] if t["ok"] is False]
    return 1 if failed else 0
