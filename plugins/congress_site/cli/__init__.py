"""The `congress` command. Each sub-command lives in its own module here and
exposes `register(subparsers)`; the handler it sets returns an exit code."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from functools import partial

from ..findings import CongressError, render

# Sub-command modules, in the order `congress --help` lists them.
COMMANDS = ["check", "lint", "fix", "links", "new", "importer", "schema", "admin", "bench", "held", "sites"]


class _Formatter(argparse.HelpFormatter):
    """argparse's own formatter, sized to the terminal without shutil:
    argparse builds one for every argument added, and importing shutil (with
    its compression modules) is a tenth of a one-file `congress lint`."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None):
        if width is None:
            try:
                columns = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                try:
                    columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    columns = 80
            width = (columns or 80) - 2  # as argparse does with shutil's answer
        super().__init__(prog, indent_increment, max_help_position, width)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only sub-command `only`: importing every
    sub-command's module (the records, the benchmark) would cost a one-file
    `congress lint` more than the check itself."""
    parser = argparse.ArgumentParser(
        prog="congress", description="人大网站发布工具：检查、修正、新建稿件与基准测试", formatter_class=_Formatter
    )
    sub = parser.add_subparsers(dest="command", required=True,
                                parser_class=partial(argparse.ArgumentParser, formatter_class=_Formatter))
    for name in COMMANDS if only is None else [only]:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    program = argv is None  # run as the `congress` program: the process ends after this
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
    finally:
        if program:
            # The interpreter's last collections at exit walk everything
            # loaded (rules, patterns, lexicon memos) only to free memory
            # the exit frees anyway: a tenth of a one-file lint. Frozen
            # objects are skipped; exit handlers and flushing still run.
            gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
