"""Repeats: a character, word or phrase typed twice (的的、我们我们), and a
sentence pasted twice. Reduplication that Chinese uses on purpose (人人、
天天、一一、认认真真、研究研究) is recognised through jieba's dictionary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import lexicon, patterns
from ..chars import HAN, NUMERALS
from .base import ERROR, WARNING, Context, Hit, char_at

_CHAR = patterns.compile(f"([{HAN}])\\1+")
_WORD = patterns.compile(f"([{HAN}]{{2,12}}?)\\1")
# A phrase typed again after a line break (…就餐⏎就餐…), where the eye jumps
# back when copying, or after an enumeration comma (就餐、就餐等服务). After
# a comma the second one must end there: 社区、社区卫生服务中心 is a list.
# The phrase is all the Han characters up to the line break or comma (at
# most 12): each pattern first looks ahead for that without backtracking
# (possessive), so the many places where it cannot start fail at once.
_ACROSS_LINE = patterns.compile(f"(?=[{HAN}]{{1,12}}+[ \\t]*\\n)([{HAN}]{{1,12}})[ \\t]*\\n[ \\t]*\\1")
_LISTED_TWICE = patterns.compile(f"(?=[{HAN}]{{2,12}}+[、，])"
                                 f"(?:([{HAN}]{{2,12}})[、，][ \\t]*\\n?[ \\t]*\\1(?![{HAN}])"
                                 f"|([{HAN}]{{2,12}})[、，][ \\t]*\\n?[ \\t]*\\2(?=[等和及与]))")
# Where those two can match at all: before a line break or a comma that
# is followed by a Han character, the one the repeated phrase begins with.
# The phrase ends at the break (or its spaces) or the comma and is at most
# 12 characters long, so only its few possible starts are tried.
_BREAK = patterns.compile(f"\\n[ \\t]*([{HAN}])")
_COMMA = patterns.compile(f"[、，][ \\t]*\\n?[ \\t]*([{HAN}])")
_SENTENCE = patterns.compile(r"[^。！？!?\n]+[。！？!?]?")
_HAS_HAN = patterns.compile(f"[{HAN}]")

# Function words that Chinese never doubles.
NEVER_DOUBLED = set("的了在是和与及对把被将从向而并也就都于以之其或但由给让这那们地得吗呢吧啊所")
SUFFIX_ONLY = set("们")
# Two-character verbs that speech doubles on purpose (研究研究). Any other
# word typed twice in a news story is a slip.
REDUPLICATED_VERBS = {"研究", "讨论", "商量", "休息", "活动", "锻炼", "了解", "学习", "考虑", "打听",
                      "收拾", "交流", "比较", "介绍", "琢磨", "合计", "打扫", "整理", "检查", "练习",
                      "体验", "感受", "思考", "分析", "调查", "清理", "放松", "溜达", "串门"}
MEASURE_DOUBLED = set("个件条项家户人事处样次回步层村年月日天时声句点位份张片块道")
MIN_SENTENCE = 12
CLAUSE_START = set("、，；：。！？“（ \n")


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    words = lexicon.common_words()
    for m in _CHAR.finditer(text):
        ch, s, e = m.group(1), m.start(), m.end()
        if len(m.group()) == 2 and _intended_double(text, s, ch, words):
            continue
        severity = ERROR if ch in NEVER_DOUBLED or len(m.group()) > 2 else WARNING
        yield Hit(s + 1, e, "repeated-word", f"“{ch}”字重复", f"删去多余的“{ch}”", None, severity)
    for m in _WORD.finditer(text):
        unit = m.group(1)
        if len(set(unit)) == 1:
            continue  # one character doubled: handled above
        s, e = m.start(), m.end()
        if len(unit) == 2:
            if unit[0] in NUMERALS or unit in ("谢谢",):
                continue  # 一步一步、一点一点
            tag = lexicon.pos_tag(unit)
            if unit in REDUPLICATED_VERBS:
                continue  # 研究研究、商量商量：action verbs double on purpose
            if tag and tag in ("q", "m", "o", "e", "y"):
                continue
            if text[s:e] in words:
                continue
        yield Hit(s + len(unit), e, "repeated-word", f"“{unit}”连续出现两次",
                  f"删去重复的“{unit}”", None, ERROR if len(unit) >= 3 else WARNING)
    yield from _across(text)
    yield from _sentences(text, ctx.prose.body_start)


def _across(text: str) -> Iterator[Hit]:
    for m in _near(_ACROSS_LINE, _BREAK, text, 1):
        unit = m.group(1)
        yield Hit(m.end() - len(unit), m.end(), "repeated-word", f"“{unit}”在换行处重复出现",
                  f"删去重复的“{unit}”", None, ERROR)
    for m in _near(_LISTED_TWICE, _COMMA, text, 2):
        unit = m.group(1) or m.group(2)
        yield Hit(m.end() - len(unit), m.end(), "repeated-word", f"“{unit}”重复出现",
                  f"删去重复的“{unit}”", None, ERROR)


def _near(pattern: re.Pattern, marks: re.Pattern, text: str, least: int) -> Iterator[re.Match]:
    """What pattern.finditer(text) finds, when a match is a phrase of
    `least` to 12 characters ending just before a match of `marks` (or
    before the spaces that end its line) and repeated after it: tried only
    where such a phrase begins with the character that follows the mark."""
    pos = 0
    for mark in marks.finditer(text):
        at = mark.start()
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        first, end = mark.group(1), max(0, at - least + 1)  # never negative: find() counts those from the end
        start = text.find(first, max(pos, at - 12, 0), end)
        while start >= 0:
            found = pattern.match(text, start)
            if found is not None:
                yield found
                pos = found.end()
                break
            pos = start + 1
            start = text.find(first, start + 1, end)


def _intended_double(text: str, s: int, ch: str, words: dict) -> bool:
    """XX at s is legitimate: a dictionary word (人人、天天), part of a
    longer word (的的确确), AABB (认认真真), or two words that meet
    (工作|作风、人民|民主、目的|的)."""
    lo = max(0, s - 3)
    for a in range(lo, s + 1):
        for b in range(s + 3, min(len(text), a + 6) + 1):
            if text[a:b] in words:
                return True
    if char_at(text, s + 2) and char_at(text, s + 2) == char_at(text, s + 3):
        return True  # AABB: 认认真真、干干净净
    if s >= 2 and text[s - 2] == text[s - 1] and text[s - 1] != ch:
        return True  # the BB of AABB
    if ch in SUFFIX_ONLY:
        return False
    if char_at(text, s - 1) == "一" or (ch not in NEVER_DOUBLED and char_at(text, s + 2) in ("的", "地")):
        return True  # 一垄垄、一次次; 红彤彤的、水灵灵地 (ABB)
    if ch in MEASURE_DOUBLED:
        return True  # 件件、条条、家家户户: measure words double on purpose
    if (not char_at(text, s - 1) or char_at(text, s - 1) in CLAUSE_START) and lexicon.pos_tag(ch) == "v" \
            and any(text[s + 2:b] in words for b in range(s + 4, min(len(text), s + 6) + 1)):
        return True  # 看看材料、量量深度: a verb doubled at the head of a clause
    left = any(text[a:s + 1] in words for a in range(max(0, s - 4), s))
    if ch in NEVER_DOUBLED:
        return left
    right = any(text[s + 1:b] in words for b in range(s + 3, min(len(text), s + 6) + 1))
    if right and (left or (lexicon.pos_tag(ch) or "").startswith("n")):
        return True  # 工作|作风; a noun ending a name the lists lack (水利局|局长、海关|关长)
    if left and ch in lexicon.single_char_words() \
            and any(text[s + 2:b] in words for b in range(s + 4, min(len(text), s + 6) + 1)):
        return True  # 常委会|会|听取: a word by itself between two words
    return ch + ch in words


def _sentences(text: str, body_start: int | None) -> Iterator[Hit]:
    """A sentence repeated right after itself is a paste slip; one repeated
    further on in the body is worth a look. A summary or title in front
    matter may of course repeat a sentence of the body."""
    seen: dict[str, int] = {}
    last_end = -1
    last_key = None
    for m in _SENTENCE.finditer(text):
        key = m.group().strip().rstrip("。！？!?")
        if len(key) < MIN_SENTENCE or not _HAS_HAN.search(key):
            last_key = None
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        gap = text[last_end:start]
        in_body = body_start is not None and last_end >= body_start
        if last_key == key and gap.strip() == "" and (in_body or "\n\n" not in gap):
            yield Hit(start, m.end(), "repeated-sentence", "这一句与上一句完全相同，疑似重复粘贴",
                      "删去重复的句子", None, ERROR)
        elif key in seen and body_start is not None and seen[key] >= body_start:
            yield Hit(start, m.end(), "repeated-sentence", "这一句在前文已经出现过，疑似重复粘贴",
                      "确认是否需要重复", None, WARNING)
        seen.setdefault(key, start)
        last_key, last_end = key, m.end()
