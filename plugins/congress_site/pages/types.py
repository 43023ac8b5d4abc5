"""The pages a site has, one type each: what the page shows (its record and
neighbours) and where it lives. Templates receive the page object as `cx`.

Free of MkDocs: an adapter turns each page into whatever its engine builds
from (`document()` is the Markdown file MkDocs reads).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..findings import Finding
from ..model import Column, LegislationRecord, Profile, Station, Story
from ..model.repository import Held
from . import routes
from .paginate import Pager


@dataclass(kw_only=True)
class Page:
    template: ClassVar[str]
    # Material's sidebars to hide: every generated page hides the menu
    # sidebar; only stories keep their table of contents.
    hide: ClassVar[tuple[str, ...]] = ("navigation", "toc")

    url: str
    title: str
    markdown: str = ""
    # The record file shown, for the link checker to trace a broken link
    # back to the file a correspondent can fix.
    source: str | None = None
    # Newest dated thing on the page (the sitemap's lastmod).
    lastmod: dt.date | None = None
    # Why a page shown in preview would not be published.
    banner: str | None = None

    @property
    def src_uri(self) -> str:
        return routes.src_uri(self.url)

    @property
    def column(self) -> Column | None:
        """The column a page belongs to (its feed is offered on the page)."""
        return None

    def document(self) -> str:
        """The Markdown file the engine reads. Only our own keys go in the
        front matter: a story's own front matter never reaches the engine."""
        meta = {"template": self.template, "title": self.title}
        head = "\n".join(f"{k}: {_yaml_string(v)}" for k, v in meta.items())
        return f"---\n{head}\n---\n\n{self.markdown}"


# ------------------------------------------------------------------ stories

@dataclass(kw_only=True)
class StoryPage(Page):
    template: ClassVar[str] = "story.html"
    hide: ClassVar[tuple[str, ...]] = ("navigation",)

    story: Story
    story_column: Column | None
    people: list[Profile]
    laws: list[LegislationRecord]
    older: Story | None = None
    newer: Story | None = None
    # The meetings and oversight records the story cites.
    meetings: list[Any] = field(default_factory=list)
    oversight: list[Any] = field(default_factory=list)

    @property
    def column(self) -> Column | None:
        return self.story_column


@dataclass(kw_only=True)
class ColumnPage(Page):
    template: ClassVar[str] = "column.html"

    own_column: Column
    pager: Pager[Story]
    total: int

    @property
    def column(self) -> Column | None:
        return self.own_column


@dataclass(kw_only=True)
class ListingPage(Page):
    """One page of the stories with a tag, or of a year."""

    template: ClassVar[str] = "listing.html"

    heading: str
    label: str
    pager: Pager[Story]
    total: int


@dataclass(kw_only=True)
class TagsPage(Page):
    template: ClassVar[str] = "tags.html"

    tags: list[tuple[str, int]]


@dataclass(kw_only=True)
class ArchivePage(Page):
    template: ClassVar[str] = "archive.html"

    years: list[tuple[int, int]]
    columns: list[tuple[Column, int]] = field(default_factory=list)  # with their number of stories


# ------------------------------------------------------------------- people

@dataclass(kw_only=True)
class ProfilePage(Page):
    template: ClassVar[str] = "profile.html"

    profile: Profile
    station: Station | None
    stories: list[Story]
    story_count: int
    laws: list[LegislationRecord]
    proposed: set[str]
    # pages.suggestions.PersonSuggestions: the suggestions that name this person.
    suggestions: Any = None
    contact: Any = None  # network.ProfileContact: 联系这位代表
    region_names: list[str] = field(default_factory=list)  # the person's region and those above, top first
    # Meetings the person attended or was appointed at; oversight taken part in.
    meetings: list[Any] = field(default_factory=list)
    oversight: list[Any] = field(default_factory=list)


