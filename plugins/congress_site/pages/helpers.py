"""Small formatting helpers the templates use. Free of MkDocs."""

from __future__ import annotations

import datetime as dt


def date_zh(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"
