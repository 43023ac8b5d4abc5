"""`congress fix FILE…`: apply the copy checker's safe mechanical fixes in
place (spacing, punctuation width, quotes, ellipsis, dash, full-width digits,
look-alike and traditional characters) and report what is left."""

from __future__ import annotations

import sys

from ..findings import CongressError, has_errors, render
from .lint import add_common, display, expand, style_dir


def register(sub) -> None:
    p = sub.add_parser("fix", help="自动修正稿件中的空格、标点、引号、省略号、破折号等机械性问题")
    add_common(p)
    p.add_argument("--dry-run", action="store_true", help="只列出会被修改的文件，不写入")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..lint import LintConfig, fix_text, lint_text
    from ..lint.engine import kind_of
    from ..model.source import read_text

    config = LintConfig.load(style_dir(args.style))
    paths, problems = expand(args.files)
    left = list(problems)
    changed = 0
    for path in paths:
        name = display(path)
        try:
            text = read_text(path, name)
        except CongressError as exc:
            left.extend(exc.findings)
            continue
        kind = kind_of(path)
        fixed = fix_text(text, config, kind)
        if fixed != text:
            changed += 1
            if not args.dry_run:
                path.write_text(fixed, encoding="utf-8")
            print(f"{'将修改' if args.dry_run else '已修改'}：{name}", file=sys.stderr)
        left.extend(lint_text(fixed, name, config, kind))
    if left:
        print(render(left, "text"))
    print(f"共 {len(paths)} 个文件，{'将' if args.dry_run else '已'}修改 {changed} 个；"
          f"还有 {len(left)} 个问题需要人工处理。", file=sys.stderr)
    return 1 if has_errors(left) else 0
