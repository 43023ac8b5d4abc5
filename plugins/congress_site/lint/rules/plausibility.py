"""Wrong characters that no list foresees, found by how plausible the text
is with and without them: OCR swaps characters of similar shape (深人 for
深入, 聚隹 for 聚焦, 省季 for 省委), pinyin input methods swap characters of the
same sound (代表建意 for 代表建议), and bad OCR garbles whole runs (菠宝仝 for
落实全).

Two models judge a correction, a noisy channel in the simplest form: the
text with the correction must be far more probable than the text as it
stands, under both
- the character n-grams of a large news corpus (lexicon.p3): which
  character follows which two, the context that tells 办理结果 from 办理结过
  and 依法行使 from 依法行驶; and
- the best split into known words (segment.py): the correction must make a
  known word, and the split with it must be more probable.
Every character is tried against its look-alikes and homophones that would
join a neighbour inside some word; a finding always names the correction.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from math import inf
from typing import TYPE_CHECKING

from .. import lexicon, patterns
from ..segment import best_split
from .base import WARNING, Context, Hit

if TYPE_CHECKING:
    from ..helper import Helper

# How much more probable (log10) the corrected text must be under the
# character model: 1,000 times for a look-alike, about 3,000 times for a
# homophone (an input method offers a dozen homophones for a syllable, so
# one of them fits a rare name or phrase by chance more often; 3.5 found
# every homophone of the dev split with no more false alarms on the dev
# prose than 4.0) ...
SHAPE_GAIN = 3.0
SOUND_GAIN = 3.5
# ... ten times more again when the character already makes a known word
# with a neighbour (拨出, 敢干): a different word, perhaps meant ...
KNOWN_WORD_EXTRA = 1.0
# ... and under the word model, 100 times: the correction makes a word.
WORD_GAIN = 2.0
MIN_GAIN = min(SHAPE_GAIN, SOUND_GAIN)
# The corrected word must be at least this probable (log10; about one in
# ten million words): a real word, not a fragment the lists happen to hold.
MIN_WORD_LOGP = -7.0
# Characters around the one tried that the word model looks at.
WINDOW = 4
# A garbled run: two or more lone characters in the word split, at least
# one this improbable, corrected together.
GARBLED_WEAK_LOGP: float | None = -5.5
GARBLED_GAIN = 4.0  # word model
GARBLED_CHAR_GAIN = 4.0  # character model
BEAM = 8  # partial corrections kept while trying a garbled run
PARALLEL = 5  # characters on each side where the same character means a parallel phrase
# Common surnames: a homophone just after one is as likely a given name
# (关玉国, 阎亚君) as a slip, unless the character already makes a word;
# and a character that makes a name of the dictionary is left alone.
SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
                     "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙"
                     "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤柯葛柏阎")

# The same correction proposed this many times in one text is a spelling
# the writer means (a name), not a slip.
SAME_SLIP_TIMES = 3

# The lint server's second process (lint/helper.py), when it has one, and
# the characters in a text's runs from which handing half of them over
# saves more than the round trip costs.
helper: Helper | None = None
SPLIT_FROM = 600

_RUN = patterns.compile("[\u4e00-\u9fff]{2,}")
_NONE: frozenset[str] = frozenset()
EDGE = lexicon.EDGE


@lru_cache(maxsize=8)
def _extra_groups(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    twins: dict[str, set[str]] = {}
    for group in groups:
        for c in group:
            twins.setdefault(c, set()).update(x for x in group if x != c)
    return {c: "".join(sorted(t)) for c, t in twins.items()}


class _Scorer:
    """Memoised scores of one check: a story repeats its strings."""

    def __init__(self, lx: lexicon.Lexicon, extra: dict[str, str]):
        self.lx = lx
        self.extra = extra
        self.memo: dict[str, tuple[float, list[str]]] = {}

    def split(self, s: str) -> tuple[float, list[str]]:
        found = self.memo.get(s)
        if found is None:
            found = self.memo[s] = best_split(s, self.lx.logp, may_join=self.lx.joinable(s).__getitem__)
        return found


class _Candidates:
    """Per character: the corrections tried and its probability alone.
    They depend on the lexicon and the style's look-alike groups only,
    never on a text: one table serves every text of a process, as a
    story's few hundred common characters come back in the next one. Each
    is a Memo: looked up millions of times."""

    def __init__(self, lx: lexicon.Lexicon, extra: dict[str, str]):
        self.lx = lx
        self.extra = extra
        # c -> {candidate: kind}, look-alikes first; None for a character
        # the dictionary lacks
        self.options = lexicon.Memo(self._options)
        # The same candidates as a set, for the test below that most
        # characters fail: does any candidate join a neighbour at all?
        self.option_set = lexicon.Memo(lambda c: None if (o := self.options[c]) is None else frozenset(o))
        # log10 p of a character as a word, -inf for one that is none
        self.alone_logp = lexicon.Memo(lambda ch: -inf if (lp := lx.logp(ch)) is None else lp)
        # The characters that follow / precede one inside some word, as
        # sets: asked about a dozen candidates at most positions of a text.
        self.following = lexicon.Memo(lambda ch: frozenset(lx.following(ch)))
        self.preceding = lexicon.Memo(lambda ch: frozenset(lx.preceding(ch)))

    def _options(self, c: str) -> dict[str, str] | None:
        if self.lx.entry(c) is None:
            return None
        shapes = dict.fromkeys(self.lx.shapes.get(c, "") + self.extra.get(c, ""), "shape")
        sounds = dict.fromkeys((x for x in self.lx.homophones(c) if x not in shapes and x != c), "sound")
        return shapes | sounds


@lru_cache(maxsize=8)
def _candidates(lx: lexicon.Lexicon, groups: tuple[tuple[str, ...], ...]) -> _Candidates:
    return _Candidates(lx, _extra_groups(groups))


def check(ctx: Context) -> Iterator[Hit]:
    found = _check_text(ctx.text, ctx.config.similar_chars)
    hits: list[Hit] = []
    for m in _RUN.finditer(ctx.text):
        for s, e, code, message, advice in found[m.group()]:
            hits.append(Hit(m.start() + s, m.start() + e, code, message, advice, None, WARNING))
    # An OCR or input slip is not made the same way again and again; a name
    # the lists lack (傅长林) is written the same way every time.
    times: dict[str, int] = {}
    for hit in hits:
        times[hit.message] = times.get(hit.message, 0) + 1
    yield from (hit for hit in hits if times[hit.message] < SAME_SLIP_TIMES)


def check_runs(runs: list[str], groups: tuple[tuple[str, ...], ...]) -> list[list[tuple]]:
    """What each run of Han characters holds: (start, end, code, message,
    advice) within the run. `groups`: the style's look-alike groups."""
    lx = lexicon.get()
    cands = _candidates(lx, groups)
    scorer = _Scorer(lx, cands.extra)
    return [list(_run(run, lx, scorer, cands)) for run in runs]


