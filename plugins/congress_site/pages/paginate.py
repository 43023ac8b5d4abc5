"""Splitting a long list over numbered pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Pager(Generic[T]):
    items: Sequence[T]
    number: int
    count: int
    url_of: Callable[[int], str]

    @property
    def prev_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None

    def links(self) -> list[tuple[int, str]]:
        """Page numbers to show: first, last and two either side of this one."""
        shown = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        return [(n, self.url_of(n)) for n in shown]


def paginate(items: Sequence[T], url_of: Callable[[int], str], per_page: int) -> list[Pager[T]]:
    """Always at least one page, so an empty column still has its page."""
    count = max(1, -(-len(items) // per_page))
    return [Pager(items[i * per_page:(i + 1) * per_page], i + 1, count, url_of) for i in range(count)]
