"""The typed records: what a profile, story, legislation record, column and
liaison station are. Loading and error reporting live in `loader.py`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .vocab import (
    FLOATING_STAGES,
    STATUS_OF_STAGE,
    Level,
    Stage,
    StationLevel,
    stage_rank,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
# Record text is plain text: no field needs HTML, so angle brackets are refused
# outright rather than sanitised (story bodies are Markdown and handled apart).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^<>]*$")]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000, pattern=r"^[^<>]*$")]
# What a page says of itself in search results and share cards (its
# description): one or two sentences, never empty when given.
Summary = Text


class Record(BaseModel):
    # Unknown keys are errors: a misspelt key would otherwise vanish silently.
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


# ---------------------------------------------------------------- profiles

class Duty(Record):
    """Counts the office keeps per representative. Suggestions are records
    of their own (content/suggestions/<year>.yml) that point here by id."""

    reception_days: int = Field(default=0, ge=0)
    visits: int = Field(default=0, ge=0)


class Profile(Record):
    id: Id
    name: Text
    levels: list[Level] = Field(min_length=1)
    term: Text | None = None
    constituency: Text | None = None
    region: Text | None = None
    station: Id | None = None
    occupation: Text | None = None
    groups: list[Text] = []
    photo: Text | None = None
    bio: LongText | None = None
    reception: Text | None = None
    duty: Duty = Duty()


# ----------------------------------------------------------------- stories

class Story(Record):
    title: Text
    date: dt.date
    column: Id
    authors: list[Text] = Field(min_length=1)
    region: Text | None = None
    representatives: list[Id] = []
    legislation: list[Id] = []
    # A tag becomes a folder name: no slashes, dots or URL syntax, nor
    # characters Windows refuses in file names (editors preview there).
    tags: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20,
                                                pattern=r"^[^<>/\\?#%&.\"'\s:*|]+$")]] = []
    summary: Summary | None = None
    cover: Text | None = None
    cover_alt: Text | None = None
    cover_caption: Text | None = None
    source: Text | None = None
    draft: bool = False
    # Per-file options for the copy checker, e.g. {disable: [rule-code, ...]};
    # read by congress_site.lint, not by the model.
    lint: dict | None = None
    # Filled by the loader, not by the correspondent.
    slug: str = Field(default="", exclude=True)
    path: str = Field(default="", exclude=True)
    body: str = Field(default="", exclude=True)
    body_line: int = Field(default=1, exclude=True)

    @model_validator(mode="after")
    def _cover_needs_alt(self) -> Story:
        if self.cover and not self.cover_alt:
            raise ValueError("cover_alt_missing")
        return self

    def held_back(self, today: dt.date) -> str | None:
        """Why this story is not published on `today`, or None."""
        if self.draft:
            return "草稿"
        if self.date > today:
            return "未到发布日期"
        return None


# ------------------------------------------------------------- legislation

class Origin(Record):
    type: Text = "常委会立项"
    proposers: list[Id] = []


class StageEntry(Record):
    stage: Stage
    date: dt.date | None = None
    opens: dt.date | None = None
    closes: dt.date | None = None
    opinions: int | None = Field(default=None, ge=0)
    note: Text | None = None

    @model_validator(mode="after")
    def _dates(self) -> StageEntry:
        if self.stage == "征求意见":
            if self.opens is None or self.closes is None:
                raise ValueError("comment_window_dates")
            if self.closes < self.opens:
                raise ValueError("comment_window_order")
        elif self.date is None:
            raise ValueError("stage_date_missing")
        return self

    @property
    def when(self) -> dt.date:
        return self.date or self.opens  # type: ignore[return-value]


class LegislationRecord(Record):
    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^《[^《》]+》$")]
    kind: Text = "地方性法规"
    body: Text
    summary: Summary | None = None
    origin: Origin = Origin()
    stages: list[StageEntry] = Field(min_length=1)

    @field_validator("stages")
    @classmethod
    def _ordered(cls, stages: list[StageEntry]) -> list[StageEntry]:
        for i in range(1, len(stages)):
            before, after = stages[i - 1], stages[i]
            if after.when < before.when:
                raise ValueError(f"stage_dates_backwards:{i}")
            fixed = [s for s in stages[:i] if s.stage not in FLOATING_STAGES]
            if after.stage not in FLOATING_STAGES and fixed and stage_rank(after.stage) < stage_rank(fixed[-1].stage):
                raise ValueError(f"stage_order:{i}")
            if after.stage == fixed[-1].stage if fixed else False:
                if after.stage not in ("执法检查", "立法后评估", "修改"):
                    raise ValueError(f"stage_repeated:{i}")
        return stages

    def reached(self, today: dt.date) -> list[StageEntry]:
        return [s for s in self.stages if s.when <= today]

    def current(self, today: dt.date) -> StageEntry | None:
        """The latest stage reached by `today`: derived, never typed by hand."""
        done = self.reached(today)
        return done[-1] if done else None

    def status(self, today: dt.date) -> str:
        cur = self.current(today)
        if cur is None:
            return "立项起草"
        if self.open_window(today):
            return "征求意见"
        if cur.stage == "征求意见":
            # The window has closed; the record sits in the stage before it.
            fixed = [s for s in self.reached(today) if s.stage != "征求意见"]
            return STATUS_OF_STAGE[fixed[-1].stage] if fixed else "立项起草"
        return STATUS_OF_STAGE[cur.stage]

    def lastmod(self, today: dt.date) -> dt.date:
        """The latest date on the record that has passed: a stage reached or
        a comment window closed. Records whose stages are all ahead count
        from their first stage."""
        days = [d for s in self.stages for d in (s.date, s.opens, s.closes) if d and d <= today]
        return max(days) if days else self.stages[0].when

    def open_window(self, today: dt.date) -> StageEntry | None:
        for s in self.stages:
            if s.stage == "征求意见" and s.opens <= today <= s.closes:  # type: ignore[operator]
                return s
        return None


# ------------------------------------------------------ columns and stations

class Column(Record):
    id: Id
    name: Text
    description: Summary | None = None
    editor: Text | None = None
    order: int = 0


class ReceptionRule(Record):
    """A recurring reception day, for the calendar feed: every week on a
    weekday (1 = Monday) or every month on a day of the month."""

    weekday: int | None = Field(default=None, ge=1, le=7)
    monthday: int | None = Field(default=None, ge=1, le=31)
    start: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:00"
    end: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "11:30"

    @model_validator(mode="after")
    def _one_rule(self) -> ReceptionRule:
        if (self.weekday is None) == (self.monthday is None):
            raise ValueError("reception_rule")
        return self


class Station(Record):
    id: Id
    name: Text
    level: StationLevel
    region: Text | None = None
    address: Text | None = None
    schedule: Text | None = None
    receptions: list[ReceptionRule] = []
    description: LongText | None = None
