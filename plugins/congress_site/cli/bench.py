"""`congress bench …` hands its arguments to `congress-bench`, the
developer tools that live in their own distribution (bench/ of the
repository) so the published package carries none of them. Without them,
a clear message instead of a traceback."""

from __future__ import annotations

import argparse
import sys
from importlib.util import find_spec

NOT_INSTALLED = (
    "congress bench：基准测试是开发者工具，由仓库中的 congress-bench 包（bench/ 目录）提供，当前环境未安装。\n"
    "在仓库根目录运行 make bench（或运行测试的 make test）会自动安装；"
    "也可以手动安装：pip install -e ./bench"
)


def register(sub) -> None:
    p = sub.add_parser("bench", add_help=False, prefix_chars="\0",
                       help="基准测试：生成合成站点（generate）、与纯 Material 对比测量（run）等，开发者工具")
    # Every argument, options and --help included, belongs to congress-bench.
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(handler=run)


def run(args) -> int:
    # Only the package's absence is expected; an import error inside it is
    # a bug and keeps its traceback.
    if find_spec("congress_bench") is None:
        print(NOT_INSTALLED, file=sys.stderr)
        return 2
    from congress_bench.cli import main

    return main(args.args, prog="congress bench")
