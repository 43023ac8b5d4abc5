"""The `congress` command. Each sub-command lives in its own module here and
exposes `register(subparsers)`; the handler it sets returns an exit code."""

from __future__ import annotations

import argparse
import importlib
import sys

from ..findings import CongressError, render

# Sub-command modules, in the order `congress --help` lists them.
COMMANDS = ["check", "lint", "fix", "links", "new", "importer", "schema", "admin", "bench", "held", "sites"]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only sub-command `only`: importing every
    sub-command's module (the records, the benchmark) would cost a one-file
    `congress lint` more than the check itself."""
    parser = argparse.ArgumentParser(
        prog="congress", description="人大网站发布工具：检查、修正、新建稿件与基准测试"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS if only is None else [only]:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CongressError as err:  # bad input we understand (e.g. a broken mkdocs.yml): no traceback
        print(render(err.findings, getattr(args, "format", "text")), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
