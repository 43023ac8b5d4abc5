"""`congress sites`: build every site of a 站群 (sites.yml) and put them
together in one folder, as `make sites` does."""

from __future__ import annotations

import sys
from pathlib import Path

from ..findings import CongressError, render


def register(sub) -> None:
    p = sub.add_parser("sites", help="构建站群中的全部站点并合并到一个目录",
                       description="按 sites.yml 构建站群：各区站点并行构建（每个站点一个进程），市级站点最后构建，"
                                   "然后把各站点按网址路径合并到一个目录，可直接用任意静态服务器发布。")
    p.add_argument("--federation", type=Path, default=Path("sites.yml"), help="站群配置文件（默认 sites.yml）")
    p.add_argument("--jobs", type=int, default=0, help="同时构建的站点数（默认按 CPU 核数）")
    p.add_argument("--engine", choices=["mkdocs", "properdocs"], default="mkdocs", help="构建引擎")
    p.add_argument("--strict", action="store_true", help="任何警告都使构建失败")
    p.add_argument("--only", nargs="*", metavar="NAME", help="只构建这些站点")
    p.add_argument("--out", type=Path, default=Path("build/sites"), help="合并后的目录（默认 build/sites）")
    p.add_argument("--no-assemble", action="store_true", help="只构建，不合并")
    p.add_argument("--assemble-only", action="store_true",
                   help="不构建，只合并已构建好的各站点（CI 中各站点由不同任务构建时使用）")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..federation import load_federation
    from ..federation.build import assemble, build_sites

    try:
        federation = load_federation(args.federation)
        if federation.findings:
            print(render(list(federation.findings), "text"), file=sys.stderr)
            return 1
        if args.assemble_only:
            out = assemble(federation, args.out)
            print(f"已合并到 {out}。", file=sys.stderr)
            return 0
        results = build_sites(federation, jobs=args.jobs, engine=args.engine, strict=args.strict, only=args.only)
        failed = [r for r in results if r.returncode]
        for r in results:
            state = "失败" if r.returncode else "完成"
            print(f"{r.site.label}（{r.site.name}）：构建{state}，用时 {r.seconds:.1f} 秒 → {r.site.build_dir}",
                  file=sys.stderr)
        for r in failed:
            print(r.log, file=sys.stderr)
        if failed:
            return 1
        if not args.no_assemble and not args.only:
            out = assemble(federation, args.out)
            print(f"已合并到 {out}：市级站点在根路径，各区站点在各自的路径下。", file=sys.stderr)
    except CongressError as exc:
        print(render(exc.findings, "text"), file=sys.stderr)
        return 2
    return 0
