"""The `congress` command. Each sub-command lives in its own module here and
exposes `register(subparsers)`; the handler it sets returns an exit code.

This module imports nothing beyond what the interpreter has loaded at
start: `congress lint FILE` first asks the lint server (lintclient.py), and
that answer must not wait for argparse, the findings or the checker."""

from __future__ import annotations

import sys

# Sub-command modules, in the order `congress --help` lists them.
COMMANDS = ["check", "lint", "fix", "links", "new", "importer", "schema", "admin", "bench", "held", "sites"]


def build_parser(only: str | None = None):
    """The whole command line (an argparse.ArgumentParser), or only
    sub-command `only`."""
    from .parser import build

    return build(only)


def main(argv: list[str] | None = None) -> int:
    program = argv is None  # run as the `congress` program: the process ends after this
    argv = sys.argv[1:] if argv is None else list(argv)
    client = None
    if program and argv[:1] == ["lint"]:
        # Only the program asks the server: a caller of main() in its own
        # process (a test, the benchmark) gets the check run right here.
        from .lintclient import connect

        client = connect(argv)
        if client is not None:
            try:
                code = client.ask(argv)
            except KeyboardInterrupt:  # as an in-process run ends on Ctrl-C
                return 130
            if code is not None:
                return code
    try:
        return _run(argv, program)
    finally:
        if client is not None and client.should_start:
            client.start_server()  # after this run, so the two never compete for the CPU


def _run(argv: list[str], program: bool) -> int:
    import gc

    from ..findings import CongressError, render

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
