"""The typed records: what a profile, story, legislation record, column and
liaison station are. Loading and error reporting live in `loader.py`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .phone import check_phone, phone_text
from .vocab import (
    FLOATING_STAGES,
    STATUS_OF_STAGE,
    LawDocumentKind,
    Level,
    Stage,
    StationType,
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
# A public office or service number (model/phone.py says which shapes pass).
PhoneNumber = Annotated[str, BeforeValidator(phone_text), StringConstraints(max_length=40),
                        AfterValidator(check_phone)]
# Where residents leave a message: an e-mail address or a web address.
Channel = Annotated[str, StringConstraints(
    strip_whitespace=True, max_length=300,
    pattern=r"^(?:[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|https?://[^\s<>\"'`]+)$")]


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
    # An id from content/regions.yml, resolved by the repository.
    region: Text | None = None
    station: Id | None = None
    occupation: Text | None = None
    groups: list[Text] = []
    photo: Text | None = None
    bio: LongText | None = None
    reception: Text | None = None
    duty: Duty = Duty()

    @field_validator("levels", mode="before")
    @classmethod
    def _full_width(cls, value):
        # 县(市、区) typed with ASCII brackets is the same level (the copy
        # checker still asks for the full-width form in the file).
        if isinstance(value, list):
            return [v.replace("(", "（").replace(")", "）") if isinstance(v, str) else v for v in value]
        return value


# ----------------------------------------------------------------- stories

class Story(Record):
    title: Text
    date: dt.date
    column: Id
    authors: list[Text] = Field(min_length=1)
    # An id from content/regions.yml; a place outside the jurisdiction (or a
    # street inside it) goes in `place` as free text.
    region: Text | None = None
    place: Text | None = None
    representatives: list[Id] = []
    legislation: list[Id] = []
    meetings: list[Id] = []
    oversight: list[Id] = []
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


# ------------------------------------------------ documents beside a record

# A document's file sits in a folder named for its record (for a law,
# content/legislation/<id>/): a plain lower-case name, no folders, in a format
# the site publishes (Markdown as a page, PDF and DOCX as downloads).
FileName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120,
                                            pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:md|pdf|docx)$")]


class DocumentEntry(Record):
    """What every `documents:` entry says; each record type adds its `kind`."""

    title: Text
    date: dt.date
    file: FileName

    @property
    def name(self) -> str:
        return self.file.rsplit(".", 1)[0]

    @property
    def format(self) -> str:
        return self.file.rsplit(".", 1)[1]


class LawDocument(DocumentEntry):
    kind: LawDocumentKind


# ------------------------------------------------------------ consultation

def _digits_as_text(value):
    # YAML reads an unquoted postcode or phone number as a number.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Email = Annotated[str, StringConstraints(
    strip_whitespace=True, max_length=120,
    pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
Phone = Annotated[str, BeforeValidator(_digits_as_text),
                  StringConstraints(strip_whitespace=True, max_length=40, pattern=r"^\+?[0-9(][0-9 ()-]{4,38}[0-9]$")]
WebUrl = Annotated[str, StringConstraints(
    strip_whitespace=True, max_length=300,
    pattern=r"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?(?:[/?#][^\s<>\"'`]*)?$")]
Postcode = Annotated[str, BeforeValidator(_digits_as_text), StringConstraints(pattern=r"^\d{6}$")]


class PostalAddress(Record):
    address: Text
    postcode: Postcode
    recipient: Text | None = None
    note: Text | None = None  # e.g. 请在信封上注明“……征求意见”


class Channels(Record):
    """How the public can send opinions during a comment window."""

    email: Email | None = None
    post: PostalAddress | None = None
    online: WebUrl | None = None
    phone: Phone | None = None
    fax: Phone | None = None
    stations: list[Id] = []

    @model_validator(mode="after")
    def _some(self) -> Channels:
        if not (self.email or self.post or self.online or self.phone or self.fax or self.stations):
            raise ValueError("channels_empty")
        return self


class Feedback(Record):
    """What became of the opinions once the window closed."""

    received: int | None = Field(default=None, ge=0)
    adopted: int = Field(default=0, ge=0)
    partly_adopted: int = Field(default=0, ge=0)
    not_adopted: int = Field(default=0, ge=0)
    summary: LongText
    report: FileName | None = None
    date: dt.date | None = None

    @property
    def counted(self) -> int:
        return self.adopted + self.partly_adopted + self.not_adopted

    @model_validator(mode="after")
    def _counts(self) -> Feedback:
        if self.received is not None and self.counted > self.received:
            raise ValueError("feedback_counts:adopted")
        return self


# ------------------------------------------------------------- legislation

# URLs under /legislation/ that are pages of their own, not laws.
RESERVED_LAW_IDS = frozenset({"plans", "consultations"})


class Origin(Record):
    type: Text = "常委会立项"
    proposers: list[Id] = []


class Gathered(Record):
    """Opinions on a draft gathered through one station (a 基层立法联系点
    above all): its page lists the law with this count, or without one
    while the consultation is still open."""

    station: Id
    opinions: int | None = Field(default=None, ge=0)


class StageEntry(Record):
    stage: Stage
    date: dt.date | None = None
    opens: dt.date | None = None
    closes: dt.date | None = None
    opinions: int | None = Field(default=None, ge=0)
    gathered: list[Gathered] = []
    note: Text | None = None
    # 征求意见: how to comment, the document open for comment, and afterwards
    # what became of the opinions.
    channels: Channels | None = None
    document: FileName | None = None
    feedback: Feedback | None = None
    # 批准: the day the law went to the provincial 常委会 (the clock starts).
    submitted: dt.date | None = None
    # The meeting (content/meetings/<id>.yml) where the stage happened.
    meeting: Id | None = None

    @model_validator(mode="after")
    def _dates(self) -> StageEntry:
        if self.stage == "征求意见":
            if self.opens is None or self.closes is None:
                raise ValueError("comment_window_dates")
            if self.closes < self.opens:
                raise ValueError("comment_window_order:closes")
            self._check_feedback()
        elif self.channels or self.document or self.feedback:
            raise ValueError("consult_fields")
        elif self.date is None and not (self.stage == "批准" and self.submitted):
            raise ValueError("stage_date_missing")
        if self.submitted and self.stage != "批准":
            raise ValueError("submitted_stage:submitted")
        if self.submitted and self.date and self.date < self.submitted:
            raise ValueError("approval_before_submission:date")
        if self.gathered and self.stage != "征求意见":
            raise ValueError("gathered_stage")
        if self.opinions is not None and sum(g.opinions or 0 for g in self.gathered) > self.opinions:
            raise ValueError("gathered_total")
        return self

    def _check_feedback(self) -> None:
        fb = self.feedback
        if fb is None:
            return
        if fb.received is not None and self.opinions is not None and fb.received != self.opinions:
            raise ValueError("feedback_mismatch:opinions")
        if self.received is None:
            raise ValueError("feedback_received:feedback")
        if fb.counted > self.received:
            raise ValueError("feedback_counts:feedback")

    @property
    def when(self) -> dt.date:
        return self.date or self.opens or self.submitted  # type: ignore[return-value]

    @property
    def label(self) -> str:
        """The stage as a reader should see it: a law sent to the province
        and not yet approved is 报请批准, not 批准."""
        return "报请批准" if self.stage == "批准" and self.date is None else self.stage

    @property
    def received(self) -> int | None:
        """Opinions received: the feedback's count, else the stage's."""
        if self.feedback and self.feedback.received is not None:
            return self.feedback.received
        return self.opinions


class LegislationRecord(Record):
    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^《[^《》]+》$")]
    kind: Text = "地方性法规"
    body: Text
    summary: Summary | None = None
    origin: Origin = Origin()
    stages: list[StageEntry] = Field(min_length=1)
    documents: list[LawDocument] = []

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_LAW_IDS:
            raise ValueError("reserved_id")
        return value

    @field_validator("documents")
    @classmethod
    def _distinct_files(cls, documents: list[LawDocument]) -> list[LawDocument]:
        seen: set[str] = set()
        for i, doc in enumerate(documents):
            if doc.file in seen:
                raise ValueError(f"document_duplicate:{i}")
            seen.add(doc.file)
        return documents

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


class Liaison(Record):
    """联络员: who keeps a station. Public contact only: a name, a role and
    at most the office number, never a private mobile."""

    name: Text
    role: Text | None = None
    phone: PhoneNumber | None = None


class Station(Record):
    id: Id
    name: Text
    type: StationType
    # The station this one belongs to: the network is a tree.
    parent: Id | None = None
    # An id from content/regions.yml.
    region: Text | None = None
    address: Text | None = None
    hours: Text | None = None
    schedule: Text | None = None
    receptions: list[ReceptionRule] = []
    phone: PhoneNumber | None = None
    liaisons: list[Liaison] = []
    messages: Channel | None = None
    description: LongText | None = None
