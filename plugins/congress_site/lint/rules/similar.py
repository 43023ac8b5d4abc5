"""Look-alike characters that no list foresees: OCR and input methods swap
己/已/巳, 人/入/八, 未/末, 候/侯 … anywhere. A character that forms no
common word with its neighbours, while its look-alike would (早己 → 早已,
侯选 → 候选), is reported. The groups live in content/style/similar-chars.txt."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import lexicon, patterns
from .base import WARNING, Context, Hit

# the look-alike must make a word at least this frequent to be suggested
TWIN_WORD_FREQ = 100
# Characters that never stand alone in modern copy (己 only in 自己、知己…).
BOUND = set("己巳")
# ... and the look-alike must fit the context better (log10, under the
# character model of lexicon.p3): 与己无关 and 拨出经费 are right as written.
CONTEXT_GAIN = 1.0
_HAN_RUN = "[\u4e00-\u9fff]"


@lru_cache(maxsize=8)
def _table(groups: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    twins: dict[str, set[str]] = {}
    for group in groups:
        for c in group:
            twins.setdefault(c, set()).update(x for x in group if x != c)
    if not twins:
        return None, {}
    return patterns.compile("[" + re.escape("".join(twins)) + "]"), {c: tuple(sorted(t)) for c, t in twins.items()}


def _windows(text: str, i: int) -> Iterator[tuple[int, int]]:
    for a in range(max(0, i - 3), i + 1):
        for b in range(max(i + 1, a + 2), min(len(text), a + 4) + 1):
            yield a, b


def check(ctx: Context) -> Iterator[Hit]:
    pattern, twins = _table(ctx.config.similar_chars)
    if pattern is None:
        return
    text = ctx.text
    common = lexicon.common_words()
    lx = lexicon.get()
    han = patterns.compile(_HAN_RUN)
    frequent = lexicon.frequent_single_chars()
    for m in pattern.finditer(text):
        i = m.start()
        if m.group() in frequent:
            continue  # 人、入、八 stand alone everywhere: the lists handle their slips
        if any(text[a:b] in common for a, b in _windows(text, i)):
            continue
        for twin in twins[m.group()]:
            best = None
            for a, b in _windows(text, i):
                candidate = text[a:i] + twin + text[i + 1:b]
                freq = lexicon.word_freq(candidate)
                if freq >= TWIN_WORD_FREQ and (best is None or freq > best[2]):
                    best = (a, b, freq)
            if best is None and twin in frequent and (m.group() in BOUND or m.group() not in lexicon.single_char_words()):
                best = (i, i + 1, 0)  # 文件己全部: 己 cannot stand alone, 已 can
            if best:
                s, e = i, i + 1
                while s > 0 and han.match(text, s - 1):
                    s -= 1
                while e < len(text) and han.match(text, e):
                    e += 1
                if lx.context_gain(text[s:e], i - s, twin) < CONTEXT_GAIN:
                    continue
                a, b, _ = best
                wrong, right = text[a:b], text[a:i] + twin + text[i + 1:b]
                yield Hit(i, i + 1, "similar-char", f"“{wrong}”疑似应为“{right}”（形近字）",
                          f"核对原稿，如有误改为“{twin}”", None, WARNING)
                break
