"""House style of law texts and of copy that cites them: article numbers
in Chinese numerals (第十二条, not 第12条), one full-width space between an
article's or chapter's number and its text (第一条　为了……), and 《》
around the name of a law that is cited (根据《中华人民共和国立法法》)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import patterns
from ..chars import HSPACE
from .base import WARNING, Context, Hit

# the model's patterns are compiled from the stored programs too
_lawtext = patterns.import_module("congress_site.model.lawtext")
NUMERAL, cn_numeral = _lawtext.NUMERAL, _lawtext.cn_numeral

# 第12条, 第１２条, 第3章: a number of a law's part in Arabic digits.
_ARABIC = patterns.compile(r"第([0-9０-９]{1,4})(条|章|节|款|项)")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
# A heading at the start of a line and the space after it.
HEADING_GAP = patterns.compile(rf"(?m)^(第[{NUMERAL}0-9]+[章节条])([{HSPACE}]+)(?=\S)")
# A law cited without 《》: the full name of a national law anywhere, and
# any 法 or 条例 named right after a word that cites (根据, 依照 …). "本法",
# "本条例" and "有关法律" are no names, nor is 宪法 in "依照宪法和法律", a
# phrase, not a citation.
_NATIONAL = patterns.compile(r"(?<!《)中华人民共和国[\u4e00-\u9fff]{1,20}法(?!》)")
_CITED = patterns.compile(r"(?:根据|依照|依据|按照|违反|适用|参照)(?![《本该其上有相各于此这那前下])"
                          r"([\u4e00-\u9fff]{2,24}?(?:条例|法))(?=第|的|规定|有关|等|和|及|[^\u4e00-\u9fff]|$)")


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    if "第" in text:
        for m in _ARABIC.finditer(text):
            number = int(m.group(1).translate(_FULLWIDTH))
            if not 1 <= number <= 9999:
                continue
            right = f"第{cn_numeral(number)}{m.group(2)}"
            yield Hit(m.start(), m.end(), "article-number",
                      f"法规的条、章、节、款、项序号用汉字数字：应为“{right}”", f"改为“{right}”", right, WARNING)
        for m in HEADING_GAP.finditer(text):
            if m.group(2) != "\u3000":
                yield Hit(m.start(2), m.end(2), "article-space",
                          f"“{m.group(1)}”与后面的文字之间应空一个全角空格", "改为一个全角空格", "\u3000", WARNING)
    if "法" in text or "条例" in text:
        seen = set()
        for m in _NATIONAL.finditer(text):
            seen.add(m.start())
            yield _title_hit(m.start(), m.end(), m.group())
        for m in _CITED.finditer(text):
            if m.start(1) not in seen and not _inside_national(text, m.start(1)):
                yield _title_hit(m.start(1), m.end(1), m.group(1))


def _inside_national(text: str, at: int) -> bool:
    return text.startswith("中华人民共和国", at)


def _title_hit(start: int, end: int, name: str) -> Hit:
    return Hit(start, end, "law-title", f"引用法律法规的名称应加书名号：《{name}》", f"改为《{name}》",
               f"《{name}》", WARNING)


def heading_gap(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is the space after a line-opening 第X条 or
    第X章: the law-text layout, which this rule checks, not a stray space."""
    line = text.rfind("\n", 0, start) + 1
    m = HEADING_GAP.match(text, line)
    return bool(m and m.start(2) == start and m.end(2) == end)
