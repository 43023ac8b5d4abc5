"""Whitespace: stray spaces inside Chinese text (pasted from PDF or Word),
invisible characters, and the house switch for spaces between Chinese and
Latin letters or digits."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns
from ..chars import CJK, FW_PUNCT, HAN, HSPACE
from .base import ERROR, WARNING, Context, Hit, space_name
from .lawtext import heading_gap

_STRAY = patterns.compile(
    f"(?<=[{CJK}])[{HSPACE}]+(?=[{CJK}])"
    f"|(?<=[{FW_PUNCT}])[{HSPACE}]+(?=[^\\s\ufffc])"
    f"|(?<=[^\\s\ufffc])[{HSPACE}]+(?=[{FW_PUNCT}])"
    "|\u3000+"
)
_INVISIBLE = patterns.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_LATIN = "A-Za-z0-9"
_SPACED = patterns.compile(
    f"(?<=[{HAN}])[ \t\u00a0]+(?=[{_LATIN}])|(?<=[{_LATIN}%‰℃])[ \t\u00a0]+(?=[{HAN}])"
)
_UNSPACED = patterns.compile(f"(?<=[{HAN}])(?=[{_LATIN}])|(?<=[{_LATIN}])(?=[{HAN}])")


_SENTENCE_PUNCT = patterns.compile("[，。；：！？、,;:!?]")
_HEADLINE_GAP = patterns.compile(f"[{HAN}“”《》]{{4,}}$")
_HEADLINE_GAP_AFTER = patterns.compile(f"[{HAN}“”《》]{{4,}}")


def _headline_separator(text: str, m: re.Match) -> bool:
    """One space between two phrases of a headline (代表进站入点 听民情解民忧)
    is the print convention for a line break: a line with no sentence
    punctuation, with four or more characters on each side. Two half-width
    spaces are that gap typed in Word, the width of one character."""
    if m.group() not in (" ", "  ", "\u3000"):
        return False
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    end = len(text) if end < 0 else end
    if _SENTENCE_PUNCT.search(text, start, end):
        return False
    before = text[start:m.start()].split(" ")[-1].split("\u3000")[-1]
    return bool(_HEADLINE_GAP.search(before) and _HEADLINE_GAP_AFTER.match(text, m.end()))


_ANY_SPACE = patterns.compile(f"[{HSPACE}\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    if ctx.config.cjk_latin_space != "space" and not _ANY_SPACE.search(text):
        return  # most Chinese copy has no space at all: skip the rules below
    for m in _STRAY.finditer(text):
        if _headline_separator(text, m) or heading_gap(text, m.start(), m.end()):
            continue  # the law-text rules judge the space after 第一条
        kind = space_name(m.group())
        yield Hit(m.start(), m.end(), "stray-space",
                  f"中文之间或中文标点前后有多余的{kind}（常见于从 PDF、Word 粘贴的文字）",
                  f"删去{kind}", "", ERROR)
    for m in _INVISIBLE.finditer(text):
        yield Hit(m.start(), m.end(), "invisible-char",
                  "此处有看不见的字符（零宽空格、软连字符等）", "删去该字符", "", ERROR)
    mode = ctx.config.cjk_latin_space
    if mode == "none":
        for m in _SPACED.finditer(text):
            yield Hit(m.start(), m.end(), "cjk-latin-space",
                      "本站体例：汉字与外文字母、阿拉伯数字之间不加空格", "删去空格", "", WARNING)
    elif mode == "space":
        for m in _UNSPACED.finditer(text):
            yield Hit(m.start(), m.end(), "cjk-latin-space",
                      "本站体例：汉字与外文字母、阿拉伯数字之间加一个空格", "加一个空格", " ", WARNING)
