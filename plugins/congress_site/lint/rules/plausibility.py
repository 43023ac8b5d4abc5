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
from typing import NamedTuple

import numpy as np

from .. import lexicon, ngrams, patterns
from ..segment import best_split
from .base import WARNING, Context, Hit

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

# Runs whose findings a process keeps (check_runs): about 10 MB at most.
KNOWN_RUNS = 50_000

_RUN = patterns.compile("[\u4e00-\u9fff]{2,}")
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


class _Options(NamedTuple):
    """Every character's candidates as arrays, by the character's row in
    the n-gram tables: they are candidates start[row] to start[row] +
    count[row] - 1 of rows (their own rows), need and chars."""

    start: np.ndarray
    count: np.ndarray
    rows: np.ndarray
    need: np.ndarray  # the gain the character model must show (SHAPE_GAIN or SOUND_GAIN)
    chars: list[str]


class _Candidates:
    """Per character: the corrections tried and its probability alone.
    They depend on the lexicon and the style's look-alike groups only,
    never on a text: one table serves every text of a process, as a
    story's few hundred common characters come back in the next one."""

    def __init__(self, lx: lexicon.Lexicon, extra: dict[str, str]):
        self.lx = lx
        self.extra = extra
        # c -> {candidate: kind}, look-alikes first; None for a character
        # the dictionary lacks
        self.options = lexicon.Memo(self._options)
        # log10 p of a character as a word, -inf for one that is none
        self.alone_logp = lexicon.Memo(lambda ch: -inf if (lp := lx.logp(ch)) is None else lp)
        # What a run holds depends on the run alone: a story checked again
        # after an edit, or a heading every story repeats, is not worked out
        # twice (at most KNOWN_RUNS runs are kept).
        self.found: dict[str, list[tuple]] = {}
        # the arrays of table(), filled in as characters are first met
        rows = ngrams.OUTSIDE + 1
        self._table = _Options(np.zeros(rows, dtype=np.int64), np.zeros(rows, dtype=np.int64),
                               np.zeros(0, dtype=np.int64), np.zeros(0), [])
        self._known = np.zeros(rows, dtype=bool)

    def _options(self, c: str) -> dict[str, str] | None:
        if self.lx.entry(c) is None:
            return None
        shapes = dict.fromkeys(self.lx.shapes.get(c, "") + self.extra.get(c, ""), "shape")
        sounds = dict.fromkeys((x for x in self.lx.homophones(c) if x not in shapes and x != c), "sound")
        return shapes | sounds

    def table(self, rows: np.ndarray) -> _Options:
        """The candidates of the characters of these rows (and of every
        character asked before), as arrays: made as characters are first
        met, as a process meets a few thousand of the block's 21,000."""
        new = np.unique(rows[~self._known[rows]])
        if len(new):
            start, count, _rows, _need, chars = self._table
            rows_of, need = [], []
            for row in new.tolist():
                options = self.options[chr(ngrams.FIRST + row)] or {}
                start[row], count[row] = len(chars), len(options)
                for x, kind in options.items():
                    chars.append(x)
                    rows_of.append(k if len(x) == 1 and (k := lexicon.key(x)) >= 0 else ngrams.OUTSIDE)
                    need.append(SHAPE_GAIN if kind == "shape" else SOUND_GAIN)
            self._known[new] = True
            self._table = self._table._replace(rows=np.concatenate((self._table.rows, rows_of)).astype(np.int64),
                                               need=np.concatenate((self._table.need, need)))
        return self._table


@lru_cache(maxsize=8)
def _candidates(lx: lexicon.Lexicon, groups: tuple[tuple[str, ...], ...]) -> _Candidates:
    return _Candidates(lx, _extra_groups(groups))


def check(ctx: Context) -> Iterator[Hit]:
    matches = list(_RUN.finditer(ctx.text))
    runs = list(dict.fromkeys(m.group() for m in matches))
    found = dict(zip(runs, check_runs(runs, ctx.config.similar_chars), strict=True))
    hits: list[Hit] = []
    for m in matches:
        for s, e, code, message, advice in found[m.group()]:
            hits.append(Hit(m.start() + s, m.start() + e, code, message, advice, None, WARNING))
    # An OCR or input slip is not made the same way again and again; a name
    # the lists lack (傅长林) is written the same way every time.
    times: dict[str, int] = {}
    for hit in hits:
        times[hit.message] = times.get(hit.message, 0) + 1
    yield from (hit for hit in hits if times[hit.message] < SAME_SLIP_TIMES)


