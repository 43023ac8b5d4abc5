"""Quotation marks and paired marks: ASCII quotes in Chinese text, corner
brackets, and unbalanced “” ‘’ 《》 （） 【】."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import patterns
from ..chars import HAN
from .base import ERROR, WARNING, Context, Hit, char_at, is_cjk

_PARAGRAPH = patterns.compile(r"[^\n]+(?:\n(?![ \t\u3000]*\n)[^\n]*)*")
_HAS_HAN = patterns.compile(f"[{HAN}]")
_CORNER = {"「": "“", "」": "”", "『": "‘", "』": "’"}
_CORNER_RE = patterns.compile("[「」『』]")
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉", "【": "】", "〔": "〕", "〖": "〗"}
CLOSERS = {v: k for k, v in PAIRS.items()}
_PAIR_RE = patterns.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")
# 1） a） 一） at the start of a line: a numbering style that needs no opener.
_NUMBERING = patterns.compile(r"(?:^|(?<=[\n；。，：\s\ufffc]))(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})）")


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in _CORNER_RE.finditer(text):
        ch = m.group()
        yield Hit(m.start(), m.end(), "corner-quote", f"本站体例：引号用“”‘’，不用直角引号“{ch}”",
                  f"改为“{_CORNER[ch]}”", _CORNER[ch], WARNING)
    paragraphs = list(_PARAGRAPH.finditer(text))
    for p in paragraphs:
        yield from _ascii_quotes(text, p.start(), p.end(), '"', "“", "”")
        yield from _ascii_quotes(text, p.start(), p.end(), "'", "‘", "’")
    yield from _balance(text, paragraphs)


def _ascii_quotes(text: str, start: int, end: int, q: str, open_q: str, close_q: str) -> Iterator[Hit]:
    spots = []
    i = text.find(q, start, end)
    while i >= 0:
        # An apostrophe inside a Latin word (it's, O'Brien) is not a quote.
        if not (q == "'" and char_at(text, i - 1).isascii() and char_at(text, i - 1).isalnum()
                and char_at(text, i + 1).isascii() and char_at(text, i + 1).isalnum()):
            spots.append(i)
        i = text.find(q, i + 1, end)
    kind = "双" if q == '"' else "单"
    for k in range(0, len(spots) - 1, 2):
        a, b = spots[k], spots[k + 1]
        if _HAS_HAN.search(text, a, b) or is_cjk(char_at(text, a - 1)) or is_cjk(char_at(text, b + 1)):
            yield Hit(a, a + 1, "ascii-quote", f"中文语境中使用了英文{kind}引号", f"改为“{open_q}”",
                      open_q, ERROR)
            yield Hit(b, b + 1, "ascii-quote", f"中文语境中使用了英文{kind}引号", f"改为“{close_q}”",
                      close_q, ERROR)
    if len(spots) % 2:
        a = spots[-1]
        if is_cjk(char_at(text, a - 1)) or is_cjk(char_at(text, a + 1)):
            yield Hit(a, a + 1, "ascii-quote", f"中文语境中使用了英文{kind}引号，且没有配对",
                      f"改为“{open_q}”或“{close_q}”，并补齐另一半", None, ERROR)


def _balance(text: str, paragraphs: list[re.Match]) -> Iterator[Hit]:
    for n, p in enumerate(paragraphs):
        stack: list[tuple[str, int]] = []
        numbering: set[int] | None = None  # looked for at the paragraph's first ）, as few have one
        for m in _PAIR_RE.finditer(text, p.start(), p.end()):
            ch, i = m.group(), m.start()
            if ch in PAIRS:
                if ch in "“‘" and stack and stack[-1][0] == ch:
                    yield Hit(stack[-1][1], stack[-1][1] + 1, "unbalanced-pair",
                              f"“{ch}”没有对应的“{PAIRS[ch]}”（引号不能直接套同样的引号）",
                              f"补上“{PAIRS[ch]}”，或把内层引号改为单引号", None, ERROR)
                    stack.pop()
                stack.append((ch, i))
                continue
            if ch == "’" and char_at(text, i - 1).isascii() and char_at(text, i - 1).isalpha():
                continue  # an apostrophe in a Latin name
            if ch == "）":
                if numbering is None:
                    numbering = {m.end() - 1 for m in _NUMBERING.finditer(text, p.start(), p.end())}
                if i in numbering:
                    continue
            opener = CLOSERS[ch]
            if stack and stack[-1][0] == opener:
                stack.pop()
                continue
            if any(o == opener for o, _ in stack):
                while stack and stack[-1][0] != opener:
                    o, j = stack.pop()
                    yield _unclosed(o, j)
                stack.pop()
                continue
            yield Hit(i, i + 1, "unbalanced-pair", f"“{ch}”前面没有对应的“{opener}”",
                      f"补上“{opener}”或删去“{ch}”（也可能是引号方向打反了）", None, ERROR)
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        for o, j in stack:
            # A quotation running over several paragraphs opens each of them
            # with “ and closes only the last: that is correct.
            if o == "“" and nxt is not None and text[nxt.start():nxt.start() + 1] == "“":
                continue
            yield _unclosed(o, j)


def _unclosed(o: str, j: int) -> Hit:
    return Hit(j, j + 1, "unbalanced-pair", f"“{o}”没有对应的“{PAIRS[o]}”",
               f"补上“{PAIRS[o]}”，或删去多余的“{o}”", None, ERROR)
