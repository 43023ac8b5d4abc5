"""Meetings of the 人大 and its 常委会: a 人民代表大会会议, a 常委会会议 or a
主任会议, numbered by 届 and 次, with its agenda, its documents (会议议程,
公告, 决议, 决定, 任免名单) and the appointments it made.

The title is never typed: it is written from the jurisdiction, the kind and
the two numbers in Chinese numerals, as every 人大 office writes it
(示例市第十届人民代表大会常务委员会第二十三次会议).
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .records import DocumentEntry, Id, Record, Text
from .vocab import APPOINTING, MAX_TERM, AppointmentAction, MeetingDocumentKind, MeetingKind

_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三, 105 → 一百零五: numbers as 届, 次
    and 公告 numbers are written."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else
                                     ("一" + cn_numeral(rest) if rest < 20 else cn_numeral(rest)))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


class AgendaItem(Record):
    """One item of business; it may concern a law, an oversight record or
    one of the meeting's documents (by its file name)."""

    title: Text
    legislation: Id | None = None
    oversight: Id | None = None
    document: Text | None = None


class MeetingDocument(DocumentEntry):
    """A document of the meeting, published beside its record
    (content/meetings/<id>/<file>, model/documents.py). A 公告 carries its
    number (第N号, counted within the 届) and, when it promulgates a law,
    the law's record id."""

    kind: MeetingDocumentKind
    number: int | None = Field(default=None, ge=1, le=999)
    legislation: Id | None = None


class Appointment(Record):
    """One line of a 任免名单."""

    action: AppointmentAction
    name: Text
    position: Text
    profile: Id | None = None

    @property
    def appointing(self) -> bool:
        return self.action in APPOINTING

    def parts(self) -> tuple[str, str, str]:
        """The sentence around the name: (决定任命, 易书桐, 为示例市民政局局长),
        (免去, 练东平, 的示例市人民检察院检察员职务), (接受, 某某, 辞去……职务)."""
        if self.appointing:
            return self.action, self.name, f"为{self.position}"
        if self.action == "接受辞职":
            return "接受", self.name, f"辞去{self.position}职务"
        return self.action, self.name, f"的{self.position}职务"

    def sentence(self) -> str:
        return "".join(self.parts())


class Meeting(Record):
    id: Id
    kind: MeetingKind
    # 届 and 次 as numbers; whether they fit the kind and the other
    # meetings is checked with the records (model/institution.py).
    term: int = Field(ge=1, le=MAX_TERM)
    session: int = Field(ge=1, le=999)
    date: dt.date
    end: dt.date | None = None
    place: Text
    summary: Text | None = None
    agenda: list[AgendaItem] = []
    documents: list[MeetingDocument] = []
    appointments: list[Appointment] = []
    # Representatives who attended (列席) or reported: their profiles list the meeting.
    participants: list[Id] = []

    @property
    def last_day(self) -> dt.date:
        return self.end or self.date

    def days(self) -> list[dt.date]:
        return [self.date + dt.timedelta(days=i) for i in range((self.last_day - self.date).days + 1)]

    def title(self, place: str = "") -> str:
        """The full title, with the jurisdiction's name in front."""
        term, n = cn_numeral(self.term), cn_numeral(self.session)
        if self.kind == "人民代表大会会议":
            return f"{place}第{term}届人民代表大会第{n}次会议"
        if self.kind == "常委会会议":
            return f"{place}第{term}届人民代表大会常务委员会第{n}次会议"
        return f"{place}第{term}届人民代表大会常务委员会第{n}次主任会议"

    @property
    def short_title(self) -> str:
        """十届人大五次会议 / 十届人大常委会第二十三次会议 / 十届人大常委会第五十八次主任会议."""
        term, n = cn_numeral(self.term), cn_numeral(self.session)
        if self.kind == "人民代表大会会议":
            return f"{term}届人大{n}次会议"
        if self.kind == "常委会会议":
            return f"{term}届人大常委会第{n}次会议"
        return f"{term}届人大常委会第{n}次主任会议"

    @property
    def announcements(self) -> list[MeetingDocument]:
        return [d for d in self.documents if d.kind == "公告"]

    def lastmod(self) -> dt.date:
        return max([self.last_day] + [d.date for d in self.documents])


def announcement_body(meeting: Meeting) -> str:
    """Who numbers a 公告: the 人代会 (its 主席团) and the 常委会 each keep
    their own series within a 届."""
    return "人民代表大会" if meeting.kind == "人民代表大会会议" else "人民代表大会常务委员会"


def announcement_title(meeting: Meeting, number: int, place: str = "") -> str:
    """示例市第十届人民代表大会常务委员会公告（第二十三号）"""
    return f"{place}第{cn_numeral(meeting.term)}届{announcement_body(meeting)}公告（第{cn_numeral(number)}号）"
