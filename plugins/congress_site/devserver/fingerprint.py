"""A content fingerprint of what a generated page is made from: its
Markdown document and its template context.

The context is serialised exactly, never by a summary that could miss a
change: plain values by their repr, containers bracketed, dataclasses by
their fields, records by everything they hold (`__dict__`, so the fields
the loader fills and pydantic leaves out of its output count too),
functions by their code, defaults and closure. Nothing in it depends on
where an object lives in memory, so a page's key is the same in the next
build's process.

Pages share records and large containers (the repository's lists and
dicts), so each of those is serialised once per fingerprinter and stands
in every page as its digest. The memo is keyed by object id: a
fingerprinter serves one build, whose pages are all planned, and no longer
changed, before the first key is taken.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import types
from collections.abc import Callable, Iterable
from itertools import chain, repeat
from typing import Any

from pydantic import BaseModel

# Exact types serialised by their repr (subclasses take the longer way below).
_PLAIN = frozenset({int, float, bool, type(None), dt.date, dt.datetime})
# A container this long is memoised: pages share the repository's long
# lists and dicts, and a short one costs less to serialise again than to
# hash and remember.
_SHARED_LEN = 16

_Feed = Callable[[list[str], Any], None]

# SHA-256, cut to 128 bits: processors with SHA instructions hash it about
# twice as fast as BLAKE2b, and a publish at 10,000 stories hashes about
# 130 MB of page keys.
_HEX = 32


class Fingerprinter:
    def __init__(self, salt: str = "") -> None:
        self.salt = salt
        self._salted = hashlib.sha256(f"{len(salt)}:{salt}".encode())
        self._memo: dict[int, str] = {}  # object id → digest of its serialisation
        self._keep: list[Any] = []  # keeps memoised objects alive so ids stay unique
        self._ways: dict[type, _Feed] = {}  # how each class is serialised, found once per class
        self._heads: dict[tuple, str] = {}  # a record class with its field names → their serialisation

    def page(self, document: str, shown: Any) -> str:
        """`shown`: what the page's template receives (a page object)."""
        parts = [str(len(document)), ":", document]  # the length keeps document and context apart
        self._feed(parts, shown)
        h = self._salted.copy()
        h.update("".join(parts).encode("utf-8"))  # one update: far fewer calls than one per value
        return h.hexdigest()[:_HEX]

    def _feed(self, out: list[str], value: Any) -> None:
        """Append a serialisation of `value` to `out`."""
        kind = type(value)
        if kind is str:  # most of what a page shows: the common case first
            # By its length, not its repr: that escapes character by
            # character, slow on a story's body.
            out.append(f"{len(value)}:{value}")
        elif kind in _PLAIN:
            out.append(f"{value!r}|")
        else:
            way = self._ways.get(kind)
            if way is None:
                way = self._ways[kind] = self._way(kind)
            way(out, value)

    def _feed_all(self, out: list[str], values: Iterable[Any]) -> None:
        """`_feed` each value in turn; the plain ones, most of them, without
        a call each (the same as in `_feed`)."""
        feed = self._feed
        for value in values:
            kind = type(value)
            if kind is str:
                out.append(f"{len(value)}:{value}")
            elif kind in _PLAIN:
                out.append(f"{value!r}|")
            else:
                feed(out, value)

    def _way(self, kind: type) -> _Feed:
        if issubclass(kind, BaseModel):
            return self._record
        if issubclass(kind, dict):
            return self._shared(self._dict)
        if issubclass(kind, tuple):
            return self._shared(self._sequence("(", ")"))
        if issubclass(kind, list):
            return self._shared(self._sequence("[", "]"))
        if issubclass(kind, (set, frozenset)):
            return self._shared(self._set)
        if issubclass(kind, (str, int, float, dt.date, type, types.ModuleType)):
            return _by_repr  # subclasses of plain types (enums, Markup), classes, modules
        if issubclass(kind, types.FunctionType):
            return self._function
        if issubclass(kind, types.MethodType):
            return self._method
        if issubclass(kind, functools.partial):
            return self._partial
        if issubclass(kind, types.CodeType):
            return self._code
        if dataclasses.is_dataclass(kind):
            return self._dataclass(kind)
        return self._object

    # ------------------------------------------------------------ memoised

    def _digest(self, value: Any, serialise: _Feed) -> str:
        key = id(value)
        digest = self._memo.get(key)
        if digest is None:
            # Stands for the value if it is met again inside itself.
            self._memo[key] = "@"
            self._keep.append(value)
            parts: list[str] = []
            serialise(parts, value)
            digest = hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()[:_HEX]
            self._memo[key] = digest
        return digest

    def _record(self, out: list[str], obj: BaseModel) -> None:
        # Most pages show records seen before: the memo is looked at here first.
        out.append("M")
        out.append(self._memo.get(id(obj)) or self._digest(obj, self._record_fields))

    def _record_fields(self, out: list[str], obj: BaseModel) -> None:
        # Every attribute, not pydantic's dump: that leaves out the fields
        # marked exclude (a story's slug, path and body). The names are the
        # same for every record of a class: written once as its head.
        attributes = obj.__dict__
        names = (type(obj), tuple(attributes))
        head = self._heads.get(names)
        if head is None:
            head = self._heads[names] = f"{type(obj).__qualname__}{names[1]!r}"
        out.append(head)
        self._feed_all(out, attributes.values())
        self._feed(out, obj.__pydantic_extra__)
        self._feed(out, obj.__pydantic_private__)

    def _shared(self, serialise: _Feed) -> _Feed:
        def feed(out: list[str], value: Any) -> None:
            if len(value) < _SHARED_LEN:
                serialise(out, value)
            else:
                out.append("#")
                out.append(self._digest(value, serialise))
        return feed

    # -------------------------------------------------------------- shapes

    def _dict(self, out: list[str], value: dict) -> None:
        out.append("{")
        self._feed_all(out, chain.from_iterable(value.items()))  # in order: a template shows them in order
        out.append("}")

    def _sequence(self, opening: str, closing: str) -> _Feed:
        def feed(out: list[str], value: list | tuple) -> None:
            out.append(opening)
            self._feed_all(out, value)
            out.append(closing)
        return feed

    def _set(self, out: list[str], value: set | frozenset) -> None:
        out.append("<")
        for v in sorted(value, key=repr):  # a set's order changes from one process to the next
            self._feed(out, v)
        out.append(">")

    def _dataclass(self, kind: type) -> _Feed:
        head = f"{kind.__module__}.{kind.__qualname__}("
        names = [f.name for f in dataclasses.fields(kind)]

        def feed(out: list[str], value: Any) -> None:
            out.append(head)
            self._feed_all(out, map(getattr, repeat(value), names))
            out.append(")")
        return feed

    def _object(self, out: list[str], value: Any) -> None:
        attributes = getattr(value, "__dict__", None)
        if attributes is None:  # a built-in value: its repr is what it holds
            _by_repr(out, value)
            return
        kind = type(value)
        out.append(f"{kind.__module__}.{kind.__qualname__}(")
        self._dict(out, attributes)
        out.append(")")

    # A function's repr is its address, different in every process: it is
    # known by its code and by the values it closes over instead (a pager's
    # `url_of` is a lambda with the column in a default).

    def _function(self, out: list[str], fn: types.FunctionType) -> None:
        out.append("fn")
        out.append(self._digest(fn, self._function_parts))  # memoised: a recursive one is in its own closure

    def _function_parts(self, out: list[str], fn: types.FunctionType) -> None:
        out.append(f"{fn.__module__}.{fn.__qualname__}(")
        self._code(out, fn.__code__)
        self._feed(out, fn.__defaults__)
        self._feed(out, fn.__kwdefaults__)
        for cell in fn.__closure__ or ():
            try:
                self._feed(out, cell.cell_contents)
            except ValueError:  # a variable not yet assigned
                out.append("unset|")
        out.append(")")

    def _code(self, out: list[str], code: types.CodeType) -> None:
        out.append("code(")
        out.append(repr(code.co_code))
        self._feed(out, code.co_consts)  # nested functions' code objects too
        self._feed(out, code.co_names)
        out.append(")")

    def _method(self, out: list[str], method: types.MethodType) -> None:
        out.append("method(")
        self._feed(out, method.__func__)
        self._feed(out, method.__self__)
        out.append(")")

    def _partial(self, out: list[str], value: functools.partial) -> None:
        out.append("partial(")
        self._feed(out, value.func)
        self._feed(out, value.args)
        self._feed(out, value.keywords)
        out.append(")")


def _by_repr(out: list[str], value: Any) -> None:
    out.append(f"{value!r}|")
