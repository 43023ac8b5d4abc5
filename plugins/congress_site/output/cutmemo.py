"""Stylesheet work remembered between builds.

Parsing Material's stylesheets for their words and cutting them down to
what the pages use take a few tenths of a second each, on every build,
although the sheets change only with Material and the cut only when the
pages start or stop using something. Both results are pure functions of
their inputs, so they are kept under a digest of those inputs; entries this
build did not use are dropped when it saves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from ..atomicfile import write_atomic

FORMAT = 1


class CutMemo:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old = _read(path) if path is not None else {}
        self._used: dict[str, object] = {}

    def words(self, sheets: Iterable[str], compute: Callable[[Iterable[str]], frozenset[str]]) -> frozenset[str]:
        """`compute(sheets)` (census.sheet_words), or what it gave for the same sheets."""
        sheets = list(sheets)
        key = "words:" + _digest(sheets)
        found = self._old.get(key)
        words = frozenset(found) if _strings(found) else compute(sheets)
        self._used[key] = sorted(words)
        return words

    def cut(self, sheet: str, vocabulary_key: str, compute: Callable[[], str]) -> str:
        """`compute()`: `sheet` cut for a vocabulary whose digest is `vocabulary_key`."""
        key = "cut:" + _digest([sheet, vocabulary_key])
        found = self._old.get(key)
        cut = found if isinstance(found, str) else compute()
        self._used[key] = cut
        return cut

    def save(self) -> None:
        if self.path is None or self._used == self._old:
            return
        write_atomic(self.path, json.dumps({"format": FORMAT, "entries": self._used}, ensure_ascii=False))


def vocabulary_key(sets: Iterable[Iterable[str]]) -> str:
    """A digest of a vocabulary given as its sets of words, in a fixed order."""
    return _digest(["\n".join(sorted(words)) for words in sets])


def _digest(parts: list[str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))  # so that parts cannot run into each other
        h.update(data)
    return h.hexdigest()


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _read(path: Path) -> dict:
    """The remembered entries, or none if the file is missing or not ours."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]
