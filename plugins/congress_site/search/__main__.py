"""`python -m congress_site.search SITE_DIR [--shards year] [--json]`:
index a built site (what the background indexer of `mkdocs serve` runs)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..findings import CongressError, format_text
from .indexer import index_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m congress_site.search", description="为已构建的网站生成站内搜索索引")
    parser.add_argument("site_dir", type=Path, help="mkdocs build 的输出目录")
    parser.add_argument("--shards", choices=["auto", "year", "none"], default="auto",
                        help="索引分片：auto（页面多时按年份分片，默认）、year 或 none")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出统计")
    args = parser.parse_args(argv)
    try:
        report = index_site(args.site_dir, shards=None if args.shards == "none" else args.shards)
    except CongressError as err:
        for finding in err.findings:
            print(format_text(finding), file=sys.stderr)
        return 1
    print(json.dumps(report.to_dict(), ensure_ascii=False) if args.json else report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
