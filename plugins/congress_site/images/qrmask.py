"""A faster choice of QR data mask, with exactly Segno's result.

Segno applies and scores the mask (ISO/IEC 18004 7.8.2–7.8.3) in
pure-Python loops over every module, eight times over when it chooses the
best one, and a site draws one code per story page and per profile. Here a
matrix is one big integer of 0/1 bytes — its rows, then its columns, each
line followed by a \\x02 byte that keeps runs from crossing lines — so a mask
is one XOR and the four penalty scores are byte searches and integer
operations that run in C. The same mask wins (ties go to the lower number,
as in Segno). `tests/images/test_qrmask.py` compares the output with
Segno's byte for byte.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter

import segno.encoder as _enc

_N3 = b"\x01\x00\x01\x01\x01\x00\x01"
_SEP = b"\x02"


class _Layout:
    """What every matrix of one size shares: per mask, the XOR pattern over
    the lines (function patterns are never masked); which bytes of the row
    lines to gather to get the column lines; which bytes take part in N2."""

    def __init__(self, size: int) -> None:
        self.size = size
        line = size + 1
        self.half = size * line  # bytes of the row lines (and of the column lines)
        function = _enc.make_matrix(size, size)
        _enc.add_finder_patterns(function, size, size)
        _enc.add_alignment_patterns(function, size, size)
        function[-8][8] = 0x1
        self.patterns = []
        for mask in _enc.get_data_mask_functions(False):
            xor = [[1 if function[i][j] > 0x1 and mask(i, j) else 0 for j in range(size)] for i in range(size)]
            rows = b"".join(bytes(r) + b"\x00" for r in xor)
            cols = b"".join(bytes(c) + b"\x00" for c in zip(*xor, strict=True))
            self.patterns.append(int.from_bytes(rows + cols, "big"))
        # byte k of a column line is byte k of the row blob at this index (a separator: index `size`)
        self.transpose = itemgetter(*[c + r * line if r < size else size
                                      for c in range(size) for r in range(line)])
        # N1 compares each module with the one left of it (none in the first column, no separator)
        self.pairs = int.from_bytes((b"\x00" + b"\x01" * (size - 1) + b"\x00") * (2 * size), "big")
        # N2 compares each module with the one left of it and the one above it:
        # every module but the first row's and the first column's (and no separator)
        self.blocks = int.from_bytes(b"\x00" * line + (b"\x00" + b"\x01" * (size - 1) + b"\x00") * (size - 1), "big")


_layout = lru_cache(maxsize=64)(_Layout)


def _n3(seq: bytes, size: int) -> int:
    """Segno's N3 count for one row or column, step for step."""
    count = 0
    idx = seq.find(_N3)
    while idx != -1:
        offset = idx + 7
        if (idx in (0, size - 7) or 1 not in seq[max(idx - 4, 0):min(idx, size)]
                or 1 not in seq[max(offset, 0):min(offset + 4, size)]):
            count += 40
        else:
            offset = idx + 4
        idx = seq.find(_N3, offset)
    return count


def penalty(masked: int, layout: _Layout) -> int:
    """N1 + N2 + N3 + N4 of a masked matrix as `_Layout` lays it out."""
    size, half = layout.size, layout.half
    # N1: a run of k >= 5 like modules costs k - 2, that is one for each
    # window of five like modules in it (k - 4) and two for its end.
    same = ~(masked ^ (masked >> 8)) & layout.pairs    # like the module left of it
    five = same & (same >> 8) & (same >> 16) & (same >> 24)  # ...and the four left of it
    n1 = five.bit_count() + 2 * (five & ~(same << 8)).bit_count()
    n3 = sum(_n3(seq, size) for seq in masked.to_bytes(2 * half, "big").split(_SEP) if _N3 in seq)
    a = masked >> (8 * half)          # the rows
    b = a >> (8 * (size + 1))         # each row moved onto the next
    blocks = (~(a ^ b) & ~(a ^ (a >> 8)) & ~(b ^ (b >> 8)) & layout.blocks).bit_count()
    dark = a.bit_count() - size       # less the separators' one bit each
    percent = float(dark) / (size ** 2)
    n4 = 10 * int(abs(percent * 100 - 50) / 5)
    return n1 + 3 * blocks + n3 + n4


def find_and_apply_best_mask(matrix, width, height, proposed_mask=None):
    """Drop-in for `segno.encoder.find_and_apply_best_mask` (QR, not Micro QR)."""
    if width != height or width < 21 or any(max(row) > 1 for row in matrix):
        return _ORIGINAL(matrix, width, height, proposed_mask)
    layout = _layout(width)
    rows = _SEP.join(matrix) + _SEP
    if proposed_mask is not None:
        best = proposed_mask
    else:
        data = int.from_bytes(rows + bytes(layout.transpose(rows)), "big")
        scores = [penalty(data ^ pattern, layout) for pattern in layout.patterns]
        best = scores.index(min(scores))  # the first of equal scores, as in Segno
    masked = int.from_bytes(rows, "big") ^ (layout.patterns[best] >> (8 * layout.half))
    return best, tuple(bytearray(r) for r in masked.to_bytes(layout.half, "big").split(_SEP)[:-1])


_ORIGINAL = _enc.find_and_apply_best_mask


@contextmanager
def fast_masks():
    """Within this block Segno applies and chooses masks with the function above."""
    saved = _enc.find_and_apply_best_mask
    _enc.find_and_apply_best_mask = find_and_apply_best_mask
    try:
        yield
    finally:
        _enc.find_and_apply_best_mask = saved