def look_ahead(texts: list[str], groups: tuple[tuple[str, ...], ...]) -> None:
    """Work out the runs of many texts in one batch before each text is
    checked: check() then finds them worked out. Most of a text's cost is
    setting up the arrays of one call, so a batch of texts costs two to six
    times less than as many calls. Runs of the raw files are close enough
    to those of their prose; one that differs is worked out by check()."""
    runs = list(dict.fromkeys(m.group() for text in texts for m in _RUN.finditer(text)))
    if len(runs) <= KNOWN_RUNS:
        check_runs(runs, groups)


def check_runs(runs: list[str], groups: tuple[tuple[str, ...], ...]) -> list[list[tuple]]:
    """What each run of Han characters holds: (start, end, code, message,
    advice) within the run. `groups`: the style's look-alike groups."""
    lx = lexicon.get()
    cands = _candidates(lx, groups)
    known = cands.found
    new = [run for run in dict.fromkeys(runs) if run not in known]
    if new and len(known) + len(new) > KNOWN_RUNS:
        known.clear()  # and this text's runs are all worked out now
        new = list(dict.fromkeys(runs))
    if new:
        scorer = _Scorer(lx, cands.extra)
        for run, t in zip(new, _worth_trying(new, lx, cands), strict=True):
            known[run] = list(_run(run, lx, scorer, cands, t))
    return [known[run] for run in runs]


# Margin of the first, array-wide test: its figures may differ from the
# exact ones in the last bits.
_SLACK = 1e-9
_CHARS_AT_ONCE = 4096


def _worth_trying(runs: list[str], lx: lexicon.Lexicon, cands: _Candidates) -> list[dict[int, list[str]]]:
    """Per run: the positions, and the candidates there, that join a
    neighbour inside some word and could gain enough under the character
    model; the exact test (_best_for) looks only at these."""
    tried: list[dict[int, list[str]]] = [{} for _ in runs]
    if runs:
        m = _margins(runs, lx, cands)
        for k in np.flatnonzero((m.margin >= -_SLACK) | m.outside).tolist():
            tried[m.run[k]].setdefault(int(m.at[k]), []).append(m.chars[m.option[k]])
    return tried


class _Margins(NamedTuple):
    """Per candidate: its run, its position there, its index in chars, by
    how much its gain under the character model exceeds what it needs (or
    falls short, after its last character), and whether it is outside the
    n-gram tables."""

    run: np.ndarray
    at: np.ndarray
    option: np.ndarray
    margin: np.ndarray
    outside: np.ndarray
    chars: list[str]