@dataclass(kw_only=True)
class DirectoryPage(Page):
    """One page of the representatives' directory, in pinyin order."""

    template: ClassVar[str] = "representatives.html"

    pager: Pager[Profile]
    total: int
    # The index by initial on every page: (letter, url of the page where
    # the letter starts, how many people), and the profile ids that start
    # a letter on this page (their cards carry the letter's anchor).
    letters: list[tuple[str, str, int]]
    letter_starts: dict[str, str]
    levels: list[str]
    groups: list[str]
    stations: list[Station]
    # The filter by place: (region id, name, depth) of the regions people live in,
    # and each person's region with the regions above it.
    regions: list[tuple[str, str, int]] = field(default_factory=list)
    region_chains: dict[str, str] = field(default_factory=dict)


# -------------------------------------------------------------- legislation

@dataclass(kw_only=True)
class LegislationPage(Page):
    template: ClassVar[str] = "legislation.html"

    record: LegislationRecord
    current: Any  # StageEntry | None
    status: str
    window: Any  # the open 征求意见 StageEntry, or None
    proposers: list[Profile]
    stories: list[Story]
    today: dt.date
    # Documents with their URLs, comment windows (model.consultation), the
    # plans that list the law as (plan, item), the approval clock, and what
    # each stage means (pages.stages).
    documents: list[tuple[Any, str]] = field(default_factory=list)
    consultations: list[Any] = field(default_factory=list)
    plans: list[tuple[Any, Any]] = field(default_factory=list)
    approval: Any = None
    explain: dict[str, Any] = field(default_factory=dict)

    @property
    def open_consultation(self) -> Any:
        return next((c for c in self.consultations if c.state == "open"), None)

    @property
    def published_text(self) -> tuple[Any, str] | None:
        """The law as published (公布文本), with its URL: the text a resident
        looks for once the law is passed."""
        return next(((d, url) for d, url in reversed(self.documents) if d.kind == "公布文本"), None)
    # Each stage's meeting by the stage's index, every meeting that
    # considered the law, its 公告 (pages.institution.Announcement) and the
    # oversight of it.
    stage_meetings: dict[int, Any] = field(default_factory=dict)
    meetings: list[Any] = field(default_factory=list)
    announcements: list[Any] = field(default_factory=list)
    oversight: list[Any] = field(default_factory=list)


@dataclass
class TrackerRow:
    record: LegislationRecord
    status: str
    current: Any
    window: Any
    reached: set[str]


@dataclass(kw_only=True)
class TrackerPage(Page):
    template: ClassVar[str] = "tracker.html"

    pager: Pager[TrackerRow]
    total: int
    milestones: tuple[str, ...]
    statuses: tuple[str, ...]
    explain: dict[str, Any] = field(default_factory=dict)
    open_consultations: int = 0
    plan_years: list[int] = field(default_factory=list)


# -------------------------------------------------------------------- site

@dataclass(kw_only=True)
class HomePage(Page):
    template: ClassVar[str] = "home.html"

    columns: list[tuple[Column, list[Story]]]
    in_progress: list[tuple[LegislationRecord, str, Any]]
    people: list[Profile]
    counts: dict[str, int]
    # Open comment windows (model.consultation), each with its draft's URL.
    consultations: list[tuple[Any, str | None]] = field(default_factory=list)


@dataclass(kw_only=True)
class SearchPage(Page):
    template: ClassVar[str] = "search.html"


# ------------------------------------------------------------ preview only

@dataclass(kw_only=True)
class RecordErrorPage(Page):
    """At the URL a broken record would have had: why it is not shown."""

    template: ClassVar[str] = "cx-preview-error.html"

    path: str
    reason: str
    findings: list[Finding]


@dataclass(kw_only=True)
class EditorsPage(Page):
    """/editors/: what editors must look at before publishing."""

    template: ClassVar[str] = "cx-editors.html"

    drafts: list[Story]
    embargoed: list[Story]
    failed: list[tuple[Held, str | None]]
    findings: dict[str, list[Finding]]
    errors: int
    warnings: int
    today: dt.date


# Characters YAML refuses or folds inside a double-quoted scalar and JSON
# leaves raw; written as escapes. Astral characters (rare CJK in names) stay
# raw: JSON would escape them as surrogate pairs, which YAML refuses.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _yaml_string(value: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))
