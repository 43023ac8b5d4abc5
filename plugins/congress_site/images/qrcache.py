"""Drawn QR codes, kept across renders, `serve` rebuilds and builds.

A site draws one code per profile and one print-only code per story page;
each costs a few milliseconds to encode and draw, the same every build.
Codes are kept in memory by their arguments, and in one JSON file in the
build cache between builds. The key includes a hash of the drawing code
and Segno's version, so a change to either redraws everything; after a full
build `save` keeps only the codes it used, so the file does not grow forever.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import segno

from .cache import write_atomic

_HERE = Path(__file__).parent
_SALT = hashlib.sha256(
    segno.__version__.encode() + b"".join((_HERE / name).read_bytes() for name in ("qr.py", "qrmask.py", "qrplace.py", "qrsvg.py"))
).hexdigest()[:16]

_entries: dict[str, str] = {}
_used: set[str] = set()
_state = {"loaded": None, "dirty": False}


def _key(url: str, options: dict) -> str:
    return hashlib.sha1(json.dumps([_SALT, url, options], ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def cached(draw: Callable[..., str], url: str, **options) -> str:
    """`draw(url, **options)`, computed once for the same arguments."""
    key = _key(url, options)
    svg = _entries.get(key)
    if svg is None and _ahead["futures"]:
        _collect()
        svg = _entries.get(key)
    if svg is None:
        svg = draw(url, **options)
        _entries[key] = svg
        _state["dirty"] = True
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
            _state["dirty"] = True
    _ahead["futures"] = waiting  # a chunk that failed is simply drawn by the build


def _draw_all(draw: Callable[..., str], requests: list[tuple[str, str, dict]]) -> dict[str, str]:
    return {key: draw(url, **options) for key, url, options in requests}


def load(path: Path) -> None:
    """Start a build: read the codes kept by the last one (once per file;
    `serve` keeps them in memory). A damaged file is simply a miss."""
    _used.clear()
    if _state["loaded"] == str(path):
        return
    _state["loaded"], _state["dirty"] = str(path), False
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(data, dict) and data.get("salt") == _SALT and isinstance(data.get("codes"), dict):
        _entries.update({k: v for k, v in data["codes"].items() if isinstance(v, str)})

def save(path: Path, prune: bool = True) -> None:
    """End a build: write the codes down. `prune` (a full build, which drew
    every page) drops the codes this build did not use; a `serve` rebuild
    that re-rendered only some pages must not. Never fails the build."""
    unused = [k for k in _entries if k not in _used] if prune else []
    if not (_state["dirty"] or unused):
        return
    for key in unused:
        del _entries[key]
    try:
        write_atomic(Path(path), json.dumps({"salt": _SALT, "codes": _entries}, ensure_ascii=False).encode())
    except OSError:
        return
    _state["dirty"] = False
