"""Drawn QR codes, kept across renders, `serve` rebuilds and builds.

A site draws one code per profile and one print-only code per story page;
each costs a few milliseconds to encode and draw, the same every build.
Codes are kept in memory by their arguments, and between builds in an
SQLite file in the build cache, one row per code: a publish that renders
a few pages reads only their codes and writes only those it drew, where a
single JSON file (27 MB at 10,000 stories) was read and written whole,
half a second per publish. The key includes a hash of the drawing code and
Segno's version, so a change to either redraws everything; after a full
build `save` keeps only the codes it used, so the file does not grow forever.
A file that is not a database, or cannot be read, is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import segno

_HERE = Path(__file__).parent
_SALT = hashlib.sha256(
    segno.__version__.encode() + b"".join((_HERE / name).read_bytes() for name in ("qr.py", "qrmask.py", "qrplace.py", "qrsvg.py"))
).hexdigest()[:16]

_entries: dict[str, str] = {}  # read or drawn in this process
_drawn: set[str] = set()  # drawn since the file was last written
_absent: set[str] = set()  # asked of the file this build, and not there: not asked again
_used: set[str] = set()
_state: dict = {"loaded": None, "db": None, "db_path": None, "unreadable": False}


def _key(url: str, options: dict) -> str:
    return hashlib.sha1(json.dumps([_SALT, url, options], ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def cached(draw: Callable[..., str], url: str, **options) -> str:
    """`draw(url, **options)`, computed once for the same arguments."""
    key = _key(url, options)
    svg = _entries.get(key)
    if svg is None and _ahead["futures"]:
        _collect()
        svg = _entries.get(key)
    if svg is None and key not in _absent:
        svg = _read([key]).get(key)
    if svg is None:
        svg = draw(url, **options)
        _entries[key] = svg
        _drawn.add(key)
    _used.add(key)
    return svg


# Drawing ahead. A build with no codes kept (a fresh CI runner) draws
# thousands, a few milliseconds each, in the middle of rendering. A worker
# process draws them from the last page backwards while the build renders
# from the first, so nothing is drawn twice except near where the two meet;
# the build never waits for the worker, it takes what is finished.
AHEAD_MIN = 200  # fewer codes than this are drawn faster than a worker starts
AHEAD_CHUNK = 64
_ahead: dict = {"pool": None, "futures": []}


def prefetch(draw: Callable[..., str], requests: list[tuple[str, dict]]) -> int:
    """Start drawing `draw(url, **options)` for the `requests` not kept yet,
    in the order the build will ask for them; returns how many."""
    stop()
    wanted = {_key(url, options): (url, options) for url, options in requests}  # in order, each once
    _read([key for key in wanted if key not in _entries])
    missing = [(key, url, options) for key, (url, options) in wanted.items() if key not in _entries]
    if len(missing) < AHEAD_MIN:
        return 0
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        _ahead["pool"] = pool
        _ahead["futures"] = [pool.submit(_draw_all, draw, missing[max(0, end - AHEAD_CHUNK):end])
                             for end in range(len(missing), 0, -AHEAD_CHUNK)]
    except (OSError, RuntimeError):  # no worker here: the build draws every code itself
        stop()
        return 0
    return len(missing)


def stop() -> None:
    """The build is over: drop what is not drawn yet; never wait for it."""
    pool, _ahead["pool"], _ahead["futures"] = _ahead["pool"], None, []
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _collect() -> None:
    """Take the drawings the worker has finished."""
    waiting = []
    for future in _ahead["futures"]:
        if not future.done():
            waiting.append(future)
        elif not future.cancelled() and future.exception() is None:
            _entries.update(future.result())
            _drawn.update(future.result())
    _ahead["futures"] = waiting  # a chunk that failed is simply drawn by the build


def _draw_all(draw: Callable[..., str], requests: list[tuple[str, str, dict]]) -> dict[str, str]:
    return {key: draw(url, **options) for key, url, options in requests}


def load(path: Path) -> None:
    """Start a build with the codes kept at `path` (`serve` keeps those it
    has read in memory too). Codes are read when asked for."""
    _used.clear()
    _absent.clear()
    if _state["loaded"] == str(path):
        return
    _close()
    _state["loaded"], _state["unreadable"] = str(path), False


def save(path: Path, prune: bool = True) -> None:
    """End a build: write down the codes drawn. `prune` (a full build, which
    drew every page) drops the codes this build did not use; a `serve`
    rebuild that re-rendered only some pages must not. Never fails the build."""
    if not (_drawn or prune):
        return
    try:
        db = _open(Path(path), create=True)
        with db:
            db.executemany("INSERT OR REPLACE INTO codes VALUES (?, ?)",
                           ((key, _entries[key]) for key in _drawn if key in _entries))
            if prune:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM used")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((key,) for key in _used))
                db.execute("DELETE FROM codes WHERE key NOT IN (SELECT key FROM used)")
                db.execute("DELETE FROM used")
    except (sqlite3.Error, OSError):
        _close()
        return
    _drawn.clear()
    _state["unreadable"] = False
    Path(path).with_name("qr.json").unlink(missing_ok=True)  # where earlier versions kept the codes
    for key in [k for k in _entries if k not in _used] if prune else ():
        del _entries[key]


def _read(keys: Iterable[str]) -> dict[str, str]:
    """The kept codes among `keys`, added to those in memory."""
    keys = list(keys)
    path = _state["loaded"]
    if not keys or path is None or _state["unreadable"]:
        return {}
    found: dict[str, str] = {}
    try:
        db = _open(Path(path), create=False)  # None: no file yet, so none of them is kept
        for start in range(0, len(keys), 500) if db is not None else ():  # under SQLite's limit of bound values
            chunk = keys[start:start + 500]
            found.update(row for row in db.execute(
                f"SELECT key, svg FROM codes WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                if isinstance(row[1], str))
    except sqlite3.Error:
        _close()
        _state["unreadable"] = True  # asked again for every code otherwise
        return {}
    _entries.update(found)
    _absent.update(key for key in keys if key not in found)
    return found


def _open(path: Path, *, create: bool) -> sqlite3.Connection | None:
    """The connection to the file at `path`; a file that is not such a
    database is replaced when writing, and read as empty."""
    db = _state["db"]
    if db is not None and _state["db_path"] == path:
        return db
    _close()
    if not create and not path.is_file():
        return None
    try:
        db = _connect(path, create)
    except sqlite3.DatabaseError:
        if not create:
            raise
        path.unlink(missing_ok=True)  # not a database (or another format): start afresh
        db = _connect(path, create)
    _state["db"], _state["db_path"] = db, path
    return db


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=10)
    try:
        if create:
            # A code is about 2.3 KB: with the default 4 KB pages each would
            # take a page of its own, twice the file.
            db.execute("PRAGMA page_size = 32768")
            db.execute("CREATE TABLE IF NOT EXISTS codes (key TEXT PRIMARY KEY, svg TEXT NOT NULL)")
        db.execute("SELECT 1 FROM codes LIMIT 1").fetchall()
    except sqlite3.Error:
        db.close()
        raise
    return db


def _close() -> None:
    db, _state["db"] = _state["db"], None
    if db is not None:
        db.close()
