"""Parsed record files kept between builds.

Turning YAML into plain data with a line map (source.load_yaml) is most of
what reading a record costs, and a build reads every record although a
publish changes one or two. The result for a text is kept on disk, keyed by
a hash of the text itself and of the code that parses it (this package's
loader and PyYAML's version), so an edited file, or a changed loader, is
parsed again and a stale entry is never used. Only texts that parsed
without error are kept: a broken file is reported on every build.

The file is JSON, never a pickle: CI keeps `.cache/` between runs and a
pull request may be able to write there. What it holds is plain data that
goes through the same model validation as freshly parsed data; an entry
that does not decode as expected is parsed again. Entries no build used
are dropped when the file is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..atomicfile import write_atomic

FORMAT = 2


def _code_version() -> bytes:
    import yaml

    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).resolve().parent
    for name in ("source.py", "parsecache.py"):
        h.update((here / name).read_bytes())
    h.update(f"{yaml.__version__}:{hasattr(yaml, 'CSafeLoader')}".encode())
    return h.digest()


class ParsedCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._salt = _code_version()
        self._old = _read(path)
        self._used: dict[str, str] = {}
        self.hits = 0

    def _key(self, text: str, line_offset: int) -> str:
        h = hashlib.blake2b(self._salt, digest_size=16)
        h.update(f"{line_offset}\n".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get(self, text: str, line_offset: int) -> tuple[Any, dict] | None:
        """(data, lines) as load_yaml made them for this text, or None."""
        key = self._key(text, line_offset)
        entry = self._used.get(key) or self._old.get(key)
        if entry is None:
            return None
        try:
            found = _decode(entry)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            return None
        self._used[key] = entry
        self.hits += 1
        return found

    def put(self, text: str, line_offset: int, data: Any, lines: dict) -> None:
        """Remember a successful parse (encoded now: the caller may change
        the data afterwards)."""
        self._used[self._key(text, line_offset)] = _encode(data, lines)

    def save(self) -> None:
        if self._used == self._old:
            return
        try:
            write_atomic(self.path, json.dumps({"format": FORMAT, "entries": self._used}, ensure_ascii=False,
                                               separators=(",", ":")))
        except OSError:
            pass  # a cache that cannot be written only costs the next build time


def _read(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    return {k: v for k, v in data["entries"].items() if isinstance(k, str) and isinstance(v, str)}


def _encode(data: Any, lines: dict) -> str:
    """[data, paths of its dates, the line map's key paths, their lines and
    columns as one flat list]: the map is stored as two lists so that
    reading it back is a few loops in C, not one in Python per key."""
    dates: list[list] = []
    plain = _plain(data, [], dates)
    places = [n for at in lines.values() for n in at]
    return json.dumps([plain, dates, [list(path) for path in lines], places],
                      ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any, path: list, dates: list[list]) -> Any:
    if isinstance(value, dt.date):  # load_yaml makes dates only, never datetimes
        dates.append(path)
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v, [*path, k], dates) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, [*path, i], dates) for i, v in enumerate(value)]
    return value


def _decode(entry: str) -> tuple[Any, dict]:
    """A fresh copy of the data each time: two files with the same text get
    objects of their own."""
    data, dates, paths, places = json.loads(entry)
    for path in dates:
        if not path:
            data = dt.date.fromisoformat(data)
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = dt.date.fromisoformat(parent[path[-1]])
    if (len(places) != 2 * len(paths) or not set(map(type, places)) <= {int}
            or not set(map(type, paths)) <= {list}):
        raise ValueError("line map")
    return data, dict(zip(map(tuple, paths), zip(places[::2], places[1::2], strict=True), strict=True))


@contextmanager
def parsed_records(path: Path | None) -> Iterator[ParsedCache | None]:
    """Use (and then save) the cache at `path` for the record loads inside."""
    from . import source

    if path is None:
        yield None
        return
    cache, previous = ParsedCache(path), source.PARSED
    source.PARSED = cache
    try:
        yield cache
    finally:
        source.PARSED = previous
        cache.save()
