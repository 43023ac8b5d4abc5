"""What the last index knew of each page, so the next one reads only the
pages that changed.

Deciding which shards to take over needs every page's year and a digest of
its record, and extracting a record means parsing the page: several seconds
for a large site, most of an index made after a one-story publish. The
index therefore leaves beside it, per page, the file's identity (inode,
size, modification time in nanoseconds) with the year and record digest it
found. A page whose file is still that file (a page a build took over from
the published site is a hard link to it) is not read again; any other page
is, and so is every page of a shard that is indexed anew.

The file is written by the indexer only, into the index it belongs to, and
is ignored when it was made by other code or another Pagefind (its salt).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..atomicfile import write_atomic

FILE = "congress-search-pages.json"
FORMAT = 1


@dataclass(frozen=True)
class Known:
    """A page as the index knows it: its year ("" for none) and record
    digest, or no record (a page without `data-pagefind-body`)."""

    year: str | None
    digest: str | None


def identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


class PageMemory:
    def __init__(self, salt: str, pages: dict[str, list] | None = None) -> None:
        self.salt = salt
        self.pages: dict[str, list] = pages or {}

    @classmethod
    def read(cls, index: Path | None, salt: str) -> PageMemory:
        """The memory left in a previous index folder, or an empty one."""
        if index is None:
            return cls(salt)
        try:
            data = json.loads((index / FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return cls(salt)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("salt") != salt \
                or not isinstance(data.get("pages"), dict):
            return cls(salt)
        return cls(salt, {k: v for k, v in data["pages"].items() if _valid(v)})

    def recall(self, rel: str, ident: tuple[int, int, int] | None) -> Known | None:
        """What is known of the page at `rel` if its file is the one the
        memory describes, else None."""
        entry = self.pages.get(rel)
        if entry is None or ident is None or tuple(entry[:3]) != ident:
            return None
        return Known(entry[3], entry[4])

    def remember(self, rel: str, ident: tuple[int, int, int], known: Known) -> None:
        self.pages[rel] = [*ident, known.year, known.digest]

    def write(self, index: Path) -> None:
        # A new file, never written through: the old one may be a link into the published index.
        write_atomic(index / FILE, json.dumps({"format": FORMAT, "salt": self.salt, "pages": self.pages},
                                              ensure_ascii=False, separators=(",", ":")))


def _valid(entry: object) -> bool:
    return (isinstance(entry, list) and len(entry) == 5 and all(type(n) is int for n in entry[:3])
            and (entry[3] is None or isinstance(entry[3], str)) and (entry[4] is None or isinstance(entry[4], str))
            and (entry[3] is None) == (entry[4] is None))
