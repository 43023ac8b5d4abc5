"""The structure of a law text: 第X章, 第X节 and 第X条 in a Markdown
document, their numbers read from Chinese numerals, and the numbering
checked (articles run on across chapters from 第一条; chapters from 第一章;
sections restart in each chapter).

The same recognition gives the published page its anchors (`chapter-3`,
`chapter-3-section-1`, `article-12`), so a link to an article found by the
parser is a link the page has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二三四五六七八九十百千两"
_WRITTEN = f"[{NUMERAL}]+|[0-9０-９]+"
# A heading line: optional Markdown heading marks or bold, then 第…章/节/条.
# Chapter and section lines carry a title; an article line its first 款.
HEADING = re.compile(rf"^(?P<lead>[ \t\u3000]*(?:#{{1,6}}[ \t]+)?(?:\*\*)?)第(?P<num>{_WRITTEN})(?P<unit>[章节条])")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral as law texts write them (一百九十九,
    一百零五, 十二, 两千), or of Arabic digits; None when it is no number."""
    text = text.translate(_FULLWIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in "零〇":  # a gap in the places (一百零五): holds no value
            if digit is not None:
                return None
            continue
        if ch in DIGITS:
            if digit is not None:  # two digits in a row (一二) is no numeral
                return None
            digit = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit is not None:
        total += digit
    return total or None


def cn_numeral(n: int) -> str:
    """The standard way to write 1 ≤ n ≤ 9999 in a law text: 十二, 二十,
    一百零五, 一百一十, 一千零一."""
    if not 1 <= n <= 9999:
        raise ValueError(n)
    digits = "零一二三四五六七八九"
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        parts.append(digits[d] + unit)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


@dataclass
class Article:
    number: int
    line: int
    chapter: int | None = None

    @property
    def label(self) -> str:
        return f"第{cn_numeral(self.number)}条"

    @property
    def anchor(self) -> str:
        return f"article-{self.number}"


@dataclass
class Section:
    number: int
    title: str
    line: int
    chapter: int
    first: int | None = None  # the first article's number
    last: int | None = None

    @property
    def label(self) -> str:
        return f"第{cn_numeral(self.number)}节"

    @property
    def anchor(self) -> str:
        return f"chapter-{self.chapter}-section-{self.number}"


@dataclass
class Chapter:
    number: int
    title: str
    line: int
    first: int | None = None
    last: int | None = None
    sections: list[Section] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"第{cn_numeral(self.number)}章"

    @property
    def anchor(self) -> str:
        return f"chapter-{self.number}"

    @property
    def span(self) -> str:
        """Which articles the chapter holds, as a reader says it."""
        if self.first is None:
            return ""
        if self.first == self.last:
            return f"第{cn_numeral(self.first)}条"
        return f"第{cn_numeral(self.first)}条至第{cn_numeral(self.last)}条"  # type: ignore[arg-type]


@dataclass(frozen=True)
class Problem:
    """A numbering problem at a line (1-based) and column of the text."""

    line: int
    column: int
    code: str
    message: str
    fix: str


@dataclass
class LawText:
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)


def _numbering_problem(unit: str, got: int, want: int, seen_at: int | None, line: int, col: int,
                       scope: str = "") -> Problem:
    got_label, want_label = f"第{cn_numeral(got)}{unit}", f"第{cn_numeral(want)}{unit}"
    if seen_at is not None:
        return Problem(line, col, f"{_CODES[unit]}-duplicate",
                       f"{scope}{got_label}重复：第{seen_at}行已有{got_label}",
                       f"这里应为{want_label}，请重新编号")
    if got < want:
        return Problem(line, col, f"{_CODES[unit]}-order", f"{scope}{got_label}排在了后面，这里应为{want_label}",
                       "请按顺序重新编号")
    before = f"第{cn_numeral(want - 1)}{unit}之后" if want > 1 else "开头"
    return Problem(line, col, f"{_CODES[unit]}-gap",
                   f"{scope}编号不连续：{before}应为{want_label}，这里是{got_label}",
                   "请补上缺少的条文或重新编号")


_CODES = {"章": "chapter", "节": "section", "条": "article"}


