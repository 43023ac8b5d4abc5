"""Punctuation width and repetition: half-width , : ; ? ! ( ) . in Chinese
context, ... and other false ellipses, doubled marks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns
from ..chars import HAN, HSPACE
from .base import ERROR, WARNING, Context, Hit, char_at, is_cjk, is_fw_close, is_han

FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_MARK = patterns.compile("[,;:!?.]")
_SPACES_BEFORE = patterns.compile(f"[{HSPACE}]*$")
_SPACES_AFTER = patterns.compile(f"[{HSPACE}]*")
_PAIR = patterns.compile(f"[{HSPACE}]*\\(([^()\\n]{{0,120}})\\)[{HSPACE}]*")
_LONE = patterns.compile(f"(?<=[{HAN}])[{HSPACE}]*[()]|[()][{HSPACE}]*(?=[{HAN}])")
_HAS_HAN = patterns.compile(f"[{HAN}]")
_ELLIPSIS = patterns.compile(r"\.{2,}|。{3,}|⋯+|…+|(?:…[ \t]+)+…")
_REPEAT_SAME = patterns.compile(r"([，。、；：！？])\1+")
_REPEAT_MIXED = patterns.compile(r"[，、；：][，。、；：]|。[，、；：]")


def _neighbours(text: str, m: re.Match) -> tuple[str, str]:
    return char_at(text, m.start() - 1), char_at(text, m.end())


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in _MARK.finditer(text):
        mark = m.group()
        i = m.start()
        if mark == "." and (char_at(text, i - 1) == "." or char_at(text, i + 1) == "."):
            continue  # runs of dots are the ellipsis rule's
        s = i - len(_SPACES_BEFORE.search(text, max(0, i - 8), i).group())
        e = _SPACES_AFTER.match(text, i + 1).end()
        left, right = char_at(text, s - 1), char_at(text, e)
        if mark == ".":
            # A full stop after Chinese; decimals, versions and dots in
            # Latin text stay.
            if not (is_han(left) or is_fw_close(left)) or re.match(r"[A-Za-z0-9]", right or " "):
                continue
        else:
            cjk_side = is_cjk(left) or is_cjk(right)
            if not cjk_side:
                continue
            if mark in ",:" and left.isdigit() and right.isdigit():
                continue
        yield Hit(s, e, "halfwidth-punct",
                  f"中文语境中使用了半角标点“{mark}”", f"改为全角“{FULL[mark]}”", FULL[mark], ERROR)
    if "(" in text or ")" in text:
        yield from _parens(text)
    yield from _ellipsis_and_repeats(text)


def _parens(text: str) -> Iterator[Hit]:
    paired: set[int] = set()
    for m in _PAIR.finditer(text):
        inner = m.group(1)
        left, right = _neighbours(text, m)
        paired.update((m.start(1) - 1, m.end(1)))
        if not (_HAS_HAN.search(inner) or is_han(left) or is_han(right)):
            continue
        o, c = m.start(1) - 1, m.end(1)
        yield Hit(m.start(), o + 1, "halfwidth-punct", "中文语境中使用了半角括号“(”",
                  "改为全角“（”", "（", ERROR)
        yield Hit(c, m.end(), "halfwidth-punct", "中文语境中使用了半角括号“)”",
                  "改为全角“）”", "）", ERROR)
    for m in _LONE.finditer(text):
        mark = m.group().strip(HSPACE)
        i = m.start() + m.group().index(mark)
        if i in paired:
            continue
        yield Hit(m.start(), m.end(), "halfwidth-punct", f"中文语境中使用了半角括号“{mark}”",
                  f"改为全角“{FULL[mark]}”", FULL[mark], ERROR)


def _ellipsis_and_repeats(text: str) -> Iterator[Hit]:
    for m in _ELLIPSIS.finditer(text):
        s = m.group()
        if s == "……":
            continue
        left, right = _neighbours(text, m)
        if s.startswith(".") and not (is_cjk(left) or is_cjk(right)):
            continue
        yield Hit(m.start(), m.end(), "ellipsis", f"省略号应为六个点“……”，不是{_show(s)}",
                  "改为“……”", "……", ERROR)
    for m in _REPEAT_SAME.finditer(text):
        mark = m.group(1)
        severity = WARNING if mark in "！？" else ERROR
        if mark == "。" and len(m.group()) >= 3:
            continue  # 。。。 is an ellipsis, reported above
        yield Hit(m.start(), m.end(), "repeated-punct", f"标点“{mark}”重复", f"只保留一个“{mark}”",
                  mark, severity)
    for m in _REPEAT_MIXED.finditer(text):
        yield Hit(m.start(), m.end(), "repeated-punct", f"两个标点“{m.group()}”连用",
                  "只保留其中一个", None, ERROR)


def _show(s: str) -> str:
    return f"“{s}”"

