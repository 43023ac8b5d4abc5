"""Ground truth (plain substring search) and phrase sampling for recall and
precision checks, plus a small model of Pagefind's matching (prefix terms,
all terms required, match positions) used without a browser."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable

from congress_site.search.extract import PageRecord
from congress_site.search.tokens import HAN_CLASS, encode, query_terms

ISSUE_PHRASES = ["全过程人民民主", "民生实事", "立法联系点", "一老一小", "联络站"]
_RUNS = re.compile(f"[{HAN_CLASS}]{{2,}}")


def truth(records: Iterable[PageRecord], phrase: str) -> set[str]:
    return {r.url for r in records if phrase in r.text}


def sample_phrases(records: list[PageRecord], count: int, seed: int = 7) -> list[str]:
    """Han substrings of 2–8 characters taken from the pages themselves."""
    rng = random.Random(seed)
    runs = [m.group() for r in records for m in _RUNS.finditer(r.text)]
    out: list[str] = []
    while len(out) < count and runs:
        run = rng.choice(runs)
        size = rng.randint(2, min(8, len(run)))
        start = rng.randrange(len(run) - size + 1)
        phrase = run[start : start + size]
        if phrase not in out:
            out.append(phrase)
    return out


class PagefindModel:
    """What the browser does, on the token streams the index holds."""

    def __init__(self, records: list[PageRecord]) -> None:
        self.urls = [r.url for r in records]
        self.words: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for page, r in enumerate(records):
            for pos, tok in enumerate(encode(r.text).split("\n")):
                self.words[tok.lower()][page].append(pos)
        self.sorted_words = sorted(self.words)

    def _prefixed(self, term: str) -> dict[int, list[int]]:
        import bisect

        out: dict[int, list[int]] = defaultdict(list)
        i = bisect.bisect_left(self.sorted_words, term)
        while i < len(self.sorted_words) and self.sorted_words[i].startswith(term):
            for page, locs in self.words[self.sorted_words[i]].items():
                out[page].extend(locs)
            i += 1
        return out

    def search(self, query: str) -> set[str]:
        q = query_terms(query)
        if not q.terms:
            return set()
        per_term = {t: self._prefixed(t) for t in q.terms}
        pages = set.intersection(*(set(m) for m in per_term.values()))
        found = set()
        for page in pages:
            # Each phrase's own terms at their offsets from one start (search.js
            # looks every term up alone for exactly this).
            ok = True
            for phrase, offsets in zip(q.phrases, q.offsets, strict=True):
                terms = [phrase[o : o + 2] for o in offsets]
                at = [set(per_term[t][page]) for t in terms]
                ok = ok and any(all(s + o in a for o, a in zip(offsets, at, strict=True)) for s in at[0])
            if ok:
                found.add(self.urls[page])
        return found


def score(found: set[str], expected: set[str]) -> tuple[float, float]:
    recall = len(found & expected) / len(expected) if expected else 1.0
    precision = len(found & expected) / len(found) if found else 1.0
    return recall, precision