def parse_law_text(text: str) -> LawText:
    """Chapters, sections and articles of `text` (Markdown), with every
    numbering problem at its line. Lines inside fenced code are skipped."""
    out = LawText()
    chapter: Chapter | None = None
    seen: dict[str, dict[int, int]] = {"章": {}, "条": {}}
    section_seen: dict[int, int] = {}
    fenced = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if not m:
            continue
        written, unit = m.group("num"), m.group("unit")
        col = len(m.group("lead")) + 1
        number = cn_number(written)
        if number is None or number > 9999:
            out.problems.append(Problem(lineno, col, f"{_CODES[unit]}-numeral",
                                        f"“第{written}{unit}”不是有效的编号", f"请写成 第一{unit}、第十二{unit} 这样的汉字数字"))
            continue
        if not written.isdigit() and written.translate(_FULLWIDTH_DIGITS) == written and cn_numeral(number) != written:
            out.problems.append(Problem(lineno, col, f"{_CODES[unit]}-numeral",
                                        f"“第{written}{unit}”不是规范的写法", f"应为“第{cn_numeral(number)}{unit}”"))
        rest = line[m.end():].strip(" \t\u3000*#")
        if unit == "章":
            want = (out.chapters[-1].number + 1) if out.chapters else 1
            if number != want:
                out.problems.append(_numbering_problem("章", number, want, seen["章"].get(number), lineno, col))
            seen["章"].setdefault(number, lineno)
            chapter = Chapter(number=number, title=_title(rest), line=lineno)
            out.chapters.append(chapter)
            section_seen = {}
        elif unit == "节":
            if chapter is None:
                out.problems.append(Problem(lineno, col, "section-outside", "“节”须在某一章之内",
                                            "请在这一节之前写出所属的章"))
                continue
            want = (chapter.sections[-1].number + 1) if chapter.sections else 1
            if number != want:
                out.problems.append(_numbering_problem("节", number, want, section_seen.get(number), lineno, col,
                                                       scope=f"{chapter.label}的"))
            section_seen.setdefault(number, lineno)
            chapter.sections.append(Section(number=number, title=_title(rest), line=lineno, chapter=chapter.number))
        else:
            want = (out.articles[-1].number + 1) if out.articles else 1
            if number != want:
                out.problems.append(_numbering_problem("条", number, want, seen["条"].get(number), lineno, col))
            seen["条"].setdefault(number, lineno)
            article = Article(number=number, line=lineno, chapter=chapter.number if chapter else None)
            out.articles.append(article)
            for holder in (chapter, chapter.sections[-1] if chapter and chapter.sections else None):
                if holder is not None:
                    holder.first = number if holder.first is None else holder.first
                    holder.last = number
    return out


def _title(rest: str) -> str:
    # Printed titles are often letter-spaced (总　　则): the title is the words.
    return re.sub(r"[ \t\u3000]+", "", rest)


# ------------------------------------------------------------ for the page

def law_markdown(text: str) -> str:
    """A law text as Markdown that renders one paragraph per line (texts
    pasted from Word or PDF keep each 款 and 项 on its own line, which
    Markdown would run together). Chapter and section lines become plain
    paragraphs even when written as Markdown headings: `anchor_html` makes
    them headings with their own anchors, and the engine's table of
    contents never sees them under other names. Tables, lists, quotes and
    fenced code are left as they are."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or stripped.startswith(("```", "~~~")):
            out.append(line)
            continue
        m = HEADING.match(line)
        if m and m.group("unit") in "章节":
            out += [stripped.lstrip("#").strip().replace("**", ""), ""]
            continue
        out.append(line)
        if stripped and not stripped.startswith(("|", "- ", "* ", "+ ", ">")) and not re.match(r"\d+\. ", stripped):
            out.append("")
    return "\n".join(out)


_PART = re.compile(r"<p>(?P<text>第(?P<num>" + _WRITTEN + r")(?P<unit>[章节])[^<]*)</p>")
_ARTICLE = re.compile(r"<p(?P<attrs>(?:\s[^>]*)?)>(?P<bold><strong>)?第(?P<num>" + _WRITTEN + r")条")


def anchor_html(body: str) -> str:
    """Give each chapter, section and article of a rendered law text its
    anchor: 第N章 becomes an h2 with `id="chapter-N"`, a section an h3 with
    `id="chapter-N-section-M"`, and the paragraph that opens 第N条 gets
    `id="article-N"` with its number set in bold. Numbers come from the same
    reading as the parser's."""
    chapter = 0

    def part(m: re.Match) -> str:
        nonlocal chapter
        number = cn_number(m.group("num"))
        if number is None:
            return m.group(0)
        if m.group("unit") == "章":
            chapter = number
            return f'<h2 id="chapter-{number}" class="cx-law-chapter">{m.group("text")}</h2>'
        return f'<h3 id="chapter-{chapter}-section-{number}" class="cx-law-section">{m.group("text")}</h3>'

    def article(m: re.Match) -> str:
        number = cn_number(m.group("num"))
        if number is None:
            return m.group(0)
        label = f"第{m.group('num')}条"
        start = f'<p{m.group("attrs")} id="article-{number}" class="cx-article"><strong class="cx-article__num">{label}'
        return start if m.group("bold") else start + "</strong>"

    return _ARTICLE.sub(article, _PART.sub(part, body))