def _margins(runs: list[str], lx: lexicon.Lexicon, cands: _Candidates) -> _Margins:
    """The candidates of the characters of the runs that join a neighbour
    inside some word and still gain enough after each character but the
    last, where the character does not fit too well for any correction to
    gain enough. Worked out for every run at once, with the arrays of
    ngrams.py: a story asks thousands of n-grams, nearly all for the first
    time."""
    model = ngrams.model(lx)
    # the runs one after the other, each between EDGEs, and two EDGEs more
    # for the look-ahead of the last character
    codes = ngrams.indices(EDGE + EDGE.join(runs) + EDGE + EDGE)
    lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
    run_of = np.repeat(np.arange(len(runs)), lengths)
    before = np.repeat(np.cumsum(lengths) - lengths, lengths)  # characters of the runs before
    at = np.arange(len(run_of)) - before  # each character's index in its run
    g = at + run_of + 1 + before  # and in codes
    first, last = at == 0, at + 1 == lengths[run_of]
    # The text as it stands: the pair and the triple that end at each j of
    # codes (zeros where there is none), and the character model's log p
    # of codes[j] after them.
    count2, kinds2, _ = (np.concatenate(([0], v)) for v in model.pairs(codes[:-1], codes[1:]))
    count3 = np.concatenate(([0, 0], model.triples(codes[:-2], codes[1:-1], codes[2:])))
    # nothing follows the end of a run: after an EDGE, the context is the EDGE alone
    context2 = np.where(codes == ngrams.EDGE_INDEX, 0, count2)
    j = np.arange(1, len(codes))
    lp = np.concatenate(([0.0], model.logp(codes[j - 1], codes[j], count2[j], context2[j - 1], kinds2[j - 1],
                                           count3[j])))
    # a correction of codes[g] changes the log p of itself and the two after it
    orig = lp[g] + lp[g + 1] + np.where(last, 0.0, lp[g + 2])
    k = np.flatnonzero(-orig >= MIN_GAIN - _SLACK)  # the others fit too well for any correction to gain enough
    table = cands.table(codes[g[k]])

    def weigh(k: np.ndarray) -> tuple[np.ndarray, ...]:
        """(position, option, margin, outside) of the candidates of the
        characters k that are not ruled out."""
        count = table.count[codes[g[k]]]
        pos = np.repeat(k, count)  # each candidate of each of those characters
        option = np.repeat(table.start[codes[g[k]]] - (np.cumsum(count) - count), count) + np.arange(len(pos))
        x = table.rows[option]
        gp = g[pos]
        b, c = codes[gp - 1], codes[gp + 1]
        outside = x == ngrams.OUTSIDE  # never ruled out here
        # a candidate must join a neighbour inside some word: the bits
        # first, then the table for those that pass
        keep = (~first[pos] & model.may_join(b, x)) | (~last[pos] & model.may_join(x, c)) | outside
        pos, option, x, gp, b, c, outside = _take(keep, pos, option, x, gp, b, c, outside)
        count_bx, kinds_bx, joins_bx = model.pairs(b, x)
        count_xc, kinds_xc, joins_xc = model.pairs(x, c)
        keep = (~first[pos] & (joins_bx == 1)) | (~last[pos] & (joins_xc == 1)) | outside
        pos, option, x, gp, b, c, outside, count_bx, kinds_bx, count_xc, kinds_xc = _take(
            keep, pos, option, x, gp, b, c, outside, count_bx, kinds_bx, count_xc, kinds_xc)
        need = table.need[option]
        # The gain character by character, as the exact test adds it up:
        # every log p still to come is at most 0, so most candidates are
        # given up after the first (their margins are not worked out to
        # the end).
        gain = model.logp(b, x, count_bx, context2[gp - 1], kinds2[gp - 1], model.triples(codes[gp - 2], b, x))
        gain -= orig[pos]
        pos, option, x, gp, b, c, outside, need, gain, count_bx, kinds_bx, count_xc, kinds_xc = _take(
            (gain >= need - _SLACK) | outside,
            pos, option, x, gp, b, c, outside, need, gain, count_bx, kinds_bx, count_xc, kinds_xc)
        gain += model.logp(x, c, count_xc, count_bx, kinds_bx, model.triples(b, x, c))
        pos, option, x, gp, c, outside, need, gain, count_xc, kinds_xc = _take(
            (gain >= need - _SLACK) | outside, pos, option, x, gp, c, outside, need, gain, count_xc, kinds_xc)
        more = np.flatnonzero(~last[pos])
        gm, xm, cm = gp[more], x[more], c[more]
        gain[more] += model.logp(cm, codes[gm + 2], count2[gm + 2], count_xc[more], kinds_xc[more],
                                 model.triples(xm, cm, codes[gm + 2]))
        return pos, option, gain - need, outside

    # a few thousand characters at a time: their candidates' arrays are
    # some twenty times as long as the text
    parts = [weigh(k[at_:at_ + _CHARS_AT_ONCE]) for at_ in range(0, len(k), _CHARS_AT_ONCE)] or [weigh(k)]
    pos, option, margin, outside = (np.concatenate(v) for v in zip(*parts, strict=True))
    return _Margins(run_of[pos], at[pos], option, margin, outside, table.chars)


def _take(keep: np.ndarray, *arrays: np.ndarray) -> list[np.ndarray]:
    """The elements of each array where keep is True."""
    where = np.flatnonzero(keep)
    return [a[where] for a in arrays]


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


def _run(run: str, lx: lexicon.Lexicon, scorer: _Scorer, cands: _Candidates,
         tried: dict[int, list[str]]) -> Iterator[tuple]:
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
    # A correction changes the character model's probability of the
    # character and the two after it (framed[k] is run[k - 1]).
    key_logps = lx.key_logps
    found = []
    for i, joining in tried.items():
        orig_chars = sum(key_logps[framed[k - 2:k + 1] if k >= 2 else framed[:2]]
                         for k in range(i + 1, min(i + 4, len(framed))))
        if -orig_chars < MIN_GAIN:
            continue  # fits its context too well for any correction to gain enough
        best = _best_for(run, framed, i, lx, scorer, cands, orig_chars, joining)
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
              orig_chars: float, joining: list[str]):
    """(rank, i, correction, kind, word start, word end) of the best
    correction of run[i] among the candidates `joining`, or None when none
    is far more plausible. orig_chars: the character model's log10 probability of
    run[i] and the two characters after it, as they stand."""
    c = run[i]
    n = len(run)
    # a candidate must join a neighbour inside some word: it follows the
    # character before or precedes the one after
    joining = [x for x in joining if (i > 0 and lx.joins(run[i - 1], x))
               or (i + 1 < n and lx.joins(x, run[i + 1]))]
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
