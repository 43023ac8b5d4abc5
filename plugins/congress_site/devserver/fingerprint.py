"""A content fingerprint of what a generated page is made from: its
Markdown document and its template context. Records are shared by many
pages, so each record is hashed once per build (memo keyed by object id)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from typing import Any

from pydantic import BaseModel

# Exact types hashed by their repr (subclasses take the longer way below).
_PLAIN = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})


class Fingerprinter:
    def __init__(self, salt: str = "") -> None:
        self.salt = salt
        self._memo: dict[int, bytes] = {}
        self._keep: list[Any] = []  # keeps memoised objects alive so ids stay unique

    def page(self, document: str, shown: Any) -> str:
        """`shown`: what the page's template receives (a page object)."""
        h = hashlib.blake2b(self.salt.encode(), digest_size=16)
        h.update(document.encode("utf-8"))
        self._feed(h, shown)
        return h.hexdigest()

    def _record(self, obj: BaseModel) -> bytes:
        key = id(obj)
        digest = self._memo.get(key)
        if digest is None:
            # repr covers every field, the loader-filled ones (slug, body) included.
            digest = hashlib.blake2b(repr(obj).encode("utf-8"), digest_size=16).digest()
            self._memo[key] = digest
            self._keep.append(obj)
        return digest

    def _feed(self, h, value: Any) -> None:
        if type(value) in _PLAIN:  # most of what a page shows: the common case first
            h.update(repr(value).encode("utf-8"))
            h.update(b"|")
        elif isinstance(value, BaseModel):
            h.update(b"M")
            h.update(self._record(value))
        elif isinstance(value, dict):
            h.update(b"{")
            for k, v in value.items():
                self._feed(h, k)
                self._feed(h, v)
            h.update(b"}")
        elif isinstance(value, (list, tuple)):
            h.update(b"[")
            for v in value:
                self._feed(h, v)
            h.update(b"]")
        elif isinstance(value, (set, frozenset)):
            h.update(b"<")
            for v in sorted(value, key=repr):
                self._feed(h, v)
            h.update(b">")
        elif value is None or isinstance(value, (str, int, float, bool, dt.date)):
            h.update(repr(value).encode("utf-8"))
            h.update(b"|")
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            h.update(type(value).__name__.encode())
            for f in dataclasses.fields(value):
                self._feed(h, getattr(value, f.name))
        elif hasattr(value, "__dict__"):
            h.update(type(value).__name__.encode())
            self._feed(h, vars(value))
        else:
            h.update(repr(value).encode("utf-8"))
