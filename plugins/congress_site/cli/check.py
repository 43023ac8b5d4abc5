"""`congress check [PATH…]`: every record validated, every reference
resolved, and the copy of every story and record checked."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..findings import FORMATS, Finding, has_errors, render
from ..model import load_repository
from ..model.parsecache import parsed_records
from ..settings import Settings, load_settings


def register(sub) -> None:
    p = sub.add_parser("check", help="检查全部记录：格式、引用、文字质量、个人信息和不安全的 HTML")
    p.add_argument("paths", nargs="*", help="只报告这些文件或目录中的问题（引用仍按全站检查）")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--config", type=Path, default=None, help="mkdocs.yml 的路径")
    p.add_argument("--today", default=None, help="按此日期判断是否到了发布日期（YYYY-MM-DD）")
    p.set_defaults(handler=run)


def run(args) -> int:
    settings, config = load_settings(args.config)
    layout = settings.layout
    today = dt.date.fromisoformat(args.today) if args.today else settings.today
    with parsed_records(settings.parsed_cache):
        repo = load_repository(layout, today, jurisdiction=settings.options.jurisdiction)
    findings = list(repo.findings) + copy_findings(settings) + image_findings(settings, repo) + \
        site_findings(settings, config, repo)
    if args.paths:
        wanted = [layout.display(Path(p)) for p in args.paths]
        findings = [f for f in findings if any(f.path == w or f.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    output = render(findings, args.format)
    if output:
        print(output)
    if args.format == "text":
        errors = sum(1 for f in findings if f.severity == "error")
        duty = ""
        if repo.suggestions or repo.projects:
            duty = (f"{sum(len(v) for v in repo.suggestions.values())}件代表建议、"
                    f"{sum(len(r.candidates) for r in repo.projects.values())}个民生实事候选项目、")
        print(f"检查完成：{len(repo.stories)}篇稿件、{len(repo.profiles)}名代表、{len(repo.legislation)}部法规、"
              f"{duty}{len(repo.stations)}个联络站、{len(repo.meetings)}次会议、{len(repo.oversight)}项监督工作；"
              f"{errors}个错误，{len(findings) - errors}个提示。", file=sys.stderr)
    return 1 if has_errors(findings) else 0


def site_findings(settings: Settings, config: dict, repo) -> list[Finding]:
    """What editors wrote in mkdocs.yml (the menu, the footer) and what
    planning the pages finds: the same findings a build reports."""
    from ..pages.plan import plan_site

    docs = settings.docs_dir
    hand = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
    nav = config.get("nav")
    return plan_site(repo, settings, hand, nav=nav if isinstance(nav, list) else None).findings


def copy_findings(settings: Settings) -> list[Finding]:
    """The copy checker over record files and hand-written pages: the same
    gate the build runs. It reads (never writes) the build's cache: entries
    are keyed by the file's content and the rules, so a hit is the same
    result, and a check after a build re-lints only what changed."""
    from ..lint.cache import CopyGate

    return CopyGate(settings.layout, settings.lint_cache).check()


def image_findings(settings: Settings, repo) -> list[Finding]:
    """Covers, photos and images in story bodies: inside the repository, a
    real image of sane size, alt text present. Images that pass land in the
    build's cache, so the next build does not process them again."""
    from ..images.site import SiteImages

    return SiteImages(settings.layout.root, settings.image_cache).check(repo)