def _check_text(text: str, groups: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple]]:
    """Each distinct run of the text → what it holds. With a helper, about
    half of a long text's runs are checked there meanwhile."""
    runs = list(dict.fromkeys(m.group() for m in _RUN.finditer(text)))
    theirs: list[str] = []
    if helper is not None and helper.usable and sum(map(len, runs)) >= SPLIT_FROM:
        runs, theirs = _halves(runs)
        if not helper.ask(groups, theirs):
            runs, theirs = runs + theirs, []
    found = dict(zip(runs, check_runs(runs, groups), strict=True))
    if theirs:
        answer = helper.answer(len(theirs))
        found.update(zip(theirs, check_runs(theirs, groups) if answer is None else answer, strict=True))
    return found


def _halves(runs: list[str]) -> tuple[list[str], list[str]]:
    """The runs up to half the characters, and the rest."""
    total, so_far = sum(map(len, runs)), 0
    for k, run in enumerate(runs):
        so_far += len(run)
        if 2 * so_far >= total:
            return runs[:k + 1], runs[k + 1:]
    return runs, []


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


def _run(run: str, lx: lexicon.Lexicon, scorer: _Scorer, cands: _Candidates) -> Iterator[tuple]:
    framed = EDGE + run + EDGE
    garbled_spans: list[tuple[int, int]] = []
    # a garbled run holds an improbable character: without one, the word
    # split that finds the lone characters is not needed
    weak = GARBLED_WEAK_LOGP is None or min(map(cands.alone_logp.__getitem__, run)) < GARBLED_WEAK_LOGP
    words = scorer.split(run)[1] if weak else []
    for group in _groups(words):
        if len(group) >= 2:
            garbled = _garbled(run, framed, group, lx, scorer)
            if garbled is not None:
                s, e, right = garbled
                garbled_spans.append((s, e))
                # the message shows the whole lone run (入犬伐表 → 人大代表),
                # the finding marks the characters to change
                g0, g1 = group[0], group[-1] + 1
                shown = run[g0:s] + right + run[e:g1]
                yield (s, e, "garbled", f"“{run[g0:g1]}”疑似识别错误的乱码，应为“{shown}”",
                       f"核对原稿，如有误改为“{shown}”")
    # The character model's log-probabilities of the run as it stands, once:
    # each character's correction changes the probability of itself and the
    # two after it (framed[k] is run[k - 1]).
    key_logps = lx.key_logps
    lps = [0.0, key_logps[framed[:2]]] + [key_logps[framed[k - 2:k + 1]] for k in range(2, len(framed))]
    found = []
    for i in range(len(run)):
        orig_chars = sum(lps[i + 1:i + 4])
        if -orig_chars < MIN_GAIN:
            continue  # fits its context too well for any correction to gain enough
        best = _best_for(run, framed, i, lx, scorer, cands, orig_chars)
        if best is not None:
            found.append(best)
    taken = list(garbled_spans)
    for _rank, i, x, kind, ws, we in sorted(found, reverse=True):
        if any(a < we and ws < b for a, b in taken):
            continue
        taken.append((ws, we))
        wrong, right = run[ws:we], run[ws:i] + x + run[i + 1:we]
        label = "形近字" if kind == "shape" else "同音字"
        yield (i, i + 1, "similar-char" if kind == "shape" else "homophone",
               f"“{wrong}”疑似应为“{right}”（{label}）", f"核对原稿，如有误改为“{right}”")


