"""The most probable split of a short Chinese string into words, under a
unigram word model: every word costs log10 of its probability, a character
that is no word costs `UNKNOWN`. Shared by the lexicon builder (to count the
words of our own prose) and the plausibility rules (to compare a string with
its correction)."""

from __future__ import annotations

from collections.abc import Callable

# log10 probability of a character the lexicon does not know at all
UNKNOWN = -9.0
MAX_WORD = 7


def best_split(s: str, logp: Callable[[str], float | None], max_word: int = MAX_WORD,
               may_join: Callable[[int], bool] | None = None) -> tuple[float, list[str]]:
    """(score, words) of the best split of `s`. `may_join(k)`, when given,
    says whether s[k] and s[k+1] can be inside one word at all: a cheap
    filter that spares look-ups of strings that cannot be words."""
    n = len(s)
    best = [0.0] + [float("-inf")] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        single = logp(s[j - 1])
        best[j] = best[j - 1] + (UNKNOWN if single is None else single)
        back[j] = j - 1
        for k in range(j - 2, max(-1, j - max_word - 1), -1):
            if may_join is not None and not may_join(k):
                break  # s[k] and s[k+1] never meet inside a word: no longer word either
            lp = logp(s[k:j])
            if lp is not None and best[k] + lp > best[j]:
                best[j] = best[k] + lp
                back[j] = k
    words = []
    j = n
    while j > 0:
        words.append(s[back[j]:j])
        j = back[j]
    words.reverse()
    return best[n], words
