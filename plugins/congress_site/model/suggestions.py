"""代表建议 as records: one YAML list per year (`content/suggestions/<year>.yml`,
the shape a 建议办理 system exports), the rules a suggestion's handling must
follow, and the rates reported on it, computed here and nowhere else.

A suggestion is 交办 to one 主办单位 (with any 会办单位), answered in writing
with a category (A/B/C), and evaluated by its 领衔代表; the 常委会 may put it
under 重点督办 and a 副市长 may 领办 it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Annotated

from pydantic import PrivateAttr, StringConstraints, field_validator, model_validator

from ..findings import CongressError, Finding
from .loader import _validate
from .records import Id, LongText, Record, Text
from .source import Source
from .vocab import (
    ANSWERED_STATUSES,
    SATISFACTIONS,
    SUGGESTION_STATUSES,
    VERDICTS,
    AnswerClass,
    Satisfaction,
    SuggestionStatus,
)
from .yearfile import read_year_file

# 编号 is part of a URL: letters, digits and hyphens (e.g. 012, B-03).
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20,
                                        pattern=r"^[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*$")]
# A handling unit or category names a page folder and a filter value: no
# slashes, dots, spaces or URL syntax.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40,
                                        pattern=r"^[^<>/\\?#%&.\"'\s:*|]+$")]


class Suggestion(Record):
    number: Code
    session: Text
    title: Text
    lead: Id
    cosigners: list[Id] = []
    category: Name
    unit: Name
    co_units: list[Name] = []
    assigned: dt.date
    status: SuggestionStatus
    answer: AnswerClass | None = None
    answered: dt.date | None = None
    reply: LongText | None = None
    satisfaction: Satisfaction = "未反馈"
    supervision: Text | None = None
    led_by: Text | None = None
    stories: list[Id] = []

    # Set by the loader: the year of the file, the entry's place in it.
    _year: int = PrivateAttr(default=0)
    _line: int = PrivateAttr(default=0)
    _index: int = PrivateAttr(default=0)

    @property
    def year(self) -> int:
        return self._year

    @property
    def line(self) -> int:
        return self._line

    @property
    def index(self) -> int:
        return self._index

    @property
    def is_answered(self) -> bool:
        return self.status in ANSWERED_STATUSES

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value):
        # 编号 12 written without quotes is still the 编号 "12".
        return str(value) if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else value

    @field_validator("session")
    @classmethod
    def _session(cls, value: str) -> str:
        # 十届五次会议, 市十届人大五次会议…, or a suggestion made between sessions.
        if value != "闭会期间" and not value.endswith("会议"):
            raise ValueError("session_format")
        return value

    @model_validator(mode="after")
    def _handling(self) -> Suggestion:
        # The field after the colon is where the finding points.
        if self.is_answered and self.answer is None:
            raise ValueError("answer_missing:status")
        if not self.is_answered and self.answer is not None:
            raise ValueError("answer_early:answer")
        if not self.is_answered and self.satisfaction != "未反馈":
            raise ValueError("satisfaction_early:satisfaction")
        if not self.is_answered and self.answered is not None:
            raise ValueError("answered_early:answered")
        if self.answered is not None and self.answered < self.assigned:
            raise ValueError("answered_before_assigned:answered")
        if self.lead in self.cosigners:
            raise ValueError("lead_cosigns:cosigners")
        if self.unit in self.co_units:
            raise ValueError("unit_twice:co_units")
        return self

    def people(self) -> list[str]:
        return [self.lead, *self.cosigners]

    def units(self) -> list[str]:
        return [self.unit, *self.co_units]


# ------------------------------------------------------------------ loading

@dataclass(frozen=True)
class SuggestionYear:
    """What one year file gave: its valid suggestions, and the lines of the
    entries held back (each also reported as a finding)."""

    year: int
    items: tuple[Suggestion, ...]
    src: Source
    findings: tuple[Finding, ...]
    bad_lines: tuple[int, ...]


def load_suggestion_year(file: Path, display: str) -> SuggestionYear:
    """A bad entry holds back only itself; a file that cannot be read at all
    raises a `CongressError`."""
    year, src = read_year_file(file, display, "建议")
    if not isinstance(src.data, list):
        raise CongressError(Finding(display, 1, 1, "not-a-list", "建议文件应是一个列表，每件建议以“- number:”开头",
                                    "请对照 content/suggestions/ 中的示例，或用 congress import suggestions 从表格生成"))
    items, findings, bad, seen = [], [], [], {}
    for i, entry in enumerate(src.data):
        line = src.where((i,))[0]
        try:
            item = _validate(Suggestion, src, entry, (i,))
        except CongressError as exc:
            findings.extend(exc.findings)
            bad.append(line)
            continue
        if item.number in seen:
            at, col = src.where((i, "number"))
            findings.append(Finding(display, at, col, "duplicate-number",
                                    f"建议编号“{item.number}”在{year}年重复（第{seen[item.number]}行已有）",
                                    "同一年的建议编号不能重复，请核对办理系统中的编号"))
            bad.append(line)
            continue
        seen[item.number] = line
        item._year, item._line, item._index = year, line, i
        items.append(item)
    return SuggestionYear(year, tuple(items), src, tuple(findings), tuple(bad))


# -------------------------------------------------------------------- rates

def percent(numerator: int, denominator: int) -> str:
    """A share as the site prints it: one decimal, rounded half up, without a
    trailing .0 (92.5%, 100%); a dash when nothing is counted yet."""
    if denominator <= 0:
        return "—"
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def text(self) -> str:
        return percent(self.numerator, self.denominator)

    @property
    def share(self) -> float | None:
        """0…1 for drawing; None when there is nothing to count."""
        return self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True)
class Tally:
    """Counts and rates of a group of suggestions (a year, a representative,
    a handling unit). 办结率 = 已办结 / 总数; 满意率 = (满意 + 基本满意) / 已反馈,
    where 已反馈 counts the suggestions whose 领衔代表 gave a verdict."""

    total: int
    by_status: dict[str, int]
    by_answer: dict[str, int]
    by_satisfaction: dict[str, int]

    @property
    def done(self) -> Rate:
        return Rate(self.by_status["已办结"], self.total)

    @property
    def verdicts(self) -> int:
        return sum(self.by_satisfaction[s] for s in VERDICTS)

    @property
    def satisfied(self) -> Rate:
        return Rate(self.by_satisfaction["满意"] + self.by_satisfaction["基本满意"], self.verdicts)

    @property
    def answered(self) -> int:
        return sum(self.by_answer.values())

    def answer_share(self, cls: str) -> Rate:
        return Rate(self.by_answer[cls], self.answered)


def tally(items: Iterable[Suggestion]) -> Tally:
    items = list(items)
    status = Counter(s.status for s in items)
    answer = Counter(s.answer for s in items if s.answer)
    verdict = Counter(s.satisfaction for s in items)
    return Tally(
        total=len(items),
        by_status={k: status[k] for k in SUGGESTION_STATUSES},
        by_answer={k: answer[k] for k in ("A", "B", "C")},
        by_satisfaction={k: verdict[k] for k in SATISFACTIONS},
    )