def _best_for(run: str, framed: str, i: int, lx: lexicon.Lexicon, scorer: _Scorer, cands: _Candidates,
              orig_chars: float):
    """(rank, i, correction, kind, word start, word end) of the best
    correction of run[i], or None when none is far more plausible.
    orig_chars: the character model's log10 probability of run[i] and the
    two characters after it, as they stand."""
    c = run[i]
    option_set = cands.option_set[c]
    if option_set is None:
        return None  # an unknown character: not "both forms known"
    n = len(run)
    # a candidate must join a neighbour inside some word: it follows the
    # character before or precedes the one after (set intersections, as
    # a quarter of the characters tried have none)
    joining = option_set & (cands.following[run[i - 1]] if i > 0 else _NONE)
    if i + 1 < n:
        joining |= option_set & cands.preceding[run[i + 1]]
    if not joining:
        return None  # every candidate would stand alone: no word to gain
    if (c in run[max(0, i - PARALLEL):i] or c in run[i + 1:i + 1 + PARALLEL]) and _parallel(run, i, lx):
        return None  # 只提问题不提办法: a parallel phrase, not a slip
    options = cands.options[c]
    # The character model reads the correction after the two characters
    # before it (or the edge of the run), then each of the next two after
    # it: only those few characters are put together per candidate.
    before = framed[max(0, i - 1):i + 1]
    left, right = framed[i], framed[i + 2]
    after = framed[i + 2:i + 4] if i + 1 < n else ""
    key_logps = lx.key_logps
    orig_words = None
    extra = None
    after_surname = False
    best = None
    for x in joining:
        kind = options[x]
        need = SHAPE_GAIN if kind == "shape" else SOUND_GAIN
        # the cheap test first, character by character: every probability
        # still to come is at most 1, so most candidates are given up after
        # the first character
        gain = -orig_chars + key_logps[before + x]
        if gain < need:
            continue
        gain += key_logps[left + x + right]
        if gain < need:
            continue
        if after:
            gain += key_logps[x + after]
            if gain < need:
                continue
        word = _word_with(run, i, x, lx)
        if word is None:
            continue
        if extra is None:
            as_is = _word_with(run, i, c, lx, -99.0)
            known = as_is is not None
            if known and lx.entry(run[as_is[1]:as_is[2]])[1] == "nr":
                return None  # a name in the dictionary (丽华): never corrected
            extra = KNOWN_WORD_EXTRA if known else 0.0
            after_surname = not known and any(run[j] in SURNAMES for j in range(max(0, i - 2), i))
        if kind == "sound" and (after_surname or (c in SURNAMES and x in SURNAMES)):
            continue  # 汪德明 for 王德明, 黎文浩 for 李文浩: surnames that sound alike
        need = (SHAPE_GAIN if kind == "shape" else SOUND_GAIN) + extra
        if gain < need or (best is not None and gain - need < best[0]):
            continue
        if best is not None and gain - need == best[0] and _before(options, best[2], x):
            continue  # a tie goes to the candidate listed first (look-alikes first), whatever the set's order
        a, b = max(0, i - WINDOW), min(n, i + 1 + WINDOW)
        if orig_words is None:
            orig_words = scorer.split(run[a:b])[0]
        if scorer.split(run[a:i] + x + run[i + 1:b])[0] - orig_words < WORD_GAIN:
            continue
        best = (gain - need, i, x, kind, word[1], word[2])
    return best


