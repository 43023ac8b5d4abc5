"""`congress held`: what a production build would leave out, and why.

Every record file is either published or held back for a stated reason
(草稿, 未到发布日期, 记录有错误, 引用有错误, 编号重复, 网址重复, 指向仓库以外…);
this lists the held-back ones so that nothing goes missing unnoticed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from ..model import load_repository
from ..model.ledger import ledger, ledger_line
from ..settings import load_settings


def register(sub) -> None:
    p = sub.add_parser("held", help="列出不会发布的记录及原因（草稿、未到发布日期、有错误……）")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--config", type=Path, default=None, help="mkdocs.yml 的路径")
    p.add_argument("--today", default=None, help="按此日期判断是否到了发布日期（YYYY-MM-DD）")
    p.set_defaults(handler=run)


def run(args) -> int:
    settings, _ = load_settings(args.config)
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(f"日期“{args.today}”格式不对，请写成 2025-07-05", file=sys.stderr)
        return 2
    repo = load_repository(settings.layout, today or settings.today)
    book = ledger(repo)
    if args.format == "json":
        print(json.dumps({"published": book.published,
                          "held": [{"path": h.path, "reason": h.reason} for h in book.held]},
                         ensure_ascii=False, indent=2))
    else:
        for held in book.held:
            print(f"{held.path}: {held.reason}")
        print(ledger_line(repo), file=sys.stderr)
    # Held back because of an error (not a draft or an embargo): say so in the exit code.
    return 1 if any(h.reason not in ("草稿", "未到发布日期") for h in book.held) else 0
