"""Parsed record files kept between builds.

Turning YAML into plain data with a line map (source.load_yaml) is most of
what reading a record costs, and a build reads every record although a
publish changes one or two. The result for a text is kept on disk, keyed by
a hash of the text itself and of the code that parses it (this package's
loader and PyYAML's version), so an edited file, or a changed loader, is
parsed again and a stale entry is never used. Only texts that parsed
without error are kept: a broken file is reported on every build.

The entries are rows of an SQLite file, one per text: a publish writes the
rows of the texts it parsed and deletes those no longer used, where one
JSON file (11 MB at 10,000 stories) was written whole whenever a record
changed. Each row is JSON text, never a pickle: CI keeps `.cache/` between
runs and a pull request may be able to write there. What it holds is
plain data that goes through the same model validation as freshly parsed
data; an entry that does not decode as expected is parsed again, and a
file that is not such a database is read as empty and replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FORMAT = 3  # the file's user_version
# Errors that say the file is not a database of ours (damaged, or made by
# something else), which is then replaced; others (busy, full) leave it.
_NOT_OURS = {"SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_ERROR"}


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
        """Write the entries parsed this time and delete the ones it did not
        use; rows another process added meanwhile stay."""
        new = [(key, entry) for key, entry in self._used.items() if self._old.get(key) != entry]
        unused = [(key,) for key in self._old.keys() - self._used.keys()]
        if not (new or unused):
            return
        try:
            try:
                _write(self.path, new, unused)
            except sqlite3.Error as exc:
                if getattr(exc, "sqlite_errorname", None) not in _NOT_OURS:
                    return  # busy, full, read-only: only costs the next build time
                self.path.unlink()  # not a database of this shape: start afresh
                _write(self.path, list(self._used.items()), [])
        except (sqlite3.Error, OSError):
            return
        self.path.with_name("parsed.json").unlink(missing_ok=True)  # where earlier versions kept them


def _read(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                return {}
            rows = db.execute("SELECT key, entry FROM entries").fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return {}
    # SQLite keeps any type in any column: only text is an entry.
    return {key: entry for key, entry in rows if type(key) is str and type(entry) is str}


def _write(path: Path, new: list[tuple[str, str]], unused: list[tuple[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=10)
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
            with db:
                db.execute("DROP TABLE IF EXISTS entries")
                db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, entry TEXT NOT NULL)")
            db.execute(f"PRAGMA user_version = {FORMAT}")
        with db:
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", new)
            db.executemany("DELETE FROM entries WHERE key = ?", unused)
    finally:
        db.close()


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
