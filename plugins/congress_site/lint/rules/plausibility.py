"""Wrong characters that no list foresees, found by how plausible the text
is with and without them: OCR swaps characters of similar shape (深人 for
深入, 聚隹 for 聚焦, 省季 for 省委), pinyin input methods swap characters of the
same sound (代表建意 for 代表建议), and bad OCR garbles whole runs (菠宝仝 for
落实全).

A string is scored by its most probable split into words (segment.py, with
the frequencies of lexicon.py). A character that stands alone in that split
is tried against its look-alikes and homophones; a finding is made only when
the correction joins it into a known word and makes the text far more
probable, and it always names the correction. Common function characters
(的、在、是) keep only their look-alikes: in their place a homophone is as
often a different word as a slip.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .. import lexicon, patterns
from ..segment import best_split
from .base import WARNING, Context, Hit

# How much more probable (log10) the corrected text must be: ~60 times for
# a look-alike, 5,000 times for a homophone (a pinyin slip is a less likely
# accident than an OCR one, and homophones are many), 10,000 times for a
# run of several characters changed at once.
SHAPE_MARGIN = 1.8
SOUND_MARGIN = 3.7
GARBLED_MARGIN = 4.0
# The corrected word must be at least this probable (log10; about one in
# ten million words): a real word, not a fragment the lists happen to hold.
MIN_WORD_LOGP = -7.0
# Characters around the one tried that the score looks at.
WINDOW = 4
# A character this probable on its own (log10) is a word in its own right
# (的、是、人): only a look-alike may replace it; and a pronoun, preposition,
# particle … this probable is never replaced (找谁 is no slip for 找准).
FUNCTION_LOGP = -2.7
FUNCTION_TAGS = frozenset({"r", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "e", "o"})
# ... and the corrected word takes in no adverb, numeral or measure word
# that often stands alone (有备必审 is no slip for 务必).
# (jieba tags 任 as a pronoun, for 任何: the corrected word 主任 may take it in.)
BOUND_TAGS = (FUNCTION_TAGS - {"r"}) | {"d", "m", "q", "f"}
FUNCTION_WORD_LOGP = -4.5
ALWAYS_ALONE_LOGP = -2.75
ALONE_SHARE = 0.8
# A garbled run: two or more lone characters, at least one this improbable.
GARBLED_WEAK_LOGP = -5.5
BEAM = 8  # partial corrections kept while trying a garbled run

_RUN = patterns.compile("[\u4e00-\u9fff]{2,}")


@lru_cache(maxsize=8)
def _extra_groups(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    twins: dict[str, set[str]] = {}
    for group in groups:
        for c in group:
            twins.setdefault(c, set()).update(x for x in group if x != c)
    return {c: "".join(sorted(t)) for c, t in twins.items()}


class _Scorer:
    def __init__(self, lx: lexicon.Lexicon):
        self.lx = lx
        self.memo: dict[str, tuple[float, list[str]]] = {}
        self.options: dict[str, list[tuple[str, str]]] = {}

    def split(self, s: str) -> tuple[float, list[str]]:
        found = self.memo.get(s)
        if found is None:
            found = self.memo[s] = best_split(s, self.lx.logp, may_join=self.lx.joinable(s).__getitem__)
        return found


def check(ctx: Context) -> Iterator[Hit]:
    lx = lexicon.get()
    extra = _extra_groups(ctx.config.similar_chars)
    scorer = _Scorer(lx)
    text = ctx.text
    for m in _RUN.finditer(text):
        yield from _run(m.group(), m.start(), lx, extra, scorer)


def _alternatives(c: str, lx: lexicon.Lexicon, extra: dict[str, str],
                  memo: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """(candidate, kind) for character c, look-alikes first."""
    out = memo.get(c)
    if out is None:
        out = [(x, "shape") for x in dict.fromkeys(lx.shapes.get(c, "") + extra.get(c, ""))]
        seen = {x for x, _ in out} | {c}
        logp = lx.logp(c)
        if logp is not None and logp < FUNCTION_LOGP:
            out += [(x, "sound") for x in lx.homophones(c) if x not in seen]
        memo[c] = out
    return out


def _groups(words: list[str]) -> list[list[int]]:
    """Indices of the characters that stand alone in the split, in runs of
    neighbours: one slip makes two or three lone characters (深|人|贯彻)."""
    groups: list[list[int]] = []
    pos = 0
    for w in words:
        if len(w) == 1:
            if groups and groups[-1][-1] == pos - 1:
                groups[-1].append(pos)
            else:
                groups.append([pos])
        pos += len(w)
    return groups


def _run(run: str, base: int, lx, extra, scorer: _Scorer) -> Iterator[Hit]:
    _, words = scorer.split(run)
    for group in _groups(words):
        garbled = _garbled(run, group, lx, extra, scorer) if len(group) >= 2 else None
        if garbled is not None:
            s, e, right = garbled
            yield Hit(base + s, base + e, "garbled", f"“{run[s:e]}”疑似识别错误的乱码，应为“{right}”",
                      f"核对原稿，如有误改为“{right}”", None, WARNING)
            continue
        # The best single correction in the group: several lone characters
        # around one slip (省|季) each have candidates, only one is the slip.
        found = [c for i in group if (c := _best_for(run, i, group, lx, extra, scorer)) is not None]
        taken: list[tuple[int, int]] = []
        for _rank, i, x, kind, ws, we in sorted(found, reverse=True):
            if any(a < we and ws < b for a, b in taken):
                continue
            taken.append((ws, we))
            wrong, right = run[ws:we], run[ws:i] + x + run[i + 1:we]
            label = "形近字" if kind == "shape" else "同音字"
            yield Hit(base + i, base + i + 1, "similar-char" if kind == "shape" else "homophone",
                      f"“{wrong}”疑似应为“{right}”（{label}）", f"核对原稿，如有误改为“{right}”", None, WARNING)


def _window(run: str, a: int, b: int) -> tuple[int, int]:
    return max(0, a - WINDOW), min(len(run), b + WINDOW)


def _absorbable(lx: lexicon.Lexicon, ch: str) -> bool:
    """A lone character the corrected word may take in. Not a word that
    stands alone all the time (了、在、来、为) nor a frequent function word
    (必、谁): 有备必审 is no slip for 务必."""
    entry = lx.entry(ch)
    if entry is None:
        return True
    alone = lx.alone(ch) or 0.0
    return not (entry[2] > ALWAYS_ALONE_LOGP or alone >= ALONE_SHARE
                or (entry[1] in BOUND_TAGS and entry[2] > FUNCTION_WORD_LOGP))


def _best_for(run: str, i: int, group: list[int], lx, extra, scorer: _Scorer):
    """(rank, i, correction, kind, word start, word end) of the best
    correction of run[i], or None when none is far more plausible.

    The corrected word must be made of the slip and lone characters around
    it (深|人 → 深入): a correction that would tear a word apart (办|什么 →
    为什么) is a different sentence, not a repaired one."""
    c = run[i]
    entry = lx.entry(c)
    if entry is None:
        return None  # an unknown character: not "both forms known"
    if entry[1] in FUNCTION_TAGS and entry[2] > FUNCTION_WORD_LOGP:
        return None  # 谁、这、和: a word of its own wherever it stands
    lo, hi = group[0], group[-1] + 1
    a, b = _window(run, i, i + 1)
    orig = run[a:b]
    orig_score = None
    best = None
    for x, kind in _alternatives(c, lx, extra, scorer.options):
        if not ((i > lo and x in lx.following(run[i - 1])) or (i + 1 < hi and run[i + 1] in lx.following(x))):
            continue  # x would stand alone too: no word to gain
        word = None
        for j in range(max(lo, i - 3), i + 1):
            for k in range(max(i + 1, j + 2), min(hi, j + 4) + 1):
                if not all(_absorbable(lx, run[n]) for n in range(j, k) if n != i):
                    continue
                lp = lx.logp(run[j:i] + x + run[i + 1:k])
                if lp is not None and lp >= MIN_WORD_LOGP and (word is None or lp > word[0]):
                    word = (lp, j, k)
        if word is None:
            continue
        if orig_score is None:
            orig_score = scorer.split(orig)[0]
        margin = scorer.split(orig[:i - a] + x + orig[i - a + 1:])[0] - orig_score
        need = SHAPE_MARGIN if kind == "shape" else SOUND_MARGIN
        if margin >= need and (best is None or margin - need > best[0]):
            best = (margin - need, i, x, kind, word[1], word[2])
    return best


def _garbled(run: str, group: list[int], lx, extra, scorer: _Scorer) -> tuple[int, int, str] | None:
    """Two or more lone characters in a row, one of them improbable: their
    look-alikes tried together (菠宝仝 → 落实全), keeping the few best
    partial corrections from left to right."""
    weak = [lx.logp(run[i]) for i in group]
    if not any(p is None or p < GARBLED_WEAK_LOGP for p in weak):
        return None
    a, b = _window(run, group[0], group[-1] + 1)
    left, right = run[a:group[0]], run[group[-1] + 1:b]
    beam = [("", 0)]
    for i in group:
        c = run[i]
        options = [c, *dict.fromkeys(lx.shapes.get(c, "") + extra.get(c, ""))]
        grown = [(done + x, changed + (x != c)) for done, changed in beam for x in options]
        grown.sort(key=lambda item: scorer.split(left + item[0])[0], reverse=True)
        beam = grown[:BEAM]
    orig_score = scorer.split(run[a:b])[0]
    best = None
    for middle, changed in beam:
        if changed < 2:
            continue
        score = scorer.split(left + middle + right)[0]
        if score - orig_score >= GARBLED_MARGIN and (best is None or score > best[0]):
            best = (score, middle)
    if best is None:
        return None
    middle = best[1]
    s, e = 0, len(middle)
    while s < e and middle[s] == run[group[0] + s]:
        s += 1
    while e > s and middle[e - 1] == run[group[0] + e - 1]:
        e -= 1
    return group[0] + s, group[0] + e, middle[s:e]
