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
        self._memo: dict[int, str] = {}
        self._keep: list[Any] = []  # keeps memoised objects alive so ids stay unique

    def page(self, document: str, shown: Any) -> str:
        """`shown`: what the page's template receives (a page object)."""
        h = hashlib.blake2b(self.salt.encode(), digest_size=16)
        h.update(document.encode("utf-8"))
        parts: list[str] = []
        self._feed(parts, shown)
        h.update("".join(parts).encode("utf-8"))  # one update: far fewer calls than one per value
        return h.hexdigest()

    def _record(self, obj: BaseModel) -> str:
        key = id(obj)
        digest = self._memo.get(key)
        if digest is None:
            # repr covers every field, the loader-filled ones (slug, body) included.
            digest = hashlib.blake2b(repr(obj).encode("utf-8"), digest_size=16).hexdigest()
            self._memo[key] = digest
            self._keep.append(obj)
        return digest

    def _feed(self, out: list[str], value: Any) -> None:
        """Append a serialisation of `value` to `out`: values by their repr,
        containers bracketed, records by their digest."""
        if type(value) in _PLAIN:  # most of what a page shows: the common case first
            out.append(repr(value))
            out.append("|")
        elif isinstance(value, BaseModel):
            out.append("M")
            out.append(self._record(value))
        elif isinstance(value, dict):
            out.append("{")
            for k, v in value.items():
                self._feed(out, k)
                self._feed(out, v)
            out.append("}")
        elif isinstance(value, (list, tuple)):
            out.append("[")
            for v in value:
                self._feed(out, v)
            out.append("]")
        elif isinstance(value, (set, frozenset)):
            out.append("<")
            for v in sorted(value, key=repr):
                self._feed(out, v)
            out.append(">")
        elif value is None or isinstance(value, (str, int, float, bool, dt.date)):
            out.append(repr(value))
            out.append("|")
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            out.append(type(value).__name__)
            for f in dataclasses.fields(value):
                self._feed(out, getattr(value, f.name))
        elif hasattr(value, "__dict__"):
            out.append(type(value).__name__)
            self._feed(out, vars(value))
        else:
            out.append(repr(value))
