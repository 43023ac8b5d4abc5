"""`congress lint [--format text|json|github|gitlab] FILE…`: the copy checker over
Markdown and YAML files (front matter optional). Exit 1 on any error."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..findings import FORMATS, Finding, Severity, has_errors, render

SUFFIXES = (".md", ".markdown", ".yml", ".yaml")
RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def register(sub) -> None:
    p = sub.add_parser("lint", help="检查稿件文字：空格、标点、引号、破折号、错别字、繁体字、个人信息等")
    add_common(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="输出格式")
    p.add_argument("--level", choices=("error", "warning", "info"), default="info",
                   help="只显示这一级别及更严重的问题（默认全部显示）")
    p.add_argument("--jobs", type=int, default=0,
                   help="并行进程数（默认：文件多时使用全部 CPU）")
    # Read by lintclient before this parser exists; declared so it is accepted.
    p.add_argument("--no-server", action="store_true",
                   help="不使用后台检查进程，只在本进程内检查（也可设环境变量 CONGRESS_LINT_SERVER=off）")
    p.set_defaults(handler=run)


def add_common(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="Markdown 或 YAML 文件；目录则检查其中全部 .md/.yml")
    p.add_argument("--style", type=Path, default=None,
                   help="体例词表目录（默认：站点的 content/style/）")


def style_dir(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit
    try:
        from ..settings import load_settings

        style = load_settings()[0].layout.style_dir
        if style.is_dir():
            return style
    except Exception:  # noqa: BLE001 - a broken mkdocs.yml must not stop the linter
        pass
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "content" / "style").is_dir():
            return folder / "content" / "style"
    return None


def expand(files: list[str]) -> tuple[list[Path], list[Finding]]:
    """Files named on the command line; folders are searched for copy files."""
    out: list[Path] = []
    missing: list[Finding] = []
    for name in files:
        path = Path(name)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()))
        elif path.is_file():
            out.append(path)
        elif any(ch in name for ch in "*?["):
            # a pattern the shell did not expand (quoted, or ** without globstar)
            matches = sorted(p for p in Path().glob(name) if p.is_file())
            out.extend(matches)
            if not matches:
                missing.append(Finding(path=name, line=1, column=1, code="file-missing",
                                       message="没有文件与这个模式匹配", fix="请检查路径和通配符"))
        else:
            missing.append(Finding(path=name, line=1, column=1, code="file-missing",
                                   message="找不到这个文件", fix="请检查文件名和路径"))
    return out, missing


def display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


PARALLEL_FROM = 200  # files; below this, starting workers costs more than it saves
_CONFIG = None


def _lint_chunk(paths: list[Path]) -> list[Finding]:
    from ..lint.engine import lint_files

    return lint_files([(path, display(path)) for path in paths], _CONFIG)


def lint_many(paths: list[Path], config, jobs: int = 0) -> list[Finding]:
    """Lint files, in parallel worker processes when there are many. The
    lexicon is loaded once here, before the workers fork, so they share it."""
    global _CONFIG
    from ..lint import lint_text
    from ..lint.engine import lint_files

    jobs = jobs or (os.cpu_count() or 1)
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        return lint_files([(path, display(path)) for path in paths], config)
    import multiprocessing as mp  # only here: its import costs a one-file run

    if "fork" not in mp.get_all_start_methods():
        return lint_files([(path, display(path)) for path in paths], config)
    lint_text("预热：载入词典。", "warm.md", config)
    _CONFIG = config
    chunks = [paths[i::jobs * 4] for i in range(jobs * 4)]
    with mp.get_context("fork").Pool(jobs) as pool:
        parts = pool.map(_lint_chunk, chunks)
    return [f for part in parts for f in part]


def run(args) -> int:
    from ..lint import LintConfig

    config = LintConfig.load(style_dir(args.style))
    paths, findings = expand(args.files)
    findings = list(config.problems) + findings
    findings.extend(lint_many(paths, config, args.jobs))
    shown = [f for f in findings if RANK[f.severity] <= RANK[Severity(args.level)]]
    output = render(shown, args.format)
    if output:
        print(output)
    if args.format == "text":
        counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
        print(f"检查了 {len(paths)} 个文件：{counts[Severity.ERROR]} 个错误，"
              f"{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 个提示。"
              + ("可运行 congress fix 自动修正空格、标点、引号等机械性问题。" if findings else ""),
              file=sys.stderr)
    return 1 if has_errors(findings) else 0
