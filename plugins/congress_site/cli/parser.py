"""The `congress` command line, built with argparse: only when a command
runs in this process, since a one-file `congress lint` answered by the lint
server never needs it."""

from __future__ import annotations

import argparse
import importlib
from functools import partial

from . import COMMANDS
from .lintclient import columns


class Formatter(argparse.HelpFormatter):
    """argparse's own formatter, sized to the terminal without shutil:
    argparse builds one for every argument added, and importing shutil (with
    its compression modules) is a tenth of a one-file `congress lint`."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None):
        if width is None:
            width = columns() - 2  # as argparse does with shutil's answer
        super().__init__(prog, indent_increment, max_help_position, width)


def build(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only sub-command `only`: importing every
    sub-command's module (the records, the benchmark) would cost a one-file
    `congress lint` more than the check itself."""
    parser = argparse.ArgumentParser(
        prog="congress", description="人大网站发布工具：检查、修正、新建稿件与基准测试", formatter_class=Formatter
    )
    sub = parser.add_subparsers(dest="command", required=True,
                                parser_class=partial(argparse.ArgumentParser, formatter_class=Formatter))
    for name in COMMANDS if only is None else [only]:
        module = importlib.import_module(f"{__package__}.{name}")
        module.register(sub)
    return parser
