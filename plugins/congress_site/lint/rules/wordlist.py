"""Entries from the editable lists: typos (confusions.txt) and official
terms (terms.txt), wrong form -> right form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import lexicon, patterns
from ..wordlists import Replacement
from .base import Context, Hit


@lru_cache(maxsize=16)
def _compile(entries: tuple[Replacement, ...]) -> tuple[re.Pattern | None, dict[str, Replacement]]:
    by_wrong = {e.wrong: e for e in entries}
    if not by_wrong:
        return None, by_wrong
    alternation = "|".join(re.escape(w) for w in sorted(by_wrong, key=len, reverse=True))
    return patterns.compile(alternation), by_wrong  # long: worth keeping compiled between runs


def _excepted(text: str, s: int, e: int, entry: Replacement) -> bool:
    for ex in (*entry.exceptions, entry.right):
        i = ex.find(entry.wrong)
        while i >= 0:
            a = s - i
            if a >= 0 and text[a:a + len(ex)] == ex:
                return True
            i = ex.find(entry.wrong, i + 1)
    return False


def _word_boundary_inside(text: str, s: int, e: int) -> bool:
    """True when the match is the meeting of two words, e.g. 引进|人才 for
    进人, 自己|经常 for 己经, 资深|人士 for 深人, or lies inside a longer
    dictionary word (夜深人静). One side may be a common one-character
    word (自己|有), never both."""
    words = lexicon.common_words()
    singles = lexicon.frequent_single_chars()
    for a in range(max(0, s - 4), s + 1):
        for b in range(e, min(len(text), a + 7) + 1):
            if (a < s or b > e) and text[a:b] in words:
                return True
    for k in range(s + 1, e):
        left = any(text[a:k] in words for a in range(max(0, k - 5), s))
        right = any(text[k:b] in words for b in range(e + 1, min(len(text), k + 6) + 1))
        if left and right:
            return True
        if left and e - k == 1 and text[k] in singles:
            return True
        if right and k - s == 1 and text[s] in singles:
            return True
    return False


def _simplified(ctx: Context) -> str:
    """Lists are in simplified characters: match them against the text as
    OpenCC would convert it (進人 is the typo 进人 too), keeping offsets."""
    text = ctx.text
    if ctx.chars.isdisjoint(lexicon.traditional_chars()[0]):
        return text
    converted = lexicon.t2s().convert(text)
    return converted if len(converted) == len(text) else text


def check(ctx: Context) -> Iterator[Hit]:
    yield from _run(ctx, ctx.config.confusions, "typo", "疑似错别字", boundary=True)
    yield from _run(ctx, ctx.config.terms, "official-term", "规范表述", boundary=False)


def _run(ctx: Context, entries: list[Replacement], code: str, label: str, boundary: bool) -> Iterator[Hit]:
    pattern, by_wrong = _compile(tuple(entries))
    if pattern is None:
        return
    text = _simplified(ctx)
    for m in pattern.finditer(text):
        entry = by_wrong[m.group()]
        s, e = m.start(), m.end()
        if _excepted(text, s, e, entry):
            continue
        if boundary and _word_boundary_inside(text, s, e):
            continue
        if code == "typo":
            message = f"{label}：“{entry.wrong}”应为“{entry.right}”"
        else:
            message = f"{label}：应写作“{entry.right}”，不写“{entry.wrong}”"
        if entry.note:
            message += f"（{entry.note}）"
        yield Hit(s, e, code, message, f"改为“{entry.right}”", None, entry.severity)
