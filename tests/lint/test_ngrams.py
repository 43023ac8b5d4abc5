"""The look-alike check's first test runs over whole arrays (lint/ngrams.py,
plausibility._worth_trying): it must hand the exact test every correction
that the exact test would pass, and little else. Checked here against the
exact formulas, one n-gram at a time, on real prose of the register."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from congress_site.lint import lexicon, lexicon_build, ngrams
from congress_site.lint.rules import plausibility

HELD_OUT = Path(__file__).parent / "corpus" / "heldout"
_RUN = re.compile("[\u4e00-\u9fff]{2,}")


def _runs(limit: int = 400) -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(HELD_OUT.glob("*.md")))
    return list(dict.fromkeys(_RUN.findall(text)))[:limit]


def _exact(runs: list[str], lx: lexicon.Lexicon, cands) -> dict[tuple[int, int, str], float]:
    """What the rule tried before the arrays, one n-gram at a time through
    the lexicon's own look-ups: (run, position, candidate) → how much its
    gain exceeds what it needs, for every candidate that joins a neighbour
    where the character does not fit too well for any correction."""
    edge, logps = lexicon.EDGE, lx.key_logps
    found = {}
    for r, run in enumerate(runs):
        framed, n = edge + run + edge, len(run)
        lps = [0.0, logps[framed[:2]]] + [logps[framed[k - 2:k + 1]] for k in range(2, len(framed))]
        for i, c in enumerate(run):
            orig = sum(lps[i + 1:i + 4])
            options = cands.options[c]
            if -orig < plausibility.MIN_GAIN or options is None:
                continue
            for x, kind in options.items():
                if not ((i > 0 and lx.joins(run[i - 1], x)) or (i + 1 < n and x in lx.preceding(run[i + 1]))):
                    continue
                before, after = framed[max(0, i - 1):i + 1], framed[i + 2:i + 4] if i + 1 < n else ""
                gain = -orig + logps[before + x] + logps[framed[i] + x + framed[i + 2]]
                gain += logps[x + after] if after else 0.0
                need = plausibility.SHAPE_GAIN if kind == "shape" else plausibility.SOUND_GAIN
                found[r, i, x] = gain - need
    return found


def _in_block(x: str) -> bool:
    return "\u4e00" <= x <= "\u9fff"


@pytest.mark.parametrize("groups", [(), (("吉", "𠮷", "洁"),)], ids=["lexicon", "style-group-beyond-the-block"])
def test_the_arrays_give_the_exact_margins(groups):
    """The candidates the exact test would weigh, with the same margins,
    and every correction it would pass handed on to it; candidates outside
    the tables (ニ for 三 in the look-alike list, a style's 𠮷) are never
    ruled out by the arrays."""
    lx = lexicon.get()
    cands = plausibility._candidates(lx, groups)
    # slips at the start, inside and at the end of a run
    slips = ["代表们深人基层开展调研", "隹点问题", "认真办理代表建意", "依法行驶职权", "办理结果满竟"]
    runs = [*_runs(), *slips, "吉祥如意", "清吉平安", "大吉大利"]
    m = plausibility._margins(runs, lx, cands)
    got = {(int(r), int(i), m.chars[o]): float(v) for r, i, o, v in zip(m.run, m.at, m.option, m.margin, strict=True)}
    exact = _exact(runs, lx, cands)
    assert len(exact) > 1000
    inside = {key: v for key, v in got.items() if _in_block(key[2])}
    assert inside.keys() <= exact.keys()
    assert max(abs(v - exact[key]) for key, v in inside.items()) < 1e-9
    # those given up before their last character fall short at that point already
    assert all(v < 0 for key, v in exact.items() if key not in got)
    tried = plausibility._worth_trying(runs, lx, cands)
    for key, margin in exact.items():
        if margin >= 0:
            assert key[2] in tried[key[0]].get(key[1], ()), key
    for slip, (i, x) in zip(slips, [(4, "入"), (0, "焦"), (7, "议"), (3, "使"), (5, "意")], strict=True):
        assert x in tried[runs.index(slip)].get(i, ()), slip
    outside = [key for key in got if not _in_block(key[2])]
    assert outside and all(key[2] in tried[key[0]][key[1]] for key in outside)


def test_the_arrays_are_a_small_share_of_the_candidates():
    """The point of the first test: most candidates never reach the exact one."""
    lx = lexicon.get()
    runs = _runs()
    cands = plausibility._candidates(lx, ())
    tried = plausibility._worth_trying(runs, lx, cands)
    offered = sum(len(cands.options[c] or ()) for run in runs for c in run)
    kept = sum(len(xs) for t in tried for xs in t.values())
    assert kept < offered / 50


def test_hash_tables_answer_alike_in_python_and_in_arrays(tmp_path):
    rng = random.Random(7)
    keys = rng.sample(range(2**45), 3000)
    # keys made to land on the same slot, so that probing runs long
    size = 1 << (2 * len(keys) - 1).bit_length()
    mult, mask = lexicon.HASH_MULTIPLIER, 2**64 - 1
    slot = (keys[0] * mult & mask) >> (64 - size.bit_length() + 1)
    crowd = [k for k in range(1, 2**20) if (k * mult & mask) >> (64 - size.bit_length() + 1) == slot][:6]
    keys += [k for k in crowd if k not in keys]
    values = [[rng.randrange(2**32) for _ in keys], [rng.randrange(2) for _ in keys]]
    data = lexicon_build.int_table(keys, values)
    table = lexicon.IntTable(data, 0)
    assert table.size == size
    absent = [k for k in rng.sample(range(2**45), 3000) if k not in set(keys)] + [0, 2**45 - 1]
    for k, v0, v1 in zip(keys, *values, strict=True):
        at = table.slot(k)
        assert at >= 0 and table.columns[0][at] == v0 and table.columns[1][at] == v1
    assert all(table.slot(k) == -1 for k in absent)
    arrays = ngrams._Table(table)
    query = np.array(keys + absent, dtype=np.uint64)
    assert arrays.slots(query).tolist() == [table.slot(k) for k in keys + absent]
    got = arrays.values(query)
    assert got[0].tolist() == values[0] + [0] * len(absent)
    assert got[1].tolist() == values[1] + [0] * len(absent)


def test_array_probabilities_are_the_lexicons():
    """Every framed n-gram of real prose, and random ones, through the
    arrays and through Lexicon.char_logp."""
    lx = lexicon.get()
    model = ngrams.model(lx)
    rng = random.Random(3)
    block = [chr(cp) for cp in range(0x4E00, 0xA000)]
    framed = [lexicon.EDGE + run + lexicon.EDGE for run in _runs(200)]
    framed += [lexicon.EDGE + "".join(rng.choice(block) for _ in range(6)) + lexicon.EDGE for _ in range(300)]
    a, b, c, expected = [], [], [], []
    for s in framed:
        for k in range(1, len(s)):
            a.append(ord(s[k - 2]) - ngrams.FIRST if k >= 2 else -1)  # -1: the EDGE alone is the context
            b.append(ord(s[k - 1]) - ngrams.FIRST)
            c.append(ord(s[k]) - ngrams.FIRST)
            expected.append(lx.char_logp(s, k))
    a, b, c = np.array(a), np.array(b), np.array(c)
    count_bc, _, _ = model.pairs(b, c)
    count_ab, kinds_ab, _ = model.pairs(np.where(a < 0, ngrams.OUTSIDE, a), b)
    count_ab[(a < 0) | (b == ngrams.EDGE_INDEX)] = 0
    got = model.logp(b, c, count_bc, count_ab, kinds_ab, model.triples(np.where(a < 0, ngrams.OUTSIDE, a), b, c))
    assert np.abs(got - np.array(expected)).max() < 1e-12


def test_a_text_weighed_a_few_characters_at_a_time_gives_the_same_candidates(monkeypatch):
    """A long text's candidates are weighed in slices, to bound memory:
    slicing never changes what is tried."""
    lx = lexicon.get()
    runs = [*_runs(), "代表们深人基层开展调研", "隹点问题"]
    cands = plausibility._candidates(lx, ())
    whole = plausibility._worth_trying(runs, lx, cands)
    monkeypatch.setattr(plausibility, "_CHARS_AT_ONCE", 7)
    sliced = plausibility._worth_trying(runs, lx, cands)
    assert sliced == whole and sum(map(len, whole)) > 10


def test_a_run_seen_before_is_not_worked_out_again(monkeypatch):
    """A story checked again after an edit: only its changed runs are
    weighed, the others' findings are those of the first check; past
    KNOWN_RUNS the kept runs are dropped and worked out anew, alike."""
    groups = (("测", "侧"),)  # a style of its own, so its runs are this test's alone
    weighed: list[str] = []
    real = plausibility._worth_trying

    def counting(runs, lx, cands):
        weighed.extend(runs)
        return real(runs, lx, cands)

    monkeypatch.setattr(plausibility, "_worth_trying", counting)
    story = ["代表们深人基层开展调研", "认真办理代表建意", "认真办理代表建意"]
    first = plausibility.check_runs(story, groups)
    assert weighed == story[:2] and any("建议" in f[3] for f in first[1])
    edited = ["代表们深入基层开展调研", "认真办理代表建意", "依法行驶职权"]
    again = plausibility.check_runs(edited, groups)
    assert weighed[2:] == [edited[0], edited[2]] and again[1] == first[1]
    monkeypatch.setattr(plausibility, "KNOWN_RUNS", 2)
    del weighed[:]
    plausibility.check_runs(["全新的一段文字"], groups)
    assert plausibility.check_runs(story, groups) == first
    assert weighed == ["全新的一段文字", *story[:2]]
    assert len(plausibility._candidates(lexicon.get(), groups).found) == 2
    # a text with a kept run and a new one, when the kept ones are dropped
    mixed = plausibility.check_runs([story[1], "又一段新的文字"], groups)
    assert mixed[0] == first[1] and weighed[-2:] == [story[1], "又一段新的文字"]
