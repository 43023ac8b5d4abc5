"""The kinds of one-record-per-file records: where their files live, which
model they load into and where the repository keeps them.

A record type that is one YAML file per record, named by its id, is added
here and nowhere else for loading, the "nothing lost" ledger, the copy
check's file list and the preview's error pages to know about it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .loader import load_record
from .meetings import Meeting
from .oversight import Oversight
from .records import LegislationRecord, Profile, Record, Station
from .source import Source

if TYPE_CHECKING:
    from .repository import Layout


@dataclass(frozen=True)
class RecordKind:
    label: str  # how messages name one: 代表编号“…”
    attr: str  # the Repository dict that holds them by id
    model: type[Record]
    folder: Callable[[Layout], Path]
    # The folder inside docs_dir (site-relative), when it is there: its files
    # are records, never pages to copy.
    docs_folder: str | None = None

    def load(self, file: Path, display: str) -> tuple[Record, Source]:
        return load_record(self.model, file, display)


RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("代表", "profiles", Profile, lambda lay: lay.profiles_dir),
    RecordKind("法规", "legislation", LegislationRecord, lambda lay: lay.docs_dir / "legislation", "legislation"),
    RecordKind("联络站", "stations", Station, lambda lay: lay.docs_dir / "stations", "stations"),
    RecordKind("会议", "meetings", Meeting, lambda lay: lay.docs_dir / "meetings", "meetings"),
    RecordKind("监督", "oversight", Oversight, lambda lay: lay.docs_dir / "oversight", "oversight"),
)

KIND_BY_ATTR = {kind.attr: kind for kind in RECORD_KINDS}

# Other record files and folders inside docs_dir (docs-relative; a folder
# ends in "/"): never pages to copy. Kinds above add their own folders.
OTHER_RECORD_SOURCES: tuple[str, ...] = ("columns.yml", "regions.yml", "style/", "suggestions/", "projects/")


def is_record_source(src_uri: str) -> bool:
    """Whether a file of docs_dir (by its docs-relative path) is a record or
    a word list rather than a page to publish."""
    sources = OTHER_RECORD_SOURCES + tuple(f"{k.docs_folder}/" for k in RECORD_KINDS if k.docs_folder)
    return any(src_uri == s or (s.endswith("/") and src_uri.startswith(s)) for s in sources)
