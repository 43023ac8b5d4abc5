"""Dashes: a Chinese dash is two em dashes “——”. Hyphens, box-drawing lines
and the character 一 that OCR and input methods leave in its place are
caught here; 一 as a numeral or inside a word (一是、一盘棋、统一、一老一小)
is left alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import lexicon, patterns
from ..chars import HAN, HSPACE, NUMERALS
from ..segment import best_split
from .base import ERROR, WARNING, Context, Hit, char_at, is_cjk

_OPENERS = "“《（【‘"
_CLOSERS = "”》）】’"
# Two-part fake dashes: --, ——— (too long), －－, ──, — — …
_FAKE_DOUBLE = patterns.compile(f"[{HSPACE}]*(?:[-－‐‑–─━]{{2,}}|—[{HSPACE}]+—|—{{3,}}|[-－─━]+—|—[-－─━]+)[{HSPACE}]*")
# One hyphen-like mark between Chinese words.
_HYPHEN = patterns.compile(f"(?<=[{HAN}{_CLOSERS}])[{HSPACE}]*[-－‐‑–─━][{HSPACE}]*(?=[{HAN}{_OPENERS}])")
_YI = patterns.compile(f"(?<=[{HAN}{_CLOSERS}])一一?(?=[{HAN}{_OPENERS}])|(?:^|(?<=\\n))[{HSPACE}]*一一?(?=记|访|写|谈)")

# Verbs jieba tags as nouns that often follow the adverb 一一.
ADVERB_VERBS = {"记录", "登记", "答复", "回复", "介绍", "说明", "核实", "对应", "解答", "反馈", "处理",
                "检查", "回访", "比对", "列举", "列出", "对照", "核对", "点评", "握手", "道别", "作答", "落实", "兑现", "化解", "破解"}
FUNCTION_VERBS = {"让", "使", "是", "有", "在", "要", "会", "能", "把", "被", "将"}
SINGLE_VERBS = set("问看听说讲记写读念查找送发交签握答谢拜访")
_YI_BEFORE = set("这那每哪某同另单唯统专逐其之万划归合")  # 这一、唯一、统一、之一
MEASURE = set("个名位项次件条批家种类些点份场届年月天日周期层方面支队座所台辆把张片块段句声口头只本部套组封篇首道股群对双步线轮任批")


_DASHLIKE = patterns.compile("[-－‐‑–─━—]")


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    fake_spans: list[tuple[int, int]] = []
    if "一" in text:
        in_chains: set[int] = set()
        for hit in _yi_chains(text):
            in_chains.add(hit.start)
            yield hit
        yield from (h for h in _yi(text) if h.start not in in_chains)
    if not _DASHLIKE.search(text):
        return
    for m in _FAKE_DOUBLE.finditer(text):
        left, right = char_at(text, m.start() - 1), char_at(text, m.end())
        if not (is_cjk(left) or is_cjk(right)):
            continue
        fake_spans.append((m.start(), m.end()))
        yield Hit(m.start(), m.end(), "dash", f"破折号应为两个连写的“—”，不是“{m.group().strip()}”",
                  "改为“——”", "——", ERROR)
    for m in _HYPHEN.finditer(text):
        if any(a <= m.start() < b for a, b in fake_spans):
            continue
        yield Hit(m.start(), m.end(), "dash",
                  f"中文之间用了连字符“{m.group().strip()}”：破折号应为“——”",
                  "改为“——”（如表示起止，用“—”或“至”）", "——", ERROR)


# 收集一交办一督办一反馈: steps of two to six characters joined by a 一 that
# OCR or an input method left for a dash.
_HAN_RUN = patterns.compile("[\u4e00-\u9fff]{5,}")
_QUOTED_PAIR = patterns.compile("(?<=[“‘（《【「])([\u4e00-\u9fff]{2,6})一([\u4e00-\u9fff]{2,6})(?=[”’）》】」])")
MIN_STEP, MAX_STEP = 2, 6


def _word_like(step: str) -> bool:
    """A step of a chain splits into known words, with at most a verb of
    one character in front (登记、分类处办、找原因), as the steps of a
    procedure do."""
    lx = lexicon.get()
    _score, words = best_split(step, lx.logp, may_join=lx.joinable(step).__getitem__)
    return all(len(w) >= 2 for w in words[1:]) and (len(words) > 1 or len(words[0]) >= 2)


def _ends_in_word(text: str, end: int) -> bool:
    lx = lexicon.get()
    return any(lx.logp(text[end - k:end]) is not None for k in range(MIN_STEP, MAX_STEP + 1) if end - k >= 0)


def _starts_with_word(text: str, start: int) -> bool:
    lx = lexicon.get()
    return any(lx.logp(text[start:start + k]) is not None for k in range(MIN_STEP, MAX_STEP + 1)
               if start + k <= len(text))


def _separator(text: str, i: int, strict: bool = True) -> bool:
    """The 一 at i may join two steps: not a numeral (一个、第一、十一) nor
    doubled (一一); with `strict`, not part of 统一、唯一、之一 either. In a
    chain of several steps 单一 or 一部 may be a step's edge (点单一代表接单、
    接单一部门办单): then the word after the 一 must be the likelier one."""
    before, after = char_at(text, i - 1), char_at(text, i + 1)
    if before in NUMERALS or after in NUMERALS or "一" in (before, after, char_at(text, i - 2), char_at(text, i + 2)):
        return False  # also 一对一、一村一品、一户一策
    if strict:
        return not (before in _YI_BEFORE or after in MEASURE)
    if after in MEASURE:
        lx = lexicon.get()
        step, measure = lx.logp(text[i + 1:i + 3]), lx.logp(text[i:i + 2])
        return step is not None and (measure is None or step > measure)
    return True


def _is_chain(text: str, seps: list[int]) -> bool:
    """Two joins: the step between them and the steps at both ends must be
    words. Three or more: the regular spacing says enough if most of the
    steps between them are words (登记一分办一督办一反馈)."""
    inner = [_word_like(text[a + 1:b]) for a, b in zip(seps, seps[1:], strict=False)]
    if len(seps) == 2:
        return inner[0] and _ends_in_word(text, seps[0]) and _starts_with_word(text, seps[-1] + 1)
    return 2 * sum(inner) >= len(inner)


def _yi_chains(text: str) -> Iterator[Hit]:
    """Chains of steps joined by 一: two joins or more, or one between two
    steps that fill a pair of quotes (“受理一办结”)."""
    spans: list[tuple[int, list[int]]] = []
    for m in _QUOTED_PAIR.finditer(text):
        i = m.end(1)
        if _separator(text, i) and _word_like(m.group(1)) and _word_like(m.group(2)):
            spans.append((m.start(), [i]))
    for m in _HAN_RUN.finditer(text):
        if "一" not in m.group():
            continue
        chain: list[int] = []
        for i in [*(i for i in range(m.start(), m.end()) if text[i] == "一" and _separator(text, i, False)), None]:
            if i is not None and (not chain or MIN_STEP <= i - chain[-1] - 1 <= MAX_STEP):
                chain.append(i)
                continue
            if len(chain) >= 2 and _is_chain(text, chain):
                spans.append((chain[0], chain))
            chain = [] if i is None else [i]
    for _start, seps in sorted(spans):
        a = seps[0]
        while a > 0 and seps[0] - a < MAX_STEP and _is_han(text[a - 1]):
            a -= 1
        b = seps[-1] + 1
        while b < len(text) and b - seps[-1] <= MAX_STEP and _is_han(text[b]):
            b += 1
        shown = text[a:b]
        fixed = "".join("——" if a + k in seps else ch for k, ch in enumerate(shown))
        for i in seps:
            yield Hit(i, i + 1, "dash-yi", f"“{shown}”中的“一”是误用的破折号（步骤之间应用“——”连接）",
                      f"改为“{fixed}”", None, ERROR)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _yi(text: str) -> Iterator[Hit]:
    for m in _YI.finditer(text):
        s, e = m.start(), m.end()
        while text[s] in HSPACE:
            s += 1
        if _yi_is_dash(text, s, e):
            yield Hit(s, e, "dash-yi", f"“{text[s:e]}”疑似误用作破折号",
                      "如为破折号改为“——”", None, WARNING)


def _covered_by_word(text: str, s: int, e: int) -> bool:
    """Some dictionary word (2+ chars) contains text[s:e] plus a neighbour."""
    words = lexicon.common_words()
    lo = max(0, s - 4)
    for a in range(lo, s + 1):
        for b in range(max(e, a + 2), min(len(text), a + 6) + 1):
            if (a < s or b > e) and text[a:b] in words:
                return True
    return False


def _next_word(text: str, e: int) -> tuple[str, str | None]:
    for n in range(min(4, len(text) - e), 0, -1):
        tag = lexicon.pos_tag(text[e:e + n])
        if tag:
            return text[e:e + n], tag
    return "", None


def _next_word_tag(text: str, e: int) -> str | None:
    return _next_word(text, e)[1]


def _yi_is_dash(text: str, s: int, e: int) -> bool:
    before, after = char_at(text, s - 1), char_at(text, e)
    at_line_start = s == 0 or text[:s].rstrip(HSPACE).endswith("\n")
    if at_line_start:
        return after in "记访写谈"
    if e - s == 2:
        return _double_yi_is_dash(text, s, e, before, after)
    if before in NUMERALS or before in _YI_BEFORE or after in NUMERALS or after in MEASURE:
        return False
    if before in _CLOSERS:
        return not _covered_by_word(text, s, e)  # ”一 : a dash typed as 一
    if before == after:  # 看一看、想一想
        return False
    if char_at(text, e + 1) == "一" or char_at(text, s - 2) in "一每":  # 一老一小、每日一问
        return False
    if text[e + 1:e + 3] == "了之":  # 一走了之、一罚了之
        return False
    if _covered_by_word(text, s, e):
        return False
    tag = _next_word_tag(text, e)
    if tag and tag.startswith(("v", "a", "d")):
        return False  # 一到…就、一听说: 一 before a verb means "as soon as"
    return not re.search("[就便才都]", text[e:e + 10])


def _double_yi_is_dash(text: str, s: int, e: int, before: str, after: str) -> bool:
    """一一 the adverb goes before a verb (一一落实、一一记录); after a closing
    mark or before anything else it is a dash typed as 一一."""
    if before in _CLOSERS:
        return True
    if before in "逐一" or before.isdigit():
        return False
    if after == "记" and char_at(text, e + 1) not in "下录在住得清好着载入":
        return True  # 一一记张晓岚代表: the subtitle dash of a feature
    for n in range(2, 5):
        word = text[e:e + n]
        tag = lexicon.pos_tag(word)
        if word in ADVERB_VERBS or (tag in ("v", "vn") and word not in FUNCTION_VERBS):
            return False
    return after not in SINGLE_VERBS
