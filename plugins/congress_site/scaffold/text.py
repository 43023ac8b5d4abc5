"""The text of new record files. Values go through PyYAML so that a title
with a colon or a quote is quoted correctly; the layout (flow lists, field
order, commented-out optional fields) is ours, to read like the samples."""

from __future__ import annotations

import datetime as dt

import yaml


def value(v) -> str:
    """One YAML value on one line."""
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    out = yaml.safe_dump(v, allow_unicode=True, default_flow_style=True, width=1_000_000)
    return out.strip().removesuffix("...").strip()


def lines(fields: list[tuple[str, object]], hints: dict[str, str] | None = None) -> str:
    """`key: value` lines; a None value becomes a commented-out hint line."""
    hints = hints or {}
    out = []
    for key, v in fields:
        if v is None:
            if key in hints:
                out.append(f"# {key}: {hints[key]}")
            continue
        out.append(f"{key}: {value(v)}")
    return "\n".join(out) + "\n"