def _before(options: dict[str, str], a: str, b: str) -> bool:
    """Whether candidate a comes before b in the candidates' order."""
    order = list(options)
    return order.index(a) < order.index(b)


def _parallel(run: str, i: int, lx: lexicon.Lexicon) -> bool:
    """The same character close by, each time followed by a word: the
    phrase repeats it on purpose (只提问题不提办法), unlike 进站接代群众
    beside 代表."""
    def takes_word(j: int) -> bool:
        lp = lx.logp(run[j + 1:j + 3])
        return lp is not None and lp >= MIN_WORD_LOGP

    return takes_word(i) and any(run[j] == run[i] and takes_word(j)
                                 for j in range(max(0, i - PARALLEL), min(len(run), i + 1 + PARALLEL)) if j != i)


def _word_with(run: str, i: int, x: str, lx: lexicon.Lexicon,
               min_logp: float = MIN_WORD_LOGP) -> tuple[float, int, int] | None:
    """The most probable known word of two to four characters that x makes
    with its neighbours in place of run[i]: (log10 p, start, end)."""
    word = None
    n = len(run)
    for j in range(max(0, i - 3), i + 1):
        for k in range(max(i + 1, j + 2), min(n, j + 4) + 1):
            lp = lx.logp(run[j:i] + x + run[i + 1:k])
            if lp is not None and lp >= min_logp and (word is None or lp > word[0]):
                word = (lp, j, k)
    return word


def _garbled(run: str, framed: str, group: list[int], lx: lexicon.Lexicon,
             scorer: _Scorer) -> tuple[int, int, str] | None:
    """Two or more lone characters in a row, one of them improbable: their
    look-alikes tried together (菠宝仝 → 落实全), keeping the few best
    partial corrections from left to right by both models."""
    if GARBLED_WEAK_LOGP is not None:
        weak = [lx.logp(run[i]) for i in group]
        if not any(p is None or p < GARBLED_WEAK_LOGP for p in weak):
            return None
    g0, g1 = group[0], group[-1] + 1
    a, b = max(0, g0 - WINDOW), min(len(run), g1 + WINDOW)
    left, right = run[a:g0], run[g1:b]
    # the character model scores the group and the two characters after it
    lo, hi = g0 + 1, min(len(framed), g1 + 3)

    def chars(middle: str) -> float:
        """A partial correction is scored up to its last character."""
        s = framed[:g0 + 1] + middle + framed[g0 + 1 + len(middle):]
        return lx.chars_logp(s, lo, hi if len(middle) == g1 - g0 else g0 + 1 + len(middle))

    beam = [("", 0)]
    for i in group:
        c = run[i]
        options = [c, *dict.fromkeys(lx.shapes.get(c, "") + scorer.extra.get(c, ""))]
        grown = [(done + x, changed + (x != c)) for done, changed in beam for x in options]
        grown.sort(key=lambda item: scorer.split(left + item[0])[0] + chars(item[0]), reverse=True)
        beam = grown[:BEAM]
    orig_words = scorer.split(run[a:b])[0]
    orig_chars = chars(run[g0:g1])
    best = None
    for middle, changed in beam:
        if changed < 2:
            continue
        words = scorer.split(left + middle + right)[0] - orig_words
        char_gain = chars(middle) - orig_chars
        if words >= GARBLED_GAIN and char_gain >= GARBLED_CHAR_GAIN and (best is None or words + char_gain > best[0]):
            best = (words + char_gain, middle)
    if best is None:
        return None
    middle = best[1]
    s, e = 0, len(middle)
    while s < e and middle[s] == run[g0 + s]:
        s += 1
    while e > s and middle[e - 1] == run[g0 + e - 1]:
        e -= 1
    return g0 + s, g0 + e, middle[s:e]
