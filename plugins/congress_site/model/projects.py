"""民生实事项目 voted by representatives (民生实事项目人大代表票决制): one file
per year (`content/projects/<year>.yml`). The government proposes candidate
projects; the 人民代表大会 votes on them (赞成, 反对, 弃权 per candidate) and
the elected ones are carried out through the year, reported as progress,
and rated by the representatives at a 满意度测评 once the year is over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from ..findings import CongressError, Finding
from .loader import _validate
from .records import Id, LongText, Record, Text
from .source import Source, error
from .suggestions import Name, Rate
from .yearfile import read_year_file


class Sitting(Record):
    """The meeting that voted or rated, and how many attended (实到)."""

    meeting: Text
    date: dt.date
    attendance: int | None = Field(default=None, ge=1)


class EvaluationSitting(Sitting):
    # Offices publish either the votes cast or the shares in per cent.
    scale: Literal["票数", "百分比"] = "票数"


class Votes(Record):
    in_favour: int = Field(ge=0)
    against: int = Field(default=0, ge=0)
    abstain: int = Field(default=0, ge=0)

    @property
    def total(self) -> int:
        return self.in_favour + self.against + self.abstain


class Progress(Record):
    date: dt.date
    percent: int = Field(ge=0, le=100)
    note: Text
    story: Id | None = None


class Verdict(Record):
    """满意度测评 of one project: votes, or per cent (see `EvaluationSitting.scale`)."""

    satisfied: float = Field(ge=0)
    basic: float = Field(default=0, ge=0)
    unsatisfied: float = Field(default=0, ge=0)

    @property
    def total(self) -> float:
        return self.satisfied + self.basic + self.unsatisfied


class Candidate(Record):
    id: Id
    title: Text
    responsible: Name  # 责任单位
    budget: float | None = Field(default=None, ge=0)  # 万元
    target: LongText | None = None
    votes: Votes
    elected: bool = False
    progress: list[Progress] = []
    evaluation: Verdict | None = None

    _line: int = PrivateAttr(default=0)
    _index: int = PrivateAttr(default=0)

    @model_validator(mode="after")
    def _carried_out(self) -> Candidate:
        if not self.elected and (self.progress or self.evaluation):
            raise ValueError("not_elected:" + ("progress" if self.progress else "evaluation"))
        for i in range(1, len(self.progress)):
            before, after = self.progress[i - 1], self.progress[i]
            if after.date < before.date or after.percent < before.percent:
                raise ValueError(f"progress_backwards:progress.{i}")
        return self

    @property
    def line(self) -> int:
        return self._line

    @property
    def index(self) -> int:
        return self._index

    @property
    def latest(self) -> Progress | None:
        return self.progress[-1] if self.progress else None


class ProjectYear(Record):
    vote: Sitting
    seats: int | None = Field(default=None, ge=1)
    evaluation: EvaluationSitting | None = None
    candidates: list[Candidate] = Field(min_length=1)

    _year: int = PrivateAttr(default=0)

    @property
    def year(self) -> int:
        return self._year

    def with_candidates(self, candidates: list[Candidate]) -> ProjectYear:
        """A copy holding only `candidates` (this record may be cached)."""
        copy = self.model_copy(update={"candidates": candidates})
        copy._year = self._year
        return copy

    @property
    def elected(self) -> list[Candidate]:
        return [c for c in self.candidates if c.elected]

    def rating(self, verdict: Verdict) -> str:
        """测评等次: 满意 when 满意 passes half of those who rated (the
        attendance where given), 基本满意 when 满意 and 基本满意 together do,
        else 不满意."""
        sitting = self.evaluation
        if sitting is not None and sitting.scale == "百分比":
            whole = 100.0
        else:
            whole = float(sitting.attendance) if sitting and sitting.attendance else verdict.total
        if verdict.satisfied * 2 > whole:
            return "满意"
        if (verdict.satisfied + verdict.basic) * 2 > whole:
            return "基本满意"
        return "不满意"

    def approval(self, verdict: Verdict) -> Rate | None:
        """满意率 of one project: (满意 + 基本满意) / all who rated. Only for
        votes; per cent figures are shown as published."""
        if self.evaluation is not None and self.evaluation.scale == "百分比":
            return None
        return Rate(int(verdict.satisfied + verdict.basic), int(verdict.total))


class _Head(ProjectYear):
    # The year without its candidates, which are validated one by one.
    candidates: list = []


@dataclass(frozen=True)
class ProjectsOfYear:
    year: int
    record: ProjectYear
    src: Source
    findings: tuple[Finding, ...]
    bad_lines: tuple[int, ...]


def load_project_year(file: Path, display: str) -> ProjectsOfYear:
    """A bad candidate holds back only itself; a file whose head (the vote,
    the evaluation) is wrong, or with no good candidate, is held back whole."""
    year, src = read_year_file(file, display, "民生实事项目")
    data = src.data
    if not isinstance(data, dict):
        raise error(display, 1, 1, "not-a-mapping", "民生实事项目文件应以 vote:、candidates: 等字段组成",
                    "请对照 content/projects/ 中的示例填写")
    raw = data.get("candidates")
    if not isinstance(raw, list) or not raw:
        line, col = src.where(("candidates",))
        raise error(display, line, col, "missing-field", "缺少候选项目（candidates），或它不是列表",
                    "每个候选项目以“- id:”开头，写明 title、responsible、votes")
    head = _validate(_Head, src, {**data, "candidates": []})
    findings: list[Finding] = []
    bad: list[int] = []
    good: list[Candidate] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(raw):
        line = src.where(("candidates", i))[0]
        try:
            item = _validate(Candidate, src, entry, ("candidates", i))
        except CongressError as exc:
            findings.extend(exc.findings)
            bad.append(line)
            continue
        problems = _against_year(item, head, src, i)
        if item.id in seen:
            at, col = src.where(("candidates", i, "id"))
            problems.append(Finding(display, at, col, "duplicate-id",
                                    f"候选项目编号“{item.id}”重复（第{seen[item.id]}行已有）", "请改用不同的编号"))
        if problems:
            findings.extend(problems)
            bad.append(line)
            continue
        seen[item.id] = line
        item._line, item._index = line, i
        good.append(item)
    if not good:
        raise CongressError(findings or [Finding(display, 1, 1, "no-candidates", "没有一个有效的候选项目", None)])
    elected = sum(1 for c in good if c.elected)
    if head.seats is not None and elected > head.seats:
        raise CongressError([*findings, _finding(src, ("seats",), "elected_over_seats")])
    # Candidates are already validated: pydantic keeps the instances as they are.
    record = ProjectYear.model_validate({"vote": head.vote, "seats": head.seats, "evaluation": head.evaluation,
                                         "candidates": good})
    record._year = year
    return ProjectsOfYear(year, record, src, tuple(findings), tuple(bad))


def _finding(src: Source, loc: tuple, key: str) -> Finding:
    from .errors import _model_errors

    code, message, fix = _model_errors(key)
    line, col = src.where(loc)
    return Finding(src.path, line, col, code, message, fix)


def _against_year(item: Candidate, head: ProjectYear, src: Source, i: int) -> list[Finding]:
    """What a candidate can only be checked against: the year's meetings."""
    at = ("candidates", i)
    out = []
    if head.vote.attendance is not None and item.votes.total > head.vote.attendance:
        out.append(_finding(src, at + ("votes",), "votes_over_attendance"))
    verdict, sitting = item.evaluation, head.evaluation
    if verdict is not None:
        if sitting is None:
            out.append(_finding(src, at + ("evaluation",), "evaluation_without_meeting"))
        elif sitting.scale == "百分比" and abs(verdict.total - 100) > 0.5:
            out.append(_finding(src, at + ("evaluation",), "percent_sum"))
        elif sitting.scale == "票数" and sitting.attendance is not None and verdict.total > sitting.attendance:
            out.append(_finding(src, at + ("evaluation",), "evaluation_over_attendance"))
    return out
