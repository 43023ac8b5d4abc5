"""Overlapping character bigrams: how Chinese text is indexed and queried.

Pagefind's own Chinese segmentation (jieba at build time, the browser's
Intl.Segmenter at query time) disagrees with itself, so pages that contain a
phrase go missing. Here content and query are cut the same, dictionary-free
way, as Lucene's CJK analyzer does: a run of Han characters c1 c2 … cn is
indexed as the bigrams c1c2, c2c3, …, c(n-1)cn followed by the single cn.

- A phrase of two or more characters is found through its bigrams, which sit
  at consecutive word positions wherever the page contains the phrase.
- A single character is found by prefix: it starts some bigram, or it is the
  last character of its run, kept alone for exactly that reason.

The encoded text is what Pagefind stores, one token per line. It decodes back
to the page text by keeping the first character of each Han token (and a
space for each SPACE token), so the results page can show and highlight
real sentences. `search.js` implements
`query_terms` again in the browser; both must agree (tests check them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Han ideographs, with the compatibility block, the extensions and 〇.
HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_HAN = re.compile(f"[{HAN_CLASS}]")
_CHUNKS = re.compile(f"[{HAN_CLASS}]+|[^{HAN_CLASS}]+")
# A line break between two wide (Chinese) characters is no space at all (CSS Text 3
# segment-break rule): Markdown wraps long Chinese lines.
_WIDE = HAN_CLASS + "\u3000-\u303f\uff01-\uff60\u2014\u2018\u2019\u201c\u201d\u2026"
HAN_BREAK = re.compile(f"(?<=[{_WIDE}])[ \\t]*\\n\\s*(?=[{_WIDE}])")
_SPACE = re.compile(r"\s+")
_WORDISH = re.compile(r"[^\W_]")
_WORD_OR_NOT = re.compile(r"[^\W_]+|(?:[\W_])+")

SEP = "\n"
SPACE = "\u2060"


def is_han(ch: str) -> bool:
    return bool(_HAN.fullmatch(ch))


def normalize(text: str) -> str:
    """The text as a reader sees it: a line break between Chinese characters
    removed, every other run of whitespace one space."""
    text = HAN_BREAK.sub("", text)
    return _SPACE.sub(" ", text).strip()


def han_tokens(run: str) -> list[str]:
    """Index tokens of one run of Han characters."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def encode(text: str) -> str:
    """Text → the token stream Pagefind indexes, one token a line.

    Pagefind keeps the tokens but turns every whitespace into one space, so a
    space of the text itself travels as the token SPACE (U+2060, invisible,
    no word character: never matched, and it breaks bigram chains)."""
    parts: list[str] = []
    for m in _CHUNKS.finditer(normalize(text)):
        chunk = m.group()
        if is_han(chunk[0]):
            parts.extend(han_tokens(chunk))
            continue
        for i, piece in enumerate(chunk.split(" ")):
            if i:
                parts.append(SPACE)
            # Letters/digits apart from punctuation, as Pagefind words are.
            parts.extend(_WORD_OR_NOT.findall(piece))
    return SEP.join(parts)


def decode(encoded: str) -> str:
    """The inverse of `encode` (up to whitespace normalisation)."""
    return "".join(
        " " if tok == SPACE else tok[0] if is_han(tok[0]) else tok for tok in encoded.split()
    )


def cover(n: int) -> list[int]:
    """Offsets of the bigrams that pin down a phrase of n characters: every
    other one, plus the last. Sitting at positions p+offset they spell the
    phrase exactly, with about half the terms (each term costs the browser
    an index chunk)."""
    offsets = list(range(0, n - 1, 2))
    if (n - 2) % 2:
        offsets.append(n - 2)
    return offsets


@dataclass(frozen=True)
class Query:
    """A reader's query, cut like the content."""

    terms: list[str]  # what Pagefind searches for (all must match)
    phrases: list[str]  # Han runs of 2+ characters: must occur whole
    offsets: list[list[int]]  # per phrase: where its terms sit relative to its start

    @property
    def text(self) -> str:
        return " ".join(self.terms)


def query_terms(query: str) -> Query:
    terms: list[str] = []
    phrases: list[str] = []
    offsets: list[list[int]] = []
    for m in _CHUNKS.finditer(normalize(query)):
        chunk = m.group()
        if is_han(chunk[0]):
            if len(chunk) == 1:
                terms.append(chunk)
            else:
                offsets.append(cover(len(chunk)))
                terms.extend(chunk[i : i + 2] for i in offsets[-1])
                phrases.append(chunk)
        else:
            # Words as in `encode`; punctuation is no term (Pagefind drops it too).
            terms.extend(w.lower() for w in _WORD_OR_NOT.findall(chunk) if _WORDISH.search(w))
    return Query(terms=terms, phrases=phrases, offsets=offsets)
