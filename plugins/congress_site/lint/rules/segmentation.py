"""Runs of characters that belong to no dictionary word: what OCR and input
method slips that no list foresees leave behind. A weak signal, so it is
reported as a hint (info) and only for runs of three or more characters."""

from __future__ import annotations

from collections.abc import Iterator

from .. import lexicon, patterns
from .base import INFO, Context, Hit

_RUN = patterns.compile("[\u4e00-\u9fff]{3,}")
MIN_ORPHANS = 3


def check(ctx: Context) -> Iterator[Hit]:
    # The pairs of the whole text at once: a story has hundreds of runs.
    joins = lexicon.get().joinable(ctx.text)
    singles = lexicon.single_char_words()
    for m in _RUN.finditer(ctx.text):
        run = m.group()
        inside = joins[m.start():m.end() - 1]
        # MIN_ORPHANS lone characters in a row leave as many pairs in a row
        # that never join (one fewer when they are the whole run)
        if bytes(min(MIN_ORPHANS, len(inside))) not in inside:
            continue
        start = None
        for i, ch in enumerate(run):
            orphan = not (i > 0 and inside[i - 1]) and not (i < len(run) - 1 and inside[i]) and ch not in singles
            if orphan and start is None:
                start = i
            elif not orphan and start is not None:
                if i - start >= MIN_ORPHANS:
                    yield _hit(m.start() + start, m.start() + i, run[start:i])
                start = None
        if start is not None and len(run) - start >= MIN_ORPHANS:
            yield _hit(m.start() + start, m.end(), run[start:])


def _hit(s: int, e: int, chars: str) -> Hit:
    return Hit(s, e, "unsegmentable", f"“{chars}”无法组成常见词语，请核对是否有错字或乱码",
               "核对原稿；如无误可忽略", None, INFO)
