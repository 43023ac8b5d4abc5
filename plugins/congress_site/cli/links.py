"""`congress links SITE_DIR`: every href, src and srcset of the built site
resolves, #fragments included; external URLs only with --external."""

from __future__ import annotations

import sys
from pathlib import Path

from ..findings import FORMATS, CongressError, Finding, has_errors, render


def register(sub) -> None:
    p = sub.add_parser(
        "links",
        help="检查已构建站点中的所有链接、图片和锚点",
        description="检查 mkdocs build 生成的站点目录：每个 href、src、srcset 都能找到，"
                    "每个 #锚点在目标页面上存在。外部链接只在加 --external 时检查。",
    )
    p.add_argument("site_dir", type=Path, metavar="SITE_DIR", nargs="?", default=None,
                   help="站点目录，例如 site/；给出站群时可省略，即逐个检查站群中的全部站点")
    p.add_argument("--site", action="append", default=[], metavar="URL=DIR",
                   help="站群中的一个站点：网址=构建目录（可重复）；指向这些网址的链接在对应目录中查找，不联网")
    p.add_argument("--federation", type=Path, default=None,
                   help="站群配置文件 sites.yml：从中读取每个站点的网址和构建目录，等同逐个写 --site")
    p.add_argument("--format", choices=FORMATS, default="text", help="输出格式")
    p.add_argument("--external", action="store_true", help="同时检查外部 http(s) 链接（需联网）")
    p.add_argument("--config", type=Path, default=None,
                   help="mkdocs.yml 路径（读取 site_url 和 congress 插件的 links_ignore、links_cache）；"
                        "默认使用站点目录旁的 mkdocs.yml")
    p.add_argument("--no-cache", action="store_true", help="外部链接不读也不写缓存")
    p.add_argument("--cache-days", type=float, default=7.0, help="外部链接缓存的有效天数（默认 7）")
    p.add_argument("--timeout", type=float, default=10.0, help="每个外部请求的超时秒数（默认 10）")
    p.add_argument("--concurrency", type=int, default=8, help="同时进行的外部请求数（默认 8）")
    p.add_argument("--per-host", type=int, default=2, help="对同一网站同时进行的请求数（默认 2）")
    p.add_argument("--delay", type=float, default=0.5, help="对同一网站两次请求的间隔秒数（默认 0.5）")
    p.add_argument("--retries", type=int, default=2, help="遇到 429、5xx、超时或断开时的重试次数（默认 2）")
    p.add_argument("--jobs", type=int, default=0,
                   help="站内检查使用的进程数（默认：大站点按 CPU 核数，最多 4 个；小站点 1 个）")
    p.add_argument("--quiet", action="store_true", help="不打印统计摘要")
    p.set_defaults(handler=run)


def run(args) -> int:
    try:
        sites = _site_map(args)
    except CongressError as exc:
        print(render(exc.findings, args.format), file=sys.stdout if args.format != "text" else sys.stderr)
        return 2
    if args.site_dir is None and not sites:
        print("请给出站点目录（例如 site/），或用 --site / --federation 给出站群", file=sys.stderr)
        return 2
    if args.site_dir is not None:
        return _check_one(args, args.site_dir, sites, None)
    worst = 0
    for url, folder in sites.items():
        if not args.quiet:
            print(f"—— {url} （{folder}）", file=sys.stderr)
        worst = max(worst, _check_one(args, folder, sites, url))
    return worst


def _site_map(args) -> dict[str, Path]:
    """URL → build folder, from --federation and every --site URL=DIR."""
    sites: dict[str, Path] = {}
    if args.federation is not None:
        from ..federation import load_federation

        sites.update(load_federation(args.federation).url_map())
    for item in args.site:
        url, sep, folder = item.partition("=")
        if not sep or not url.startswith(("http://", "https://")) or not folder:
            raise CongressError(Finding("--site", 1, 1, "bad-site-map", f"--site 的写法有误：{item}",
                                        "写成 网址=目录，例如 --site https://example.gov.cn/wangshu/=build/wangshu"))
        sites[url.rstrip("/") + "/"] = Path(folder)
    return sites


def _check_one(args, site_dir: Path, sites: dict[str, Path], site_url: str | None) -> int:
    from ..links import (
        ExternalOptions,
        LinkConfig,
        LinkOptions,
        check_site,
        for_source_files,
        load_config,
    )

    try:
        config_path = args.config
        if config_path is None and site_url is None:
            beside = site_dir.resolve().parent / "mkdocs.yml"
            config_path = beside if beside.is_file() else None
        config = load_config(config_path) if config_path else LinkConfig()
        ext = ExternalOptions(
            concurrency=max(1, args.concurrency), per_host=max(1, args.per_host),
            delay=max(0.0, args.delay), timeout=max(0.1, args.timeout),
            retries=max(0, args.retries), ttl=max(0.0, args.cache_days) * 86400,
        )
        options = LinkOptions(
            site_url=site_url or config.site_url, ignore=config.ignore, sites=sites, external=args.external,
            external_options=ext, cache_path=None if args.no_cache else config.cache_path(),
            project_root=config.root, jobs=max(0, args.jobs),
        )
        report = check_site(site_dir, options)
    except CongressError as exc:
        print(render(exc.findings, args.format), file=sys.stdout if args.format != "text" else sys.stderr)
        return 2
    findings = report.findings
    if args.format in ("github", "gitlab"):
        # annotations can only mark repository files; site/ is built output
        findings = for_source_files(findings, options.project_root,
                                    _prefix(site_dir, options.project_root))
    output = render(findings, args.format)
    if output:
        print(output)
    if not args.quiet:
        print(_summary(report, args.external), file=sys.stderr)
    return 1 if has_errors(report.findings) else 0


def _prefix(site_dir: Path, root: Path | None) -> str:
    """site_dir as seen from the project folder, ending in "/"."""
    site = site_dir.resolve()
    try:
        rel = site.relative_to((root or Path.cwd()).resolve())
    except ValueError:
        rel = site
    return rel.as_posix().rstrip("/") + "/"


def _summary(report, external: bool) -> str:
    s = report.stats
    errors = sum(1 for f in report.findings if f.severity == "error")
    warnings = sum(1 for f in report.findings if f.severity == "warning")
    parts = [f"检查了 {s.pages} 个页面中的 {s.links} 个链接（站内 {s.internal} 个",
             f"外部 {s.external} 个、{s.external_unique} 个不同地址"]
    if external:
        parts[-1] += f"，本次请求 {s.external_checked} 个、来自缓存 {s.external_cached} 个"
    else:
        parts[-1] += "，未检查，加 --external 可检查"
    if s.ignored:
        parts.append(f"按 links_ignore 跳过 {s.ignored} 个")
    parts[-1] += "）"
    head = "，".join(parts)
    rate = f"{s.pages_per_second:.0f} 页/秒" if s.pages_per_second else "—"
    if s.jobs > 1:
        rate += f"，{s.jobs} 个进程"
    return (f"{head}：{errors} 个错误，{warnings} 个警告。站内检查用时 {s.internal_seconds:.2f} 秒"
            f"（{rate}），共用时 {s.seconds:.2f} 秒。")
