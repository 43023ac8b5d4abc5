"""The character model of the lexicon (lexicon.p3) over whole arrays of
characters at once, with numpy.

The look-alike check tries a dozen corrections at most characters of a
story, and each needs the probability of its character after two others:
thousands of n-grams a story, nearly all never asked before. One at a time
in Python each costs microseconds of calls and hash probes; here they are
computed together, so that the check only looks closer, one at a time, at
the few corrections that could gain enough.

The figures are the same formulas as lexicon.Lexicon's, on the same counts,
but the check uses them only to rule corrections out, with a margin: every
finding is still decided by the exact path.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import lexicon

FIRST = lexicon._FIRST_CP
EDGE_INDEX = ord(lexicon.EDGE) - FIRST  # the edge of a run
OUTSIDE = lexicon.ROWS  # a character outside the tables (a candidate may be)
_BITS = np.uint64(lexicon.KEY_BITS)
_MULTIPLIER = np.uint64(lexicon.HASH_MULTIPLIER)
_EMPTY = np.uint64(lexicon.EMPTY_KEY)
_JOIN_BITS = 24


class _Table:
    """A lexicon.IntTable as numpy arrays over the same bytes."""

    def __init__(self, table: lexicon.IntTable):
        self.keys = np.frombuffer(table.data, dtype="<u8", count=table.size, offset=table.keys_at)
        # views of the mapped file: only the pages looked at are read
        self.columns = [np.frombuffer(table.data, dtype="<u4", count=table.size, offset=at)
                        for at in table.columns_at]
        self.shift = np.uint64(64 - table.bits)
        self.mask = table.size - 1

    def slots(self, query: np.ndarray) -> np.ndarray:
        """Where each key is stored, -1 for a key the table lacks: the
        linear probing of IntTable.slot, for every key at once (most end at
        the first slot, the table being at most half full)."""
        at = ((query * _MULTIPLIER) >> self.shift).astype(np.int64)
        k = self.keys[at]
        hit = k == query
        found = np.where(hit, at, -1)
        todo = np.flatnonzero(~hit & (k != _EMPTY))
        while len(todo):
            at[todo] = (at[todo] + 1) & self.mask
            k = self.keys[at[todo]]
            hit = k == query[todo]
            found[todo[hit]] = at[todo[hit]]
            todo = todo[~hit & (k != _EMPTY)]
        return found

    def values(self, query: np.ndarray) -> list[np.ndarray]:
        """Each column's value per key, 0 for a key the table lacks."""
        at = self.slots(query)
        hit = at >= 0
        return [np.where(hit, column[at], 0) for column in self.columns]


class Model:
    """The lexicon's n-gram tables, for look-ups of many at once."""

    def __init__(self, lx: lexicon.Lexicon):
        self.bigrams = _Table(lx.bigrams)
        self.trigrams = _Table(lx.trigrams)
        # A bit per hash of a pair, set for the pairs that meet inside some
        # word: 2 MB, one look-up without probing, so that a character's
        # candidates are narrowed down before the table is probed (about one
        # pair in sixty that do not meet passes as well).
        joined = self.bigrams.keys[(self.bigrams.keys != _EMPTY) & (self.bigrams.columns[2] == 1)]
        bits = np.zeros(1 << _JOIN_BITS, dtype=bool)
        bits[(joined * _MULTIPLIER) >> np.uint64(64 - _JOIN_BITS)] = True
        self.join_bits = np.packbits(bits, bitorder="little")
        # one more row, of zeros, for characters outside the tables
        stats = np.asarray(lx.per_char, dtype=np.int64).reshape(-1, 3)
        self.stats = np.vstack([stats, np.zeros((1, 3), dtype=np.int64)])
        self.p1 = (self.stats[:, 0] + 0.5) / lx.p1_total

    def may_join(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """False where a and b never meet inside a word; True where they do,
        and for a few pairs that do not."""
        h = (((a.astype(np.uint64) << _BITS) | b.astype(np.uint64)) * _MULTIPLIER) >> np.uint64(64 - _JOIN_BITS)
        return (self.join_bits[h >> np.uint64(3)] >> (h & np.uint64(7)).astype(np.uint8)) & 1 == 1

    def pairs(self, a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        """Per pair of rows: its count, the distinct characters seen after
        it, and 1 where the two meet inside some word, else 0."""
        return self.bigrams.values((a.astype(np.uint64) << _BITS) | b.astype(np.uint64))

    def triples(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        """Per triple of rows: its count."""
        key = (((a.astype(np.uint64) << _BITS) | b.astype(np.uint64)) << _BITS) | c.astype(np.uint64)
        return self.trigrams.values(key)[0]

    def logp(self, b: np.ndarray, c: np.ndarray, count_bc: np.ndarray, count_ab: np.ndarray,
             kinds_ab: np.ndarray, count_abc: np.ndarray) -> np.ndarray:
        """log10 P(c | a b) per element, as lexicon.Lexicon.char_logp, from
        the counts of b c, of a b (with what follows it) and of a b c.
        count_ab is 0 where b alone is the context: after the EDGE that
        opens a run."""
        _n, total_b, kinds_b = self.stats[b].T
        p1c = self.p1[c]
        with np.errstate(divide="ignore", invalid="ignore"):
            p2 = np.where(total_b == 0, p1c, (count_bc + kinds_b * p1c) / (total_b + kinds_b))
            p = np.where((count_ab == 0) | (kinds_ab == 0), p2, (count_abc + kinds_ab * p2) / (count_ab + kinds_ab))
            return np.where(p > 0, np.log10(p), lexicon._LOG10_EPS)


def indices(text: str) -> np.ndarray:
    """Each character's row in the tables, OUTSIDE for one they lack."""
    rows = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64) - FIRST
    return np.where((rows >= 0) & (rows < OUTSIDE), rows, OUTSIDE)


@lru_cache(maxsize=2)
def model(lx: lexicon.Lexicon) -> Model:
    """The arrays of a lexicon, made once per process."""
    return Model(lx)
