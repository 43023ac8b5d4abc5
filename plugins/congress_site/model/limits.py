"""Limits on a story body's shape, checked before Markdown ever sees it.

Python-Markdown recurses once per level of nested lists and quotes (a few
hundred levels crash the build with RecursionError) and its inline parser
slows down quadratically on long runs of `[` or of unclosed tags in one
paragraph (50,000 `[` took seven minutes); closed tags and HTML blocks stay
linear and are not limited. No real story comes near these
limits; a body that does is refused with a finding instead of stalling or
crashing the build.
"""

from __future__ import annotations

import re

from .source import error

MAX_NESTING = 32
MAX_BRACKETS = 300          # "[" in one paragraph
MAX_UNCLOSED = 200          # "<tag" with no ">" before the next "<" or line end

_PREFIX = re.compile(r"^[ \t>*+\-0-9.)]*")
_MARKER = re.compile(r"(?:^|[ \t>])(?:[*+\-]|\d+[.)])(?=[ \t])")
# A line that starts with more prefix characters than the nesting limit:
# the first line, or one after a newline. Written without `^` and
# re.MULTILINE, which the regex engine tries at every character, so that
# it can jump from newline to newline instead (six times faster on a story).
_DEEP_PREFIX = rf"[ \t>*+\-0-9.)]{{{MAX_NESTING + 1}}}"
_DEEP_FIRST = re.compile(_DEEP_PREFIX)
_DEEP_LATER = re.compile("\n" + _DEEP_PREFIX)
_UNCLOSED = re.compile(r"<[A-Za-z][^<>\n]*(?=<|\n|$)")
_FIX = "正文请按普通文章书写：列表和引用不要层层嵌套，不要粘贴大段网页代码或成串的方括号"


def check_body(body: str, display: str, line_offset: int = 0) -> None:
    """Raise a `CongressError` (code body-too-complex) at the first line of
    `body` that goes past a limit; `line_offset` is the file line before
    the body."""
    if _plainly_within(body):
        return
    block_start, brackets, unclosed = 0, 0, 0
    for number, line in enumerate(body.split("\n")):
        if not line.strip():
            block_start, brackets, unclosed = number + 1, 0, 0
            continue
        prefix = _PREFIX.match(line).group()
        spaces = sum(1 for ch in prefix.expandtabs(4) if ch == " ")
        depth = prefix.count(">") + len(_MARKER.findall(prefix)) + spaces // 4
        if depth > MAX_NESTING:
            _refuse(display, line_offset + number + 1, "列表或引用嵌套过深")
        brackets += line.count("[")
        unclosed += len(_UNCLOSED.findall(line))
        if brackets > MAX_BRACKETS or unclosed > MAX_UNCLOSED:
            _refuse(display, line_offset + block_start + 1, "这一段中的方括号或未闭合的网页标签过多")


def _plainly_within(body: str) -> bool:
    """Whether no limit can be reached, without walking the lines (nearly
    every story): a level of nesting takes at least one character of a
    line's prefix, and a paragraph's counts are at most the body's."""
    return (body.count("[") <= MAX_BRACKETS and body.count("<") <= MAX_UNCLOSED
            and _DEEP_FIRST.match(body) is None and _DEEP_LATER.search(body) is None)


def _refuse(display: str, line: int, what: str) -> None:
    raise error(display, line, 1, "body-too-complex", f"正文结构异常（{what}），无法安全排版", _FIX)
