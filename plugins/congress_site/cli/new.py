"""`congress new`: not built yet (see the issue tracker)."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("new", help="（尚未实现）")
    p.set_defaults(handler=lambda args: print("congress new: 尚未实现") or 2)
