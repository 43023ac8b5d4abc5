"""What a rule returns, and the context it reads."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ...findings import Severity
from .. import patterns
from ..chars import CJK, FW_CLOSE, HAN
from ..config import LintConfig
from ..markdown import Prose

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(slots=True)
class Hit:
    """A problem in prose coordinates. `replacement`, when set, is a safe
    mechanical fix for text[start:end] that `congress fix` may apply."""

    start: int
    end: int
    code: str
    message: str
    advice: str | None = None
    replacement: str | None = None
    severity: Severity = ERROR


@dataclass
class Context:
    prose: Prose
    config: LintConfig

    @property
    def text(self) -> str:
        return self.prose.text

    @cached_property
    def chars(self) -> frozenset[str]:
        """The characters the text holds, for rules that first ask whether
        any character of a list occurs at all: built once, not per rule."""
        return frozenset(self.prose.text)


def _class_test(chars: str):
    pattern = patterns.compile(f"[{chars}]")
    return lambda ch: bool(ch) and pattern.match(ch) is not None


is_han = _class_test(HAN)
is_cjk = _class_test(CJK)
is_fw_close = _class_test(FW_CLOSE)


def char_at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


def space_name(s: str) -> str:
    """What kind of space a run is, for a message."""
    if "\u3000" in s:
        return "全角空格"
    if "\t" in s:
        return "制表符"
    if "\u00a0" in s:
        return "不换行空格"
    return "空格"
