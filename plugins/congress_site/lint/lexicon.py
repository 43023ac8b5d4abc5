"""Language data the rules share, loaded lazily and once per process:
jieba's dictionary (words, frequencies, part-of-speech tags), the everyday
character set derived from it, and OpenCC's traditional→simplified tables.

We read jieba's dict.txt ourselves instead of calling `jieba.cut`: the rules
only need word look-ups, and a dict is faster than segmenting every sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

# A character is "everyday" when it is in GB 2312 (the 6,763 simplified
# characters of ordinary print) or the words of jieba's dictionary that
# contain it add up to at least this frequency. Together they cover the
# 通用规范汉字表 common tiers and the names and places of our copy; what is
# left is rare in official text.
COMMON_CHAR_SCORE = 40


def _jieba_dict_path() -> Path:
    return Path(str(resources.files("jieba") / "dict.txt"))


@cache
def words() -> dict[str, tuple[int, str]]:
    """Every jieba dictionary word -> (frequency, part-of-speech tag)."""
    out: dict[str, tuple[int, str]] = {}
    with open(_jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "x")
    return out


# Below this frequency jieba's dictionary holds rare variants and even
# misspellings (气侯, 时侯): not evidence that a spelling is right.
COMMON_WORD_FREQ = 20


@cache
def common_words() -> frozenset[str]:
    """Dictionary words frequent enough to vouch for a spelling."""
    return frozenset(w for w, (freq, _tag) in words().items() if freq >= COMMON_WORD_FREQ)


@cache
def frequent_single_chars() -> frozenset[str]:
    """Characters used on their own very often (的、在、人、于)."""
    return frozenset(w for w, (freq, _tag) in words().items() if len(w) == 1 and freq >= 5000)


def pos_tag(s: str) -> str | None:
    entry = words().get(s)
    return entry[1] if entry else None


def in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@cache
def char_scores() -> Counter:
    scores: Counter = Counter()
    for w, (freq, _tag) in words().items():
        for c in w:
            scores[c] += freq
    return scores


def _ranges(chars: list[str]) -> str:
    """A regex character class body for a set of characters, as ranges."""
    codes = sorted(ord(c) for c in chars)
    out = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        a, z = chr(codes[i]), chr(codes[j])
        out.append(re.escape(a) if i == j else f"{re.escape(a)}-{re.escape(z)}")
        i = j + 1
    return "".join(out)


@cache
def rare_chars() -> frozenset[str]:
    """Han characters of the basic block outside everyday use. Extension
    blocks are handled by the rule itself (always rare)."""
    scores = char_scores()
    return frozenset(
        chr(cp)
        for cp in range(0x4E00, 0xA000)
        if scores.get(chr(cp), 0) < COMMON_CHAR_SCORE and not in_gb2312(chr(cp))
    )


def chars_re(chars) -> re.Pattern:
    """A pattern matching any of a (small) set of characters."""
    return re.compile(f"[{_ranges(list(chars))}]")


# ------------------------------------------------------------------- OpenCC

def _opencc_dict(name: str) -> Path:
    return Path(str(resources.files("opencc") / "dictionary" / name))


@cache
def traditional_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(sure, ambiguous): characters OpenCC maps from traditional to
    simplified. `sure` never stand in simplified text; `ambiguous` are also
    standard simplified characters in some words (乾隆, 瞭望, 於 as a
    surname), so only OpenCC's phrase tables can tell."""
    sure: set[str] = set()
    ambiguous: set[str] = set()
    with open(_opencc_dict("TSCharacters.txt"), encoding="utf-8") as fh:
        for line in fh:
            key, _, targets = line.rstrip("\n").partition("\t")
            if len(key) != 1:
                continue
            if key in targets.split():
                ambiguous.add(key)
            else:
                sure.add(key)
    return frozenset(sure), frozenset(ambiguous)


@cache
def all_traditional() -> frozenset[str]:
    sure, ambiguous = traditional_chars()
    return sure | ambiguous


@cache
def t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@cache
def inword_bigrams() -> frozenset[str]:
    """Every pair of adjacent characters inside a dictionary word of
    reasonable frequency: a character with no such pair on either side
    belongs to no word."""
    pairs: set[str] = set()
    for w, (freq, _tag) in words().items():
        if freq >= 3 and len(w) >= 2:
            for i in range(len(w) - 1):
                pairs.add(w[i:i + 2])
    return frozenset(pairs)


@cache
def single_char_words() -> frozenset[str]:
    """Characters that stand alone as words often (的、在、说、水)."""
    return frozenset(w for w, (freq, _tag) in words().items() if len(w) == 1 and freq >= 500)
