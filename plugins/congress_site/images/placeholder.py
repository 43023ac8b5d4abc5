"""A drawn stand-in for a representative without a photo: the surname on a
coloured disc. The colour comes from the id, so it is stable across builds
and two people with the same surname still look different."""

from __future__ import annotations

import hashlib
from html import escape

# Dark enough that white text passes WCAG AA (contrast >= 4.5:1) on each.
PALETTE = (
    "#8c2f39",  # 枣红
    "#1f5f8b",  # 藏青
    "#2e6b3f",  # 墨绿
    "#6a4c93",  # 紫
    "#8a4b08",  # 赭
    "#2f5d62",  # 青灰
    "#7a3e65",  # 绛紫
    "#3d5a80",  # 靛蓝
)

# Two-character surnames; anything else is taken to be one character.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 慕容 东方 皇甫 尉迟 公孙 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 "
    "独孤 南宫 西门 百里 呼延 澹台 公冶 宗政 濮阳 太史 申屠 钟离 闻人 万俟 司空 亓官".split()
)


def surname(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return "?"
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2]
    first = name[0]
    # Latin names: an initial reads better than one letter of the given name.
    return first.upper() if first.isascii() else first


def colour_for(pid: str) -> str:
    digest = hashlib.sha256(pid.encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def placeholder_svg(name: str, pid: str, size: int = 240, css_class: str = "congress-placeholder") -> str:
    """Inline SVG, square, scalable (viewBox), announced to screen readers
    as “<name>（暂无照片）”. No web font: the reader's system font draws it."""
    mark = surname(name)
    label = escape(f"{(name or '').strip() or pid}（暂无照片）")
    font = 48 if len(mark) == 1 else 36
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="{size}" height="{size}" '
        f'role="img" aria-label="{label}" class="{escape(css_class)}">'
        f"<title>{label}</title>"
        f'<circle cx="50" cy="50" r="50" fill="{colour_for(pid)}"/>'
        f'<text x="50" y="50" dy="0.35em" text-anchor="middle" font-size="{font}" fill="#fff" '
        'font-family="PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, '
        f'Source Han Sans SC, WenQuanYi Micro Hei, sans-serif">{escape(mark)}</text>'
        "</svg>"
    )
