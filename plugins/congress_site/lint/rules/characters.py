"""Characters: traditional forms in simplified text (OpenCC), full-width
digits and letters, look-alike radicals and compatibility ideographs that
PDF extraction produces, and characters far outside everyday use."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from .. import lexicon, patterns
from .base import ERROR, INFO, WARNING, Context, Hit

_FULLWIDTH = patterns.compile("[０-９Ａ-Ｚａ-ｚ]+")
_COMPAT = patterns.compile("[\u2e80-\u2fdf\u31c0-\u31ef\uf900-\ufaff\U0002f800-\U0002fa1f]")
_EXTENSION = patterns.compile("[\u3400-\u4dbf\U00020000-\U0002f7ff\U00030000-\U0003134f]")


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for m in _FULLWIDTH.finditer(text):
        half = m.group().translate(_HALF)
        yield Hit(m.start(), m.end(), "fullwidth-alnum",
                  f"全角数字或字母“{m.group()}”", f"改为半角“{half}”", half, ERROR)
    for m in _COMPAT.finditer(text):
        ch = m.group()
        normal = unicodedata.normalize("NFKC", ch)
        fixable = len(normal) == 1 and normal != ch and "\u4e00" <= normal <= "\u9fff"
        yield Hit(m.start(), m.end(), "lookalike-char",
                  f"“{ch}”是外形相同的部首或兼容汉字（U+{ord(ch):04X}），不是普通汉字，会影响检索",
                  f"改为普通汉字“{normal}”" if fixable else "请重新输入这个字",
                  normal if fixable else None, ERROR)
    yield from _traditional(text, ctx.chars)
    yield from _rare(text, ctx.chars)


_HALF = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}


_SENTENCE_END = patterns.compile(r"[。！？\n]")


def _traditional(text: str, chars: frozenset[str]) -> Iterator[Hit]:
    # a set intersection runs in C; a regex of 4,000 characters does not
    present = chars & lexicon.all_traditional()
    if not present:
        return
    spots = [m.start() for m in lexicon.chars_re(present).finditer(text)]
    sure, ambiguous = lexicon.traditional_chars()
    converter = lexicon.t2s()
    done_until = -1
    for spot in spots:
        if spot < done_until:
            continue
        # convert the whole sentence: OpenCC's phrase tables need context
        start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, spot - 200), spot)), default=max(0, spot - 200))
        m = _SENTENCE_END.search(text, spot)
        end = m.start() if m else len(text)
        done_until = end
        original = text[start:end]
        converted = converter.convert(original)
        if len(converted) != len(original):
            converted = "".join(converter.convert(c) for c in original)
        for k, (a, b) in enumerate(zip(original, converted, strict=True)):
            if a == b:
                continue
            i = start + k
            if a in sure:
                yield Hit(i, i + 1, "traditional-char", f"“{a}”是繁体字", f"改为简体“{b}”", b, ERROR)
            elif a in ambiguous:
                yield Hit(i, i + 1, "traditional-char", f"“{a}”在这里可能是繁体用法",
                          f"如不是人名、地名等特殊用法，改为“{b}”", None, WARNING)


def _rare(text: str, chars: frozenset[str]) -> Iterator[Hit]:
    for m in _EXTENSION.finditer(text):
        yield Hit(m.start(), m.end(), "rare-char",
                  f"“{m.group()}”是生僻字（扩展区汉字），常见于识别或输入错误，部分设备无法显示",
                  "核对原稿；如确为人名、地名用字，可在本行关闭此项检查", None, WARNING)
    present = chars & lexicon.rare_chars()
    if not present:
        return
    for m in lexicon.chars_re(present).finditer(text):
        yield Hit(m.start(), m.end(), "rare-char",
                  f"“{m.group()}”不是常用字，请核对是否为识别或输入错误",
                  "核对原稿；如确为人名、地名用字，可加入 content/style/allow.txt", None, INFO)
