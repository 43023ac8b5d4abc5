"""Turning plain `mkdocs serve` rebuilds into dirty ones.

MkDocs 1.6's serve command hands plugins (on_serve) the `builder` closure it
calls on every change; that closure reads the `--dirty` choice from its
free variable `is_dirty`. Setting it after the first (full) build makes
later rebuilds skip unmodified pages, exactly as `mkdocs serve --dirty`
would. If a later MkDocs shapes the closure differently we change nothing.
"""

from __future__ import annotations

from collections.abc import Callable


def make_dirty(builder: Callable) -> bool:
    """True when the builder's later builds will be dirty."""
    code = getattr(builder, "__code__", None)
    cells = getattr(builder, "__closure__", None)
    if code is None or not cells or "is_dirty" not in code.co_freevars:
        return False
    cell = cells[code.co_freevars.index("is_dirty")]
    if not isinstance(cell.cell_contents, bool):
        return False
    cell.cell_contents = True
    return True
