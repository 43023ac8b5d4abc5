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
from collections.abc import Callable
from pathlib import Path

import segno

from .cache import write_atomic

_HERE = Path(__file__).parent
_SALT = hashlib.sha256(
    segno.__version__.encode() + (_HERE / "qr.py").read_bytes() + (_HERE / "qrmask.py").read_bytes()
).hexdigest()[:16]

_entries: dict[str, str] = {}
_used: set[str] = set()
_state = {"loaded": None, "dirty": False}

def cached(draw: Callable[..., str], url: str, **options) -> str:
    """`draw(url, **options)`, computed once for the same arguments."""
    key = hashlib.sha1(json.dumps([_SALT, url, options], ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    svg = _entries.get(key)
    if svg is None:
        svg = draw(url, **options)
        _entries[key] = svg
        _state["dirty"] = True
    _used.add(key)
    return svg

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
