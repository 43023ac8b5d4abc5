"""What a rule returns, and the context it reads."""

from __future__ import annotations

from dataclasses import dataclass

from ...findings import Severity
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


def _class_test(chars: str):
    import re

    pattern = re.compile(f"[{chars}]")
    return lambda ch: bool(ch) and pattern.match(ch) is not None


is_han = _class_test(HAN)
is_cjk = _class_test(CJK)
is_fw_close = _class_test(FW_CLOSE)


def char_at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


def quote(s: str) -> str:
    """Show a character or fragment in a message, making spaces visible."""
    visible = s.replace("\u3000", "［全角空格］").replace("\t", "［制表符］").replace("\u00a0", "［不换行空格］")
    if visible.strip(" ") == "":
        return "［空格］"
    return f"“{visible}”"
