"""Parsed records kept across `serve` rebuilds, keyed by the file's path,
modification time and size: an unchanged file is not read or validated
again. The plugin object lives as long as `mkdocs serve`, and so does this."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..findings import CongressError


class RecordCache:
    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[tuple[int, int], Any]] = {}
        self.hits = 0
        self.misses = 0

    def __call__(self, path: Path, display: str, loader: Callable[[Path, str], Any]) -> Any:
        """`loader(path, display)`, or its remembered result (or error)."""
        key = (str(path), loader.__name__)
        try:
            st = os.stat(path)
        except OSError:
            self._entries.pop(key, None)
            return loader(path, display)  # let the loader report it
        stamp = (st.st_mtime_ns, st.st_size)
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            self.hits += 1
            kind, value = entry[1]
            if kind == "error":
                raise CongressError(value)
            return value
        self.misses += 1
        try:
            value = loader(path, display)
        except CongressError as exc:
            self._entries[key] = (stamp, ("error", exc.findings))
            raise
        self._entries[key] = (stamp, ("ok", value))
        return value

    def forget_missing(self) -> None:
        """Drop entries of files that no longer exist."""
        for key in [k for k in self._entries if not os.path.exists(k[0])]:
            del self._entries[key]
