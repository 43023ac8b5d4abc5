"""Small formatting helpers the templates use. Free of MkDocs."""

from __future__ import annotations

import datetime as dt
import hashlib
from html import escape

from markupsafe import Markup

# Calm, dignified tones; dark enough for white text at WCAG AA.
DISC_COLOURS = ("#8c1c13", "#6b4e16", "#1d5c63", "#3d5a80", "#5b3758", "#2f5d3a")


def date_zh(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def surname_disc(name: str, pid: str, size: int) -> Markup:
    """An inline placeholder for a representative without a photo."""
    colour = DISC_COLOURS[int(hashlib.sha1(pid.encode()).hexdigest(), 16) % len(DISC_COLOURS)]
    initial = escape(name[:1])
    return Markup(
        f'<svg class="cx-photo cx-photo--placeholder" width="{size}" height="{size}" viewBox="0 0 100 100" '
        f'role="img" aria-label="{escape(name)}（暂无照片）"><circle cx="50" cy="50" r="50" fill="{colour}"/>'
        f'<text x="50" y="50" dy=".35em" text-anchor="middle" font-size="46" fill="#fff">{initial}</text></svg>'
    )
